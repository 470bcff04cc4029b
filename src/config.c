/*
 * config.c - the user's preferences file, $XDG_CONFIG_HOME/invsync/config.
 *
 * One setting a line, "key value", '#' starts a comment:
 *
 *	keymap vi		# keymaps/vi.keymap
 *	theme dark		# themes/dark.theme
 *	confirm-over 100	# ask before changing stock by more units
 *
 * A bad line becomes a diag naming file:line and is skipped; the rest of
 * the file still applies. Command-line flags override what this reads
 * (cli.c does that). Owns nothing. Called once from the main thread at
 * start-up. Start at config_load().
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "diag.h"
#include "paths.h"
#include "xmalloc.h"

#define CONFIG_MAXTOK	4

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->keymap, sizeof c->keymap, "default");
	snprintf(c->theme, sizeof c->theme, "default");
	c->confirm_over = 50;
}

/*
 * Split line in place on blanks into at most max tokens; a token that
 * starts with '#' ends the line. Returns the count, or max + 1 if there
 * were more.
 */
static int
split(char *line, char **tok, int max)
{
	char	*p = line;
	int	 n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		tok[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' &&
		    *p != '\n')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* A keymap or theme name: becomes part of a file name, so no '/'. */
static int
set_name(char *dst, size_t size, const char *value, const char **why)
{
	if (strlen(value) >= size) {
		*why = "name too long";
		return -1;
	}
	if (strchr(value, '/') != NULL || value[0] == '.') {
		*why = "name must not contain '/' or start with '.'";
		return -1;
	}
	snprintf(dst, size, "%s", value);
	return 0;
}

/* Apply one "key value" line; on failure *why says what was wrong. */
static int
config_line(struct config *c, char **tok, int ntok, const char **why)
{
	long long	 v;
	char		*end;

	if (strcmp(tok[0], "keymap") != 0 && strcmp(tok[0], "theme") != 0 &&
	    strcmp(tok[0], "confirm-over") != 0) {
		*why = NULL;
		return -1;
	}
	if (ntok != 2) {
		*why = ntok < 2 ? "missing value" : "too many words";
		return -1;
	}
	if (strcmp(tok[0], "keymap") == 0)
		return set_name(c->keymap, sizeof c->keymap, tok[1], why);
	if (strcmp(tok[0], "confirm-over") == 0) {
		errno = 0;
		v = strtoll(tok[1], &end, 10);
		if (errno != 0 || end == tok[1] || *end != '\0' || v < 0) {
			*why = "needs a whole number >= 0";
			return -1;
		}
		c->confirm_over = (int64_t)v;
		return 0;
	}
	return set_name(c->theme, sizeof c->theme, tok[1], why);
}

void
config_load(struct config *c, struct diags *d)
{
	struct stat	 sb;
	FILE		*fp = NULL;
	char		*dir, *path, *line = NULL, *tok[CONFIG_MAXTOK];
	const char	*why;
	size_t		 size = 0;
	int		 lineno = 0, ntok;

	dir = paths_config_dir();
	path = xasprintf("%s/config", dir);
	free(dir);

	/* No file is the common case and not worth a word. */
	if (stat(path, &sb) != 0 && errno == ENOENT)
		goto out;
	if ((fp = fopen(path, "r")) == NULL) {
		diags_add(d, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (getline(&line, &size, fp) != -1) {
		lineno++;
		ntok = split(line, tok, CONFIG_MAXTOK);
		if (ntok == 0)
			continue;
		if (ntok > CONFIG_MAXTOK)
			ntok = CONFIG_MAXTOK;
		if (config_line(c, tok, ntok, &why) == 0)
			continue;
		if (why == NULL)
			diags_add(d, "%s:%d: unknown setting '%s'", path,
			    lineno, tok[0]);
		else
			diags_add(d, "%s:%d: %s: %s", path, lineno, tok[0],
			    why);
	}
	if (ferror(fp))
		diags_add(d, "%s: %s", path, strerror(errno));
out:
	if (fp != NULL)
		fclose(fp);
	free(line);
	free(path);
}
