/*
 * conffile.c - the line-oriented files read at start-up: keymaps
 * (keymap.c), themes (theme.c) and the config file (config.c).
 *
 * Each is lines of words separated by blanks; a word starting with '#'
 * begins a comment unless the caller's literal function says that position
 * holds a word ("bind # app.help", a "#rrggbb" colour). Blank and comment
 * lines are skipped. The caller reads one line at a time and decides
 * what it means; a line it rejects becomes a diag "file:line: reason",
 * and a file that cannot be opened or read becomes "file: strerror".
 *
 *	conffile_open() -> conffile_next() ... -> conffile_close()
 *
 * conffile_read() is that loop for a caller with a line function (keymaps,
 * themes); conffile_load_named() finds the shipped file of a name and the
 * user's own file, and reads both.
 *
 * Owns nothing beyond one open file and its line buffer. Not locked: one
 * thread reads a given struct conffile. Start at conffile_open().
 */
#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "diag.h"
#include "paths.h"
#include "xmalloc.h"

static int
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Split line in place into cf->word[]. Sets nword to the count, or max + 1
 * if there were more.
 */
static void
split(struct conffile *cf, char *line)
{
	char	*p = line;

	cf->nword = 0;
	for (;;) {
		while (blank(*p))
			p++;
		if (*p == '\0')
			return;
		if (*p == '#' && (cf->literal == NULL ||
		    !cf->literal(cf->word, cf->nword)))
			return;
		if (cf->nword == cf->max) {
			cf->nword = cf->max + 1;
			return;
		}
		cf->word[cf->nword++] = p;
		while (*p != '\0' && !blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

int
conffile_open(struct conffile *cf, const char *path, int max,
    conffile_literal_fn literal, struct diags *d)
{
	assert(max > 0 && max <= CONFFILE_MAXWORDS);
	memset(cf, 0, sizeof *cf);
	cf->path = path;
	cf->max = max;
	cf->literal = literal;
	if ((cf->fp = fopen(path, "r")) == NULL) {
		diags_add(d, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
conffile_next(struct conffile *cf)
{
	while (getline(&cf->line, &cf->size, cf->fp) != -1) {
		cf->lineno++;
		split(cf, cf->line);
		if (cf->nword != 0)
			return 1;
	}
	return 0;
}

void
conffile_reject(struct conffile *cf, struct diags *d, const char *fmt, ...)
{
	va_list	 ap;
	char	*why;

	if (d == NULL)
		return;
	va_start(ap, fmt);
	if (xvasprintf(&why, fmt, ap) == -1)
		why = xstrdup(fmt);
	va_end(ap);
	diags_add(d, "%s:%d: %s", cf->path, cf->lineno, why);
	free(why);
}

int
conffile_close(struct conffile *cf, struct diags *d)
{
	int	rc = 0;

	if (ferror(cf->fp)) {
		diags_add(d, "%s: %s", cf->path, strerror(errno));
		rc = -1;
	}
	fclose(cf->fp);
	free(cf->line);
	memset(cf, 0, sizeof *cf);
	return rc;
}

int
conffile_read(const char *path, int max, conffile_literal_fn literal,
    conffile_line_fn fn, void *arg, struct diags *d)
{
	struct conffile	cf;
	char		why[256];

	if (conffile_open(&cf, path, max, literal, d) != 0)
		return -1;
	while (conffile_next(&cf)) {
		if (fn(arg, cf.word, cf.nword, why, sizeof why) != 0)
			conffile_reject(&cf, d, "%s", why);
	}
	return conffile_close(&cf, d);
}

int
conffile_missing(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) != 0 && errno == ENOENT;
}

char *
conffile_user_path(const char *file)
{
	char	*dir, *path;

	dir = paths_config_dir();
	path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}

int
conffile_load_named(const char *kind, const char *dir, const char *name,
    conffile_load_fn load, void *arg, struct diags *d)
{
	char	*file, *path;
	int	 rc = -1;

	if (name == NULL || *name == '\0')
		name = "default";

	/* The name becomes a file name: keep it inside dir. */
	if (strchr(name, '/') != NULL || name[0] == '.')
		diags_add(d, "%s %s: bad name", kind, name);
	else {
		file = xasprintf("%s.%s", name, kind);
		if ((path = paths_shipped(dir, file)) != NULL) {
			if (load(arg, path, d) == 0)
				rc = 0;
		} else if (strcmp(name, "default") != 0)
			diags_add(d, "%s %s: not found", kind, name);
		free(path);
		free(file);
	}

	/* The user's own file is optional; say nothing if it is absent. */
	path = conffile_user_path(kind);
	if (!conffile_missing(path))
		load(arg, path, d);
	free(path);
	return rc;
}
