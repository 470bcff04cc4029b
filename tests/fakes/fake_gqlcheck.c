/*
 * fake_gqlcheck.c - check GraphQL documents against a schema, the way
 * the fake Shopify server does before running them.
 *
 *	fake_gqlcheck SCHEMA.graphql QUERY.graphql...
 *	fake_gqlcheck -c SCHEMA.graphql QUERY.graphql [VARIABLES.json]
 *
 * Prints each document's errors as JSON lines ({"message",...}) and exits
 * 1 if any document has one; "ok FILE" otherwise. With -c it also coerces
 * the variables and prints the requested query cost as "cost N".
 * shopify_test.sh drives it to keep tests/fakes/ops/ honest and to check
 * that typos are caught. Start at main().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "gql.h"

static char *
slurp(const char *path)
{
	FILE	*fp;
	char	*buf = NULL, *nb;
	size_t	 len = 0, cap = 0, n;

	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "fake_gqlcheck: %s: %s\n", path,
		    strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "fake_gqlcheck: out of "
				    "memory\n");
				exit(1);
			}
			buf = nb;
		}
		if ((n = fread(buf + len, 1, 4096, fp)) == 0)
			break;
		len += n;
	}
	fclose(fp);
	buf[len] = '\0';
	return buf;
}

static void
print_errors(const cJSON *errors)
{
	const cJSON	*e;
	char		*s;

	cJSON_ArrayForEach(e, errors) {
		s = cJSON_PrintUnformatted(e);
		printf("%s\n", s);
		free(s);
	}
}

/* Parse and validate one file; with cost, also coerce and price it. */
static int
check(const struct gql_schema *S, const char *path, const char *varpath,
    int cost)
{
	struct gql_doc		*d = NULL;
	const struct gql_op	*op;
	cJSON			*errors = cJSON_CreateArray(), *given = NULL;
	cJSON			*vars = NULL;
	char			*src, *vsrc = NULL;
	int			 rc = 1;

	if ((src = slurp(path)) == NULL)
		goto out;
	if ((d = gql_parse(src, errors)) == NULL)
		goto out;
	if (gql_validate(S, d, errors) > 0)
		goto out;
	if (cost) {
		if (varpath != NULL) {
			if ((vsrc = slurp(varpath)) == NULL)
				goto out;
			if ((given = cJSON_Parse(vsrc)) == NULL) {
				fprintf(stderr, "fake_gqlcheck: %s: not JSON\n",
				    varpath);
				goto out;
			}
		}
		if ((op = gql_doc_operation(d, NULL, errors)) == NULL)
			goto out;
		if ((vars = gql_coerce_variables(S, op, given, errors)) == NULL)
			goto out;
		printf("cost %d\n", gql_cost(S, d, op, vars, NULL));
	}
	rc = 0;
out:
	print_errors(errors);
	if (rc == 0)
		printf("ok %s\n", path);
	cJSON_Delete(errors);
	cJSON_Delete(given);
	cJSON_Delete(vars);
	gql_doc_free(d);
	free(src);
	free(vsrc);
	return rc;
}

int
main(int argc, char **argv)
{
	struct gql_schema	*S;
	char			*err;
	int			 i, rc = 0, cost = 0;

	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		cost = 1;
		argc--;
		argv++;
	}
	if (argc < 3 || (cost && argc > 4)) {
		fprintf(stderr, "usage: fake_gqlcheck SCHEMA QUERY...\n"
		    "       fake_gqlcheck -c SCHEMA QUERY [VARIABLES.json]\n");
		return 2;
	}
	if ((S = gql_schema_load(argv[1], &err)) == NULL) {
		fprintf(stderr, "fake_gqlcheck: %s\n", err);
		free(err);
		return 2;
	}
	if (cost)
		rc = check(S, argv[2], argc > 3 ? argv[3] : NULL, 1);
	else
		for (i = 2; i < argc; i++)
			if (check(S, argv[i], NULL, 0) != 0)
				rc = 1;
	gql_schema_free(S);
	return rc;
}
