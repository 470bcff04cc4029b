/*
 * config.h - the user's preferences: keymap and theme names, and the
 * thresholds screens use, from $XDG_CONFIG_HOME/invsync/config
 * ("key value" lines) overridden by command-line flags.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdint.h>

#include "diag.h"

struct config {
	char	keymap[64];		/* "default" */
	char	theme[64];		/* "default" */
	int64_t	confirm_over;		/* confirm changes of more units: 50 */
};

void	config_defaults(struct config *);
/* Read the user's config file, if any; bad lines become diags. */
void	config_load(struct config *, struct diags *);

#endif
