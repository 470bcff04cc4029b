/*
 * cli.h - the command line: "invsync [--db PATH] COMMAND ...".
 *
 * cli.c parses the global options and dispatches to one cli_cmd_*()
 * function per command family (cli_*.c). Data goes to stdout, messages to
 * stderr. Exit status: 0 ok, 1 refused, 2 usage, 3 the database or the
 * system failed.
 */
#ifndef CLI_H
#define CLI_H

#include "db.h"
#include "err.h"

enum { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2, CLI_SYSTEM = 3 };

/* What the TUI needs to start; filled by cli.c. */
struct tui_opts {
	const char	*db_path;
	const char	*user;
	const char	*keymap;	/* NULL: from config */
	const char	*theme;		/* NULL: from config */
};

typedef int (*cli_tui_fn)(const struct tui_opts *);

struct cli {
	const char	*argv0;
	char		*db_path;	/* resolved; owned */
	int		 db_explicit;	/* --db or $INVSYNC_DB was given */
	const char	*user;		/* --user, else the login name */
	const char	*keymap;
	const char	*theme;
	cli_tui_fn	 tui;
};

int	cli_main(int argc, char **argv, cli_tui_fn);

/* Open the shop database (creating it 0600 with DB_CREATE). */
int	cli_open(struct cli *, int flags, struct db **, struct err *);
/* Print e to stderr as "invsync: msg" and return its exit status. */
int	cli_fail(const struct err *);
/* Print a usage message for a command and return CLI_USAGE. */
int	cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	cli_exit_code(const struct err *);

/*
 * Option scanning shared by commands: long options "--name VALUE" or
 * "--name=VALUE" and flags. cli_opt() returns the option's value (or ""
 * for a flag) and removes it from argv; NULL if absent.
 */
const char	*cli_opt(int *argc, char **argv, const char *name,
		     int has_value, int *bad);

/* The command families. */
int	cli_cmd_init(struct cli *, int, char **);
int	cli_cmd_demo(struct cli *, int, char **);
int	cli_cmd_product(struct cli *, int, char **);
int	cli_cmd_stock(struct cli *, int, char **);
int	cli_cmd_history(struct cli *, int, char **);
int	cli_cmd_adjust(struct cli *, int, char **);
int	cli_cmd_receive(struct cli *, int, char **);
int	cli_cmd_count(struct cli *, int, char **);
int	cli_cmd_undo(struct cli *, int, char **);
int	cli_cmd_import(struct cli *, int, char **);
int	cli_cmd_export(struct cli *, int, char **);
int	cli_cmd_check(struct cli *, int, char **);
int	cli_cmd_tui(struct cli *, int, char **);
int	cli_cmd_channel(struct cli *, int, char **);
int	cli_cmd_sync(struct cli *, int, char **);

#endif
