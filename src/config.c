/*
 * config.c - the user's preferences file, $XDG_CONFIG_HOME/invsync/config.
 *
 * One setting a line, "key value", '#' starts a comment:
 *
 *	keymap vi		# keymaps/vi.keymap
 *	theme dark		# themes/dark.theme
 *	confirm-over 100	# ask before changing stock by more units
 *
 * Read with conffile.c: a bad line becomes a diag naming file:line and is
 * skipped; the rest of the file still applies. Command-line flags
 * override what this reads (cli.c does that). Owns nothing. Called once
 * from the main thread at start-up. Start at config_load().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "config.h"
#include "diag.h"

#define CONFIG_MAXTOK	4

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->keymap, sizeof c->keymap, "default");
	snprintf(c->theme, sizeof c->theme, "default");
	c->confirm_over = 50;
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
	struct conffile	 cf;
	const char	*why;
	char		*path;

	path = conffile_user_path("config");

	/* No file is the common case and not worth a word. */
	if (conffile_missing(path))
		goto out;
	if (conffile_open(&cf, path, CONFIG_MAXTOK, NULL, d) != 0)
		goto out;
	while (conffile_next(&cf)) {
		if (config_line(c, cf.word, cf.nword, &why) == 0)
			continue;
		if (why == NULL)
			conffile_reject(&cf, d, "unknown setting '%s'",
			    cf.word[0]);
		else
			conffile_reject(&cf, d, "%s: %s", cf.word[0], why);
	}
	conffile_close(&cf, d);
out:
	free(path);
}
