/*
 * term_pick.h - which terminal description to start curses with.
 */
#ifndef TERM_PICK_H
#define TERM_PICK_H

/* "xterm-direct" when it is safe to use, else NULL ($TERM as it is). */
const char	*term_pick(void);

#endif
