/*
 * diag.h - a list of messages for the user collected while starting up
 * ("keymaps/vi.keymap:12: unknown action 'stok.adjust'"), shown once the
 * screen is up or printed to stderr by the CLI. Owns its strings.
 */
#ifndef DIAG_H
#define DIAG_H

struct diags {
	char	**lines;
	int	  n;
};

void	diags_add(struct diags *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	diags_free(struct diags *);

#endif
