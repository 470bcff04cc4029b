/*
 * paths.h - where things live: the database, user config, shipped data.
 *
 * Strings returned are malloc'd; the caller frees.
 */
#ifndef PATHS_H
#define PATHS_H

#include <sys/types.h>

#include "err.h"

/* $INVSYNC_DB, else $XDG_DATA_HOME/invsync/invsync.db (~/.local/share). */
char	*paths_default_db(void);
/* $XDG_DATA_HOME/invsync/demo.db: the demo never touches a real shop. */
char	*paths_demo_db(void);
/* $XDG_DATA_HOME/invsync (created 0700 by paths_mkdir_p when needed). */
char	*paths_data_dir(void);
/* $XDG_CONFIG_HOME/invsync (~/.config/invsync). */
char	*paths_config_dir(void);
/*
 * A shipped data file such as ("keymaps", "vi.keymap"): looked for in
 * $INVSYNC_DATADIR, the source tree the binary was built from, then the
 * install prefix. NULL if none exists.
 */
char	*paths_shipped(const char *subdir, const char *file);

/* mkdir -p with mode for the directories it creates. */
int	 paths_mkdir_p(const char *dir, mode_t, struct err *);
/* The directory part of path; caller frees. */
char	*paths_dirname(const char *path);

#endif
