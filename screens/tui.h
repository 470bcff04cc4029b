/*
 * tui.h - the full-screen terminal interface, entered from the CLI.
 */
#ifndef TUI_H
#define TUI_H

#include "cli.h"

/* Run the TUI until the user quits; returns an exit status. */
int	tui_main(const struct tui_opts *);

#endif
