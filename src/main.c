/*
 * main.c - the invsync binary: the command line, which opens the TUI when
 * no command is given.
 *
 * The only file that knows both the core and the screens exist.
 */
#include <curl/curl.h>

#include "cli.h"
#include "tui.h"

int
main(int argc, char **argv)
{
	int	rc;

	/* Once, before any thread: libcurl's global state is not locked. */
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cli_main(argc, argv, tui_main);
	curl_global_cleanup();
	return rc;
}
