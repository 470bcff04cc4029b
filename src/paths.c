/*
 * paths.c - where invsync keeps and finds its files.
 *
 * User data follows the XDG base directory spec: $XDG_DATA_HOME/invsync
 * (else ~/.local/share/invsync) holds databases, $XDG_CONFIG_HOME/invsync
 * (else ~/.config/invsync) holds config, keymap and theme. Shipped files
 * (keymaps/, themes/) are searched in $INVSYNC_DATADIR, then the source
 * tree the core was built from (INVSYNC_SOURCE_DIR, so a build directory
 * works without installing), then the install prefix (INVSYNC_DATADIR);
 * CMake defines both macros for the core library.
 *
 * Owns nothing: every returned string is the caller's to free. Reads the
 * environment, so call it from the main thread or before threads change
 * it. Start at paths_data_dir().
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "paths.h"
#include "xmalloc.h"

/* The user's home: $HOME, else the password file, else "/". */
static const char *
home_dir(void)
{
	const char	*home;
	struct passwd	*pw;

	home = getenv("HOME");
	if (home != NULL && *home != '\0')
		return home;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && *pw->pw_dir != '\0')
		return pw->pw_dir;
	return "/";
}

/*
 * $VAR/invsync, or ~/FALLBACK/invsync. The XDG spec says a relative value
 * is invalid and must be ignored, so only absolute ones count.
 */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char	*value;
	const char	*home;

	value = getenv(var);
	if (value != NULL && *value == '/')
		return xasprintf("%s/invsync", value);
	home = home_dir();
	if (strcmp(home, "/") == 0)
		home = "";
	return xasprintf("%s/%s/invsync", home, fallback);
}

char *
paths_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
paths_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
paths_default_db(void)
{
	const char	*db;
	char		*dir, *path;

	db = getenv("INVSYNC_DB");
	if (db != NULL && *db != '\0')
		return xstrdup(db);
	dir = paths_data_dir();
	path = xasprintf("%s/invsync.db", dir);
	free(dir);
	return path;
}

char *
paths_demo_db(void)
{
	char	*dir, *path;

	dir = paths_data_dir();
	path = xasprintf("%s/demo.db", dir);
	free(dir);
	return path;
}

/* BASE/SUBDIR/FILE if it is a regular file; caller frees. */
static char *
shipped_in(const char *base, const char *subdir, const char *file)
{
	struct stat	 sb;
	char		*path;

	if (base == NULL || *base == '\0')
		return NULL;
	path = xasprintf("%s/%s/%s", base, subdir, file);
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return path;
	free(path);
	return NULL;
}

char *
paths_shipped(const char *subdir, const char *file)
{
	const char	*bases[3];
	char		*path;
	size_t		 i, n = 0;

	bases[n++] = getenv("INVSYNC_DATADIR");
#ifdef INVSYNC_SOURCE_DIR
	bases[n++] = INVSYNC_SOURCE_DIR;
#endif
#ifdef INVSYNC_DATADIR
	bases[n++] = INVSYNC_DATADIR;
#endif
	for (i = 0; i < n; i++) {
		if ((path = shipped_in(bases[i], subdir, file)) != NULL)
			return path;
	}
	return NULL;
}

/*
 * Walk the path one component at a time, creating what is missing. A
 * component that mkdir() refuses is fine if it is already a directory
 * (EEXIST, or EACCES for a parent we may not write), which also covers
 * another process creating the same tree at the same time.
 */
int
paths_mkdir_p(const char *dir, mode_t mode, struct err *e)
{
	struct stat	 sb;
	char		*copy = NULL, *p;
	int		 last, saved, rc = -1;

	if (dir == NULL || *dir == '\0') {
		err_set(e, ERR_USAGE, "mkdir: empty directory name");
		goto out;
	}
	copy = xstrdup(dir);
	p = copy;
	for (;;) {
		while (*p == '/')
			p++;
		while (*p != '\0' && *p != '/')
			p++;
		last = (*p == '\0');
		*p = '\0';

		if (mkdir(copy, mode) != 0) {
			saved = errno;
			if (stat(copy, &sb) != 0) {
				err_set(e, ERR_SYSTEM, "mkdir %s: %s", copy,
				    strerror(saved));
				goto out;
			}
			if (!S_ISDIR(sb.st_mode)) {
				err_set(e, ERR_SYSTEM, "mkdir %s: %s", copy,
				    strerror(ENOTDIR));
				goto out;
			}
		}
		if (last)
			break;
		*p = '/';
		/* Trailing slashes: nothing left to create. */
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* dirname(3) without touching its argument: "a/b/" -> "a", "a" -> ".". */
char *
paths_dirname(const char *path)
{
	size_t	len;

	if (path == NULL || *path == '\0')
		return xstrdup(".");
	len = strlen(path);

	/* Drop trailing slashes, then the last component, then slashes. */
	while (len > 1 && path[len - 1] == '/')
		len--;
	while (len > 0 && path[len - 1] != '/')
		len--;
	if (len == 0)
		return xstrdup(".");
	while (len > 1 && path[len - 1] == '/')
		len--;
	return xstrndup(path, len);
}
