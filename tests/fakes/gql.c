/*
 * gql.c - the GraphQL engine behind the fake Shopify server (see gql.h).
 *
 * Four parts, in file order:
 *
 *	1. arenas and the lexer, shared by both parsers;
 *	2. gql_parse() for executable documents and gql_schema_parse() for
 *	   SDL (descriptions and type-system directives are read and
 *	   dropped, except @deprecated);
 *	3. gql_validate(): static validation walking each operation and the
 *	   fragments it spreads, with graphql-ruby's messages and codes
 *	   (undefinedField, argumentNotAccepted, missingRequiredArguments,
 *	   selectionMismatch, variableNotDefined, ...), and
 *	   gql_coerce_variables() for INVALID_VARIABLE;
 *	4. gql_execute(), which collects fields (fragments, @skip/@include),
 *	   calls the resolver per field, completes values against the field
 *	   types and propagates nulls as the spec says; and gql_cost().
 *
 * Every node of a document or schema lives in its arena, so parse errors
 * longjmp() out of the recursive descent without leaking. Nothing here
 * knows about Shopify's data: that is shopify.c.
 *
 * Start at gql_parse(), then gql_validate().
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gql.h"

#define GQL_MAXDEPTH	128

/* Part 1: memory. */

struct gql_arena_chunk {
	struct gql_arena_chunk	*next;
	size_t			 used;
	size_t			 size;
	unsigned char		 data[];
};

static void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	assert(n != 0 && size != 0);
	if ((p = calloc(n, size)) == NULL) {
		fprintf(stderr, "gql: out of memory (%zu bytes)\n", n * size);
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p = xcalloc(1, n);

	memcpy(p, s, n);
	return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert(n >= 0);
	p = xcalloc(1, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

static char * __attribute__((format(printf, 1, 2)))
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void *
arena_alloc(struct gql_arena *a, size_t n)
{
	struct gql_arena_chunk	*c = a->head;
	size_t			 size;
	void			*p;

	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	if (c == NULL || c->size - c->used < n) {
		size = n > 65536 ? n : 65536;
		c = xcalloc(1, sizeof *c + size);
		c->size = size;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

static void
arena_free(struct gql_arena *a)
{
	struct gql_arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

static char *
arena_strndup(struct gql_arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
arena_strdup(struct gql_arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* A growable array of pointers kept in an arena. */
struct pvec {
	void	**v;
	int	  n;
	int	  cap;
};

static void
pvec_push(struct gql_arena *a, struct pvec *pv, void *p)
{
	void	**nv;

	if (pv->n == pv->cap) {
		pv->cap = pv->cap == 0 ? 8 : pv->cap * 2;
		nv = arena_alloc(a, sizeof *nv * (size_t)pv->cap);
		if (pv->n > 0)
			memcpy(nv, pv->v, sizeof *nv * (size_t)pv->n);
		pv->v = nv;
	}
	pv->v[pv->n++] = p;
}

/* A growable string, malloc'd. */
struct sbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	char	*ns;

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		ns = xcalloc(1, b->cap);
		if (b->s != NULL)
			memcpy(ns, b->s, b->len);
		free(b->s);
		b->s = ns;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_puts(b, s);
	free(s);
}

static char *
sb_take(struct sbuf *b)
{
	char	*s = b->s != NULL ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* Part 1: the lexer. */

enum tk {
	TK_EOF,
	TK_PUNCT,
	TK_NAME,
	TK_INT,
	TK_FLOAT,
	TK_STRING,
};

#define P_ELLIPSIS	'E'

struct token {
	enum tk		 kind;
	int		 punct;
	const char	*text;
	size_t		 len;
	char		*str;		/* decoded string, in the arena */
	int		 line, col;
};

struct parser {
	struct gql_arena	*a;
	const char		*name;		/* file name for SDL messages */
	const char		*p;
	const char		*linestart;
	int			 line;
	struct token		 tok;
	jmp_buf			 jb;
	char			 msg[512];
	int			 errline, errcol;
};

static void __attribute__((format(printf, 4, 5), noreturn))
fail(struct parser *P, int line, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(P->msg, sizeof P->msg, fmt, ap);
	va_end(ap);
	P->errline = line;
	P->errcol = col;
	longjmp(P->jb, 1);
}

static const char *
tok_name(const struct token *t)
{
	switch (t->kind) {
	case TK_EOF:
		return "EOF";
	case TK_NAME:
		return "IDENTIFIER";
	case TK_INT:
		return "INT";
	case TK_FLOAT:
		return "FLOAT";
	case TK_STRING:
		return "STRING";
	case TK_PUNCT:
		break;
	}
	switch (t->punct) {
	case '{': return "LCURLY";
	case '}': return "RCURLY";
	case '(': return "LPAREN";
	case ')': return "RPAREN";
	case '[': return "LBRACKET";
	case ']': return "RBRACKET";
	case ':': return "COLON";
	case '$': return "VAR_SIGN";
	case '@': return "DIR_SIGN";
	case '=': return "EQUALS";
	case '!': return "BANG";
	case '|': return "PIPE";
	case '&': return "AMP";
	case P_ELLIPSIS: return "ELLIPSIS";
	}
	return "UNKNOWN";
}

static void __attribute__((noreturn))
unexpected(struct parser *P, const char *want)
{
	const struct token	*t = &P->tok;

	if (t->kind == TK_EOF)
		fail(P, t->line, t->col, "Unexpected end of document");
	fail(P, t->line, t->col,
	    "Expected %s, actual: %s (\"%.*s\") at [%d, %d]", want,
	    tok_name(t), (int)(t->len > 40 ? 40 : t->len), t->text, t->line,
	    t->col);
}

static void
newline(struct parser *P, const char *after)
{
	P->line++;
	P->linestart = after;
}

/* Append the UTF-8 encoding of cp. */
static void
utf8_put(struct sbuf *b, unsigned long cp)
{
	char	c[4];

	if (cp < 0x80) {
		c[0] = (char)cp;
		sb_add(b, c, 1);
	} else if (cp < 0x800) {
		c[0] = (char)(0xc0 | (cp >> 6));
		c[1] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, c, 2);
	} else if (cp < 0x10000) {
		c[0] = (char)(0xe0 | (cp >> 12));
		c[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		c[2] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, c, 3);
	} else {
		c[0] = (char)(0xf0 | (cp >> 18));
		c[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		c[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		c[3] = (char)(0x80 | (cp & 0x3f));
		sb_add(b, c, 4);
	}
}

static int
hex4(const char *s, unsigned long *out)
{
	unsigned long	v = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
		v = v * 16 + (unsigned long)(isdigit((unsigned char)s[i]) ?
		    s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10));
	}
	*out = v;
	return 0;
}

static void
lex_string(struct parser *P, struct token *t)
{
	struct sbuf	 b = { 0 };
	const char	*s = P->p + 1;
	unsigned long	 cp, lo;
	char		*str;

	for (;;) {
		if (*s == '\0' || *s == '\n' || *s == '\r') {
			free(b.s);
			fail(P, t->line, t->col,
			    "Unterminated string at [%d, %d]", t->line, t->col);
		}
		if (*s == '"')
			break;
		if (*s != '\\') {
			sb_add(&b, s++, 1);
			continue;
		}
		s++;
		switch (*s) {
		case '"': sb_add(&b, "\"", 1); break;
		case '\\': sb_add(&b, "\\", 1); break;
		case '/': sb_add(&b, "/", 1); break;
		case 'b': sb_add(&b, "\b", 1); break;
		case 'f': sb_add(&b, "\f", 1); break;
		case 'n': sb_add(&b, "\n", 1); break;
		case 'r': sb_add(&b, "\r", 1); break;
		case 't': sb_add(&b, "\t", 1); break;
		case 'u':
			if (hex4(s + 1, &cp) != 0)
				goto bad;
			s += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && s[1] == '\\' &&
			    s[2] == 'u' && hex4(s + 3, &lo) == 0 &&
			    lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				s += 6;
			}
			utf8_put(&b, cp);
			break;
		default:
			goto bad;
		}
		s++;
	}
	str = sb_take(&b);
	t->str = arena_strdup(P->a, str);
	free(str);
	t->len = (size_t)(s + 1 - P->p);
	P->p = s + 1;
	return;
bad:
	free(b.s);
	fail(P, P->line, (int)(s - P->linestart) + 1,
	    "Bad unicode escape in string at [%d, %d]", P->line,
	    (int)(s - P->linestart) + 1);
}

/* A """block string""": raw text, \""" unescaped, common indent removed. */
static void
lex_block(struct parser *P, struct token *t)
{
	struct sbuf	 raw = { 0 }, out = { 0 };
	const char	*s = P->p + 3, **lines = NULL;
	size_t		 indent = SIZE_MAX, i, n, nlines = 0, first, last;
	char		*str, *ls, *le;

	for (;;) {
		if (*s == '\0') {
			free(raw.s);
			fail(P, t->line, t->col,
			    "Unterminated string at [%d, %d]", t->line, t->col);
		}
		if (s[0] == '"' && s[1] == '"' && s[2] == '"')
			break;
		if (s[0] == '\\' && s[1] == '"' && s[2] == '"' && s[3] == '"') {
			sb_add(&raw, "\"\"\"", 3);
			s += 4;
			continue;
		}
		if (*s == '\n' || (*s == '\r' && s[1] != '\n'))
			newline(P, s + 1);
		if (*s != '\r')
			sb_add(&raw, s, 1);
		else if (s[1] != '\n')
			sb_add(&raw, "\n", 1);
		s++;
	}
	P->p = s + 3;
	t->len = (size_t)(P->p - t->text);
	str = sb_take(&raw);

	/* Split into lines (in place), then measure the common indent. */
	for (ls = str;; ls = le + 1) {
		lines = realloc(lines, sizeof *lines * (nlines + 1));
		if (lines == NULL) {
			fprintf(stderr, "gql: out of memory\n");
			exit(1);
		}
		lines[nlines++] = ls;
		if ((le = strchr(ls, '\n')) == NULL)
			break;
		*le = '\0';
	}
	for (i = 1; i < nlines; i++) {
		n = strspn(lines[i], " \t");
		if (lines[i][n] != '\0' && n < indent)
			indent = n;
	}
	for (i = 1; i < nlines && indent != SIZE_MAX; i++)
		lines[i] += strlen(lines[i]) < indent ? strlen(lines[i]) :
		    indent;
	for (first = 0; first < nlines &&
	    lines[first][strspn(lines[first], " \t")] == '\0'; first++)
		;
	for (last = nlines; last > first &&
	    lines[last - 1][strspn(lines[last - 1], " \t")] == '\0'; last--)
		;
	for (i = first; i < last; i++) {
		if (i > first)
			sb_add(&out, "\n", 1);
		sb_puts(&out, lines[i]);
	}
	free(lines);
	free(str);
	str = sb_take(&out);
	t->str = arena_strdup(P->a, str);
	free(str);
}

static int
is_name_start(int c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static void
next(struct parser *P)
{
	struct token	*t = &P->tok;
	const char	*s;
	int		 c, isfloat;

	for (;;) {
		c = (unsigned char)*P->p;
		if (c == ' ' || c == '\t' || c == ',')
			P->p++;
		else if (c == '\n') {
			P->p++;
			newline(P, P->p);
		} else if (c == '\r') {
			P->p++;
			if (*P->p == '\n')
				P->p++;
			newline(P, P->p);
		} else if (c == 0xef && (unsigned char)P->p[1] == 0xbb &&
		    (unsigned char)P->p[2] == 0xbf)
			P->p += 3;
		else if (c == '#') {
			while (*P->p != '\0' && *P->p != '\n' && *P->p != '\r')
				P->p++;
		} else
			break;
	}
	memset(t, 0, sizeof *t);
	t->text = P->p;
	t->line = P->line;
	t->col = (int)(P->p - P->linestart) + 1;
	c = (unsigned char)*P->p;
	if (c == '\0') {
		t->kind = TK_EOF;
		return;
	}
	if (strchr("!$&():=@[]{}|", c) != NULL) {
		t->kind = TK_PUNCT;
		t->punct = c;
		t->len = 1;
		P->p++;
		return;
	}
	if (c == '.') {
		if (P->p[1] == '.' && P->p[2] == '.') {
			t->kind = TK_PUNCT;
			t->punct = P_ELLIPSIS;
			t->len = 3;
			P->p += 3;
			return;
		}
		fail(P, t->line, t->col, "Expected ELLIPSIS, actual: \".\" at "
		    "[%d, %d]", t->line, t->col);
	}
	if (is_name_start(c)) {
		for (s = P->p; is_name_char((unsigned char)*s); s++)
			;
		t->kind = TK_NAME;
		t->len = (size_t)(s - P->p);
		P->p = s;
		return;
	}
	if (c == '-' || (c >= '0' && c <= '9')) {
		s = P->p;
		isfloat = 0;
		if (*s == '-')
			s++;
		if (*s == '0')
			s++;
		else if (*s >= '1' && *s <= '9')
			while (*s >= '0' && *s <= '9')
				s++;
		else
			goto badnum;
		if (*s == '.') {
			isfloat = 1;
			s++;
			if (!(*s >= '0' && *s <= '9'))
				goto badnum;
			while (*s >= '0' && *s <= '9')
				s++;
		}
		if (*s == 'e' || *s == 'E') {
			isfloat = 1;
			s++;
			if (*s == '+' || *s == '-')
				s++;
			if (!(*s >= '0' && *s <= '9'))
				goto badnum;
			while (*s >= '0' && *s <= '9')
				s++;
		}
		if (is_name_start((unsigned char)*s) || *s == '.')
			goto badnum;
		t->kind = isfloat ? TK_FLOAT : TK_INT;
		t->len = (size_t)(s - P->p);
		P->p = s;
		return;
	badnum:
		fail(P, t->line, t->col, "Invalid number \"%.*s\" at [%d, %d]",
		    (int)(s - P->p + 1), P->p, t->line, t->col);
	}
	if (c == '"') {
		t->kind = TK_STRING;
		if (P->p[1] == '"' && P->p[2] == '"')
			lex_block(P, t);
		else
			lex_string(P, t);
		return;
	}
	fail(P, t->line, t->col, "Unexpected character \"%c\" at [%d, %d]", c,
	    t->line, t->col);
}

static int
at_punct(struct parser *P, int c)
{
	return P->tok.kind == TK_PUNCT && P->tok.punct == c;
}

static int
at_name(struct parser *P, const char *name)
{
	return P->tok.kind == TK_NAME && P->tok.len == strlen(name) &&
	    memcmp(P->tok.text, name, P->tok.len) == 0;
}

static void
expect_punct(struct parser *P, int c)
{
	static const char	*names[128] = {
		['{'] = "LCURLY", ['}'] = "RCURLY", ['('] = "LPAREN",
		[')'] = "RPAREN", ['['] = "LBRACKET", [']'] = "RBRACKET",
		[':'] = "COLON", ['$'] = "VAR_SIGN", ['@'] = "DIR_SIGN",
		['='] = "EQUALS", ['!'] = "BANG", ['|'] = "PIPE",
		['&'] = "AMP", [P_ELLIPSIS] = "ELLIPSIS",
	};

	if (!at_punct(P, c))
		unexpected(P, names[c & 127]);
	next(P);
}

static const char *
expect_name(struct parser *P)
{
	const char	*s;

	if (P->tok.kind != TK_NAME)
		unexpected(P, "NAME");
	s = arena_strndup(P->a, P->tok.text, P->tok.len);
	next(P);
	return s;
}

/* Part 2: the executable document parser. */

static struct gql_value	*parse_value(struct parser *, int isconst);

static struct gql_arg **
parse_args(struct parser *P, int isconst, int *nargs)
{
	struct pvec	 pv = { 0 };
	struct gql_arg	*arg;

	*nargs = 0;
	if (!at_punct(P, '('))
		return NULL;
	next(P);
	do {
		arg = arena_alloc(P->a, sizeof *arg);
		arg->line = P->tok.line;
		arg->col = P->tok.col;
		arg->name = expect_name(P);
		expect_punct(P, ':');
		arg->value = parse_value(P, isconst);
		pvec_push(P->a, &pv, arg);
	} while (!at_punct(P, ')'));
	next(P);
	*nargs = pv.n;
	return (struct gql_arg **)pv.v;
}

static struct gql_value *
parse_value(struct parser *P, int isconst)
{
	struct gql_value	*v = arena_alloc(P->a, sizeof *v);
	struct pvec		 pv = { 0 };
	struct gql_arg		*f;

	v->line = P->tok.line;
	v->col = P->tok.col;
	switch (P->tok.kind) {
	case TK_EOF:
		unexpected(P, "a value");
	case TK_INT:
	case TK_FLOAT:
		v->kind = P->tok.kind == TK_INT ? GQL_V_INT : GQL_V_FLOAT;
		v->s = arena_strndup(P->a, P->tok.text, P->tok.len);
		next(P);
		return v;
	case TK_STRING:
		v->kind = GQL_V_STRING;
		v->s = P->tok.str;
		next(P);
		return v;
	case TK_NAME:
		if (at_name(P, "true") || at_name(P, "false")) {
			v->kind = GQL_V_BOOL;
			v->b = at_name(P, "true");
		} else if (at_name(P, "null"))
			v->kind = GQL_V_NULL;
		else
			v->kind = GQL_V_ENUM;
		v->s = arena_strndup(P->a, P->tok.text, P->tok.len);
		next(P);
		return v;
	case TK_PUNCT:
		break;
	}
	if (at_punct(P, '$') && !isconst) {
		next(P);
		v->kind = GQL_V_VAR;
		v->s = expect_name(P);
		return v;
	}
	if (at_punct(P, '[')) {
		next(P);
		v->kind = GQL_V_LIST;
		while (!at_punct(P, ']')) {
			if (P->tok.kind == TK_EOF)
				unexpected(P, "RBRACKET");
			pvec_push(P->a, &pv, parse_value(P, isconst));
		}
		next(P);
		v->items = (struct gql_value **)pv.v;
		v->nitems = pv.n;
		return v;
	}
	if (at_punct(P, '{')) {
		next(P);
		v->kind = GQL_V_OBJECT;
		while (!at_punct(P, '}')) {
			f = arena_alloc(P->a, sizeof *f);
			f->line = P->tok.line;
			f->col = P->tok.col;
			f->name = expect_name(P);
			expect_punct(P, ':');
			f->value = parse_value(P, isconst);
			pvec_push(P->a, &pv, f);
		}
		next(P);
		v->fields = (struct gql_arg **)pv.v;
		v->nfields = pv.n;
		return v;
	}
	unexpected(P, "a value");
}

static struct gql_directive **
parse_dirs(struct parser *P, int isconst, int *ndirs)
{
	struct pvec		 pv = { 0 };
	struct gql_directive	*d;

	while (at_punct(P, '@')) {
		d = arena_alloc(P->a, sizeof *d);
		d->line = P->tok.line;
		d->col = P->tok.col;
		next(P);
		d->name = expect_name(P);
		d->args = parse_args(P, isconst, &d->nargs);
		pvec_push(P->a, &pv, d);
	}
	*ndirs = pv.n;
	return (struct gql_directive **)pv.v;
}

static struct gql_tref *
parse_type(struct parser *P)
{
	struct gql_tref	*t = arena_alloc(P->a, sizeof *t), *nn;

	if (at_punct(P, '[')) {
		next(P);
		t->kind = GQL_TR_LIST;
		t->of = parse_type(P);
		expect_punct(P, ']');
	} else {
		t->kind = GQL_TR_NAMED;
		t->name = expect_name(P);
	}
	if (at_punct(P, '!')) {
		next(P);
		nn = arena_alloc(P->a, sizeof *nn);
		nn->kind = GQL_TR_NONNULL;
		nn->of = t;
		t = nn;
	}
	return t;
}

static struct gql_sel	**parse_selset(struct parser *, int *);

static struct gql_sel *
parse_sel(struct parser *P)
{
	struct gql_sel	*s = arena_alloc(P->a, sizeof *s);
	const char	*name;

	s->line = P->tok.line;
	s->col = P->tok.col;
	if (at_punct(P, P_ELLIPSIS)) {
		next(P);
		if (P->tok.kind == TK_NAME && !at_name(P, "on")) {
			s->kind = GQL_SEL_SPREAD;
			s->name = expect_name(P);
			s->dirs = parse_dirs(P, 0, &s->ndirs);
			return s;
		}
		s->kind = GQL_SEL_INLINE;
		if (at_name(P, "on")) {
			next(P);
			s->typecond = expect_name(P);
		}
		s->dirs = parse_dirs(P, 0, &s->ndirs);
		s->sels = parse_selset(P, &s->nsels);
		s->braces = 1;
		return s;
	}
	s->kind = GQL_SEL_FIELD;
	name = expect_name(P);
	if (at_punct(P, ':')) {
		next(P);
		s->alias = name;
		name = expect_name(P);
	}
	s->name = name;
	s->args = parse_args(P, 0, &s->nargs);
	s->dirs = parse_dirs(P, 0, &s->ndirs);
	if (at_punct(P, '{')) {
		s->sels = parse_selset(P, &s->nsels);
		s->braces = 1;
	}
	return s;
}

static struct gql_sel **
parse_selset(struct parser *P, int *n)
{
	struct pvec	pv = { 0 };

	expect_punct(P, '{');
	do {
		if (P->tok.kind != TK_NAME && !at_punct(P, P_ELLIPSIS))
			unexpected(P, "NAME");
		pvec_push(P->a, &pv, parse_sel(P));
	} while (!at_punct(P, '}'));
	next(P);
	*n = pv.n;
	return (struct gql_sel **)pv.v;
}

static struct gql_op *
parse_op(struct parser *P)
{
	struct gql_op		*op = arena_alloc(P->a, sizeof *op);
	struct gql_vardef	*vd;
	struct pvec		 pv = { 0 };

	op->line = P->tok.line;
	op->col = P->tok.col;
	if (at_punct(P, '{')) {
		op->kind = GQL_QUERY;
		op->sels = parse_selset(P, &op->nsels);
		return op;
	}
	if (at_name(P, "query"))
		op->kind = GQL_QUERY;
	else if (at_name(P, "mutation"))
		op->kind = GQL_MUTATION;
	else if (at_name(P, "subscription"))
		op->kind = GQL_SUBSCRIPTION;
	else
		unexpected(P, "query, mutation, subscription or fragment");
	next(P);
	if (P->tok.kind == TK_NAME)
		op->name = expect_name(P);
	if (at_punct(P, '(')) {
		next(P);
		do {
			vd = arena_alloc(P->a, sizeof *vd);
			vd->line = P->tok.line;
			vd->col = P->tok.col;
			expect_punct(P, '$');
			vd->name = expect_name(P);
			expect_punct(P, ':');
			vd->type = parse_type(P);
			if (at_punct(P, '=')) {
				next(P);
				vd->def = parse_value(P, 1);
			}
			(void)parse_dirs(P, 1, &(int){ 0 });
			pvec_push(P->a, &pv, vd);
		} while (!at_punct(P, ')'));
		next(P);
	}
	op->vars = (struct gql_vardef **)pv.v;
	op->nvars = pv.n;
	op->dirs = parse_dirs(P, 0, &op->ndirs);
	op->sels = parse_selset(P, &op->nsels);
	return op;
}

static struct gql_frag *
parse_frag(struct parser *P)
{
	struct gql_frag	*f = arena_alloc(P->a, sizeof *f);

	f->line = P->tok.line;
	f->col = P->tok.col;
	next(P);		/* "fragment" */
	if (at_name(P, "on"))
		unexpected(P, "NAME");
	f->name = expect_name(P);
	if (!at_name(P, "on"))
		unexpected(P, "ON");
	next(P);
	f->typecond = expect_name(P);
	f->dirs = parse_dirs(P, 0, &f->ndirs);
	f->sels = parse_selset(P, &f->nsels);
	return f;
}

static void __attribute__((noinline))
parse_doc(struct parser *P, struct gql_doc *d)
{
	struct pvec	ops = { 0 }, frags = { 0 };

	next(P);
	if (P->tok.kind == TK_EOF)
		fail(P, 1, 1, "Unexpected end of document");
	while (P->tok.kind != TK_EOF) {
		if (at_name(P, "fragment"))
			pvec_push(P->a, &frags, parse_frag(P));
		else
			pvec_push(P->a, &ops, parse_op(P));
	}
	d->ops = (struct gql_op **)ops.v;
	d->nops = ops.n;
	d->frags = (struct gql_frag **)frags.v;
	d->nfrags = frags.n;
}

/* Run fn under the parser's error jump: 0, or -1 after fail(). */
static int __attribute__((noinline))
protect(struct parser *P, void (*fn)(struct parser *, void *), void *arg)
{
	if (setjmp(P->jb) != 0)
		return -1;
	fn(P, arg);
	return 0;
}

static void
parse_doc_cb(struct parser *P, void *arg)
{
	parse_doc(P, arg);
}

struct gql_doc *
gql_parse(const char *src, cJSON *errors)
{
	struct gql_doc	*d = xcalloc(1, sizeof *d);
	struct parser	 P;

	memset(&P, 0, sizeof P);
	P.a = &d->arena;
	P.p = P.linestart = src;
	P.line = 1;
	if (protect(&P, parse_doc_cb, d) != 0) {
		gql_error_add(errors, P.errline, P.errcol, NULL,
		    "PARSE_ERROR", NULL, "%s", P.msg);
		gql_doc_free(d);
		return NULL;
	}
	return d;
}

void
gql_doc_free(struct gql_doc *d)
{
	if (d == NULL)
		return;
	arena_free(&d->arena);
	free(d);
}

/* Part 2: the SDL reader. */

struct gql_schema {
	struct gql_arena	  arena;
	struct gql_type		**types;	/* open-addressed by name */
	size_t			  tcap;
	int			  ntypes;
	struct gql_dirdef	**dirs;
	int			  ndirs;
	const char		 *roots[3];
	const struct gql_type	 *rootv[3];
};

static uint32_t
hash_str(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
schema_grow(struct gql_schema *S)
{
	struct gql_type	**old = S->types;
	size_t		  ocap = S->tcap, i, j;

	S->tcap = ocap == 0 ? 1024 : ocap * 2;
	S->types = xcalloc(S->tcap, sizeof *S->types);
	for (i = 0; i < ocap; i++) {
		if (old[i] == NULL)
			continue;
		j = hash_str(old[i]->name) & (S->tcap - 1);
		while (S->types[j] != NULL)
			j = (j + 1) & (S->tcap - 1);
		S->types[j] = old[i];
	}
	free(old);
}

/* Add t; returns the existing type if the name is taken. */
static struct gql_type *
schema_add(struct gql_schema *S, struct gql_type *t)
{
	size_t	j;

	if ((size_t)(S->ntypes + 1) * 2 > S->tcap)
		schema_grow(S);
	j = hash_str(t->name) & (S->tcap - 1);
	while (S->types[j] != NULL) {
		if (strcmp(S->types[j]->name, t->name) == 0)
			return S->types[j];
		j = (j + 1) & (S->tcap - 1);
	}
	S->types[j] = t;
	S->ntypes++;
	return NULL;
}

const struct gql_type *
gql_schema_type(const struct gql_schema *S, const char *name)
{
	size_t	j;

	if (S->tcap == 0 || name == NULL)
		return NULL;
	j = hash_str(name) & (S->tcap - 1);
	while (S->types[j] != NULL) {
		if (strcmp(S->types[j]->name, name) == 0)
			return S->types[j];
		j = (j + 1) & (S->tcap - 1);
	}
	return NULL;
}

int
gql_schema_ntypes(const struct gql_schema *S)
{
	return S->ntypes;
}

const struct gql_type *
gql_schema_root(const struct gql_schema *S, enum gql_op_kind k)
{
	return S->rootv[k];
}

const struct gql_dirdef *
gql_schema_directive(const struct gql_schema *S, const char *name)
{
	int	i;

	for (i = 0; i < S->ndirs; i++)
		if (strcmp(S->dirs[i]->name, name) == 0)
			return S->dirs[i];
	return NULL;
}

const struct gql_field *
gql_type_field(const struct gql_type *t, const char *name)
{
	int	i;

	if (t == NULL)
		return NULL;
	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i]->name, name) == 0)
			return t->fields[i];
	return NULL;
}

const struct gql_input *
gql_field_arg(const struct gql_field *f, const char *name)
{
	int	i;

	for (i = 0; i < f->nargs; i++)
		if (strcmp(f->args[i]->name, name) == 0)
			return f->args[i];
	return NULL;
}

static const struct gql_input *
type_input(const struct gql_type *t, const char *name)
{
	int	i;

	for (i = 0; i < t->ninputs; i++)
		if (strcmp(t->inputs[i]->name, name) == 0)
			return t->inputs[i];
	return NULL;
}

const char *
gql_tref_base(const struct gql_tref *t)
{
	while (t->kind != GQL_TR_NAMED)
		t = t->of;
	return t->name;
}

static void
tref_print(struct sbuf *b, const struct gql_tref *t)
{
	switch (t->kind) {
	case GQL_TR_NAMED:
		sb_puts(b, t->name);
		break;
	case GQL_TR_LIST:
		sb_puts(b, "[");
		tref_print(b, t->of);
		sb_puts(b, "]");
		break;
	case GQL_TR_NONNULL:
		tref_print(b, t->of);
		sb_puts(b, "!");
		break;
	}
}

char *
gql_tref_str(const struct gql_tref *t)
{
	struct sbuf	b = { 0 };

	tref_print(&b, t);
	return sb_take(&b);
}

static void
skip_description(struct parser *P)
{
	if (P->tok.kind == TK_STRING)
		next(P);
}

/* Directives in SDL: only @deprecated(reason:) is kept. */
static const char *
sdl_dirs(struct parser *P)
{
	struct gql_directive	**d;
	const char		 *reason = NULL;
	int			  n, i, j;

	d = parse_dirs(P, 1, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(d[i]->name, "deprecated") != 0)
			continue;
		reason = "No longer supported";
		for (j = 0; j < d[i]->nargs; j++)
			if (strcmp(d[i]->args[j]->name, "reason") == 0 &&
			    d[i]->args[j]->value->kind == GQL_V_STRING)
				reason = d[i]->args[j]->value->s;
	}
	return reason;
}

static struct gql_input *
sdl_input(struct parser *P)
{
	struct gql_input	*in = arena_alloc(P->a, sizeof *in);

	skip_description(P);
	in->name = expect_name(P);
	expect_punct(P, ':');
	in->type = parse_type(P);
	if (at_punct(P, '=')) {
		next(P);
		in->def = parse_value(P, 1);
	}
	(void)sdl_dirs(P);
	return in;
}

static struct gql_input **
sdl_argdefs(struct parser *P, int *n)
{
	struct pvec	pv = { 0 };

	*n = 0;
	if (!at_punct(P, '('))
		return NULL;
	next(P);
	do {
		pvec_push(P->a, &pv, sdl_input(P));
	} while (!at_punct(P, ')'));
	next(P);
	*n = pv.n;
	return (struct gql_input **)pv.v;
}

static void
sdl_fields(struct parser *P, struct gql_type *t)
{
	struct pvec		 pv = { 0 };
	struct gql_field	*f;

	if (!at_punct(P, '{'))
		return;
	next(P);
	while (!at_punct(P, '}')) {
		f = arena_alloc(P->a, sizeof *f);
		skip_description(P);
		f->name = expect_name(P);
		f->args = sdl_argdefs(P, &f->nargs);
		expect_punct(P, ':');
		f->type = parse_type(P);
		f->deprecated = sdl_dirs(P);
		pvec_push(P->a, &pv, f);
	}
	next(P);
	t->fields = (struct gql_field **)pv.v;
	t->nfields = pv.n;
}

static void
sdl_names(struct parser *P, struct gql_type *t, int sep)
{
	struct pvec	pv = { 0 };

	if (at_punct(P, sep))
		next(P);
	pvec_push(P->a, &pv, (void *)expect_name(P));
	while (at_punct(P, sep)) {
		next(P);
		pvec_push(P->a, &pv, (void *)expect_name(P));
	}
	t->names = (const char **)pv.v;
	t->nnames = pv.n;
}

static unsigned
dir_location(struct parser *P, const char *name)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} locs[] = {
		{ "QUERY", GQL_LOC_QUERY },
		{ "MUTATION", GQL_LOC_MUTATION },
		{ "SUBSCRIPTION", GQL_LOC_SUBSCRIPTION },
		{ "FIELD", GQL_LOC_FIELD },
		{ "FRAGMENT_DEFINITION", GQL_LOC_FRAGMENT_DEFINITION },
		{ "FRAGMENT_SPREAD", GQL_LOC_FRAGMENT_SPREAD },
		{ "INLINE_FRAGMENT", GQL_LOC_INLINE_FRAGMENT },
		{ "VARIABLE_DEFINITION", GQL_LOC_VARIABLE_DEFINITION },
	};
	size_t	i;

	for (i = 0; i < sizeof locs / sizeof locs[0]; i++)
		if (strcmp(locs[i].name, name) == 0)
			return locs[i].bit;
	return GQL_LOC_OTHER;
}

static void
sdl_directive(struct parser *P, struct gql_schema *S, struct pvec *dirs)
{
	struct gql_dirdef	*d = arena_alloc(P->a, sizeof *d);

	expect_punct(P, '@');
	d->name = expect_name(P);
	d->args = sdl_argdefs(P, &d->nargs);
	if (at_name(P, "repeatable"))
		next(P);
	if (!at_name(P, "on"))
		unexpected(P, "ON");
	next(P);
	if (at_punct(P, '|'))
		next(P);
	d->locations |= dir_location(P, expect_name(P));
	while (at_punct(P, '|')) {
		next(P);
		d->locations |= dir_location(P, expect_name(P));
	}
	pvec_push(P->a, dirs, d);
	(void)S;
}

static void
sdl_definition(struct parser *P, struct gql_schema *S, struct pvec *dirs)
{
	struct gql_type	*t;
	struct pvec	 pv = { 0 };
	const char	*kw;
	int		 line = P->tok.line, col = P->tok.col, k;

	skip_description(P);
	if (P->tok.kind != TK_NAME)
		unexpected(P, "a definition");
	kw = arena_strndup(P->a, P->tok.text, P->tok.len);
	next(P);
	if (strcmp(kw, "schema") == 0) {
		(void)sdl_dirs(P);
		expect_punct(P, '{');
		while (!at_punct(P, '}')) {
			if (at_name(P, "query"))
				k = GQL_QUERY;
			else if (at_name(P, "mutation"))
				k = GQL_MUTATION;
			else if (at_name(P, "subscription"))
				k = GQL_SUBSCRIPTION;
			else
				unexpected(P, "an operation type");
			next(P);
			expect_punct(P, ':');
			S->roots[k] = expect_name(P);
		}
		next(P);
		return;
	}
	if (strcmp(kw, "directive") == 0) {
		sdl_directive(P, S, dirs);
		return;
	}
	t = arena_alloc(P->a, sizeof *t);
	if (strcmp(kw, "scalar") == 0)
		t->kind = GQL_SCALAR;
	else if (strcmp(kw, "type") == 0)
		t->kind = GQL_OBJECT;
	else if (strcmp(kw, "interface") == 0)
		t->kind = GQL_INTERFACE;
	else if (strcmp(kw, "union") == 0)
		t->kind = GQL_UNION;
	else if (strcmp(kw, "enum") == 0)
		t->kind = GQL_ENUM;
	else if (strcmp(kw, "input") == 0)
		t->kind = GQL_INPUT;
	else
		fail(P, line, col, "unsupported definition \"%s\"", kw);
	t->name = expect_name(P);
	switch (t->kind) {
	case GQL_OBJECT:
	case GQL_INTERFACE:
		if (at_name(P, "implements")) {
			next(P);
			sdl_names(P, t, '&');
		}
		(void)sdl_dirs(P);
		sdl_fields(P, t);
		break;
	case GQL_UNION:
		(void)sdl_dirs(P);
		if (at_punct(P, '=')) {
			next(P);
			sdl_names(P, t, '|');
		}
		break;
	case GQL_ENUM:
		(void)sdl_dirs(P);
		expect_punct(P, '{');
		while (!at_punct(P, '}')) {
			skip_description(P);
			pvec_push(P->a, &pv, (void *)expect_name(P));
			(void)sdl_dirs(P);
		}
		next(P);
		t->values = (const char **)pv.v;
		t->nvalues = pv.n;
		break;
	case GQL_INPUT:
		(void)sdl_dirs(P);
		expect_punct(P, '{');
		while (!at_punct(P, '}'))
			pvec_push(P->a, &pv, sdl_input(P));
		next(P);
		t->inputs = (struct gql_input **)pv.v;
		t->ninputs = pv.n;
		break;
	case GQL_SCALAR:
		(void)sdl_dirs(P);
		break;
	}
	if (schema_add(S, t) != NULL)
		fail(P, line, col, "type %s defined twice", t->name);
}

/* The scalars and directives every schema has without saying so. */
static void
schema_builtins(struct parser *P, struct gql_schema *S, struct pvec *dirs)
{
	static const char *const scalars[] = {
		"Int", "Float", "String", "Boolean", "ID",
	};
	static const char	builtin_dirs[] =
	    "directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | "
	    "INLINE_FRAGMENT\n"
	    "directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | "
	    "INLINE_FRAGMENT\n"
	    "directive @deprecated(reason: String = \"No longer supported\") "
	    "on FIELD_DEFINITION | ARGUMENT_DEFINITION | "
	    "INPUT_FIELD_DEFINITION | ENUM_VALUE\n"
	    "directive @specifiedBy(url: String!) on SCALAR\n"
	    "directive @oneOf on INPUT_OBJECT\n";
	struct gql_type		*t;
	struct gql_dirdef	*d;
	struct pvec		 more = { 0 };
	size_t			 i;
	int			 j, k, have;

	for (i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
		t = arena_alloc(P->a, sizeof *t);
		t->kind = GQL_SCALAR;
		t->name = scalars[i];
		(void)schema_add(S, t);		/* kept if already defined */
	}
	P->p = P->linestart = builtin_dirs;
	P->line = 1;
	next(P);
	while (P->tok.kind != TK_EOF) {
		next(P);	/* "directive" */
		sdl_directive(P, S, &more);
	}
	for (j = 0; j < more.n; j++) {
		d = more.v[j];
		for (have = 0, k = 0; k < dirs->n; k++)
			if (strcmp(((struct gql_dirdef *)dirs->v[k])->name,
			    d->name) == 0)
				have = 1;
		if (!have)
			pvec_push(P->a, dirs, d);
	}
}

struct schema_job {
	struct gql_schema	*S;
	struct pvec		 dirs;
};

static void __attribute__((noinline))
parse_sdl_cb(struct parser *P, void *arg)
{
	struct schema_job	*j = arg;

	next(P);
	while (P->tok.kind != TK_EOF)
		sdl_definition(P, j->S, &j->dirs);
	schema_builtins(P, j->S, &j->dirs);
}

struct gql_schema *
gql_schema_parse(const char *src, const char *name, char **errp)
{
	struct gql_schema	*S = xcalloc(1, sizeof *S);
	struct parser		 P;
	struct schema_job	 job;
	int			 k;
	static const char *const defroots[] = {
		"Query", "Mutation", "Subscription",
	};

	*errp = NULL;
	memset(&P, 0, sizeof P);
	memset(&job, 0, sizeof job);
	job.S = S;
	P.a = &S->arena;
	P.name = name;
	P.p = P.linestart = src;
	P.line = 1;
	if (protect(&P, parse_sdl_cb, &job) != 0) {
		*errp = xasprintf("%s:%d:%d: %s", name, P.errline, P.errcol,
		    P.msg);
		gql_schema_free(S);
		return NULL;
	}
	S->dirs = (struct gql_dirdef **)job.dirs.v;
	S->ndirs = job.dirs.n;
	for (k = 0; k < 3; k++) {
		if (S->roots[k] == NULL)
			S->roots[k] = defroots[k];
		S->rootv[k] = gql_schema_type(S, S->roots[k]);
	}
	if (S->rootv[GQL_QUERY] == NULL) {
		*errp = xasprintf("%s: no query root type", name);
		gql_schema_free(S);
		return NULL;
	}
	return S;
}

struct gql_schema *
gql_schema_load(const char *path, char **errp)
{
	struct gql_schema	*S = NULL;
	FILE			*fp;
	struct sbuf		 b = { 0 };
	char			 buf[65536];
	size_t			 n;

	*errp = NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		*errp = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_add(&b, buf, n);
	if (ferror(fp)) {
		*errp = xasprintf("%s: read error", path);
		goto out;
	}
	S = gql_schema_parse(b.s != NULL ? b.s : "", path, errp);
out:
	fclose(fp);
	free(b.s);
	return S;
}

void
gql_schema_free(struct gql_schema *S)
{
	if (S == NULL)
		return;
	arena_free(&S->arena);
	free(S->types);
	free(S);
}

/* Errors. */

cJSON *
gql_error_add(cJSON *errors, int line, int col, cJSON *path,
    const char *code, cJSON *ext, const char *fmt, ...)
{
	cJSON	*e = cJSON_CreateObject(), *locs, *loc;
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(e, "message", msg);
	free(msg);
	if (line > 0) {
		locs = cJSON_AddArrayToObject(e, "locations");
		loc = cJSON_CreateObject();
		cJSON_AddNumberToObject(loc, "line", line);
		cJSON_AddNumberToObject(loc, "column", col);
		cJSON_AddItemToArray(locs, loc);
	}
	if (path != NULL)
		cJSON_AddItemToObject(e, "path", path);
	if (code != NULL) {
		if (ext == NULL)
			ext = cJSON_CreateObject();
		cJSON_AddStringToObject(ext, "code", code);
	}
	if (ext != NULL)
		cJSON_AddItemToObject(e, "extensions", ext);
	cJSON_AddItemToArray(errors, e);
	return e;
}

/* Part 3: static validation. */

struct vctx {
	const struct gql_schema	*S;
	const struct gql_doc	*d;
	cJSON			*errors;
	int			 nerr;
	const struct gql_op	*op;		/* NULL: a lone fragment */
	char			 opdesc[256];	/* "Levels", "anonymous query"
						 */
	unsigned char		*varused;
	unsigned char		*fragdone;	/* per op */
	unsigned char		*fragused;
	unsigned char		*cyclic;
	const char		*path[GQL_MAXDEPTH];
	int			 depth;
	const char		*argname;	/* for variable messages */
	int			 loc_has_default;
};

static void
push(struct vctx *c, const char *s)
{
	if (c->depth < GQL_MAXDEPTH)
		c->path[c->depth] = s;
	c->depth++;
}

static void
pop(struct vctx *c)
{
	c->depth--;
}

static cJSON *
vpath(struct vctx *c)
{
	cJSON	*p = cJSON_CreateArray();
	int	 i;

	for (i = 0; i < c->depth && i < GQL_MAXDEPTH; i++)
		cJSON_AddItemToArray(p, cJSON_CreateString(c->path[i]));
	return p;
}

/* ext: NULL-terminated key/value string pairs. */
static void __attribute__((format(printf, 6, 7)))
verr(struct vctx *c, int line, int col, const char *code, const char **kv,
    const char *fmt, ...)
{
	cJSON	*ext = cJSON_CreateObject();
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	for (; kv != NULL && kv[0] != NULL; kv += 2)
		cJSON_AddStringToObject(ext, kv[0], kv[1]);
	gql_error_add(c->errors, line, col, vpath(c), code, ext, "%s", msg);
	free(msg);
	c->nerr++;
}

#define KV(...)	((const char *[]){ __VA_ARGS__, NULL })

static int
is_leaf(const struct gql_type *t)
{
	return t->kind == GQL_SCALAR || t->kind == GQL_ENUM;
}

static int
is_composite(const struct gql_type *t)
{
	return t->kind == GQL_OBJECT || t->kind == GQL_INTERFACE ||
	    t->kind == GQL_UNION;
}

static int
is_input_type(const struct gql_type *t)
{
	return t->kind == GQL_SCALAR || t->kind == GQL_ENUM ||
	    t->kind == GQL_INPUT;
}

static int
names_have(const struct gql_type *t, const char *name)
{
	int	i;

	for (i = 0; i < t->nnames; i++)
		if (strcmp(t->names[i], name) == 0)
			return 1;
	return 0;
}

/* Is the object type obj one of the possible types of t? */
static int
possible(const struct gql_schema *S, const struct gql_type *t,
    const struct gql_type *obj)
{
	(void)S;
	switch (t->kind) {
	case GQL_OBJECT:
		return t == obj;
	case GQL_INTERFACE:
		return obj->kind == GQL_OBJECT && names_have(obj, t->name);
	case GQL_UNION:
		return names_have(t, obj->name);
	default:
		return 0;
	}
}

/* Do two composite types share a possible object type? */
static int
overlap(const struct gql_schema *S, const struct gql_type *a,
    const struct gql_type *b)
{
	size_t	i;

	if (a == b)
		return 1;
	if (a->kind == GQL_OBJECT)
		return possible(S, b, a);
	if (b->kind == GQL_OBJECT)
		return possible(S, a, b);
	for (i = 0; i < S->tcap; i++)
		if (S->types[i] != NULL && S->types[i]->kind == GQL_OBJECT &&
		    possible(S, a, S->types[i]) && possible(S, b, S->types[i]))
			return 1;
	return 0;
}

static void
value_print(struct sbuf *b, const struct gql_value *v)
{
	const char	*s;
	int		 i;

	switch (v->kind) {
	case GQL_V_VAR:
		sb_printf(b, "$%s", v->s);
		break;
	case GQL_V_STRING:
		sb_puts(b, "\"");
		for (s = v->s; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				sb_puts(b, "\\");
			sb_add(b, s, 1);
		}
		sb_puts(b, "\"");
		break;
	case GQL_V_LIST:
		sb_puts(b, "[");
		for (i = 0; i < v->nitems; i++) {
			if (i > 0)
				sb_puts(b, ", ");
			value_print(b, v->items[i]);
		}
		sb_puts(b, "]");
		break;
	case GQL_V_OBJECT:
		sb_puts(b, "{");
		for (i = 0; i < v->nfields; i++) {
			if (i > 0)
				sb_puts(b, ", ");
			sb_printf(b, "%s: ", v->fields[i]->name);
			value_print(b, v->fields[i]->value);
		}
		sb_puts(b, "}");
		break;
	default:
		sb_puts(b, v->s);
		break;
	}
}

static const struct gql_vardef *
find_var(const struct gql_op *op, const char *name, int *idx)
{
	int	i;

	for (i = 0; op != NULL && i < op->nvars; i++)
		if (strcmp(op->vars[i]->name, name) == 0) {
			*idx = i;
			return op->vars[i];
		}
	return NULL;
}

/* Spec: AreTypesCompatible(variableType, locationType). */
static int
types_compatible(const struct gql_tref *v, const struct gql_tref *l,
    int *listdim)
{
	if (l->kind == GQL_TR_NONNULL) {
		if (v->kind != GQL_TR_NONNULL)
			return 0;
		return types_compatible(v->of, l->of, listdim);
	}
	if (v->kind == GQL_TR_NONNULL)
		return types_compatible(v->of, l, listdim);
	if (l->kind == GQL_TR_LIST) {
		if (v->kind != GQL_TR_LIST) {
			*listdim = 1;
			return 0;
		}
		return types_compatible(v->of, l->of, listdim);
	}
	if (v->kind == GQL_TR_LIST) {
		*listdim = 1;
		return 0;
	}
	return strcmp(v->name, l->name) == 0;
}

static void
var_usage(struct vctx *c, const struct gql_value *v, const struct gql_tref *t,
    int has_default)
{
	const struct gql_vardef	*vd;
	const struct gql_tref	*vt;
	char			*vs, *ls;
	int			 idx, listdim = 0, ok;
	const char		*what;

	if (c->op == NULL)
		return;
	if ((vd = find_var(c->op, v->s, &idx)) == NULL) {
		verr(c, v->line, v->col, "variableNotDefined",
		    KV("variableName", v->s), "Variable $%s is used by %s but "
		    "not declared", v->s, c->opdesc);
		return;
	}
	c->varused[idx] = 1;
	vt = vd->type;
	if (t->kind == GQL_TR_NONNULL && vt->kind != GQL_TR_NONNULL) {
		if ((vd->def != NULL && vd->def->kind != GQL_V_NULL) ||
		    has_default)
			t = t->of;
		else {
			what = "Nullability mismatch";
			goto mismatch;
		}
	}
	ok = types_compatible(vt, t, &listdim);
	if (ok)
		return;
	what = listdim ? "List dimension mismatch" : "Type mismatch";
mismatch:
	vs = gql_tref_str(vt);
	ls = gql_tref_str(t);
	verr(c, v->line, v->col, "variableMismatch", KV("variableName", v->s,
	    "typeName", vs, "argumentName", c->argname, "errorMessage", what),
	    "%s on variable $%s and argument %s (%s / %s)", what, v->s,
	    c->argname, vs, ls);
	free(vs);
	free(ls);
}

static int
int_literal_ok(const char *s)
{
	long long	v;
	char		*end;

	errno = 0;
	v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && v >= INT_MIN && v <= INT_MAX;
}

static int	value_fits(struct vctx *, const struct gql_value *,
		    const struct gql_tref *);

static void
input_fields_check(struct vctx *c, const struct gql_value *v,
    const struct gql_type *t)
{
	const struct gql_input	*in;
	const char		*saved = c->argname;
	struct sbuf		 b = { 0 };
	char			*ts;
	int			 i, j, given;

	for (i = 0; i < v->nfields; i++) {
		push(c, v->fields[i]->name);
		if ((in = type_input(t, v->fields[i]->name)) == NULL) {
			verr(c, v->fields[i]->line, v->fields[i]->col,
			    "argumentNotAccepted", KV("name", t->name,
			    "typeName", "InputObject", "argumentName",
			    v->fields[i]->name), "InputObject '%s' doesn't "
			    "accept argument '%s'", t->name,
			    v->fields[i]->name);
			pop(c);
			continue;
		}
		c->argname = in->name;
		if (!value_fits(c, v->fields[i]->value, in->type)) {
			value_print(&b, v->fields[i]->value);
			ts = gql_tref_str(in->type);
			verr(c, v->fields[i]->line, v->fields[i]->col,
			    "argumentLiteralsIncompatible", KV("typeName",
			    "InputObject", "argumentName", in->name),
			    "Argument '%s' on InputObject '%s' has an invalid "
			    "value (%s). Expected type '%s'.", in->name,
			    t->name, b.s, ts);
			free(ts);
			free(sb_take(&b));
		}
		c->argname = saved;
		pop(c);
	}
	for (i = 0; i < t->ninputs; i++) {
		in = t->inputs[i];
		if (in->type->kind != GQL_TR_NONNULL || in->def != NULL)
			continue;
		for (given = 0, j = 0; j < v->nfields; j++)
			if (strcmp(v->fields[j]->name, in->name) == 0)
				given = 1;
		if (given)
			continue;
		ts = gql_tref_str(in->type);
		verr(c, v->line, v->col, "missingRequiredInputObjectAttribute",
		    KV("argumentName", in->name, "argumentType", ts,
		    "inputObjectType", t->name), "Argument '%s' on InputObject "
		    "'%s' is required. Expected type %s", in->name, t->name,
		    ts);
		free(ts);
	}
}

/*
 * Does literal v fit type t? Variables are checked for compatibility
 * (and reported) instead; input objects report their own field errors
 * and count as fitting so the caller adds no second message.
 */
static int
value_fits(struct vctx *c, const struct gql_value *v, const struct gql_tref *t)
{
	const struct gql_type	*ty;
	int			 i, hasdef = c->loc_has_default;

	c->loc_has_default = 0;
	if (v->kind == GQL_V_VAR) {
		var_usage(c, v, t, hasdef);
		return 1;
	}
	if (t->kind == GQL_TR_NONNULL) {
		if (v->kind == GQL_V_NULL)
			return 0;
		return value_fits(c, v, t->of);
	}
	if (v->kind == GQL_V_NULL)
		return 1;
	if (t->kind == GQL_TR_LIST) {
		if (v->kind != GQL_V_LIST)
			return value_fits(c, v, t->of);
		for (i = 0; i < v->nitems; i++)
			if (!value_fits(c, v->items[i], t->of))
				return 0;
		return 1;
	}
	if ((ty = gql_schema_type(c->S, t->name)) == NULL)
		return 0;
	switch (ty->kind) {
	case GQL_SCALAR:
		if (strcmp(ty->name, "Int") == 0)
			return v->kind == GQL_V_INT && int_literal_ok(v->s);
		if (strcmp(ty->name, "Float") == 0)
			return v->kind == GQL_V_INT || v->kind == GQL_V_FLOAT;
		if (strcmp(ty->name, "String") == 0)
			return v->kind == GQL_V_STRING;
		if (strcmp(ty->name, "Boolean") == 0)
			return v->kind == GQL_V_BOOL;
		if (strcmp(ty->name, "ID") == 0)
			return v->kind == GQL_V_STRING || v->kind == GQL_V_INT;
		/* Custom scalars (DateTime, URL, JSON...) take any literal. */
		return 1;
	case GQL_ENUM:
		if (v->kind != GQL_V_ENUM)
			return 0;
		for (i = 0; i < ty->nvalues; i++)
			if (strcmp(ty->values[i], v->s) == 0)
				return 1;
		return 0;
	case GQL_INPUT:
		if (v->kind != GQL_V_OBJECT)
			return 0;
		input_fields_check(c, v, ty);
		return 1;
	default:
		return 0;
	}
}

/* Arguments of a field ("Field") or directive ("Directive"). */
static void
args_check(struct vctx *c, const char *kind, const char *owner,
    struct gql_arg **args, int nargs, struct gql_input **defs, int ndefs,
    int line, int col)
{
	const struct gql_input	*in;
	struct sbuf		 b = { 0 }, miss = { 0 };
	char			*ts;
	int			 i, j, given;

	for (i = 0; i < nargs; i++) {
		for (in = NULL, j = 0; j < ndefs; j++)
			if (strcmp(defs[j]->name, args[i]->name) == 0)
				in = defs[j];
		push(c, args[i]->name);
		if (in == NULL) {
			if (strcmp(kind, "Field") == 0)
				verr(c, args[i]->line, args[i]->col,
				    "argumentNotAccepted", KV("name", owner,
				    "typeName", kind, "argumentName",
				    args[i]->name), "Field '%s' doesn't accept "
				    "argument '%s'", owner, args[i]->name);
			else
				verr(c, args[i]->line, args[i]->col,
				    "argumentNotAccepted", KV("name", owner,
				    "typeName", kind, "argumentName",
				    args[i]->name), "Directive '%s' doesn't "
				    "accept argument '%s'", owner,
				    args[i]->name);
			pop(c);
			continue;
		}
		c->argname = in->name;
		c->loc_has_default = in->def != NULL;
		if (!value_fits(c, args[i]->value, in->type)) {
			value_print(&b, args[i]->value);
			ts = gql_tref_str(in->type);
			verr(c, args[i]->line, args[i]->col,
			    "argumentLiteralsIncompatible", KV("typeName", kind,
			    "argumentName", in->name), "Argument '%s' on %s "
			    "'%s' has an invalid value (%s). Expected type "
			    "'%s'.", in->name, kind, owner, b.s, ts);
			free(ts);
			free(sb_take(&b));
		}
		pop(c);
	}
	for (j = 0; j < ndefs; j++) {
		if (defs[j]->type->kind != GQL_TR_NONNULL || defs[j]->def)
			continue;
		for (given = 0, i = 0; i < nargs; i++)
			if (strcmp(args[i]->name, defs[j]->name) == 0)
				given = 1;
		if (!given)
			sb_printf(&miss, "%s%s", miss.len > 0 ? ", " : "",
			    defs[j]->name);
	}
	if (miss.len > 0) {
		verr(c, line, col, "missingRequiredArguments",
		    KV("className", kind, "name", owner, "arguments", miss.s),
		    "%s '%s' is missing required arguments: %s", kind, owner,
		    miss.s);
		free(sb_take(&miss));
	}
}

static const char *
loc_name(unsigned loc)
{
	switch (loc) {
	case GQL_LOC_QUERY: return "queries";
	case GQL_LOC_MUTATION: return "mutations";
	case GQL_LOC_SUBSCRIPTION: return "subscriptions";
	case GQL_LOC_FIELD: return "fields";
	case GQL_LOC_FRAGMENT_DEFINITION: return "fragment definitions";
	case GQL_LOC_FRAGMENT_SPREAD: return "fragment spreads";
	case GQL_LOC_INLINE_FRAGMENT: return "inline fragments";
	case GQL_LOC_VARIABLE_DEFINITION: return "variable definitions";
	}
	return "this location";
}

static void
dirs_check(struct vctx *c, struct gql_directive **dirs, int ndirs,
    unsigned loc)
{
	const struct gql_dirdef	*dd;
	struct sbuf		 allowed = { 0 };
	unsigned		 bit;
	int			 i;

	for (i = 0; i < ndirs; i++) {
		if ((dd = gql_schema_directive(c->S, dirs[i]->name)) == NULL) {
			verr(c, dirs[i]->line, dirs[i]->col,
			    "undefinedDirective", KV("directiveName",
			    dirs[i]->name), "Directive @%s is not defined",
			    dirs[i]->name);
			continue;
		}
		if ((dd->locations & loc) == 0) {
			for (bit = 1; bit < GQL_LOC_OTHER; bit <<= 1)
				if (dd->locations & bit)
					sb_printf(&allowed, "%s%s", allowed.len
					    > 0 ? ", " : "", loc_name(bit));
			verr(c, dirs[i]->line, dirs[i]->col,
			    "directiveCannotBeApplied", KV("targetName",
			    loc_name(loc), "name", dirs[i]->name),
			    "'@%s' can't be applied to %s (allowed: %s)",
			    dirs[i]->name, loc_name(loc), allowed.s != NULL ?
			    allowed.s : "none");
			free(sb_take(&allowed));
		}
		args_check(c, "Directive", dirs[i]->name, dirs[i]->args,
		    dirs[i]->nargs, dd->args, dd->nargs, dirs[i]->line,
		    dirs[i]->col);
	}
}

static int
frag_index(const struct gql_doc *d, const char *name)
{
	int	i;

	for (i = 0; i < d->nfrags; i++)
		if (strcmp(d->frags[i]->name, name) == 0)
			return i;
	return -1;
}

static void	sels_check(struct vctx *, const struct gql_type *,
		    struct gql_sel **, int);

static void
field_check(struct vctx *c, const struct gql_type *t, const struct gql_sel *s)
{
	const struct gql_field	*f;
	const struct gql_type	*ft;
	struct sbuf		 b = { 0 };
	char			*node;
	const char		*kind;
	int			 i;

	push(c, s->alias != NULL ? s->alias : s->name);
	dirs_check(c, s->dirs, s->ndirs, GQL_LOC_FIELD);
	if (strcmp(s->name, "__typename") == 0) {
		args_check(c, "Field", s->name, s->args, s->nargs, NULL, 0,
		    s->line, s->col);
		if (s->braces)
			verr(c, s->line, s->col, "selectionMismatch",
			    KV("nodeName", "field '__typename'", "typeName",
			    "String"), "Selections can't be made on scalars "
			    "(field '__typename' returns String but has "
			    "selections [...])");
		goto out;
	}
	if ((f = gql_type_field(t, s->name)) == NULL) {
		verr(c, s->line, s->col, "undefinedField", KV("typeName",
		    t->name, "fieldName", s->name), "Field '%s' doesn't exist "
		    "on type '%s'", s->name, t->name);
		goto out;
	}
	args_check(c, "Field", s->name, s->args, s->nargs, f->args, f->nargs,
	    s->line, s->col);
	if ((ft = gql_schema_type(c->S, gql_tref_base(f->type))) == NULL)
		goto out;
	node = xasprintf("field '%s'", s->name);
	if (is_leaf(ft) && s->braces) {
		for (i = 0; i < s->nsels; i++)
			sb_printf(&b, "%s%s", i > 0 ? ", " : "",
			    s->sels[i]->kind == GQL_SEL_FIELD ?
			    s->sels[i]->name : "...");
		kind = ft->kind == GQL_ENUM ? "enums" : "scalars";
		verr(c, s->line, s->col, "selectionMismatch", KV("nodeName",
		    node, "typeName", ft->name), "Selections can't be made on "
		    "%s (%s returns %s but has selections [%s])", kind, node,
		    ft->name, b.s != NULL ? b.s : "");
		free(sb_take(&b));
	} else if (is_composite(ft) && !s->braces)
		verr(c, s->line, s->col, "selectionMismatch", KV("nodeName",
		    node, "typeName", ft->name), "Field must have selections "
		    "(%s returns %s but has no selections. Did you mean '%s "
		    "{ ... }'?)", node, ft->name, s->name);
	else if (is_composite(ft))
		sels_check(c, ft, s->sels, s->nsels);
	free(node);
out:
	pop(c);
}

static void
spread_check(struct vctx *c, const struct gql_type *t, const struct gql_sel *s)
{
	const struct gql_frag	*fr;
	const struct gql_type	*ft;
	const char		*saved[GQL_MAXDEPTH];
	char			*head;
	int			 idx, depth, i;

	dirs_check(c, s->dirs, s->ndirs, GQL_LOC_FRAGMENT_SPREAD);
	if ((idx = frag_index(c->d, s->name)) < 0) {
		verr(c, s->line, s->col, "useAndDefineFragment",
		    KV("fragmentName", s->name), "Fragment %s was used, but "
		    "not defined", s->name);
		return;
	}
	fr = c->d->frags[idx];
	c->fragused[idx] = 1;
	if ((ft = gql_schema_type(c->S, fr->typecond)) == NULL ||
	    !is_composite(ft))
		return;		/* reported at the definition */
	if (!overlap(c->S, t, ft))
		verr(c, s->line, s->col, "fragmentSpreadTypeMismatch",
		    KV("fragmentName", s->name, "parentName", t->name,
		    "typeName", ft->name), "Fragment %s on %s can't be spread "
		    "inside %s", s->name, ft->name, t->name);
	if (c->fragdone[idx] || c->cyclic[idx])
		return;
	c->fragdone[idx] = 1;
	/* Errors inside a fragment are reported from its definition. */
	depth = c->depth < GQL_MAXDEPTH ? c->depth : GQL_MAXDEPTH;
	for (i = 0; i < depth; i++)
		saved[i] = c->path[i];
	i = c->depth;
	c->depth = 0;
	head = xasprintf("fragment %s", fr->name);
	push(c, head);
	sels_check(c, ft, fr->sels, fr->nsels);
	free(head);
	c->depth = i;
	for (i = 0; i < depth; i++)
		c->path[i] = saved[i];
}

static void
inline_check(struct vctx *c, const struct gql_type *t, const struct gql_sel *s)
{
	const struct gql_type	*ft = t;
	char			*head = NULL;

	if (s->typecond != NULL) {
		if ((ft = gql_schema_type(c->S, s->typecond)) == NULL) {
			verr(c, s->line, s->col, "undefinedType",
			    KV("typeName", s->typecond), "No such type %s, so "
			    "it can't be a fragment condition", s->typecond);
			return;
		}
		if (!is_composite(ft)) {
			verr(c, s->line, s->col, "fragmentOnNonCompositeType",
			    KV("typeName", s->typecond), "Invalid fragment on "
			    "type %s (must be Union, Interface or Object)",
			    s->typecond);
			return;
		}
		if (!overlap(c->S, t, ft))
			verr(c, s->line, s->col, "fragmentSpreadTypeMismatch",
			    KV("fragmentName", "unknown", "parentName",
			    t->name, "typeName", ft->name), "Fragment on %s "
			    "can't be spread inside %s", ft->name, t->name);
	}
	if (s->typecond != NULL)
		head = xasprintf("... on %s", s->typecond);
	push(c, head != NULL ? head : "...");
	dirs_check(c, s->dirs, s->ndirs, GQL_LOC_INLINE_FRAGMENT);
	sels_check(c, ft, s->sels, s->nsels);
	pop(c);
	free(head);
}

static void
sels_check(struct vctx *c, const struct gql_type *t, struct gql_sel **sels,
    int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		switch (sels[i]->kind) {
		case GQL_SEL_FIELD:
			field_check(c, t, sels[i]);
			break;
		case GQL_SEL_SPREAD:
			spread_check(c, t, sels[i]);
			break;
		case GQL_SEL_INLINE:
			inline_check(c, t, sels[i]);
			break;
		}
	}
}

/* Depth-first search for spread cycles; marks each fragment on one. */
static int
frag_cycle(struct vctx *c, int idx, unsigned char *state)
{
	struct gql_sel	*stack[GQL_MAXDEPTH * 4];
	int		 sp = 0, i, j, found = 0;

	if (state[idx] == 1)
		return 1;
	if (state[idx] == 2)
		return 0;
	state[idx] = 1;
	for (i = 0; i < c->d->frags[idx]->nsels && sp < (int)(sizeof stack /
	    sizeof stack[0]); i++)
		stack[sp++] = c->d->frags[idx]->sels[i];
	while (sp > 0) {
		struct gql_sel	*s = stack[--sp];

		if (s->kind == GQL_SEL_SPREAD) {
			if ((j = frag_index(c->d, s->name)) >= 0 &&
			    frag_cycle(c, j, state))
				found = 1;
			continue;
		}
		for (i = 0; i < s->nsels && sp < (int)(sizeof stack /
		    sizeof stack[0]); i++)
			stack[sp++] = s->sels[i];
	}
	state[idx] = 2;
	if (found)
		c->cyclic[idx] = 1;
	return found;
}

static const char *
op_word(enum gql_op_kind k)
{
	return k == GQL_QUERY ? "query" : k == GQL_MUTATION ? "mutation" :
	    "subscription";
}

static void
op_check(struct vctx *c, const struct gql_op *op)
{
	const struct gql_type	*root, *vt;
	char			*head, *ts;
	int			 i, j;
	unsigned		 loc;

	c->op = op;
	if (op->name != NULL)
		snprintf(c->opdesc, sizeof c->opdesc, "%s", op->name);
	else
		snprintf(c->opdesc, sizeof c->opdesc, "anonymous %s",
		    op_word(op->kind));
	memset(c->fragdone, 0, (size_t)c->d->nfrags + 1);
	c->varused = xcalloc((size_t)op->nvars + 1, 1);
	head = xasprintf("%s%s%s", op_word(op->kind), op->name ? " " : "",
	    op->name ? op->name : "");
	c->depth = 0;
	push(c, head);

	for (i = 0; i < op->nvars; i++) {
		const struct gql_vardef	*vd = op->vars[i];

		for (j = 0; j < i; j++)
			if (strcmp(op->vars[j]->name, vd->name) == 0)
				verr(c, vd->line, vd->col, "variableNotUnique",
				    KV("variableName", vd->name), "There can "
				    "only be one variable named \"%s\"",
				    vd->name);
		vt = gql_schema_type(c->S, gql_tref_base(vd->type));
		if (vt == NULL || !is_input_type(vt)) {
			verr(c, vd->line, vd->col, "variableRequiresValidType",
			    KV("typeName", gql_tref_base(vd->type),
			    "variableName", vd->name), "%s isn't a defined "
			    "input type (on $%s)", gql_tref_base(vd->type),
			    vd->name);
			continue;
		}
		if (vd->def != NULL) {
			c->argname = vd->name;
			if (!value_fits(c, vd->def, vd->type)) {
				ts = gql_tref_str(vd->type);
				verr(c, vd->def->line, vd->def->col,
				    "defaultValueInvalidType", KV(
				    "variableName", vd->name, "typeName", ts),
				    "Default value for $%s doesn't match type "
				    "%s", vd->name, ts);
				free(ts);
			}
		}
	}
	loc = op->kind == GQL_QUERY ? GQL_LOC_QUERY : op->kind ==
	    GQL_MUTATION ? GQL_LOC_MUTATION : GQL_LOC_SUBSCRIPTION;
	dirs_check(c, op->dirs, op->ndirs, loc);
	root = gql_schema_root(c->S, op->kind);
	if (root == NULL) {
		verr(c, op->line, op->col, op->kind == GQL_MUTATION ?
		    "missingMutationConfiguration" :
		    "missingSubscriptionConfiguration", NULL, "Schema is not "
		    "configured for %ss", op_word(op->kind));
	} else
		sels_check(c, root, op->sels, op->nsels);
	for (i = 0; i < op->nvars; i++)
		if (!c->varused[i])
			verr(c, op->vars[i]->line, op->vars[i]->col,
			    "variableNotUsed", KV("variableName",
			    op->vars[i]->name), "Variable $%s is declared by "
			    "%s but not used", op->vars[i]->name, c->opdesc);
	free(c->varused);
	c->varused = NULL;
	free(head);
	c->depth = 0;
	c->op = NULL;
}

int
gql_validate(const struct gql_schema *S, const struct gql_doc *d,
    cJSON *errors)
{
	struct vctx		 c;
	const struct gql_frag	*fr;
	const struct gql_type	*ft;
	unsigned char		*state;
	char			*head;
	int			 i, j, anon = 0;

	memset(&c, 0, sizeof c);
	c.S = S;
	c.d = d;
	c.errors = errors;
	c.fragdone = xcalloc((size_t)d->nfrags + 1, 1);
	c.fragused = xcalloc((size_t)d->nfrags + 1, 1);
	c.cyclic = xcalloc((size_t)d->nfrags + 1, 1);
	state = xcalloc((size_t)d->nfrags + 1, 1);

	for (i = 0; i < d->nops; i++) {
		if (d->ops[i]->name == NULL)
			anon++;
		for (j = 0; j < i; j++)
			if (d->ops[i]->name != NULL && d->ops[j]->name !=
			    NULL && strcmp(d->ops[i]->name, d->ops[j]->name)
			    == 0)
				verr(&c, d->ops[i]->line, d->ops[i]->col,
				    "operationNotUnique", KV("operationName",
				    d->ops[i]->name), "Operation name \"%s\" "
				    "must be unique", d->ops[i]->name);
	}
	if (anon > 0 && d->nops > 1)
		verr(&c, d->ops[0]->line, d->ops[0]->col,
		    "anonymousOperationWithOtherOperations", NULL, "Operation "
		    "name is required when multiple operations are present");
	for (i = 0; i < d->nfrags; i++) {
		fr = d->frags[i];
		c.depth = 0;
		head = xasprintf("fragment %s", fr->name);
		push(&c, head);
		for (j = 0; j < i; j++)
			if (strcmp(d->frags[j]->name, fr->name) == 0)
				verr(&c, fr->line, fr->col,
				    "fragmentNamesUnique", KV("fragmentName",
				    fr->name), "Fragment name \"%s\" must be "
				    "unique", fr->name);
		if ((ft = gql_schema_type(S, fr->typecond)) == NULL)
			verr(&c, fr->line, fr->col, "undefinedType",
			    KV("typeName", fr->typecond), "No such type %s, so "
			    "it can't be a fragment condition", fr->typecond);
		else if (!is_composite(ft))
			verr(&c, fr->line, fr->col,
			    "fragmentOnNonCompositeType", KV("typeName",
			    fr->typecond), "Invalid fragment on type %s (must "
			    "be Union, Interface or Object)", fr->typecond);
		free(head);
		c.depth = 0;
	}
	for (i = 0; i < d->nfrags; i++)
		(void)frag_cycle(&c, i, state);
	for (i = 0; i < d->nfrags; i++)
		if (c.cyclic[i]) {
			c.depth = 0;
			head = xasprintf("fragment %s", d->frags[i]->name);
			push(&c, head);
			verr(&c, d->frags[i]->line, d->frags[i]->col,
			    "infiniteLoop", KV("fragmentName",
			    d->frags[i]->name), "Fragment %s contains an "
			    "infinite loop", d->frags[i]->name);
			free(head);
			c.depth = 0;
		}
	for (i = 0; i < d->nops; i++)
		op_check(&c, d->ops[i]);
	for (i = 0; i < d->nfrags; i++) {
		fr = d->frags[i];
		if (c.fragused[i] || c.cyclic[i])
			continue;
		c.depth = 0;
		head = xasprintf("fragment %s", fr->name);
		push(&c, head);
		verr(&c, fr->line, fr->col, "useAndDefineFragment",
		    KV("fragmentName", fr->name), "Fragment %s was defined, "
		    "but not used", fr->name);
		if ((ft = gql_schema_type(S, fr->typecond)) == NULL ||
		    !is_composite(ft)) {
			free(head);
			continue;
		}
		dirs_check(&c, fr->dirs, fr->ndirs,
		    GQL_LOC_FRAGMENT_DEFINITION);
		memset(c.fragdone, 0, (size_t)d->nfrags + 1);
		c.fragdone[i] = 1;
		sels_check(&c, ft, fr->sels, fr->nsels);
		free(head);
		c.depth = 0;
	}
	free(c.fragdone);
	free(c.fragused);
	free(c.cyclic);
	free(state);
	return c.nerr;
}

const struct gql_op *
gql_doc_operation(const struct gql_doc *d, const char *opname, cJSON *errors)
{
	int	i;

	if (opname != NULL && *opname != '\0') {
		for (i = 0; i < d->nops; i++)
			if (d->ops[i]->name != NULL &&
			    strcmp(d->ops[i]->name, opname) == 0)
				return d->ops[i];
		gql_error_add(errors, 0, 0, NULL, NULL, NULL,
		    "No operation named \"%s\"", opname);
		return NULL;
	}
	if (d->nops == 1)
		return d->ops[0];
	if (d->nops == 0)
		gql_error_add(errors, 0, 0, NULL, NULL, NULL,
		    "No operations in query string");
	else
		gql_error_add(errors, 0, 0, NULL, NULL, NULL,
		    "An operation name is required");
	return NULL;
}

/* Variable coercion: JSON from the request against declared types. */

struct coerce {
	const struct gql_schema	*S;
	cJSON			*problems;
	int			 path[GQL_MAXDEPTH];	/* index, or -1 */
	const char		*key[GQL_MAXDEPTH];
	int			 depth;
};

static void __attribute__((format(printf, 2, 3)))
problem(struct coerce *k, const char *fmt, ...)
{
	cJSON	*p = cJSON_CreateObject(), *path = cJSON_CreateArray();
	va_list	 ap;
	char	*msg;
	int	 i;

	for (i = 0; i < k->depth && i < GQL_MAXDEPTH; i++) {
		if (k->key[i] != NULL)
			cJSON_AddItemToArray(path,
			    cJSON_CreateString(k->key[i]));
		else
			cJSON_AddItemToArray(path,
			    cJSON_CreateNumber(k->path[i]));
	}
	cJSON_AddItemToObject(p, "path", path);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(p, "explanation", msg);
	free(msg);
	cJSON_AddItemToArray(k->problems, p);
}

static void
kpush(struct coerce *k, const char *key, int idx)
{
	if (k->depth < GQL_MAXDEPTH) {
		k->key[k->depth] = key;
		k->path[k->depth] = idx;
	}
	k->depth++;
}

static int
json_is_int(const cJSON *j, long long lo, long long hi)
{
	double	d;

	if (!cJSON_IsNumber(j))
		return 0;
	d = j->valuedouble;
	return d == (double)(long long)d && d >= (double)lo && d <= (double)hi;
}

static cJSON *
coerce_json(struct coerce *k, const cJSON *j, const struct gql_tref *t)
{
	const struct gql_type	*ty;
	const struct gql_input	*in;
	const cJSON		*it;
	cJSON			*out, *r;
	char			*s;
	struct sbuf		 b = { 0 };
	int			 i, bad = 0;

	if (t->kind == GQL_TR_NONNULL) {
		if (j == NULL || cJSON_IsNull(j)) {
			problem(k, "Expected value to not be null");
			return NULL;
		}
		return coerce_json(k, j, t->of);
	}
	if (cJSON_IsNull(j))
		return cJSON_CreateNull();
	if (t->kind == GQL_TR_LIST) {
		out = cJSON_CreateArray();
		if (!cJSON_IsArray(j)) {
			if ((r = coerce_json(k, j, t->of)) == NULL) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToArray(out, r);
			return out;
		}
		i = 0;
		cJSON_ArrayForEach(it, j) {
			kpush(k, NULL, i++);
			if ((r = coerce_json(k, it, t->of)) == NULL)
				bad = 1;
			else
				cJSON_AddItemToArray(out, r);
			k->depth--;
		}
		if (bad) {
			cJSON_Delete(out);
			return NULL;
		}
		return out;
	}
	ty = gql_schema_type(k->S, t->name);
	assert(ty != NULL);	/* validation checked variable types */
	switch (ty->kind) {
	case GQL_SCALAR:
		if (strcmp(ty->name, "Int") == 0 ? json_is_int(j, INT_MIN,
		    INT_MAX) : strcmp(ty->name, "Float") == 0 ?
		    cJSON_IsNumber(j) : strcmp(ty->name, "String") == 0 ?
		    cJSON_IsString(j) : strcmp(ty->name, "Boolean") == 0 ?
		    cJSON_IsBool(j) : strcmp(ty->name, "ID") == 0 ?
		    (cJSON_IsString(j) || json_is_int(j, LLONG_MIN / 2,
		    LLONG_MAX / 2)) : 1) {
			if (strcmp(ty->name, "ID") == 0 && cJSON_IsNumber(j)) {
				s = xasprintf("%lld",
				    (long long)j->valuedouble);
				r = cJSON_CreateString(s);
				free(s);
				return r;
			}
			return cJSON_Duplicate(j, 1);
		}
		s = cJSON_PrintUnformatted(j);
		problem(k, "Could not coerce value %s to %s", s, ty->name);
		free(s);
		return NULL;
	case GQL_ENUM:
		if (cJSON_IsString(j))
			for (i = 0; i < ty->nvalues; i++)
				if (strcmp(ty->values[i], j->valuestring) == 0)
					return cJSON_Duplicate(j, 1);
		for (i = 0; i < ty->nvalues; i++)
			sb_printf(&b, "%s%s", i > 0 ? ", " : "", ty->values[i]);
		s = cJSON_PrintUnformatted(j);
		problem(k, "Expected %s to be one of: %s", s, b.s);
		free(s);
		free(sb_take(&b));
		return NULL;
	case GQL_INPUT:
		if (!cJSON_IsObject(j)) {
			s = cJSON_PrintUnformatted(j);
			problem(k, "Expected %s to be a key-value object.", s);
			free(s);
			return NULL;
		}
		out = cJSON_CreateObject();
		cJSON_ArrayForEach(it, j) {
			if (type_input(ty, it->string) != NULL)
				continue;
			kpush(k, it->string, -1);
			problem(k, "Field is not defined on %s", ty->name);
			k->depth--;
			bad = 1;
		}
		for (i = 0; i < ty->ninputs; i++) {
			in = ty->inputs[i];
			it = cJSON_GetObjectItemCaseSensitive(j, in->name);
			kpush(k, in->name, -1);
			if (it == NULL && in->def != NULL) {
				r = gql_value_json(in->def, NULL);
				cJSON_AddItemToObject(out, in->name, r);
			} else if (it == NULL) {
				if (in->type->kind == GQL_TR_NONNULL) {
					problem(k, "Expected value to not be "
					    "null");
					bad = 1;
				}
			} else if ((r = coerce_json(k, it, in->type)) == NULL)
				bad = 1;
			else
				cJSON_AddItemToObject(out, in->name, r);
			k->depth--;
		}
		if (bad) {
			cJSON_Delete(out);
			return NULL;
		}
		return out;
	default:
		problem(k, "Not an input type: %s", ty->name);
		return NULL;
	}
}

cJSON *
gql_coerce_variables(const struct gql_schema *S, const struct gql_op *op,
    const cJSON *given, cJSON *errors)
{
	struct coerce		 k;
	const struct gql_vardef	*vd;
	const cJSON		*j;
	cJSON			*out = cJSON_CreateObject(), *r, *ext, *p0;
	struct sbuf		 msg = { 0 };
	char			*ts;
	int			 i, bad = 0;

	memset(&k, 0, sizeof k);
	k.S = S;
	for (i = 0; i < op->nvars; i++) {
		vd = op->vars[i];
		j = cJSON_IsObject(given) ?
		    cJSON_GetObjectItemCaseSensitive(given, vd->name) : NULL;
		if (j == NULL && vd->def != NULL) {
			cJSON_AddItemToObject(out, vd->name,
			    gql_value_json(vd->def, NULL));
			continue;
		}
		if (j == NULL && vd->type->kind != GQL_TR_NONNULL)
			continue;
		k.problems = cJSON_CreateArray();
		k.depth = 0;
		if ((r = coerce_json(&k, j, vd->type)) != NULL) {
			cJSON_AddItemToObject(out, vd->name, r);
			cJSON_Delete(k.problems);
			continue;
		}
		bad = 1;
		ts = gql_tref_str(vd->type);
		sb_printf(&msg, "Variable $%s of type %s was provided invalid "
		    "value", vd->name, ts);
		free(ts);
		p0 = cJSON_GetArrayItem(k.problems, 0);
		if (p0 != NULL && cJSON_GetArraySize(cJSON_GetObjectItem(p0,
		    "path")) > 0) {
			const cJSON	*pe;
			int		 first = 1;

			sb_puts(&msg, " for ");
			cJSON_ArrayForEach(pe, cJSON_GetObjectItem(p0,
			    "path")) {
				if (!first)
					sb_puts(&msg, ".");
				first = 0;
				if (cJSON_IsString(pe))
					sb_puts(&msg, pe->valuestring);
				else
					sb_printf(&msg, "%d", pe->valueint);
			}
			sb_printf(&msg, " (%s)", cJSON_GetObjectItem(p0,
			    "explanation")->valuestring);
		}
		ext = cJSON_CreateObject();
		cJSON_AddItemToObject(ext, "value", j != NULL ?
		    cJSON_Duplicate(j, 1) : cJSON_CreateNull());
		cJSON_AddItemToObject(ext, "problems", k.problems);
		gql_error_add(errors, vd->line, vd->col, NULL,
		    "INVALID_VARIABLE", ext, "%s", msg.s);
		free(sb_take(&msg));
	}
	if (bad) {
		cJSON_Delete(out);
		return NULL;
	}
	return out;
}

cJSON *
gql_value_json(const struct gql_value *v, const cJSON *vars)
{
	const cJSON	*j;
	cJSON		*out, *r;
	int		 i;

	switch (v->kind) {
	case GQL_V_VAR:
		j = vars != NULL ? cJSON_GetObjectItemCaseSensitive(vars,
		    v->s) : NULL;
		return j != NULL ? cJSON_Duplicate(j, 1) : NULL;
	case GQL_V_INT:
		return cJSON_CreateNumber((double)strtoll(v->s, NULL, 10));
	case GQL_V_FLOAT:
		return cJSON_CreateNumber(strtod(v->s, NULL));
	case GQL_V_STRING:
	case GQL_V_ENUM:
		return cJSON_CreateString(v->s);
	case GQL_V_BOOL:
		return cJSON_CreateBool(v->b);
	case GQL_V_NULL:
		return cJSON_CreateNull();
	case GQL_V_LIST:
		out = cJSON_CreateArray();
		for (i = 0; i < v->nitems; i++) {
			r = gql_value_json(v->items[i], vars);
			cJSON_AddItemToArray(out, r != NULL ? r :
			    cJSON_CreateNull());
		}
		return out;
	case GQL_V_OBJECT:
		out = cJSON_CreateObject();
		for (i = 0; i < v->nfields; i++)
			if ((r = gql_value_json(v->fields[i]->value, vars)))
				cJSON_AddItemToObject(out, v->fields[i]->name,
				    r);
		return out;
	}
	return NULL;
}

/* A literal ID written as an int becomes a string, as coercion does. */
static cJSON *
value_json_typed(const struct gql_schema *S, const struct gql_value *v,
    const struct gql_tref *t, const cJSON *vars)
{
	const struct gql_type	*ty;
	const struct gql_input	*in;
	cJSON			*out, *r;
	int			 i;

	if (v->kind == GQL_V_VAR || v->kind == GQL_V_NULL)
		return gql_value_json(v, vars);
	while (t->kind == GQL_TR_NONNULL)
		t = t->of;
	if (t->kind == GQL_TR_LIST) {
		if (v->kind != GQL_V_LIST) {
			out = cJSON_CreateArray();
			if ((r = value_json_typed(S, v, t->of, vars)) != NULL)
				cJSON_AddItemToArray(out, r);
			return out;
		}
		out = cJSON_CreateArray();
		for (i = 0; i < v->nitems; i++) {
			r = value_json_typed(S, v->items[i], t->of, vars);
			cJSON_AddItemToArray(out, r ? r : cJSON_CreateNull());
		}
		return out;
	}
	ty = gql_schema_type(S, t->name);
	if (ty != NULL && ty->kind == GQL_INPUT && v->kind == GQL_V_OBJECT) {
		out = cJSON_CreateObject();
		for (i = 0; i < v->nfields; i++) {
			in = type_input(ty, v->fields[i]->name);
			r = in != NULL ? value_json_typed(S,
			    v->fields[i]->value, in->type, vars) :
			    gql_value_json(v->fields[i]->value, vars);
			if (r != NULL)
				cJSON_AddItemToObject(out, v->fields[i]->name,
				    r);
		}
		for (i = 0; i < ty->ninputs; i++)
			if (ty->inputs[i]->def != NULL &&
			    !cJSON_HasObjectItem(out, ty->inputs[i]->name))
				cJSON_AddItemToObject(out, ty->inputs[i]->name,
				    gql_value_json(ty->inputs[i]->def, NULL));
		return out;
	}
	if (ty != NULL && strcmp(ty->name, "ID") == 0 && v->kind == GQL_V_INT)
		return cJSON_CreateString(v->s);
	return gql_value_json(v, vars);
}

cJSON *
gql_directive_arg(struct gql_directive **dirs, int ndirs, const char *dir,
    const char *arg, const cJSON *vars, int *present)
{
	int	i, j;

	*present = 0;
	for (i = 0; i < ndirs; i++) {
		if (strcmp(dirs[i]->name, dir) != 0)
			continue;
		*present = 1;
		for (j = 0; j < dirs[i]->nargs; j++)
			if (strcmp(dirs[i]->args[j]->name, arg) == 0)
				return gql_value_json(dirs[i]->args[j]->value,
				    vars);
	}
	return NULL;
}

/* The arguments of a field selection as JSON, with schema defaults. */
static cJSON *
args_json(const struct gql_schema *S, const struct gql_field *f,
    const struct gql_sel *s, const cJSON *vars)
{
	const struct gql_input	*in;
	cJSON			*out = cJSON_CreateObject(), *r;
	int			 i;

	for (i = 0; i < s->nargs; i++) {
		in = f != NULL ? gql_field_arg(f, s->args[i]->name) : NULL;
		r = in != NULL ? value_json_typed(S, s->args[i]->value,
		    in->type, vars) : gql_value_json(s->args[i]->value, vars);
		if (r != NULL)
			cJSON_AddItemToObject(out, s->args[i]->name, r);
	}
	for (i = 0; f != NULL && i < f->nargs; i++)
		if (f->args[i]->def != NULL &&
		    !cJSON_HasObjectItem(out, f->args[i]->name))
			cJSON_AddItemToObject(out, f->args[i]->name,
			    gql_value_json(f->args[i]->def, NULL));
	return out;
}

/* Part 4: execution. */

struct gql_exec {
	const struct gql_schema	*S;
	const struct gql_doc	*d;
	const struct gql_op	*op;
	const cJSON		*vars;
	gql_resolver		 resolve;
	void			*ctx;
	cJSON			*errors;
	struct gql_arena	 arena;
	const char		*key[GQL_MAXDEPTH];
	int			 idx[GQL_MAXDEPTH];
	int			 depth;
	int			 line, col;
};

/* Fields with one response key, merged from every selection naming it. */
struct group {
	const char		*key;
	const struct gql_sel	*first;
	struct pvec		 sels;
};

static int
dir_skips(struct gql_directive **dirs, int n, const cJSON *vars)
{
	cJSON	*v;
	int	 present, skip = 0;

	v = gql_directive_arg(dirs, n, "skip", "if", vars, &present);
	if (present && cJSON_IsTrue(v))
		skip = 1;
	cJSON_Delete(v);
	v = gql_directive_arg(dirs, n, "include", "if", vars, &present);
	if (present && !cJSON_IsTrue(v))
		skip = 1;
	cJSON_Delete(v);
	return skip;
}

/*
 * Collect the fields of sels that apply to the object type concrete
 * (NULL: apply every fragment, for cost estimates), in order.
 */
static void
collect(struct gql_arena *a, const struct gql_schema *S,
    const struct gql_doc *d, const cJSON *vars, const struct gql_type *concrete,
    struct gql_sel **sels, int n, struct pvec *groups, int depth)
{
	const struct gql_type	*tc;
	const struct gql_sel	*s;
	struct group		*g;
	const char		*key, *cond;
	int			 i, j, fi = -1;

	if (depth > 32)
		return;
	for (i = 0; i < n; i++) {
		s = sels[i];
		if (dir_skips(s->dirs, s->ndirs, vars))
			continue;
		if (s->kind == GQL_SEL_FIELD) {
			key = s->alias != NULL ? s->alias : s->name;
			for (g = NULL, j = 0; j < groups->n; j++)
				if (strcmp(((struct group *)groups->v[j])->key,
				    key) == 0)
					g = groups->v[j];
			if (g == NULL) {
				g = arena_alloc(a, sizeof *g);
				g->key = key;
				g->first = s;
				pvec_push(a, groups, g);
			}
			pvec_push(a, &g->sels, (void *)s);
			continue;
		}
		if (s->kind == GQL_SEL_SPREAD) {
			if ((fi = frag_index(d, s->name)) < 0)
				continue;
			cond = d->frags[fi]->typecond;
		} else
			cond = s->typecond;
		if (concrete != NULL && cond != NULL) {
			tc = gql_schema_type(S, cond);
			if (tc == NULL || (tc != concrete &&
			    !possible(S, tc, concrete)))
				continue;
		}
		if (s->kind == GQL_SEL_SPREAD)
			collect(a, S, d, vars, concrete, d->frags[fi]->sels,
			    d->frags[fi]->nsels, groups, depth + 1);
		else
			collect(a, S, d, vars, concrete, s->sels, s->nsels,
			    groups, depth + 1);
	}
}

/* The sub-selections of every field in a group. */
static void
collect_sub(struct gql_arena *a, const struct gql_schema *S,
    const struct gql_doc *d, const cJSON *vars, const struct gql_type *concrete,
    const struct group *g, struct pvec *groups)
{
	const struct gql_sel	*s;
	int			 i;

	for (i = 0; i < g->sels.n; i++) {
		s = g->sels.v[i];
		collect(a, S, d, vars, concrete, s->sels, s->nsels, groups, 0);
	}
}

void *
gql_exec_alloc(struct gql_exec *ex, size_t n)
{
	return arena_alloc(&ex->arena, n);
}

char *
gql_exec_strdup(struct gql_exec *ex, const char *s)
{
	return arena_strdup(&ex->arena, s);
}

const cJSON *
gql_exec_vars(const struct gql_exec *ex)
{
	return ex->vars;
}

cJSON *
gql_exec_path(const struct gql_exec *ex)
{
	cJSON	*p = cJSON_CreateArray();
	int	 i;

	for (i = 0; i < ex->depth && i < GQL_MAXDEPTH; i++) {
		if (ex->key[i] != NULL)
			cJSON_AddItemToArray(p, cJSON_CreateString(ex->key[i]));
		else
			cJSON_AddItemToArray(p, cJSON_CreateNumber(ex->idx[i]));
	}
	return p;
}

void
gql_exec_error(struct gql_exec *ex, const char *code, cJSON *ext,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	gql_error_add(ex->errors, ex->line, ex->col, gql_exec_path(ex), code,
	    ext, "%s", msg);
	free(msg);
}

void
gql_val_leaf(struct gql_val *v, cJSON *j)
{
	memset(v, 0, sizeof *v);
	if (j == NULL || cJSON_IsNull(j)) {
		cJSON_Delete(j);
		v->kind = GQL_R_NULL;
		return;
	}
	v->kind = GQL_R_LEAF;
	v->leaf = j;
}

void
gql_val_str(struct gql_val *v, const char *s)
{
	gql_val_leaf(v, s != NULL ? cJSON_CreateString(s) : NULL);
}

void
gql_val_int(struct gql_val *v, long long n)
{
	gql_val_leaf(v, cJSON_CreateNumber((double)n));
}

void
gql_val_bool(struct gql_val *v, int b)
{
	gql_val_leaf(v, cJSON_CreateBool(b));
}

void
gql_val_obj(struct gql_val *v, void *obj, const char *type)
{
	memset(v, 0, sizeof *v);
	if (obj == NULL) {
		v->kind = GQL_R_NULL;
		return;
	}
	v->kind = GQL_R_OBJECT;
	v->obj = obj;
	v->type = type;
}

void
gql_val_list(struct gql_exec *ex, struct gql_val *v, int n)
{
	memset(v, 0, sizeof *v);
	v->kind = GQL_R_LIST;
	v->nitems = n;
	v->items = n > 0 ? arena_alloc(&ex->arena, sizeof *v->items *
	    (size_t)n) : NULL;
}

static void
val_release(struct gql_val *v)
{
	int	i;

	if (v->kind == GQL_R_LEAF) {
		cJSON_Delete(v->leaf);
		v->leaf = NULL;
	}
	if (v->kind == GQL_R_LIST)
		for (i = 0; i < v->nitems; i++)
			val_release(&v->items[i]);
	v->kind = GQL_R_NULL;
}

static void
xpush(struct gql_exec *ex, const char *key, int idx)
{
	if (ex->depth < GQL_MAXDEPTH) {
		ex->key[ex->depth] = key;
		ex->idx[ex->depth] = idx;
	}
	ex->depth++;
}

static int	exec_sels(struct gql_exec *, const struct gql_type *, void *,
		    struct pvec *, cJSON *);

/*
 * Complete v against type t. Returns the JSON value; NULL means a null
 * reached a non-null position, already reported, and must propagate to
 * the nearest nullable ancestor.
 */
static cJSON *
complete(struct gql_exec *ex, const struct gql_field *f,
    const struct gql_tref *t, struct gql_val *v, const struct group *g,
    int reported)
{
	const struct gql_type	*ty, *conc;
	const struct gql_tref	*inner = t;
	struct pvec		 sub = { 0 };
	cJSON			*out, *r;
	int			 nonnull = t->kind == GQL_TR_NONNULL, i, j;

	if (nonnull)
		inner = t->of;
	if (v->kind == GQL_R_NULL) {
		if (!nonnull)
			return cJSON_CreateNull();
		if (!reported)
			gql_exec_error(ex, NULL, NULL, "Cannot return null for "
			    "non-nullable field %s", f->name);
		return NULL;
	}
	out = NULL;
	if (inner->kind == GQL_TR_LIST) {
		/* A list of leaves may come as one JSON array. */
		if (v->kind == GQL_R_LEAF && cJSON_IsArray(v->leaf)) {
			out = v->leaf;
			v->leaf = NULL;
			v->kind = GQL_R_NULL;
			return out;
		}
		if (v->kind != GQL_R_LIST) {
			gql_exec_error(ex, "INTERNAL_SERVER_ERROR", NULL,
			    "fake: %s returned a non-list", f->name);
			val_release(v);
			goto null;
		}
		out = cJSON_CreateArray();
		for (i = 0; i < v->nitems; i++) {
			xpush(ex, NULL, i);
			r = complete(ex, f, inner->of, &v->items[i], g, 0);
			ex->depth--;
			if (r == NULL) {
				for (j = i + 1; j < v->nitems; j++)
					val_release(&v->items[j]);
				cJSON_Delete(out);
				out = NULL;
				goto null;
			}
			cJSON_AddItemToArray(out, r);
		}
		return out;
	}
	ty = gql_schema_type(ex->S, inner->name);
	if (ty != NULL && is_leaf(ty)) {
		if (v->kind != GQL_R_LEAF) {
			gql_exec_error(ex, "INTERNAL_SERVER_ERROR", NULL,
			    "fake: %s returned a non-leaf", f->name);
			val_release(v);
			goto null;
		}
		out = v->leaf;
		v->leaf = NULL;
		v->kind = GQL_R_NULL;
		return out;
	}
	if (v->kind != GQL_R_OBJECT || ty == NULL) {
		gql_exec_error(ex, "INTERNAL_SERVER_ERROR", NULL,
		    "fake: %s returned a non-object", f->name);
		val_release(v);
		goto null;
	}
	conc = v->type != NULL ? gql_schema_type(ex->S, v->type) : ty;
	if (conc == NULL || conc->kind != GQL_OBJECT) {
		gql_exec_error(ex, "INTERNAL_SERVER_ERROR", NULL,
		    "fake: %s resolved to an abstract type", f->name);
		goto null;
	}
	collect_sub(&ex->arena, ex->S, ex->d, ex->vars, conc, g, &sub);
	out = cJSON_CreateObject();
	if (exec_sels(ex, conc, v->obj, &sub, out) != 0) {
		cJSON_Delete(out);
		goto null;
	}
	return out;
null:
	return nonnull ? NULL : cJSON_CreateNull();
}

static cJSON *
exec_field(struct gql_exec *ex, const struct gql_type *t, void *obj,
    const struct group *g)
{
	const struct gql_sel	*s = g->first;
	const struct gql_field	*f;
	struct gql_val		 v;
	cJSON			*args, *r;
	int			 nerr;

	if (strcmp(s->name, "__typename") == 0)
		return cJSON_CreateString(t->name);
	if ((f = gql_type_field(t, s->name)) == NULL)
		return cJSON_CreateNull();	/* validation prevents this */
	xpush(ex, g->key, 0);
	ex->line = s->line;
	ex->col = s->col;
	args = args_json(ex->S, f, s, ex->vars);
	memset(&v, 0, sizeof v);
	nerr = cJSON_GetArraySize(ex->errors);
	ex->resolve(ex, ex->ctx, t->name, obj, s, args, &v);
	cJSON_Delete(args);
	ex->line = s->line;
	ex->col = s->col;
	r = complete(ex, f, f->type, &v, g,
	    cJSON_GetArraySize(ex->errors) > nerr);
	ex->depth--;
	return r;
}

static int
exec_sels(struct gql_exec *ex, const struct gql_type *t, void *obj,
    struct pvec *groups, cJSON *out)
{
	const struct group	*g;
	cJSON			*r;
	int			 i;

	for (i = 0; i < groups->n; i++) {
		g = groups->v[i];
		if ((r = exec_field(ex, t, obj, g)) == NULL)
			return -1;
		cJSON_AddItemToObject(out, g->key, r);
	}
	return 0;
}

cJSON *
gql_execute(const struct gql_schema *S, const struct gql_doc *d,
    const struct gql_op *op, const cJSON *vars, gql_resolver resolve,
    void *ctx, cJSON *errors)
{
	struct gql_exec		 ex;
	const struct gql_type	*root = gql_schema_root(S, op->kind);
	struct pvec		 groups = { 0 };
	cJSON			*data;

	memset(&ex, 0, sizeof ex);
	ex.S = S;
	ex.d = d;
	ex.op = op;
	ex.vars = vars;
	ex.resolve = resolve;
	ex.ctx = ctx;
	ex.errors = errors;
	if (root == NULL)
		return cJSON_CreateNull();
	collect(&ex.arena, S, d, vars, root, op->sels, op->nsels, &groups, 0);
	data = cJSON_CreateObject();
	if (exec_sels(&ex, root, NULL, &groups, data) != 0) {
		cJSON_Delete(data);
		data = cJSON_CreateNull();
	}
	arena_free(&ex.arena);
	return data;
}

/* Cost. */

struct cctx {
	const struct gql_schema	*S;
	const struct gql_doc	*d;
	const cJSON		*vars;
	struct gql_arena	 arena;
	int			 actual;
	const struct gql_type	*mutroot;
};

static int	cost_groups(struct cctx *, const struct gql_type *,
		    struct pvec *, const cJSON *);

static int
is_connection(const struct gql_type *t)
{
	size_t	n = strlen(t->name);

	return t->kind == GQL_OBJECT && n > 10 &&
	    strcmp(t->name + n - 10, "Connection") == 0;
}

static int
requested_n(struct cctx *c, const struct gql_field *f, const struct group *g)
{
	cJSON	*args = args_json(c->S, f, g->first, c->vars), *j;
	int	 n = -1;

	if ((j = cJSON_GetObjectItem(args, "first")) != NULL &&
	    cJSON_IsNumber(j))
		n = j->valueint;
	else if ((j = cJSON_GetObjectItem(args, "last")) != NULL &&
	    cJSON_IsNumber(j))
		n = j->valueint;
	else if ((j = cJSON_GetObjectItem(args, "names")) != NULL &&
	    cJSON_IsArray(j))
		n = cJSON_GetArraySize(j);	/* quantities(names:) */
	cJSON_Delete(args);
	return n < 0 ? 1 : n;
}

static int
cost_field(struct cctx *c, const struct gql_type *t, const struct group *g,
    const cJSON *data)
{
	const struct gql_field	*f, *cf;
	const struct gql_type	*bt, *ct;
	const struct gql_tref	*tr;
	const struct group	*cg;
	const cJSON		*fv = NULL, *arr, *it;
	struct pvec		 sub = { 0 }, sub2;
	int			 total, n, i, per;

	if (strcmp(g->first->name, "__typename") == 0)
		return 0;
	if ((f = gql_type_field(t, g->first->name)) == NULL)
		return 0;
	if ((bt = gql_schema_type(c->S, gql_tref_base(f->type))) == NULL ||
	    is_leaf(bt))
		return 0;
	if (t == c->mutroot)
		return 10;
	if (c->actual) {
		fv = data != NULL ? cJSON_GetObjectItemCaseSensitive(data,
		    g->key) : NULL;
		if (fv == NULL || cJSON_IsNull(fv))
			return 0;
	}
	collect_sub(&c->arena, c->S, c->d, c->vars, NULL, g, &sub);
	tr = f->type;
	if (tr->kind == GQL_TR_NONNULL)
		tr = tr->of;
	if (is_connection(bt)) {
		total = 2;
		n = requested_n(c, f, g);
		for (i = 0; i < sub.n; i++) {
			cg = sub.v[i];
			cf = gql_type_field(bt, cg->first->name);
			if (cf == NULL || (strcmp(cf->name, "nodes") != 0 &&
			    strcmp(cf->name, "edges") != 0)) {
				total += cost_field(c, bt, cg, fv);
				continue;
			}
			ct = gql_schema_type(c->S, gql_tref_base(cf->type));
			if (ct == NULL)
				continue;
			memset(&sub2, 0, sizeof sub2);
			collect_sub(&c->arena, c->S, c->d, c->vars, NULL, cg,
			    &sub2);
			per = strcmp(cf->name, "nodes") == 0 ? 1 : 0;
			if (!c->actual) {
				total += n * (per + cost_groups(c, ct, &sub2,
				    NULL));
				continue;
			}
			arr = cJSON_GetObjectItemCaseSensitive(fv, cg->key);
			cJSON_ArrayForEach(it, arr)
				total += per + cost_groups(c, ct, &sub2, it);
		}
		return total;
	}
	if (tr->kind == GQL_TR_LIST) {
		if (!c->actual)
			return requested_n(c, f, g) * (1 + cost_groups(c, bt,
			    &sub, NULL));
		total = 0;
		cJSON_ArrayForEach(it, fv)
			total += 1 + cost_groups(c, bt, &sub, it);
		return total;
	}
	return 1 + cost_groups(c, bt, &sub, fv);
}

static int
cost_groups(struct cctx *c, const struct gql_type *t, struct pvec *groups,
    const cJSON *data)
{
	int	i, total = 0;

	if (c->actual && (data == NULL || !cJSON_IsObject(data)))
		return 0;
	for (i = 0; i < groups->n; i++)
		total += cost_field(c, t, groups->v[i], data);
	return total;
}

int
gql_cost(const struct gql_schema *S, const struct gql_doc *d,
    const struct gql_op *op, const cJSON *vars, const cJSON *data)
{
	struct cctx		 c;
	const struct gql_type	*root = gql_schema_root(S, op->kind);
	struct pvec		 groups = { 0 };
	int			 cost;

	if (root == NULL)
		return 0;
	memset(&c, 0, sizeof c);
	c.S = S;
	c.d = d;
	c.vars = vars;
	c.actual = data != NULL;
	c.mutroot = gql_schema_root(S, GQL_MUTATION);
	collect(&c.arena, S, d, vars, NULL, op->sels, op->nsels, &groups, 0);
	cost = cost_groups(&c, root, &groups, data);
	arena_free(&c.arena);
	return cost;
}
