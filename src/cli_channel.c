/*
 * cli_channel.c - "invsync channel ...": connecting Shopify and
 * WooCommerce stores and setting how they are kept in step.
 *
 * Secrets are read from files (or "-" for standard input), never from
 * the command line, where ps and shell history would show them; they go
 * into the 0600 database and are never printed back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "adapter.h"
#include "channel.h"
#include "cli.h"
#include "cli_json.h"
#include "clock.h"
#include "listing.h"
#include "money.h"
#include "sync.h"

/* Copy a credential part; refuse, never truncate, one too long. */
static int
take(char *dst, size_t n, const char *src, struct err *e)
{
	size_t	len = strlen(src);

	if (len >= n) {
		err_set(e, ERR_USAGE, "a credential is longer than %zu bytes",
		    n - 1);
		return -1;
	}
	memcpy(dst, src, len + 1);
	return 0;
}

/* Read a small secret file into buf, trimmed; "-" is standard input. */
static int
read_secret(const char *path, char *buf, size_t len, struct err *e)
{
	FILE	*fp;
	size_t	 n;

	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL) {
		err_set(e, ERR_USAGE, "%s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, len - 1, fp);
	if (ferror(fp) || (n == len - 1 && !feof(fp))) {
		err_set(e, ERR_USAGE, "%s: unreadable or too long for a "
		    "credential", path);
		if (fp != stdin)
			fclose(fp);
		return -1;
	}
	if (fp != stdin)
		fclose(fp);
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' ||
	    buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	if (n == 0) {
		err_set(e, ERR_USAGE, "%s: empty", path);
		return -1;
	}
	return 0;
}

/*
 * The credentials given by options: Shopify --token-file F, or
 * --client-id ID --client-secret-file F; WooCommerce --key-file F
 * holding "ck_...:cs_..." or the two on separate lines.
 */
static int
read_creds(const char *type, int *argc, char **argv, struct channel_creds *k,
    int *given, struct err *e)
{
	const char	*tok, *cid, *csec, *key;
	char		 buf[1024], *sep;
	int		 bad = 0;

	memset(k, 0, sizeof *k);
	tok = cli_opt(argc, argv, "token-file", 1, &bad);
	cid = cli_opt(argc, argv, "client-id", 1, &bad);
	csec = cli_opt(argc, argv, "client-secret-file", 1, &bad);
	key = cli_opt(argc, argv, "key-file", 1, &bad);
	*given = tok != NULL || cid != NULL || csec != NULL || key != NULL;
	if (bad) {
		err_set(e, ERR_USAGE, "an option is missing its value");
		return -1;
	}
	if (strcmp(type, "woocommerce") == 0) {
		if (key == NULL || tok != NULL || cid != NULL) {
			err_set(e, ERR_USAGE, "woocommerce: give --key-file "
			    "FILE (consumer key and secret)");
			return -1;
		}
		if (read_secret(key, buf, sizeof buf, e) != 0)
			return -1;
		if ((sep = strpbrk(buf, ":\n")) == NULL) {
			err_set(e, ERR_USAGE, "%s: expected ck_...:cs_... or "
			    "the key and the secret on two lines", key);
			return -1;
		}
		*sep++ = '\0';
		sep[strcspn(sep, "\r\n")] = '\0';
		k->kind = CHANNEL_CRED_KEY;
		bad = take(k->ident, sizeof k->ident, buf, e) != 0 ||
		    take(k->secret, sizeof k->secret, sep, e) != 0;
		memset(buf, 0, sizeof buf);
		return bad ? -1 : 0;
	}
	if ((tok != NULL) == (cid != NULL || csec != NULL) ||
	    (cid != NULL) != (csec != NULL) || key != NULL) {
		err_set(e, ERR_USAGE, "shopify: give --token-file FILE, or "
		    "--client-id ID --client-secret-file FILE");
		return -1;
	}
	if (tok != NULL) {
		k->kind = CHANNEL_CRED_TOKEN;
		return read_secret(tok, k->secret, sizeof k->secret, e);
	}
	k->kind = CHANNEL_CRED_CLIENT;
	if (take(k->ident, sizeof k->ident, cid, e) != 0)
		return -1;
	return read_secret(csec, k->secret, sizeof k->secret, e);
}

static int
no_options_left(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("channel: unknown option '%s'",
			    argv[i]);
	return 0;
}

static int
channel_add_cmd(struct cli *c, int argc, char **argv)
{
	struct channel_creds	 k;
	struct db		*db;
	struct err		 e;
	const char		*url;
	int64_t			 id;
	int			 bad = 0, given, rc;

	if (argc < 3)
		return cli_usage("usage: channel add shopify|woocommerce NAME "
		    "...");
	url = cli_opt(&argc, argv, strcmp(argv[1], "shopify") == 0 ? "shop" :
	    "url", 1, &bad);
	if (read_creds(argv[1], &argc, argv, &k, &given, &e) != 0)
		return cli_fail(&e);
	if (bad || url == NULL || argc != 3 || no_options_left(argc, argv)) {
		memset(&k, 0, sizeof k);
		return cli_usage("usage: channel add shopify NAME --shop URL "
		    "(--token-file F | --client-id ID --client-secret-file F)"
		    "; channel add woocommerce NAME --url URL --key-file F");
	}
	db = NULL;
	rc = cli_open(c, 0, &db, &e) != 0 ? -1 :
	    channel_add(db, argv[1], argv[2], url, &k, &id, &e);
	memset(&k, 0, sizeof k);
	db_close(db);
	if (rc != 0)
		return cli_fail(&e);
	fprintf(stderr, "invsync: added %s channel %s (credentials stored in "
	    "the shop database, not shown)\n", argv[1], argv[2]);
	return CLI_OK;
}

static cJSON *
channel_json(const struct channel_info *ch)
{
	cJSON	*o = cJSON_CreateObject();
	char	 t[21];

	cJSON_AddStringToObject(o, "name", ch->name);
	cJSON_AddStringToObject(o, "type", ch->type);
	cJSON_AddStringToObject(o, "url", ch->base_url);
	cJSON_AddStringToObject(o, "state", ch->paused ? "paused" : "active");
	cJSON_AddNumberToObject(o, "buffer_units", (double)ch->buffer_units);
	cJSON_AddNumberToObject(o, "buffer_pct", (double)ch->buffer_pct);
	if (ch->cap >= 0)
		cJSON_AddNumberToObject(o, "cap", (double)ch->cap);
	else
		cJSON_AddNullToObject(o, "cap");
	cJSON_AddStringToObject(o, "credentials", ch->cred_kind);
	if (ch->last_sync_at > 0) {
		json_time(ch->last_sync_at, t);
		cJSON_AddStringToObject(o, "last_sync", t);
	} else
		cJSON_AddNullToObject(o, "last_sync");
	if (ch->last_error[0] != '\0')
		cJSON_AddStringToObject(o, "last_error", ch->last_error);
	else
		cJSON_AddNullToObject(o, "last_error");
	return o;
}

static const char *
cred_words(const char *kind)
{
	if (strcmp(kind, "token") == 0)
		return "access token (set)";
	if (strcmp(kind, "client") == 0)
		return "client id and secret (set)";
	if (strcmp(kind, "key") == 0)
		return "consumer key and secret (set)";
	return "none";
}

static void
print_channel(const struct channel_info *ch, int full)
{
	char	cap[24];

	if (!full) {
		printf("%-20s %-12s %-7s %s\n", ch->name, ch->type,
		    ch->paused ? "paused" : "active", ch->base_url);
		return;
	}
	if (ch->cap >= 0)
		snprintf(cap, sizeof cap, "%lld", (long long)ch->cap);
	else
		strcpy(cap, "none");
	printf("name         %s\ntype         %s\nurl          %s\n"
	    "state        %s\nbuffer       keep %lld units and %lld%%, cap "
	    "%s\ncredentials  %s\n", ch->name, ch->type, ch->base_url,
	    ch->paused ? "paused" : "active", (long long)ch->buffer_units,
	    (long long)ch->buffer_pct, cap, cred_words(ch->cred_kind));
}

static int
channel_list_cmd(struct cli *c, int argc, char **argv, int show)
{
	struct channel_info	*v = NULL, one;
	struct db		*db;
	struct err		 e;
	int			 json, bad = 0, n = 0, i, first = 1;

	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || argc != (show ? 2 : 1) || no_options_left(argc, argv))
		return cli_usage(show ? "usage: channel show NAME [--json]" :
		    "usage: channel list [--json]");
	if (cli_open(c, DB_READONLY, &db, &e) != 0)
		return cli_fail(&e);
	if (show) {
		if (channel_find(db, argv[1], &one, &e) != 0) {
			db_close(db);
			return cli_fail(&e);
		}
		if (json)
			json_print(stdout, channel_json(&one));
		else
			print_channel(&one, 1);
		db_close(db);
		return CLI_OK;
	}
	if (channel_list(db, &v, &n, &e) != 0) {
		db_close(db);
		return cli_fail(&e);
	}
	for (i = 0; i < n; i++) {
		if (json)
			json_array_item(stdout, channel_json(&v[i]), &first);
		else
			print_channel(&v[i], 0);
	}
	if (json)
		json_array_end(stdout, first);
	else if (n == 0)
		fprintf(stderr, "invsync: no channels (add one with 'invsync "
		    "channel add')\n");
	free(v);
	db_close(db);
	return CLI_OK;
}

static int
channel_set_cmd(struct cli *c, int argc, char **argv)
{
	struct channel_info	 ch;
	struct db		*db = NULL;
	struct err		 e;
	const char		*u, *p, *m;
	int64_t			 units, pct, cap;
	int			 bad = 0;

	u = cli_opt(&argc, argv, "buffer-units", 1, &bad);
	p = cli_opt(&argc, argv, "buffer-pct", 1, &bad);
	m = cli_opt(&argc, argv, "cap", 1, &bad);
	if (bad || argc != 2 || no_options_left(argc, argv) ||
	    (u == NULL && p == NULL && m == NULL))
		return cli_usage("usage: channel set NAME [--buffer-units N] "
		    "[--buffer-pct P] [--cap M|none]");
	if (cli_open(c, 0, &db, &e) != 0 ||
	    channel_find(db, argv[1], &ch, &e) != 0)
		goto fail;
	units = ch.buffer_units;
	pct = ch.buffer_pct;
	cap = ch.cap;
	if ((u != NULL && qty_parse(u, &units, &e) != 0) ||
	    (p != NULL && qty_parse(p, &pct, &e) != 0))
		goto fail;
	if (m != NULL) {
		if (strcmp(m, "none") == 0)
			cap = -1;
		else if (qty_parse(m, &cap, &e) != 0 || cap < 0) {
			err_set(&e, ERR_USAGE, "--cap: a number >= 0 or none");
			goto fail;
		}
	}
	if (channel_set_buffer(db, argv[1], units, pct, cap, &e) != 0)
		goto fail;
	db_close(db);
	return CLI_OK;
fail:
	db_close(db);
	return cli_fail(&e);
}

static int
channel_name_cmd(struct cli *c, int argc, char **argv)
{
	struct channel_creds	 k;
	struct db		*db = NULL;
	struct err		 e;
	const char		*what = argv[0];
	int			 rc = -1, given;

	if (strcmp(what, "credentials") == 0) {
		if (argc < 2)
			return cli_usage("usage: channel credentials NAME ...");
		if (cli_open(c, 0, &db, &e) != 0)
			return cli_fail(&e);
		{
			struct channel_info	ch;

			if (channel_find(db, argv[1], &ch, &e) != 0 ||
			    read_creds(ch.type, &argc, argv, &k, &given,
			    &e) != 0)
				goto out;
		}
		if (argc != 2 || no_options_left(argc, argv)) {
			rc = CLI_USAGE;
			db_close(db);
			return rc;
		}
		rc = channel_set_credentials(db, argv[1], &k, &e);
		memset(&k, 0, sizeof k);
		goto out;
	}
	if (argc != 2 || no_options_left(argc, argv))
		return cli_usage("usage: channel %s NAME", what);
	if (cli_open(c, 0, &db, &e) != 0)
		return cli_fail(&e);
	if (strcmp(what, "pause") == 0)
		rc = channel_set_paused(db, argv[1], 1, &e);
	else if (strcmp(what, "resume") == 0)
		rc = channel_set_paused(db, argv[1], 0, &e);
	else
		rc = channel_remove(db, argv[1], &e);
out:
	db_close(db);
	if (rc != 0)
		return cli_fail(&e);
	fprintf(stderr, "invsync: channel %s: %s\n", argv[1],
	    strcmp(what, "pause") == 0 ? "paused" : strcmp(what, "resume") ==
	    0 ? "resumed" : strcmp(what, "remove") == 0 ? "removed" :
	    "credentials replaced");
	return CLI_OK;
}

/* "channel test NAME": reach the store and say what was found. */
static int
channel_test_cmd(struct cli *c, int argc, char **argv)
{
	struct diags	 d = { 0 };
	struct adapter	*a = NULL;
	struct db	*db = NULL;
	struct err	 e;
	int		 i, rc = CLI_OK;

	if (argc != 2 || no_options_left(argc, argv))
		return cli_usage("usage: channel test NAME");
	if (cli_open(c, DB_READONLY, &db, &e) != 0 ||
	    adapter_open(db, argv[1], &a, &e) != 0 ||
	    a->ops->test(a, &d, &e) != 0)
		rc = cli_fail(&e);
	for (i = 0; i < d.n; i++)
		printf("%s\n", d.lines[i]);
	if (rc == CLI_OK)
		fprintf(stderr, "invsync: %s: ok\n", argv[1]);
	diags_free(&d);
	adapter_close(a);
	db_close(db);
	return rc;
}

static void
print_listing(const struct listing *l)
{
	char	qty[24];

	if (l->has_qty)
		snprintf(qty, sizeof qty, "%lld", (long long)l->channel_qty);
	else
		strcpy(qty, "-");
	printf("%-10s %-14s %-16s %-16s %6s  %s%s%s\n", l->status, l->ext_id,
	    l->sku[0] ? l->sku : "-", l->product_sku[0] ? l->product_sku : "-",
	    qty, l->title, l->note[0] ? "  -- " : "", l->note);
}

/* "channel import NAME": read the catalogue, link what can be linked. */
static int
channel_import_cmd(struct cli *c, int argc, char **argv)
{
	struct listing_stats	 s;
	struct listing		*v = NULL;
	struct adapter		*a = NULL;
	struct db		*db = NULL;
	struct err		 e;
	enum listing_opening	 op = LISTING_OPENING_INVSYNC;
	const char		*o;
	int			 bad = 0, n = 0, i, rc = CLI_OK;

	if ((o = cli_opt(&argc, argv, "opening", 1, &bad)) != NULL) {
		if (strcmp(o, "channel") == 0)
			op = LISTING_OPENING_CHANNEL;
		else if (strcmp(o, "invsync") != 0)
			return cli_usage("--opening: invsync or channel");
	}
	if (bad || argc != 2 || no_options_left(argc, argv))
		return cli_usage("usage: channel import NAME "
		    "[--opening invsync|channel]");
	if (cli_open(c, 0, &db, &e) != 0 ||
	    adapter_open(db, argv[1], &a, &e) != 0 ||
	    listing_import(db, a, op, c->user, &s, &e) != 0 ||
	    sync_seed(db, a, &e) != 0 ||
	    listing_list(db, a->ch.id, NULL, &v, &n, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (strcmp(v[i].status, "linked") != 0 &&
		    strcmp(v[i].status, "gone") != 0)
			print_listing(&v[i]);
	fprintf(stderr, "invsync: %s: %d listings: %d linked (%d new), %d "
	    "unmatched, %d duplicate SKUs, %d untracked, %d ignored, %d "
	    "gone%s\n", argv[1], s.seen, s.linked, s.newly_linked,
	    s.unmatched, s.duplicate, s.untracked, s.ignored, s.gone,
	    s.unmatched + s.duplicate > 0 ? "; link or ignore the rest with "
	    "'invsync channel link|ignore'" : "");
	if (op == LISTING_OPENING_CHANNEL)
		fprintf(stderr, "invsync: %d opening counts taken from %s\n",
		    s.opening_counts, argv[1]);
out:
	free(v);
	adapter_close(a);
	db_close(db);
	return rc;
}

static int
channel_listings_cmd(struct cli *c, int argc, char **argv)
{
	struct channel_info	 ch;
	struct listing		*v = NULL;
	struct db		*db = NULL;
	struct err		 e;
	const char		*st;
	int			 bad = 0, json, n = 0, i, first = 1, rc = CLI_OK;

	st = cli_opt(&argc, argv, "status", 1, &bad);
	json = cli_opt(&argc, argv, "json", 0, &bad) != NULL;
	if (bad || argc != 2 || no_options_left(argc, argv))
		return cli_usage("usage: channel listings NAME [--status S] "
		    "[--json]");
	if (cli_open(c, DB_READONLY, &db, &e) != 0 ||
	    channel_find(db, argv[1], &ch, &e) != 0 ||
	    listing_list(db, ch.id, st, &v, &n, &e) != 0) {
		rc = cli_fail(&e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!json) {
			print_listing(&v[i]);
			continue;
		}
		{
			cJSON	*o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "ext_id", v[i].ext_id);
			cJSON_AddStringToObject(o, "sku", v[i].sku);
			cJSON_AddStringToObject(o, "title", v[i].title);
			cJSON_AddStringToObject(o, "status", v[i].status);
			cJSON_AddStringToObject(o, "note", v[i].note);
			if (v[i].product_sku[0] != '\0')
				cJSON_AddStringToObject(o, "product",
				    v[i].product_sku);
			else
				cJSON_AddNullToObject(o, "product");
			if (v[i].has_qty)
				cJSON_AddNumberToObject(o, "channel_qty",
				    (double)v[i].channel_qty);
			else
				cJSON_AddNullToObject(o, "channel_qty");
			cJSON_AddBoolToObject(o, "manual", v[i].manual);
			json_array_item(stdout, o, &first);
		}
	}
	if (json)
		json_array_end(stdout, first);
out:
	free(v);
	db_close(db);
	return rc;
}

/* "channel link NAME EXT-ID SKU", "channel ignore NAME EXT-ID". */
static int
channel_decide_cmd(struct cli *c, int argc, char **argv)
{
	struct channel_info	 ch;
	struct db		*db = NULL;
	struct err		 e;
	int			 link = strcmp(argv[0], "link") == 0, rc;

	if (argc != (link ? 4 : 3) || no_options_left(argc, argv))
		return cli_usage(link ? "usage: channel link NAME EXT-ID SKU" :
		    "usage: channel ignore NAME EXT-ID");
	rc = cli_open(c, 0, &db, &e) != 0 ||
	    channel_find(db, argv[1], &ch, &e) != 0 ||
	    (link ? listing_link(db, ch.id, argv[2], argv[3], &e) :
	    listing_ignore(db, ch.id, argv[2], &e)) != 0;
	db_close(db);
	if (rc)
		return cli_fail(&e);
	fprintf(stderr, "invsync: %s: listing %s %s%s\n", argv[1], argv[2],
	    link ? "linked to " : "ignored", link ? argv[3] : "");
	return CLI_OK;
}

int
cli_cmd_channel(struct cli *c, int argc, char **argv)
{
	const char	*sub = argc > 1 ? argv[1] : "";

	if (strcmp(sub, "add") == 0)
		return channel_add_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return channel_list_cmd(c, argc - 1, argv + 1, 0);
	if (strcmp(sub, "show") == 0)
		return channel_list_cmd(c, argc - 1, argv + 1, 1);
	if (strcmp(sub, "set") == 0)
		return channel_set_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "test") == 0)
		return channel_test_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "import") == 0)
		return channel_import_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "listings") == 0)
		return channel_listings_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "link") == 0 || strcmp(sub, "ignore") == 0)
		return channel_decide_cmd(c, argc - 1, argv + 1);
	if (strcmp(sub, "pause") == 0 || strcmp(sub, "resume") == 0 ||
	    strcmp(sub, "remove") == 0 || strcmp(sub, "credentials") == 0)
		return channel_name_cmd(c, argc - 1, argv + 1);
	return cli_usage("usage: channel add|list|show|set|pause|resume|"
	    "remove|credentials|test|import|listings|link|ignore ...");
}
