/*
 * term_pick.c - choosing the terminal description: $TERM, or xterm-direct
 * for true colour.
 *
 * Most true-colour terminals call themselves xterm-256color and say
 * COLORTERM=truecolor (or 24bit). Their 256-colour description cannot
 * express RGB, so themes would be fitted to the 256-colour palette. When
 * all of these hold, curses is started on xterm-direct instead, whose
 * colour numbers are 0xRRGGBB:
 *
 *	COLORTERM is "truecolor" or "24bit"
 *	TERM is exactly "xterm-256color" (not screen/tmux: a multiplexer
 *	    in between may not pass RGB on)
 *	the xterm-direct terminfo entry exists on this machine
 *	INVSYNC_NO_DIRECT is not set (the way out if a terminal lies)
 *
 * Otherwise $TERM is used as it is. This file includes <term.h>, whose
 * macros (lines, columns, ...) must not leak into the rest. Start at
 * term_pick().
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

#include "term_pick.h"

const char *
term_pick(void)
{
	const char	*ct = getenv("COLORTERM"), *t = getenv("TERM");
	const char	*off = getenv("INVSYNC_NO_DIRECT");
	int		 status;

	if (off != NULL && *off != '\0')
		return NULL;
	if (ct == NULL || t == NULL || strcmp(t, "xterm-256color") != 0)
		return NULL;
	if (strcmp(ct, "truecolor") != 0 && strcmp(ct, "24bit") != 0)
		return NULL;
	if (setupterm("xterm-direct", -1, &status) != OK)
		return NULL;
	del_curterm(cur_term);
	return "xterm-direct";
}
