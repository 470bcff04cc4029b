/*
 * cli_json.c - building the CLI's JSON objects (see cli_json.h).
 *
 * Arrays are streamed one element at a time so "stock --json" over
 * 100,000 products never holds the whole document in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli_json.h"
#include "money.h"

static void
add_money(cJSON *o, const char *key, int64_t v)
{
	char	buf[MONEY_BUFSZ];

	if (v < 0)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, money_format(v, buf));
}

/* Integers go out as raw text: a double would round 64-bit values. */
static void
add_int(cJSON *o, const char *key, int64_t v)
{
	char	buf[24];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	cJSON_AddRawToObject(o, key, buf);
}

static void
add_opt_int(cJSON *o, const char *key, int64_t v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, key);
	else
		add_int(o, key, v);
}

static void
add_opt_str(cJSON *o, const char *key, const char *s)
{
	if (s == NULL || *s == '\0')
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, s);
}

void
json_time(int64_t t, char *buf)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

cJSON *
json_stock_row(const struct stock_row *r)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "sku", r->sku);
	cJSON_AddStringToObject(o, "name", r->name);
	cJSON_AddStringToObject(o, "category", r->category);
	add_opt_str(o, "barcode", r->barcode);
	add_int(o, "on_hand", r->on_hand);
	add_int(o, "committed", r->committed);
	add_int(o, "available", r->available);
	add_opt_int(o, "reorder_point", r->reorder_point);
	cJSON_AddStringToObject(o, "state", stock_state_name(r->state));
	add_money(o, "price", r->price);
	add_money(o, "cost", r->cost);
	return o;
}

cJSON *
json_product(const struct product *p)
{
	cJSON	*o = cJSON_CreateObject();

	add_int(o, "id", p->id);
	cJSON_AddStringToObject(o, "sku", p->sku);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "category", p->category ? p->category : "");
	add_opt_str(o, "barcode", p->barcode);
	add_opt_str(o, "parent_sku", p->parent_sku);
	cJSON_AddStringToObject(o, "supplier", p->supplier ? p->supplier : "");
	add_money(o, "price", p->price);
	add_money(o, "cost", p->cost);
	add_opt_int(o, "reorder_point", p->reorder_point);
	cJSON_AddBoolToObject(o, "active", p->active);
	return o;
}

cJSON *
json_movement(const struct movement *m, const char *sku)
{
	cJSON	*o = cJSON_CreateObject();
	char	 t[21];

	json_time(m->created_at, t);
	add_int(o, "id", m->id);
	if (sku != NULL)
		cJSON_AddStringToObject(o, "sku", sku);
	cJSON_AddStringToObject(o, "time", t);
	cJSON_AddStringToObject(o, "kind", ledger_kind_name(m->kind));
	add_int(o, "qty", m->qty);
	add_opt_int(o, "counted", m->counted);
	add_money(o, "unit_cost", m->unit_cost);
	add_opt_str(o, "reason", m->reason);
	cJSON_AddStringToObject(o, "note", m->note);
	cJSON_AddStringToObject(o, "user", m->user);
	add_opt_str(o, "ext_ref", m->ext_ref);
	if (m->reverses > 0)
		add_int(o, "reverses", m->reverses);
	else
		cJSON_AddNullToObject(o, "reverses");
	if (m->reversed_by > 0)
		add_int(o, "reversed_by", m->reversed_by);
	else
		cJSON_AddNullToObject(o, "reversed_by");
	return o;
}

void
json_array_item(FILE *fp, cJSON *o, int *first)
{
	char	*s = cJSON_PrintUnformatted(o);

	fputs(*first ? "[" : ",\n", fp);
	fputs(s, fp);
	*first = 0;
	free(s);
	cJSON_Delete(o);
}

void
json_array_end(FILE *fp, int first)
{
	fputs(first ? "[]\n" : "]\n", fp);
}

void
json_print(FILE *fp, cJSON *o)
{
	char	*s = cJSON_PrintUnformatted(o);

	fprintf(fp, "%s\n", s);
	free(s);
	cJSON_Delete(o);
}
