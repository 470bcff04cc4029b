/*
 * fakehttp.c - the HTTP listener shared by the fake Shopify and WooCommerce
 * servers (see fakehttp.h for the API and the fault knobs).
 *
 * libmicrohttpd runs one thread per connection. A request's raw URI is
 * caught by the URI log callback (so the query reaches the fake exactly as
 * sent), its body is accumulated up to FAKE_MAXBODY (413 beyond), and the
 * complete request is answered by respond(): /_fake/faults and /_fake/log
 * here, other /_fake/ routes by the fake's control(), everything else by
 * its handler() after the faults have had their say.
 *
 * The log (GET /_fake/log) holds requests outside /_fake/ only, in the
 * order they completed, each with its answer's "status" (0: dropped); it
 * keeps the last FAKE_MAXLOG and cuts bodies at FAKE_MAXLOGBODY.
 *
 * Locking: srv->lock guards the faults, the log and every handler call.
 * Delays are slept with no lock held. Start at fake_server_start().
 *
 * Which faults reach the fake: "status", "drop" and "html" answer in
 * its place (like a proxy or WAF), so nothing is applied; "truncate" and
 * "malformed" spoil the fake's own answer, so the request was applied.
 * Fault fields beyond those in fakehttp.h: "body" (the text answered with
 * "status"; default a small HTML page) and "after":true (run the handler
 * first, then answer with the fault: a request that succeeded but whose
 * answer was lost, e.g. {"drop":true,"after":true}).
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "fakehttp.h"
#include "oauth1.h"

#define FAKE_MAXBODY	(8 * 1024 * 1024)
#define FAKE_MAXFAULTS	32
#define FAKE_MAXLOG	5000		/* entries kept, oldest dropped */
#define FAKE_MAXLOGBODY	(64 * 1024)	/* body bytes kept per entry */

struct fault {
	int	 status;
	char	*retry_after;
	char	*body;
	int	 delay_ms;
	int	 drop;
	int	 truncate;
	int	 malformed;
	int	 html;
	int	 after;
	char	*path;
	int	 count;		/* requests left; 0: until cleared */
};

struct fake_server {
	struct MHD_Daemon	*daemon;
	fake_handler		 handler;
	fake_handler		 control;
	void			*ctx;

	pthread_mutex_t		 lock;
	struct fault		 faults[FAKE_MAXFAULTS];
	int			 nfaults;
	cJSON			*log;
	int			 nlog;
};

/* One request in flight, from its URI to its completion. */
struct conn_state {
	struct MHD_Connection	*mc;
	char			*path;
	char			*query;
	char			*body;
	size_t			 len;
	size_t			 cap;
	int			 started;
	int			 toobig;
};

/* What the faults chosen for one request add up to. */
struct effect {
	int	 status;
	char	*retry_after;
	char	*body;
	int	 delay_ms;
	int	 drop;
	int	 truncate;
	int	 malformed;
	int	 html;
	int	 after;
};

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL) {
		fprintf(stderr, "fakehttp: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p = xmalloc(n);

	memcpy(p, s, n);
	return p;
}

const char *
fake_req_header(const struct fake_req *req, const char *name)
{
	struct conn_state	*cs = req->conn;

	if (cs == NULL || cs->mc == NULL)
		return NULL;
	/* libmicrohttpd compares header names without regard to case. */
	return MHD_lookup_connection_value(cs->mc, MHD_HEADER_KIND, name);
}

char *
fake_req_param(const struct fake_req *req, const char *name)
{
	const char	*p = req->query, *amp, *eq;
	char		*k;
	size_t		 n;

	while (p != NULL && *p != '\0') {
		amp = strchr(p, '&');
		n = amp != NULL ? (size_t)(amp - p) : strlen(p);
		eq = memchr(p, '=', n);
		k = oauth1_decode(p, eq != NULL ? (size_t)(eq - p) : n, 1);
		if (strcmp(k, name) == 0) {
			free(k);
			if (eq == NULL)
				return xstrdup("");
			return oauth1_decode(eq + 1, n - (size_t)(eq + 1 - p), 1);
		}
		free(k);
		p = amp != NULL ? amp + 1 : NULL;
	}
	return NULL;
}

void
fake_resp_header(struct fake_resp *resp, const char *name, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*value;
	int	 i, n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	value = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(value, (size_t)n + 1, fmt, ap);
	va_end(ap);

	/* A second header of the same name replaces the first. */
	for (i = 0; i < resp->nhdr; i++) {
		if (strcasecmp(resp->hdr_name[i], name) == 0) {
			free(resp->hdr_value[i]);
			resp->hdr_value[i] = value;
			return;
		}
	}
	if (resp->nhdr == FAKE_MAXHDR) {
		fprintf(stderr, "fakehttp: too many headers, %s dropped\n",
		    name);
		free(value);
		return;
	}
	resp->hdr_name[resp->nhdr] = xstrdup(name);
	resp->hdr_value[resp->nhdr] = value;
	resp->nhdr++;
}

static void
resp_body(struct fake_resp *resp, char *body, size_t len)
{
	free(resp->body);
	resp->body = body;
	resp->len = len;
}

void
fake_resp_json(struct fake_resp *resp, int status, cJSON *j)
{
	char	*s;

	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (s == NULL) {
		fprintf(stderr, "fakehttp: cJSON_Print failed\n");
		abort();
	}
	resp->status = status;
	resp_body(resp, s, strlen(s));
	fake_resp_header(resp, "Content-Type",
	    "application/json; charset=UTF-8");
}

void
fake_resp_text(struct fake_resp *resp, int status, const char *ctype,
    const char *text)
{
	resp->status = status;
	resp_body(resp, xstrdup(text), strlen(text));
	fake_resp_header(resp, "Content-Type", "%s", ctype);
}

static void
resp_clear(struct fake_resp *resp)
{
	int	i;

	free(resp->body);
	for (i = 0; i < resp->nhdr; i++) {
		free(resp->hdr_name[i]);
		free(resp->hdr_value[i]);
	}
	memset(resp, 0, sizeof *resp);
}

static void
fault_free(struct fault *f)
{
	free(f->retry_after);
	free(f->body);
	free(f->path);
	memset(f, 0, sizeof *f);
}

static cJSON *
fault_json(const struct fault *f)
{
	cJSON	*o = cJSON_CreateObject();

	if (f->status != 0)
		cJSON_AddNumberToObject(o, "status", f->status);
	if (f->retry_after != NULL)
		cJSON_AddStringToObject(o, "retry_after", f->retry_after);
	if (f->body != NULL)
		cJSON_AddStringToObject(o, "body", f->body);
	if (f->delay_ms != 0)
		cJSON_AddNumberToObject(o, "delay_ms", f->delay_ms);
	if (f->drop)
		cJSON_AddTrueToObject(o, "drop");
	if (f->truncate)
		cJSON_AddTrueToObject(o, "truncate");
	if (f->malformed)
		cJSON_AddTrueToObject(o, "malformed");
	if (f->html)
		cJSON_AddTrueToObject(o, "html");
	if (f->after)
		cJSON_AddTrueToObject(o, "after");
	if (f->path != NULL)
		cJSON_AddStringToObject(o, "path", f->path);
	cJSON_AddNumberToObject(o, "count", f->count);
	return o;
}

static cJSON *
faults_json(struct fake_server *srv)
{
	cJSON	*a = cJSON_CreateArray();
	int	 i;

	for (i = 0; i < srv->nfaults; i++)
		cJSON_AddItemToArray(a, fault_json(&srv->faults[i]));
	return a;
}

static int
json_true(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsTrue(v) || (cJSON_IsNumber(v) && v->valueint != 0);
}

static char *
json_strdup(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	char		 buf[64];

	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		snprintf(buf, sizeof buf, "%d", v->valueint);
		return xstrdup(buf);
	}
	return NULL;
}

static int
json_int(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* POST /_fake/faults: add one fault (an object) or several (an array). */
static int
faults_add(struct fake_server *srv, const cJSON *o)
{
	struct fault	*f;

	if (!cJSON_IsObject(o))
		return -1;
	if (srv->nfaults == FAKE_MAXFAULTS)
		return -1;
	f = &srv->faults[srv->nfaults++];
	memset(f, 0, sizeof *f);
	f->status = json_int(o, "status");
	f->retry_after = json_strdup(o, "retry_after");
	f->body = json_strdup(o, "body");
	f->delay_ms = json_int(o, "delay_ms");
	f->drop = json_true(o, "drop");
	f->truncate = json_true(o, "truncate");
	f->malformed = json_true(o, "malformed");
	f->html = json_true(o, "html");
	f->after = json_true(o, "after");
	f->path = json_strdup(o, "path");
	f->count = json_int(o, "count");
	if (f->count < 0)
		f->count = 0;
	return 0;
}

static void
faults_clear(struct fake_server *srv)
{
	int	i;

	for (i = 0; i < srv->nfaults; i++)
		fault_free(&srv->faults[i]);
	srv->nfaults = 0;
}

/*
 * Pick the faults that apply to a request to path, merge them into *e and
 * use one of each one's count. Called with srv->lock held.
 */
static void
faults_take(struct fake_server *srv, const char *path, struct effect *e)
{
	struct fault	*f;
	int		 i, j;

	memset(e, 0, sizeof *e);
	for (i = 0; i < srv->nfaults; i++) {
		f = &srv->faults[i];
		if (f->path != NULL && strstr(path, f->path) == NULL)
			continue;
		e->delay_ms += f->delay_ms;
		if (f->status != 0 && e->status == 0) {
			e->status = f->status;
			e->retry_after = f->retry_after != NULL ?
			    xstrdup(f->retry_after) : NULL;
			e->body = f->body != NULL ? xstrdup(f->body) : NULL;
		}
		e->drop |= f->drop;
		e->truncate |= f->truncate;
		e->malformed |= f->malformed;
		e->html |= f->html;
		e->after |= f->after;
		if (f->count > 0 && --f->count == 0) {
			fault_free(f);
			for (j = i; j < srv->nfaults - 1; j++)
				srv->faults[j] = srv->faults[j + 1];
			srv->nfaults--;
			memset(&srv->faults[srv->nfaults], 0, sizeof *f);
			i--;
		}
	}
}

static enum MHD_Result
header_to_json(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	cJSON	*h = cls;

	if (cJSON_GetObjectItem(h, key) == NULL)
		cJSON_AddStringToObject(h, key, value != NULL ? value : "");
	return MHD_YES;
}

/* Append a request to the log. Called with srv->lock held. */
static void
log_add(struct fake_server *srv, const struct fake_req *req,
    struct conn_state *cs, int status)
{
	cJSON	*e, *h;

	e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "method", req->method);
	cJSON_AddStringToObject(e, "path", req->path);
	cJSON_AddStringToObject(e, "query", req->query);
	if (req->bodylen > FAKE_MAXLOGBODY) {
		char	*cut = xmalloc(FAKE_MAXLOGBODY + 1);

		memcpy(cut, req->body, FAKE_MAXLOGBODY);
		cut[FAKE_MAXLOGBODY] = '\0';
		cJSON_AddStringToObject(e, "body", cut);
		cJSON_AddTrueToObject(e, "body_truncated");
		free(cut);
	} else
		cJSON_AddStringToObject(e, "body", req->body);
	h = cJSON_AddObjectToObject(e, "headers");
	MHD_get_connection_values(cs->mc, MHD_HEADER_KIND, header_to_json, h);
	cJSON_AddNumberToObject(e, "status", status);
	cJSON_AddNumberToObject(e, "time", (double)time(NULL));
	cJSON_AddItemToArray(srv->log, e);
	if (++srv->nlog > FAKE_MAXLOG) {
		cJSON_DeleteItemFromArray(srv->log, 0);
		srv->nlog--;
	}
}

static void
fake_error(struct fake_resp *resp, int status, const char *msg)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "error", msg);
	fake_resp_json(resp, status, j);
}

/* The routes fakehttp answers itself. Called with srv->lock held. */
static int
builtin(struct fake_server *srv, const struct fake_req *req,
    struct fake_resp *resp)
{
	cJSON		*j;
	const cJSON	*it;
	int		 rc = 0;

	if (strcmp(req->path, "/_fake/faults") == 0) {
		if (strcmp(req->method, "DELETE") == 0)
			faults_clear(srv);
		else if (strcmp(req->method, "POST") == 0) {
			if ((j = cJSON_Parse(req->body)) == NULL) {
				fake_error(resp, 400, "faults: not JSON");
				return 1;
			}
			if (cJSON_IsArray(j)) {
				cJSON_ArrayForEach(it, j) {
					if (faults_add(srv, it) != 0)
						rc = -1;
				}
			} else
				rc = faults_add(srv, j);
			cJSON_Delete(j);
			if (rc != 0) {
				fake_error(resp, 400,
				    "faults: want objects, at most 32");
				return 1;
			}
		} else if (strcmp(req->method, "GET") != 0) {
			fake_error(resp, 405, "faults: GET, POST or DELETE");
			return 1;
		}
		j = cJSON_CreateObject();
		cJSON_AddItemToObject(j, "faults", faults_json(srv));
		fake_resp_json(resp, 200, j);
		return 1;
	}
	if (strcmp(req->path, "/_fake/log") == 0) {
		if (strcmp(req->method, "DELETE") == 0) {
			cJSON_Delete(srv->log);
			srv->log = cJSON_CreateArray();
			srv->nlog = 0;
			fake_resp_json(resp, 200, cJSON_CreateArray());
		} else if (strcmp(req->method, "GET") == 0)
			fake_resp_json(resp, 200, cJSON_Duplicate(srv->log, 1));
		else
			fake_error(resp, 405, "log: GET or DELETE");
		return 1;
	}
	return 0;
}

/* Serves a truncated body: the full length is announced, half is sent. */
struct trunc {
	char	*body;
	size_t	 half;
};

static ssize_t
trunc_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct trunc	*t = cls;
	size_t		 n;

	if (pos >= t->half)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = t->half - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(buf, t->body + pos, n);
	return (ssize_t)n;
}

static void
trunc_free(void *cls)
{
	struct trunc	*t = cls;

	free(t->body);
	free(t);
}

static const char html_page[] =
    "<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head>\n"
    "<body><h1>Checking your browser before accessing the site.</h1>\n"
    "<p>This process is automatic.</p></body></html>\n";

static const char status_page[] =
    "<html><head><title>Service Unavailable</title></head><body>"
    "<h1>Service Unavailable</h1><p>The server is temporarily unable to "
    "service your request. Please try again later.</p></body></html>\n";

/* Apply the body faults (truncate aside) to a handler's answer. */
static void
effect_apply(const struct effect *e, struct fake_resp *resp)
{
	if (e->status != 0) {
		resp->status = e->status;
		resp->drop = 0;
		if (e->body != NULL)
			fake_resp_text(resp, e->status,
			    e->body[0] == '{' || e->body[0] == '[' ?
			    "application/json; charset=UTF-8" :
			    "text/html; charset=UTF-8", e->body);
		else
			fake_resp_text(resp, e->status,
			    "text/html; charset=UTF-8", status_page);
		if (e->retry_after != NULL)
			fake_resp_header(resp, "Retry-After", "%s",
			    e->retry_after);
	}
	if (e->drop)
		resp->drop = 1;
	if (e->html)
		fake_resp_text(resp, 200, "text/html; charset=UTF-8",
		    html_page);
	if (e->malformed) {
		/* Keep the status and headers; the body stops being JSON. */
		free(resp->body);
		resp->body = xstrdup("{\"id\":12,\"name\":\"Mug\",<br />\n"
		    "<b>Fatal error</b>: Allowed memory size exhausted");
		resp->len = strlen(resp->body);
	}
}

static enum MHD_Result
send_resp(struct MHD_Connection *mc, struct fake_resp *resp, int truncate)
{
	struct MHD_Response	*r;
	struct trunc		*t;
	enum MHD_Result		 ret;
	int			 i;

	if (resp->drop)
		return MHD_NO;	/* libmicrohttpd closes the socket */
	if (resp->status == 0)
		resp->status = 200;
	if (truncate && resp->len > 1) {
		t = xmalloc(sizeof *t);
		t->body = resp->body;
		t->half = resp->len / 2;
		resp->body = NULL;
		r = MHD_create_response_from_callback(resp->len, 4096,
		    trunc_read, t, trunc_free);
	} else
		r = MHD_create_response_from_buffer(resp->len,
		    resp->body != NULL ? resp->body : (char *)"",
		    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	for (i = 0; i < resp->nhdr; i++)
		MHD_add_response_header(r, resp->hdr_name[i],
		    resp->hdr_value[i]);
	ret = MHD_queue_response(mc, (unsigned int)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The whole request is in: answer it. */
static enum MHD_Result
respond(struct fake_server *srv, struct conn_state *cs, const char *method)
{
	struct fake_req		 req;
	struct fake_resp	 resp;
	struct effect		 e;
	enum MHD_Result		 ret;
	int			 run;

	memset(&req, 0, sizeof req);
	memset(&resp, 0, sizeof resp);
	memset(&e, 0, sizeof e);
	req.method = method;
	req.path = cs->path;
	req.query = cs->query;
	req.body = cs->body != NULL ? cs->body : "";
	req.bodylen = cs->len;
	req.conn = cs;
	resp.status = 200;

	if (cs->toobig) {
		fake_resp_text(&resp, 413, "text/html; charset=UTF-8",
		    "<html><body><h1>413 Request Entity Too Large</h1>"
		    "</body></html>\n");
		goto send;
	}

	if (strncmp(cs->path, "/_fake/", 7) == 0) {
		pthread_mutex_lock(&srv->lock);
		if (!builtin(srv, &req, &resp)) {
			if (srv->control != NULL)
				srv->control(srv->ctx, &req, &resp);
			else
				fake_error(&resp, 404, "no such control route");
		}
		pthread_mutex_unlock(&srv->lock);
		goto send;
	}

	pthread_mutex_lock(&srv->lock);
	faults_take(srv, cs->path, &e);
	pthread_mutex_unlock(&srv->lock);

	if (e.delay_ms > 0)
		usleep((useconds_t)e.delay_ms * 1000);

	/* A fault answered before the handler means nothing was applied. */
	run = e.after || (e.status == 0 && !e.drop && !e.html);
	pthread_mutex_lock(&srv->lock);
	if (run)
		srv->handler(srv->ctx, &req, &resp);
	effect_apply(&e, &resp);
	log_add(srv, &req, cs, resp.drop ? 0 : resp.status);
	pthread_mutex_unlock(&srv->lock);

send:
	ret = send_resp(cs->mc, &resp, e.truncate && !resp.drop);
	resp_clear(&resp);
	free(e.retry_after);
	free(e.body);
	return ret;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct fake_server	*srv = cls;
	struct conn_state	*cs = *con_cls;
	size_t			 n = *upload_data_size;

	if (cs == NULL)
		return MHD_NO;	/* the URI callback always makes one */
	cs->mc = mc;
	if (!cs->started) {
		cs->started = 1;
		return MHD_YES;		/* headers only; the body follows */
	}
	if (n != 0) {
		if (!cs->toobig && cs->len + n > FAKE_MAXBODY) {
			cs->toobig = 1;
			free(cs->body);
			cs->body = NULL;
			cs->len = cs->cap = 0;
		}
		if (!cs->toobig) {
			if (cs->len + n + 1 > cs->cap) {
				cs->cap = (cs->len + n + 1) * 2;
				if (cs->cap > FAKE_MAXBODY + 1)
					cs->cap = FAKE_MAXBODY + 1;
				cs->body = realloc(cs->body, cs->cap);
				if (cs->body == NULL)
					abort();
			}
			memcpy(cs->body + cs->len, upload_data, n);
			cs->len += n;
			cs->body[cs->len] = '\0';
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	return respond(srv, cs, method);
}

/* Runs first for each request, with the URI exactly as the client sent it. */
static void *
uri_cb(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct conn_state	*cs;
	const char		*q;

	cs = xmalloc(sizeof *cs);
	memset(cs, 0, sizeof *cs);
	cs->mc = mc;
	if ((q = strchr(uri, '?')) != NULL) {
		cs->path = oauth1_decode(uri, (size_t)(q - uri), 0);
		cs->query = xstrdup(q + 1);
	} else {
		cs->path = oauth1_decode(uri, strlen(uri), 0);
		cs->query = xstrdup("");
	}
	/* Drop a fragment, which a client should not send anyway. */
	if ((q = strchr(cs->query, '#')) != NULL)
		*(char *)q = '\0';
	return cs;
}

static void
completed_cb(void *cls, struct MHD_Connection *mc, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn_state	*cs = *con_cls;

	if (cs == NULL)
		return;
	free(cs->path);
	free(cs->query);
	free(cs->body);
	free(cs);
	*con_cls = NULL;
}

struct fake_server *
fake_server_start(const char *addr, int port, fake_handler handler,
    fake_handler control, void *ctx, int *bound)
{
	struct fake_server	*srv;
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct sockaddr		*sa;
	const union MHD_DaemonInfo *info;
	unsigned int		 flags;

	memset(&sin, 0, sizeof sin);
	memset(&sin6, 0, sizeof sin6);
	flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
	if (inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, addr, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		fprintf(stderr, "fakehttp: bad listen address %s\n", addr);
		return NULL;
	}

	srv = xmalloc(sizeof *srv);
	memset(srv, 0, sizeof *srv);
	srv->handler = handler;
	srv->control = control;
	srv->ctx = ctx;
	srv->log = cJSON_CreateArray();
	pthread_mutex_init(&srv->lock, NULL);

	srv->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL,
	    access_cb, srv,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_cb, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, completed_cb, srv,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
	    MHD_OPTION_END);
	if (srv->daemon == NULL) {
		fprintf(stderr, "fakehttp: cannot listen on %s:%d: %s\n",
		    addr, port, strerror(errno));
		goto fail;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (info == NULL) {
		fprintf(stderr, "fakehttp: no bound port\n");
		MHD_stop_daemon(srv->daemon);
		goto fail;
	}
	if (bound != NULL)
		*bound = info->port;
	return srv;

fail:
	cJSON_Delete(srv->log);
	pthread_mutex_destroy(&srv->lock);
	free(srv);
	return NULL;
}

void
fake_server_stop(struct fake_server *srv)
{
	if (srv == NULL)
		return;
	MHD_stop_daemon(srv->daemon);
	faults_clear(srv);
	cJSON_Delete(srv->log);
	pthread_mutex_destroy(&srv->lock);
	free(srv);
}
