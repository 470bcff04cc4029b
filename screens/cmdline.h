/*
 * cmdline.h - the ':' commands, listed for the help screen.
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include "app.h"

struct cmdline_cmd {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		 (*run)(struct app *, const char *args);
};

extern const struct cmdline_cmd cmdline_commands[];	/* NULL-ended */

/* Run one command line ("sort name"); 0 or -1 (message set). */
int	cmdline_run(struct app *, const char *line);

#endif
