/*
 * fakehttp.h - the HTTP side shared by the fake Shopify and WooCommerce
 * servers: a libmicrohttpd listener on loopback, requests handed to the
 * fake's handler as plain structs, a request log, and fault injection
 * (delay, error status with Retry-After, dropped connection, truncated
 * or malformed bodies, an HTML error page) that tests switch on through
 * the control routes under /_fake/.
 *
 * Threads: libmicrohttpd runs one thread per connection; fakehttp holds
 * one mutex around every handler call, so a fake's state needs no locks
 * of its own. Delays are slept before the mutex is taken.
 */
#ifndef FAKEHTTP_H
#define FAKEHTTP_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct fake_req {
	const char	*method;	/* "GET", "POST", ... */
	const char	*path;		/* without the query string */
	const char	*query;		/* raw, without '?'; "" if none */
	const char	*body;		/* NUL-terminated; "" if none */
	size_t		 bodylen;
	void		*conn;		/* private to fakehttp */
};

/* A request header (case-insensitive name), or NULL. */
const char	*fake_req_header(const struct fake_req *, const char *name);
/* A query parameter, percent-decoded, or NULL; caller frees. */
char		*fake_req_param(const struct fake_req *, const char *name);

#define FAKE_MAXHDR 16

struct fake_resp {
	int	 status;		/* default 200 */
	char	*body;			/* malloc'd; fakehttp frees it */
	size_t	 len;
	char	*hdr_name[FAKE_MAXHDR];	/* malloc'd pairs */
	char	*hdr_value[FAKE_MAXHDR];
	int	 nhdr;
	int	 drop;			/* close without answering */
};

void	fake_resp_header(struct fake_resp *, const char *name,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print and free j as the body, with Content-Type: application/json. */
void	fake_resp_json(struct fake_resp *, int status, cJSON *j);
void	fake_resp_text(struct fake_resp *, int status, const char *ctype,
	    const char *text);

/*
 * The fake's handler: called for every request not under /_fake/, with
 * the server mutex held. The fake's own control routes (creating orders,
 * changing stock behind invsync's back) are under /_fake/ too and reach
 * control(); fakehttp handles /_fake/faults and /_fake/log itself.
 */
typedef void	(*fake_handler)(void *ctx, const struct fake_req *,
		    struct fake_resp *);

struct fake_server;

/*
 * Listen on addr:port (port 0: any free one); *bound is the port taken.
 * NULL on failure, with a message on stderr.
 */
struct fake_server	*fake_server_start(const char *addr, int port,
			    fake_handler handler, fake_handler control,
			    void *ctx, int *bound);
void			 fake_server_stop(struct fake_server *);

/*
 * Faults, set by POST /_fake/faults with a JSON object; each applies to
 * the next "count" requests not under /_fake/ (count 0: until cleared;
 * DELETE /_fake/faults clears):
 *   {"status":503,"retry_after":"2","count":3}   answer with that status
 *   {"delay_ms":1500}                            sleep before answering
 *   {"drop":true}                                close the connection
 *   {"truncate":true}                            cut the body in half
 *   {"malformed":true}                           a body that is not JSON
 *   {"html":true}                                200 with an HTML page
 *   {"path":"/graphql"}                          only matching paths
 * GET /_fake/log returns the requests seen, newest last, as
 * [{"method","path","query","body","headers":{...}}]; DELETE clears it.
 */

#endif
