/*
 * main.c - the invsync binary: the command line, which opens the TUI when
 * no command is given.
 *
 * The only file that knows both the core and the screens exist.
 */
#include "cli.h"
#include "tui.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv, tui_main);
}
