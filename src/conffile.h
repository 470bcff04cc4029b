/*
 * conffile.h - reading the line-oriented files invsync starts up with
 * (keymaps, themes, the config file): lines of blank-separated words,
 * '#' comments, and a diag "file:line: reason" for each bad line.
 */
#ifndef CONFFILE_H
#define CONFFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

#define CONFFILE_MAXWORDS	8

/*
 * Whether a word that starts with '#' at index n (word[0..n-1] are the
 * words before it) is a word rather than the start of a comment.
 */
typedef int	(*conffile_literal_fn)(char **word, int n);

/*
 * Apply one line of nword words to arg; on a bad line fill why (len
 * bytes) with the reason and return -1.
 */
typedef int	(*conffile_line_fn)(void *arg, char **word, int nword,
		    char *why, size_t len);

/* Apply one whole file to arg; -1 if it cannot be read. */
typedef int	(*conffile_load_fn)(void *arg, const char *path,
		    struct diags *);

struct conffile {
	const char		*path;
	int			 lineno;	/* 1-based, of word[] */
	char			*word[CONFFILE_MAXWORDS];
	int			 nword;		/* max + 1 if there were more */

	/* conffile.c's own. */
	FILE			*fp;
	char			*line;
	size_t			 size;
	int			 max;
	conffile_literal_fn	 literal;
};

/*
 * Open path to read lines of at most max words; literal may be NULL ('#'
 * always starts a comment). -1 with a diag if it cannot be opened.
 */
int	 conffile_open(struct conffile *, const char *path, int max,
	     conffile_literal_fn, struct diags *);
/* The next line with any words in it; 0 at the end of the file. */
int	 conffile_next(struct conffile *);
/* Report the current line as bad: "file:line: " and the reason. */
void	 conffile_reject(struct conffile *, struct diags *, const char *, ...)
	     __attribute__((format(printf, 3, 4)));
/* Close; -1 with a diag if reading failed on the way. */
int	 conffile_close(struct conffile *, struct diags *);

/*
 * The whole loop: each line of path (at most max words) goes to fn, each
 * line fn rejects becomes a diag. -1 only if the file cannot be read.
 */
int	 conffile_read(const char *path, int max, conffile_literal_fn,
	     conffile_line_fn, void *arg, struct diags *);

/* Whether path is simply not there (as opposed to unreadable). */
int	 conffile_missing(const char *path);
/* $XDG_CONFIG_HOME/invsync/file; caller frees. */
char	*conffile_user_path(const char *file);
/*
 * Load a named file of a kind, e.g. ("keymap", "keymaps", "vi"): first
 * keymaps/vi.keymap (paths_shipped()), then the user's own "keymap" if
 * there is one. Returns 0 if the shipped file was read.
 */
int	 conffile_load_named(const char *kind, const char *dir,
	     const char *name, conffile_load_fn, void *, struct diags *);

#endif
