/*
 * gql.h - a small GraphQL engine for the fake Shopify server: a lexer and
 * parser for executable documents, a reader for the schema's SDL, static
 * validation with graphql-ruby's messages and codes, variable coercion,
 * query cost, and an executor that calls one resolver function per field.
 *
 * Ownership: a schema and a document each own one arena holding every
 * node; gql_schema_free() and gql_doc_free() release them. Errors are
 * appended to a caller's cJSON array as Shopify-shaped objects
 * ({"message","locations","path","extensions":{"code",...}}).
 *
 * No global state: any thread may use its own documents; a loaded schema
 * is read-only and can be shared.
 */
#ifndef GQL_H
#define GQL_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct gql_arena_chunk;
struct gql_arena {
	struct gql_arena_chunk	*head;
};

/* Type references: Name, [T], T!. */
enum gql_tref_kind {
	GQL_TR_NAMED,
	GQL_TR_LIST,
	GQL_TR_NONNULL,
};

struct gql_tref {
	enum gql_tref_kind	 kind;
	const char		*name;		/* GQL_TR_NAMED */
	struct gql_tref		*of;		/* LIST, NONNULL */
};

enum gql_vkind {
	GQL_V_VAR,
	GQL_V_INT,
	GQL_V_FLOAT,
	GQL_V_STRING,
	GQL_V_BOOL,
	GQL_V_NULL,
	GQL_V_ENUM,
	GQL_V_LIST,
	GQL_V_OBJECT,
};

struct gql_arg;

/* A literal or a $variable as written in a document. */
struct gql_value {
	enum gql_vkind	  kind;
	const char	 *s;		/* name, number text, decoded string */
	int		  b;		/* GQL_V_BOOL */
	struct gql_value **items;	/* GQL_V_LIST */
	int		  nitems;
	struct gql_arg	**fields;	/* GQL_V_OBJECT */
	int		  nfields;
	int		  line, col;
};

struct gql_arg {
	const char		*name;
	struct gql_value	*value;
	int			 line, col;
};

struct gql_directive {
	const char	 *name;
	struct gql_arg	**args;
	int		  nargs;
	int		  line, col;
};

enum gql_sel_kind {
	GQL_SEL_FIELD,
	GQL_SEL_SPREAD,		/* ...Name */
	GQL_SEL_INLINE,		/* ... on Type { } */
};

struct gql_field;

struct gql_sel {
	enum gql_sel_kind	  kind;
	const char		 *alias;	/* NULL if none */
	const char		 *name;		/* field or fragment name */
	const char		 *typecond;	/* inline fragment, or NULL */
	struct gql_arg		**args;
	int			  nargs;
	struct gql_directive	**dirs;
	int			  ndirs;
	struct gql_sel		**sels;
	int			  nsels;
	int			  braces;	/* a { } was written */
	int			  line, col;
};

struct gql_vardef {
	const char		*name;
	struct gql_tref		*type;
	struct gql_value	*def;		/* default, or NULL */
	int			 line, col;
};

enum gql_op_kind {
	GQL_QUERY,
	GQL_MUTATION,
	GQL_SUBSCRIPTION,
};

struct gql_op {
	enum gql_op_kind	  kind;
	const char		 *name;		/* NULL if anonymous */
	struct gql_vardef	**vars;
	int			  nvars;
	struct gql_directive	**dirs;
	int			  ndirs;
	struct gql_sel		**sels;
	int			  nsels;
	int			  line, col;
};

struct gql_frag {
	const char		 *name;
	const char		 *typecond;
	struct gql_directive	**dirs;
	int			  ndirs;
	struct gql_sel		**sels;
	int			  nsels;
	int			  line, col;
};

struct gql_doc {
	struct gql_arena	  arena;
	struct gql_op		**ops;
	int			  nops;
	struct gql_frag		**frags;
	int			  nfrags;
};

/* The schema, as read from SDL. */
enum gql_kind {
	GQL_SCALAR,
	GQL_OBJECT,
	GQL_INTERFACE,
	GQL_UNION,
	GQL_ENUM,
	GQL_INPUT,
};

struct gql_input {
	const char		*name;
	struct gql_tref		*type;
	struct gql_value	*def;		/* default, or NULL */
};

struct gql_field {
	const char		 *name;
	struct gql_input	**args;
	int			  nargs;
	struct gql_tref		 *type;
	const char		 *deprecated;	/* reason, or NULL */
};

struct gql_type {
	const char		 *name;
	enum gql_kind		  kind;
	struct gql_field	**fields;	/* OBJECT, INTERFACE */
	int			  nfields;
	struct gql_input	**inputs;	/* INPUT */
	int			  ninputs;
	const char		**values;	/* ENUM */
	int			  nvalues;
	const char		**names;	/* implements, or members */
	int			  nnames;
};

struct gql_dirdef {
	const char		 *name;
	struct gql_input	**args;
	int			  nargs;
	unsigned		  locations;	/* GQL_LOC_* bits */
};

#define GQL_LOC_QUERY			0x001
#define GQL_LOC_MUTATION		0x002
#define GQL_LOC_SUBSCRIPTION		0x004
#define GQL_LOC_FIELD			0x008
#define GQL_LOC_FRAGMENT_DEFINITION	0x010
#define GQL_LOC_FRAGMENT_SPREAD		0x020
#define GQL_LOC_INLINE_FRAGMENT		0x040
#define GQL_LOC_VARIABLE_DEFINITION	0x080
#define GQL_LOC_OTHER			0x100	/* any type-system location */

struct gql_schema;

/*
 * Read an SDL file. NULL on failure with *errp set to "file:line:col:
 * message" (caller frees). The schema must have a query root type.
 */
struct gql_schema	*gql_schema_load(const char *path, char **errp);
/* Same, from a NUL-terminated string; name is used in messages. */
struct gql_schema	*gql_schema_parse(const char *src, const char *name,
			    char **errp);
void			 gql_schema_free(struct gql_schema *);

const struct gql_type	*gql_schema_type(const struct gql_schema *,
			    const char *name);
const struct gql_type	*gql_schema_root(const struct gql_schema *,
			    enum gql_op_kind);
const struct gql_dirdef	*gql_schema_directive(const struct gql_schema *,
			    const char *name);
int			 gql_schema_ntypes(const struct gql_schema *);
const struct gql_field	*gql_type_field(const struct gql_type *,
			    const char *name);
const struct gql_input	*gql_field_arg(const struct gql_field *,
			    const char *name);
/* The named type under any [ ] and !. */
const char		*gql_tref_base(const struct gql_tref *);
/* "[InventoryQuantity!]!"; caller frees. */
char			*gql_tref_str(const struct gql_tref *);

/*
 * Parse an executable document. NULL on a syntax error, which is
 * appended to errors (code PARSE_ERROR). Caller frees with gql_doc_free().
 */
struct gql_doc		*gql_parse(const char *src, cJSON *errors);
void			 gql_doc_free(struct gql_doc *);

/*
 * Validate every operation and fragment of doc against the schema, as
 * graphql-ruby's static validation does: fields and arguments exist,
 * required arguments are given, literals fit their types, variables are
 * declared, used and compatible, leaves have no selections and objects
 * have some, directives exist and fit their location, fragments are
 * defined, used, acyclic and possible. Returns the number of errors
 * appended.
 */
int			 gql_validate(const struct gql_schema *,
			    const struct gql_doc *, cJSON *errors);

/*
 * The operation to run: the one named opname, or the only one. NULL with
 * an error appended otherwise.
 */
const struct gql_op	*gql_doc_operation(const struct gql_doc *,
			    const char *opname, cJSON *errors);

/*
 * Coerce the request's variables (a JSON object, or NULL) to the
 * operation's declared types, applying defaults. Returns a new object
 * (caller frees) or NULL with INVALID_VARIABLE errors appended. A nullable
 * variable that was not given is absent from the result, not null.
 */
cJSON			*gql_coerce_variables(const struct gql_schema *,
			    const struct gql_op *, const cJSON *given,
			    cJSON *errors);

/*
 * A value as JSON, variables substituted; NULL if it is a variable that
 * was not given (an absent value, unlike an explicit null). Ints are
 * numbers, IDs and custom scalars are whatever was written. Caller frees.
 */
cJSON			*gql_value_json(const struct gql_value *,
			    const cJSON *vars);
/* A directive's argument as JSON (see gql_value_json), or NULL. */
cJSON			*gql_directive_arg(struct gql_directive **, int,
			    const char *dir, const char *arg,
			    const cJSON *vars, int *present);

/*
 * Append one error: message, an optional location (line 0: none), an
 * optional path (taken), and an extensions object (taken, may be NULL)
 * to which code is added if not NULL. Returns the error object.
 */
cJSON			*gql_error_add(cJSON *errors, int line, int col,
			    cJSON *path, const char *code, cJSON *ext,
			    const char *fmt, ...)
			    __attribute__((format(printf, 7, 8)));

/*
 * Execution. The resolver fills a struct gql_val for one field of one
 * object; leaves are JSON (taken), objects a pointer plus their concrete
 * type name, lists an array of values allocated with gql_exec_alloc().
 * Resolvers report problems with gql_exec_error() and return GQL_R_NULL.
 */
enum gql_rkind {
	GQL_R_NULL,
	GQL_R_LEAF,
	GQL_R_OBJECT,
	GQL_R_LIST,
};

struct gql_val {
	enum gql_rkind	 kind;
	cJSON		*leaf;
	void		*obj;
	const char	*type;		/* concrete type; NULL: the field's */
	struct gql_val	*items;
	int		 nitems;
};

struct gql_exec;

/*
 * type is the parent's concrete type, obj what the parent resolver
 * returned (NULL at the root), args the field's arguments as JSON with
 * schema defaults applied (absent arguments are absent).
 */
typedef void	(*gql_resolver)(struct gql_exec *, void *ctx,
		    const char *type, void *obj, const struct gql_sel *,
		    const cJSON *args, struct gql_val *out);

/*
 * Run op. Returns the "data" value (an object, or JSON null when a
 * non-null root field failed); caller frees. Field errors are appended
 * to errors with their path.
 */
cJSON		*gql_execute(const struct gql_schema *, const struct gql_doc *,
		    const struct gql_op *, const cJSON *vars,
		    gql_resolver, void *ctx, cJSON *errors);

void		*gql_exec_alloc(struct gql_exec *, size_t);
char		*gql_exec_strdup(struct gql_exec *, const char *);
const cJSON	*gql_exec_vars(const struct gql_exec *);
/* The field's path as JSON (["orders","nodes",0,"id"]); caller frees. */
cJSON		*gql_exec_path(const struct gql_exec *);
/* Report an error at the current field; ext is taken (may be NULL). */
void		 gql_exec_error(struct gql_exec *, const char *code,
		    cJSON *ext, const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
/* Values for resolvers. */
void		 gql_val_leaf(struct gql_val *, cJSON *);
void		 gql_val_str(struct gql_val *, const char *);	/* NULL: null */
void		 gql_val_int(struct gql_val *, long long);
void		 gql_val_bool(struct gql_val *, int);
void		 gql_val_obj(struct gql_val *, void *, const char *type);
void		 gql_val_list(struct gql_exec *, struct gql_val *, int n);

/*
 * Query cost as Shopify computes it: scalars and enums 0, objects 1,
 * connections 2 + n * (1 + node cost), lists n * (1 + item cost), each
 * mutation root field 10. With data NULL, n is the first/last argument
 * (requested cost); otherwise n is the number of items in data (actual
 * cost).
 */
int		 gql_cost(const struct gql_schema *, const struct gql_doc *,
		    const struct gql_op *, const cJSON *vars,
		    const cJSON *data);

#endif
