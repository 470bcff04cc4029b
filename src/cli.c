/*
 * cli.c - the command line's front door: global options, the command
 * table, help, and the small services every command uses (opening the
 * database, option scanning, reporting errors as exit statuses).
 *
 * Each command family lives in its own cli_*.c. Start at cli_main().
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "paths.h"
#include "xmalloc.h"

struct cli_command {
	const char	*name;
	int		(*fn)(struct cli *, int, char **);
	const char	*usage;
	const char	*help;
};

static const struct cli_command commands[] = {
	{ "init", cli_cmd_init, "init",
	  "create an empty shop database" },
	{ "demo", cli_cmd_demo,
	  "demo [--products N] [--days D] [--seed S] [--no-tui]",
	  "create a demo shop in its own database and open it" },
	{ "product", cli_cmd_product,
	  "product add SKU NAME [--price P] [--cost C] [--barcode B] "
	  "[--category C] [--reorder-point N] [--parent SKU] "
	  "[--supplier S]\n"
	  "       product edit SKU [--name N] [--price P] ... "
	  "[--reorder-point N|none]\n"
	  "       product list [--json]",
	  "add, edit and list products" },
	{ "stock", cli_cmd_stock, "stock [--json] [--low] [SKU...]",
	  "show stock levels" },
	{ "history", cli_cmd_history, "history SKU [--json] [--limit N]",
	  "show a product's movements, newest first" },
	{ "adjust", cli_cmd_adjust,
	  "adjust SKU DELTA --reason damaged|lost|found|returned|correction|"
	  "other [--note TEXT] [--allow-negative] [--json]",
	  "add or remove stock with a reason" },
	{ "receive", cli_cmd_receive,
	  "receive SKU QTY [--cost C] [--note TEXT] [--json]",
	  "record goods received" },
	{ "count", cli_cmd_count, "count SKU QTY [--note TEXT] [--json]",
	  "record a stock count; the difference is the movement" },
	{ "undo", cli_cmd_undo, "undo MOVEMENT-ID [--json]",
	  "reverse a movement by appending its opposite" },
	{ "import", cli_cmd_import,
	  "import products|stock FILE.csv [--skip-bad] [--rejects FILE] "
	  "[--allow-negative]",
	  "import products or stock movements from CSV (all or nothing)" },
	{ "export", cli_cmd_export,
	  "export products|stock|movements [FILE.csv]",
	  "export as CSV (to stdout without FILE)" },
	{ "channel", cli_cmd_channel,
	  "channel add shopify NAME --shop URL (--token-file F | "
	  "--client-id ID --client-secret-file F)\n"
	  "       channel add woocommerce NAME --url URL --key-file F\n"
	  "       channel list|show NAME [--json]\n"
	  "       channel set NAME [--buffer-units N] [--buffer-pct P] "
	  "[--cap M|none]\n"
	  "       channel pause|resume|remove NAME\n"
	  "       channel credentials NAME (--token-file F | ...)\n"
	  "       channel test NAME\n"
	  "       channel import NAME [--opening invsync|channel]\n"
	  "       channel listings NAME [--status S] [--json]\n"
	  "       channel link NAME EXT-ID SKU; channel ignore NAME EXT-ID",
	  "connect Shopify and WooCommerce stores (secrets from files)" },
	{ "sync", cli_cmd_sync, "sync [--once] [--interval S] [CHANNEL...]",
	  "pull channel orders into the ledger and push stock levels back" },
	{ "check", cli_cmd_check, "check [--repair]",
	  "verify the ledger's invariants; --repair rebuilds levels" },
	{ "tui", cli_cmd_tui, "tui", "open the full-screen interface" },
	{ "help", NULL, "help [COMMAND]", "show help" },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const struct cli_command *
find_command(const char *name)
{
	size_t	i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
print_help(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: invsync [--db PATH] [--user NAME] [--keymap NAME] "
	    "[--theme NAME] [COMMAND ...]\n\n"
	    "With no command, opens the full-screen interface.\n"
	    "The database is --db, else $INVSYNC_DB, else "
	    "$XDG_DATA_HOME/invsync/invsync.db.\n\nCommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(fp, "\n'invsync help COMMAND' shows a command's options.\n"
	    "Exit status: 0 ok, 1 refused, 2 usage error, "
	    "3 database or system failure.\n");
}

static int
help_command(const char *name)
{
	const struct cli_command	*c;

	if (name == NULL) {
		print_help(stdout);
		return CLI_OK;
	}
	if ((c = find_command(name)) == NULL)
		return cli_usage("unknown command '%s'", name);
	printf("usage: invsync %s\n\n%s\n", c->usage, c->help);
	return CLI_OK;
}

int
cli_usage(const char *fmt, ...)
{
	va_list	ap;

	fputs("invsync: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see 'invsync help')\n", stderr);
	return CLI_USAGE;
}

int
cli_exit_code(const struct err *e)
{
	switch (e->code) {
	case ERR_NONE:
		return CLI_OK;
	case ERR_USAGE:
		return CLI_USAGE;
	case ERR_SYSTEM:
		return CLI_SYSTEM;
	case ERR_REFUSED:
	case ERR_CONFLICT:
		break;
	}
	return CLI_REFUSED;
}

int
cli_fail(const struct err *e)
{
	fprintf(stderr, "invsync: %s\n", e->msg[0] ? e->msg : "failed");
	return cli_exit_code(e);
}

const char *
cli_opt(int *argc, char **argv, const char *name, int has_value, int *bad)
{
	const char	*v = NULL;
	size_t		 len = strlen(name);
	int		 i, take = 0;

	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--", 2) != 0 ||
		    strncmp(argv[i] + 2, name, len) != 0)
			continue;
		if (argv[i][2 + len] == '\0') {
			if (!has_value) {
				v = "";
				take = 1;
			} else if (i + 1 < *argc) {
				v = argv[i + 1];
				take = 2;
			} else {
				fprintf(stderr, "invsync: --%s needs a value\n",
				    name);
				if (bad != NULL)
					*bad = 1;
				take = 1;
			}
		} else if (argv[i][2 + len] == '=' && has_value) {
			v = argv[i] + 3 + len;
			take = 1;
		} else
			continue;
		memmove(argv + i, argv + i + take,
		    (size_t)(*argc - i - take + 1) * sizeof *argv);
		*argc -= take;
		return v;
	}
	return NULL;
}

int
cli_open(struct cli *c, int flags, struct db **db, struct err *e)
{
	char	*dir;

	/* Only the default location is ours to create directories for. */
	if ((flags & DB_CREATE) && !c->db_explicit) {
		dir = paths_dirname(c->db_path);
		if (paths_mkdir_p(dir, 0700, e) != 0) {
			free(dir);
			return -1;
		}
		free(dir);
	}
	return db_open(c->db_path, flags, db, e);
}

static const char *
login_name(void)
{
	struct passwd	*pw;
	const char	*s;

	if ((pw = getpwuid(getuid())) != NULL && pw->pw_name[0] != '\0')
		return pw->pw_name;
	if ((s = getenv("USER")) != NULL && *s != '\0')
		return s;
	return "unknown";
}

int
cli_cmd_tui(struct cli *c, int argc, char **argv)
{
	struct tui_opts	o = { 0 };

	if (argc > 1)
		return cli_usage("tui: unexpected '%s'", argv[1]);
	o.db_path = c->db_path;
	o.user = c->user;
	o.keymap = c->keymap;
	o.theme = c->theme;
	return c->tui(&o);
}

/* Global options come before the command; returns argv index of it. */
static int
global_options(struct cli *c, int argc, char **argv, const char **db)
{
	int	i;

	for (i = 1; i < argc; i++) {
		const char	*a = argv[i], *val = NULL;
		const char	**dst = NULL;

		if (strncmp(a, "--", 2) != 0)
			break;
		if (strcmp(a, "--help") == 0) {
			print_help(stdout);
			exit(CLI_OK);
		}
		if (strcmp(a, "--version") == 0) {
			printf("invsync %s\n", INVSYNC_VERSION);
			exit(CLI_OK);
		}
		if (strncmp(a, "--db", 4) == 0 && (a[4] == '\0' || a[4] == '='))
			dst = db;
		else if (strncmp(a, "--user", 6) == 0 &&
		    (a[6] == '\0' || a[6] == '='))
			dst = &c->user;
		else if (strncmp(a, "--keymap", 8) == 0 &&
		    (a[8] == '\0' || a[8] == '='))
			dst = &c->keymap;
		else if (strncmp(a, "--theme", 7) == 0 &&
		    (a[7] == '\0' || a[7] == '='))
			dst = &c->theme;
		else
			return -1;
		if ((val = strchr(a, '=')) != NULL)
			val++;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return -1;
		*dst = val;
	}
	return i;
}

int
cli_main(int argc, char **argv, cli_tui_fn tui)
{
	const struct cli_command	*cmd;
	struct cli			 c = { 0 };
	const char			*db = NULL, *env;
	int				 first, rc;

	c.argv0 = argv[0];
	c.tui = tui;
	c.user = login_name();
	if ((first = global_options(&c, argc, argv, &db)) < 0)
		return cli_usage("bad global option (--db PATH, --user NAME, "
		    "--keymap NAME, --theme NAME, --help, --version)");
	if (db != NULL && *db != '\0') {
		c.db_path = xstrdup(db);
		c.db_explicit = 1;
	} else {
		env = getenv("INVSYNC_DB");
		c.db_explicit = env != NULL && *env != '\0';
		c.db_path = paths_default_db();
	}
	if (first == argc) {
		char	*targv[] = { (char *)"tui", NULL };

		rc = cli_cmd_tui(&c, 1, targv);
	} else if (strcmp(argv[first], "help") == 0) {
		rc = help_command(first + 1 < argc ? argv[first + 1] : NULL);
	} else if ((cmd = find_command(argv[first])) == NULL) {
		rc = cli_usage("unknown command '%s'", argv[first]);
	} else
		rc = cmd->fn(&c, argc - first, argv + first);
	free(c.db_path);
	return rc;
}
