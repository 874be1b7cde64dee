// SPDX-License-Identifier: GPL-2.0
#include "qmp_server.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "../vmm/defer.h"
#include "../vmm/log.h"
#include "control.h"

#define MAX_CLIENTS 8
#define MAX_REQUEST (1 << 20)	/* bytes of one unfinished request */
/* Output queued for a client that does not read it (replies and events:
 * the guest's console output becomes events).  Past this the client is
 * dropped, so it costs molvm at most this plus one message. */
#define MAX_QUEUED (8u << 20)
/* Requests served per client per turn of the loop (serve()).  Small: a
 * client that just connected (a "quit") waits for the others' turns, and
 * on the one-CPU test host 8 of the flood's requests a turn held a quit
 * up 50-90 ms under the storm; with 2, 27-65 ms (16-storm, two runs). */
#define TURN_REQUESTS 2

struct qmp_client {
	struct qmp_server *srv;
	struct bufferevent *bev;
	struct json_tokener *tok;
	size_t pending;		/* bytes fed to tok since its last object */
	/* Dropped for not reading: nothing more is sent or read, and reap
	 * frees it from the loop (a command being executed may still hold
	 * the pointer). */
	bool dead;
	struct event *reap;
	struct defer more;	/* the rest of its input, at the next turn */
};

struct qmp_server {
	struct event_base *base;
	struct control *ctl;
	struct evconnlistener *lis;
	char path[108];
	struct qmp_client *clients[MAX_CLIENTS];
};

int qmp_parse_spec(const char *s, struct qmp_spec *out, char *err, size_t errlen)
{
	const char *p, *opt;
	bool server = false;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (strncmp(s, "unix:", 5)) {
		snprintf(err, errlen, "-qmp: '%s' is not unix:PATH,server", s);
		return -1;
	}
	p = s + 5;
	len = strcspn(p, ",");
	if (!len || len >= sizeof(out->path)) {
		snprintf(err, errlen, "-qmp: socket path is empty or longer than %zu bytes",
			 sizeof(out->path) - 1);
		return -1;
	}
	memcpy(out->path, p, len);
	for (opt = p + len; *opt == ','; opt += len) {
		opt++;
		len = strcspn(opt, ",");
		if (len == 6 && !strncmp(opt, "server", 6))
			server = true;
		else if ((len == 4 && !strncmp(opt, "wait", 4)) ||
			 (len == 7 && !strncmp(opt, "wait=on", 7)))
			out->wait = true;
		else if ((len == 6 && !strncmp(opt, "nowait", 6)) ||
			 (len == 8 && !strncmp(opt, "wait=off", 8)))
			out->wait = false;
		else if (!(len == 9 && !strncmp(opt, "server=on", 9))) {
			snprintf(err, errlen, "-qmp: unknown option '%.*s' (server, wait, nowait)",
				 (int)len, opt);
			return -1;
		}
		if (len == 9 && !strncmp(opt, "server=on", 9))
			server = true;
	}
	if (!server) {
		snprintf(err, errlen, "-qmp: only a listening socket is supported: add ,server");
		return -1;
	}
	return 0;
}

static void client_free(struct qmp_client *cl)
{
	unsigned int i;

	for (i = 0; i < MAX_CLIENTS; i++)
		if (cl->srv->clients[i] == cl)
			cl->srv->clients[i] = NULL;
	if (cl->reap)
		event_free(cl->reap);
	defer_free(&cl->more);
	bufferevent_free(cl->bev);
	json_tokener_free(cl->tok);
	free(cl);
}

static void on_reap(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	client_free(arg);
}

/* One line to the client.  False when the client is gone: it was not
 * reading its output and is dropped now (freed from the loop). */
static bool send_json(struct qmp_client *cl, struct json_object *o)
{
	size_t queued = evbuffer_get_length(bufferevent_get_output(cl->bev));
	const char *s;

	if (cl->dead)
		return false;
	if (queued > MAX_QUEUED) {
		pr_info("-qmp: a client left %zu bytes unread: disconnected", queued);
		cl->dead = true;
		bufferevent_disable(cl->bev, EV_READ | EV_WRITE);
		evbuffer_drain(bufferevent_get_output(cl->bev), queued);
		event_active(cl->reap, 0, 0);
		return false;
	}
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	bufferevent_write(cl->bev, s, strlen(s));
	bufferevent_write(cl->bev, "\r\n", 2);
	return true;
}

static bool send_error(struct qmp_client *cl, const char *desc)
{
	struct json_object *r = json_object_new_object(), *e = json_object_new_object();
	bool ok;

	json_object_object_add(e, "class", json_object_new_string("GenericError"));
	json_object_object_add(e, "desc", json_object_new_string(desc));
	json_object_object_add(r, "error", e);
	ok = send_json(cl, r);
	json_object_put(r);
	return ok;
}

/*
 * Take what the client sent, at most TURN_REQUESTS requests a turn of the
 * loop; the rest of its input waits for the next turn (cl->more), so one
 * client's flood keeps neither the other clients nor the signals, timers
 * and console waiting.  False when the client is gone (freed).
 */
static bool serve(struct qmp_client *cl)
{
	struct evbuffer *in = bufferevent_get_input(cl->bev);
	int served = 0;

	while (evbuffer_get_length(in) && !cl->dead) {
		struct evbuffer_iovec v;
		const char *buf;
		size_t n, off = 0;

		if (served == TURN_REQUESTS) {
			defer_schedule(&cl->more);
			break;
		}
		if (evbuffer_peek(in, -1, NULL, &v, 1) < 1)
			break;
		buf = v.iov_base;
		n = v.iov_len;
		while (off < n && served < TURN_REQUESTS) {
			struct json_object *req, *reply;
			enum json_tokener_error jerr;
			size_t used;
			bool sent;

			/* Whitespace between objects is not an object. */
			if (cl->pending == 0 && (buf[off] == ' ' || buf[off] == '\n' ||
						 buf[off] == '\r' || buf[off] == '\t')) {
				off++;
				continue;
			}
			req = json_tokener_parse_ex(cl->tok, buf + off, (int)(n - off));
			jerr = json_tokener_get_error(cl->tok);
			used = json_tokener_get_parse_end(cl->tok);
			if (jerr == json_tokener_continue) {
				cl->pending += n - off;
				off = n;
				if (cl->pending > MAX_REQUEST) {
					send_error(cl, "request too long");
					if (!cl->dead)
						client_free(cl);
					return false;
				}
				break;
			}
			off += used ? used : 1;
			cl->pending = 0;
			served++;
			if (!req) {
				/* Resynchronise at the next line. */
				if (!send_error(cl, json_tokener_error_desc(jerr)))
					break;
				json_tokener_reset(cl->tok);
				while (off < n && buf[off] != '\n')
					off++;
				continue;
			}
			reply = control_execute(cl->srv->ctl, req);
			sent = send_json(cl, reply);
			json_object_put(reply);
			json_object_put(req);
			if (!sent)
				break;
			json_tokener_reset(cl->tok);
		}
		evbuffer_drain(in, off);
	}
	return true;
}

static void client_read(struct bufferevent *bev, void *arg)
{
	(void)bev;
	serve(arg);
}

static void client_more(void *arg)
{
	serve(arg);
}

static void client_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		client_free(arg);
}

static void greet(struct qmp_client *cl)
{
	struct json_object *g = json_tokener_parse(
		"{\"QMP\": {\"version\": {\"qemu\": {\"major\": 0, \"minor\": 1, \"micro\": 0},"
		" \"package\": \"molvm\"}, \"capabilities\": []}}");

	send_json(cl, g);
	json_object_put(g);
}

static void add_client(struct qmp_server *s, evutil_socket_t fd)
{
	struct qmp_client *cl;
	unsigned int i;

	for (i = 0; i < MAX_CLIENTS && s->clients[i]; i++)
		;
	if (i == MAX_CLIENTS) {
		close(fd);
		return;
	}
	cl = calloc(1, sizeof(*cl));
	if (!cl) {
		close(fd);
		return;
	}
	cl->srv = s;
	cl->tok = json_tokener_new();
	cl->bev = bufferevent_socket_new(s->base, fd, BEV_OPT_CLOSE_ON_FREE);
	cl->reap = event_new(s->base, -1, 0, on_reap, cl);
	if (!cl->tok || !cl->bev || !cl->reap || defer_init(&cl->more, s->base, client_more, cl)) {
		defer_free(&cl->more);
		if (cl->reap)
			event_free(cl->reap);
		if (cl->tok)
			json_tokener_free(cl->tok);
		if (cl->bev)
			bufferevent_free(cl->bev);
		else
			close(fd);
		free(cl);
		return;
	}
	s->clients[i] = cl;
	/* What waits to be served is at most a request's worth: past that
	 * the socket is not read (the client waits, not molvm's memory). */
	bufferevent_setwatermark(cl->bev, EV_READ, 0, MAX_REQUEST);
	bufferevent_setcb(cl->bev, client_read, NULL, client_event, cl);
	bufferevent_enable(cl->bev, EV_READ | EV_WRITE);
	greet(cl);
}

static void on_accept(struct evconnlistener *lis, evutil_socket_t fd,
		      struct sockaddr *sa, int len, void *arg)
{
	(void)lis; (void)sa; (void)len;
	add_client(arg, fd);
}

static void on_event(void *arg, const char *event, struct json_object *data)
{
	struct qmp_server *s = arg;
	struct json_object *ev, *ts;
	struct timeval tv;
	unsigned int i;

	gettimeofday(&tv, NULL);
	ev = json_object_new_object();
	ts = json_object_new_object();
	json_object_object_add(ts, "seconds", json_object_new_int64(tv.tv_sec));
	json_object_object_add(ts, "microseconds", json_object_new_int64(tv.tv_usec));
	json_object_object_add(ev, "event", json_object_new_string(event));
	json_object_object_add(ev, "data", json_object_get(data));
	json_object_object_add(ev, "timestamp", ts);
	for (i = 0; i < MAX_CLIENTS; i++)
		if (s->clients[i])
			send_json(s->clients[i], ev);
	json_object_put(ev);
}

struct qmp_server *qmp_server_start(struct event_base *base, struct control *c,
				    const struct qmp_spec *spec)
{
	struct qmp_server *s = calloc(1, sizeof(*s));
	struct sockaddr_un sun;
	int fd;

	if (!s)
		return NULL;
	s->base = base;
	s->ctl = c;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, spec->path, sizeof(sun.sun_path) - 1);
	snprintf(s->path, sizeof(s->path), "%s", spec->path);
	unlink(spec->path);	/* a stale socket from an earlier run */
	s->lis = evconnlistener_new_bind(base, on_accept, s,
					 LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 4,
					 (struct sockaddr *)&sun, sizeof(sun));
	if (!s->lis) {
		pr_err("-qmp %s: %s", spec->path, strerror(errno));
		free(s);
		return NULL;
	}
	control_add_listener(c, on_event, s);
	if (spec->wait) {
		struct pollfd p = { .fd = evconnlistener_get_fd(s->lis), .events = POLLIN };

		pr_info("waiting for a connection on %s", spec->path);
		/* The listening socket is non-blocking; a signal ends the wait. */
		fd = poll(&p, 1, -1) == 1 ?
			accept4(p.fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK) : -1;
		if (fd < 0) {
			pr_err("-qmp %s: accept: %s", spec->path, strerror(errno));
			qmp_server_stop(s);
			return NULL;
		}
		add_client(s, fd);
	}
	return s;
}

/*
 * The loop has ended: each client gets what is queued for it (the SHUTDOWN
 * event last) as far as its socket takes it now, without turning the loop
 * (a client that keeps sending would keep it turning) and without waiting:
 * a client more than its socket holds (~200 KiB) behind is not keeping up,
 * and waiting for it held the stop up (10 ms for every client that did not
 * read, in the storm scenario's -qmp flood).  It gets what fit, then the
 * end of file.
 */
static void drain(struct qmp_server *s)
{
	unsigned int i;

	evconnlistener_disable(s->lis);
	for (i = 0; i < MAX_CLIENTS; i++) {
		struct qmp_client *cl = s->clients[i];
		struct evbuffer *out;
		int fd;

		if (!cl || cl->dead)
			continue;
		bufferevent_disable(cl->bev, EV_READ | EV_WRITE);
		out = bufferevent_get_output(cl->bev);
		fd = bufferevent_getfd(cl->bev);
		/* A socket bufferevent keeps its output's front frozen for
		 * its own writes; this is the last one.  A write takes at
		 * most so many of the buffer's pieces: write until the
		 * socket is full (EAGAIN) or gone. */
		evbuffer_unfreeze(out, 1);
		while (evbuffer_get_length(out) && evbuffer_write(out, fd) > 0)
			;
	}
}

void qmp_server_stop(struct qmp_server *s)
{
	unsigned int i;

	if (!s)
		return;
	drain(s);
	control_remove_listener(s->ctl, on_event, s);
	for (i = 0; i < MAX_CLIENTS; i++)
		if (s->clients[i])
			client_free(s->clients[i]);
	evconnlistener_free(s->lis);
	unlink(s->path);
	free(s);
}
