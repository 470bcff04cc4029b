/*
 * test_http.c - the HTTP layer: a real request over loopback to a tiny
 * server in a thread, transport failures, Retry-After, backoff bounds,
 * and redaction of every secret a URL or Link header can carry.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http.h"
#include "testutil.h"

struct server {
	int	fd, port;
	char	request[4096];
};

/* Accept one connection, keep the request, answer with a fixed reply. */
static void *
serve_one(void *arg)
{
	struct server	*s = arg;
	static const char reply[] = "HTTP/1.1 429 Too Many Requests\r\n"
	    "Retry-After: 3\r\nX-WP-Total: 42\r\nContent-Length: 11\r\n"
	    "Connection: close\r\n\r\n{\"ok\":true}";
	ssize_t		 n, got = 0;
	int		 c;

	if ((c = accept(s->fd, NULL, NULL)) < 0)
		return NULL;
	while (got < (ssize_t)sizeof s->request - 1 &&
	    (n = read(c, s->request + got, sizeof s->request - 1 -
	    (size_t)got)) > 0) {
		got += n;
		s->request[got] = '\0';
		if (strstr(s->request, "\r\n\r\n") != NULL &&
		    strstr(s->request, "\r\n\r\n{\"q\":1}") != NULL)
			break;
	}
	if (write(c, reply, sizeof reply - 1) < 0)
		perror("write");
	close(c);
	return NULL;
}

static void
listen_loopback(struct server *s)
{
	struct sockaddr_in	sa = { 0 };
	socklen_t		len = sizeof sa;

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true((s->fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(s->fd, 1), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&sa, &len), 0);
	s->port = ntohs(sa.sin_port);
}

static void
test_request_over_loopback(void **state)
{
	static const char *const hdrs[] = { "Content-Type: application/json",
	    NULL };
	struct server		 s = { 0 };
	struct http_request	 q = { 0 };
	struct http_response	 r;
	struct http		*h;
	struct err		 e;
	pthread_t		 t;
	char			 url[64];

	(void)state;
	listen_loopback(&s);
	assert_int_equal(pthread_create(&t, NULL, serve_one, &s), 0);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/wp-json/wc/v3/x", s.port);
	q.method = "POST";
	q.url = url;
	q.headers = hdrs;
	q.body = "{\"q\":1}";
	q.bodylen = 7;
	q.basic_user = "ck_user";
	q.basic_pass = "cs_pass";
	assert_non_null(h = http_new());
	assert_int_equal(http_do(h, &q, &r, &e), 0);
	pthread_join(t, NULL);
	close(s.fd);
	assert_int_equal(r.status, 429);
	assert_string_equal(r.body, "{\"ok\":true}");
	assert_string_equal(http_header(&r, "retry-after"), "3");
	assert_string_equal(http_header(&r, "X-WP-Total"), "42");
	assert_null(http_header(&r, "Link"));
	assert_non_null(strstr(s.request, "POST /wp-json/wc/v3/x HTTP/1.1"));
	assert_non_null(strstr(s.request, "Content-Type: application/json"));
	/* base64("ck_user:cs_pass") */
	assert_non_null(strstr(s.request, "Authorization: Basic "
	    "Y2tfdXNlcjpjc19wYXNz"));
	assert_null(strstr(s.request, "Expect:"));
	http_response_clear(&r);

	/* Nobody listening: a transport failure, not a status. */
	q.body = NULL;
	assert_int_equal(http_do(h, &q, &r, &e), -1);
	assert_int_equal(e.code, ERR_SYSTEM);
	http_free(h);
}

static void
test_retry_after(void **state)
{
	(void)state;
	assert_int_equal(http_retry_after_ms("2", 0), 2000);
	assert_int_equal(http_retry_after_ms(" 0 ", 0), 0);
	assert_int_equal(http_retry_after_ms(NULL, 0), -1);
	assert_int_equal(http_retry_after_ms("soon", 0), -1);
	assert_int_equal(http_retry_after_ms("-1", 0), -1);
	/* 2015-10-21 07:28:00 UTC is 1445412480. */
	assert_int_equal(http_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT",
	    1445412470), 10000);
	assert_int_equal(http_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT",
	    1445412490), 0);
}

static void
test_backoff_bounds(void **state)
{
	uint64_t	seed = 42;
	int64_t		d, max = 0;
	int		i, a;

	(void)state;
	for (a = 0; a < 12; a++) {
		for (i = 0; i < 200; i++) {
			d = http_backoff_ms(a, 250, 30000, &seed);
			assert_true(d >= 0);
			assert_true(d <= (a >= 7 ? 30000 : 250LL << a));
			if (d > max)
				max = d;
		}
	}
	/* Jitter spreads the waits: not all the same, and the cap is reached. */
	assert_true(max > 25000);
}

static void
test_redact(void **state)
{
	char	*s;

	(void)state;
	s = redact_url("https://shop.example/wp-json/wc/v3/products?"
	    "consumer_key=ck_abc&consumer_secret=cs_def&page=2");
	assert_string_equal(s, "https://shop.example/wp-json/wc/v3/products?"
	    "consumer_key=REDACTED&consumer_secret=REDACTED&page=2");
	free(s);
	s = redact_url("<http://127.0.0.1:8080/wp-json/wc/v3/orders?"
	    "oauth_consumer_key=ck_1&oauth_nonce=n&oauth_signature=a%2Bb&"
	    "page=3>; rel=\"next\", <http://127.0.0.1:8080/wp-json/wc/v3/"
	    "orders?page=1&oauth_token=zz>; rel=\"prev\"");
	assert_null(strstr(s, "ck_1"));
	assert_null(strstr(s, "a%2Bb"));
	assert_null(strstr(s, "zz"));
	assert_non_null(strstr(s, "page=3>; rel=\"next\""));
	assert_non_null(strstr(s, "?page=1&oauth_token=REDACTED>"));
	free(s);
	s = redact_url("https://user:hunter2@shop.example/x?token=t&ok=1");
	assert_string_equal(s, "https://REDACTED@shop.example/x?token="
	    "REDACTED&ok=1");
	free(s);
	s = redact_url("https://shop.example/x?keyword=mug");
	assert_string_equal(s, "https://shop.example/x?keyword=mug");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_over_loopback),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_backoff_bounds),
		cmocka_unit_test(test_redact),
	};
	struct err	e;

	if (http_init(&e) != 0) {
		fprintf(stderr, "test_http: %s\n", e.msg);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
