/*
 * keys.h - what ncurses reads, turned into keymap.h's abstract key codes.
 */
#ifndef KEYS_H
#define KEYS_H

#include <curses.h>

enum {
	KEYS_NONE = 0,		/* nothing pending */
	KEYS_KEY,		/* *code holds a key */
	KEYS_RESIZE,		/* the terminal changed size */
};

#define KEYS_CTRL(c)	((c) & 0x1f)
#define KEYS_ESCDELAY	25	/* ms to wait for the rest of an Esc sequence */

/*
 * Read one key without waiting (the window must be in nodelay mode).
 * KEYS_KEY with *code 0 is a key that has no code (ignore it).
 */
int	keys_read(WINDOW *, int *code);
/* A code a text field takes as a character. */
int	keys_is_text(int code);

#endif
