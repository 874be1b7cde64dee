// SPDX-License-Identifier: GPL-2.0
/* The control layer's JSON commands, the QMP socket, --script parsing and
 * running, and the display registry. */
#include <errno.h>
#include <event2/event.h>
#include <json-c/json.h>
#include <pthread.h>
#include <stdatomic.h>
#include <linux/input-event-codes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../ui/control.h"
#include "../../ui/display.h"
#include "../../ui/framebuffer.h"
#include "../../ui/input.h"
#include "../../ui/qmp_server.h"
#include "../../ui/script.h"
#include "unit.h"

/* ---- a recording input sink and machine ---------------------------------- */

#define MAX_EV 64
static struct input_event events[MAX_EV];
static int nr_events;
static int powerdowns, quits;
static char typed[256];

static void sink(void *arg, const struct input_event *ev)
{
	(void)arg;
	if (nr_events < MAX_EV)
		events[nr_events++] = *ev;
}

static void on_powerdown(void *arg) { (void)arg; powerdowns++; }
static void on_quit(void *arg) { (void)arg; quits++; }
static void on_console_input(void *arg, const void *buf, size_t len)
{
	(void)arg;
	strncat(typed, buf, len);
}

static const struct control_ops ops = {
	.powerdown = on_powerdown, .quit = on_quit, .console_input = on_console_input,
};

static uint8_t px[4 * 4 * 4];
static struct framebuffer fb;
static struct input_sink input;

static struct control *setup(struct event_base *base)
{
	nr_events = powerdowns = quits = 0;
	typed[0] = 0;
	input_sink_init(&input);
	input_set_sink(&input, sink, NULL);
	fb_init(&fb);
	memset(px, 0, sizeof(px));
	px[1] = 0xff;		/* pixel (0,0) red, big-endian xrgb */
	fb_set_mode(&fb, FB_XRGB8888_BE, 4, 4, 16, px);
	return control_create(base, &fb, &input, &ops, NULL);
}

/* Run a command given as JSON text; returns the reply as text. */
static char reply_buf[1024];
static const char *run(struct control *c, const char *json)
{
	struct json_object *req = json_tokener_parse(json), *rep;

	rep = control_execute(c, req);
	snprintf(reply_buf, sizeof(reply_buf), "%s",
		 json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN));
	json_object_put(rep);
	json_object_put(req);
	return reply_buf;
}

START_TEST(commands_reply_like_qmp)
{
	struct control *c = setup(NULL);

	ck_assert_str_eq(run(c, "{\"execute\":\"qmp_capabilities\"}"), "{\"return\":{}}");
	ck_assert_str_eq(run(c, "{\"execute\":\"query-status\",\"id\":7}"),
			 "{\"return\":{\"running\":true,\"status\":\"running\"},\"id\":7}");
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"nosuch\"}"), "CommandNotFound"));
	ck_assert_ptr_nonnull(strstr(run(c, "{\"exec\":1}"), "GenericError"));
	ck_assert_ptr_nonnull(strstr(run(c, "[1,2]"), "GenericError"));
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"type\",\"arguments\":5}"),
				     "must be an object"));
	ck_assert_str_eq(run(c, "{\"execute\":\"system_powerdown\"}"), "{\"return\":{}}");
	ck_assert_int_eq(powerdowns, 1);
	run(c, "{\"execute\":\"quit\"}");
	ck_assert_int_eq(quits, 1);
	run(c, "{\"execute\":\"console-write\",\"arguments\":{\"text\":\"ls\\n\"}}");
	ck_assert_str_eq(typed, "ls\n");
	control_stopped(c, "poweroff");
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"query-status\"}"), "\"shutdown\""));
	control_destroy(c);
}
END_TEST

START_TEST(sendkey_and_type_post_evdev_codes)
{
	struct control *c = setup(NULL);

	ck_assert_str_eq(run(c, "{\"execute\":\"sendkey\",\"arguments\":{\"keys\":"
			     "[{\"type\":\"qcode\",\"data\":\"ctrl\"},\"alt\",\"delete\"]}}"),
			 "{\"return\":{}}");
	ck_assert_int_eq(nr_events, 6);
	ck_assert(events[0].kind == INPUT_KEY && events[0].code == KEY_LEFTCTRL && events[0].down);
	ck_assert(events[2].code == KEY_DELETE && events[2].down);
	ck_assert(events[3].code == KEY_DELETE && !events[3].down);	/* reverse order */
	ck_assert(events[5].code == KEY_LEFTCTRL && !events[5].down);

	nr_events = 0;
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"sendkey\",\"arguments\":"
					 "{\"keys\":[\"ctrl\",\"bogus\"]}}"), "bogus"));
	ck_assert_int_eq(nr_events, 0);		/* nothing half-sent */
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"sendkey\",\"arguments\":{\"keys\":[]}}"),
				     "error"));

	ck_assert_str_eq(run(c, "{\"execute\":\"type\",\"arguments\":{\"text\":\"aB\"}}"),
			 "{\"return\":{}}");
	ck_assert_int_eq(nr_events, 6);		/* a down/up; shift down, b down/up, shift up */
	ck_assert(events[0].code == KEY_A && events[0].down && !events[1].down);
	ck_assert(events[2].code == KEY_LEFTSHIFT && events[2].down);
	ck_assert(events[3].code == KEY_B);
	ck_assert(events[5].code == KEY_LEFTSHIFT && !events[5].down);
	nr_events = 0;
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"type\",\"arguments\":{\"text\":\"\\u0001\"}}"),
				     "cannot type"));
	ck_assert_int_eq(nr_events, 0);
	control_destroy(c);
}
END_TEST

START_TEST(mouse_commands)
{
	struct control *c = setup(NULL);

	run(c, "{\"execute\":\"mouse_move\",\"arguments\":{\"x\":10,\"y\":20}}");
	ck_assert(events[0].kind == INPUT_MOUSE_ABS && events[0].x == 10 && events[0].y == 20);
	run(c, "{\"execute\":\"mouse_move\",\"arguments\":{\"dx\":-3}}");
	ck_assert(events[1].kind == INPUT_MOUSE_REL && events[1].dx == -3 && events[1].dy == 0);
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"mouse_move\",\"arguments\":{\"x\":-1,\"y\":2}}"),
				     "error"));
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"mouse_move\",\"arguments\":{\"x\":\"1\",\"y\":2}}"),
				     "error"));
	ck_assert_int_eq(nr_events, 2);
	run(c, "{\"execute\":\"mouse_button\",\"arguments\":{\"button\":\"right\",\"down\":true}}");
	ck_assert(events[2].kind == INPUT_MOUSE_BUTTON && events[2].button == 1 && events[2].down);
	run(c, "{\"execute\":\"mouse_button\",\"arguments\":{\"button\":\"middle\"}}");
	ck_assert_int_eq(nr_events, 5);		/* a click: down and up */
	ck_assert(events[3].button == 2 && events[3].down && !events[4].down);
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"mouse_button\",\"arguments\":{\"button\":\"fourth\"}}"),
				     "error"));
	control_destroy(c);
}
END_TEST

START_TEST(screendump_command)
{
	struct control *c = setup(NULL);
	char path[] = "/tmp/molvm-unit-XXXXXX";
	unsigned char sig[8];
	FILE *f;
	char req[256];

	close(mkstemp(path));
	snprintf(req, sizeof(req), "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"%s\"}}",
		 path);
	ck_assert_str_eq(run(c, req), "{\"return\":{}}");
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(sig, 1, 8, f), 8);
	fclose(f);
	ck_assert_int_eq(memcmp(sig, "\x89PNG\r\n\x1a\n", 8), 0);
	unlink(path);
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"screendump\"}"), "filename"));
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"screendump\",\"arguments\":"
					 "{\"filename\":\"/nonexistent/dir/x.png\"}}"), "error"));
	fb_set_mode(&fb, FB_OFF, 0, 0, 0, NULL);
	ck_assert_ptr_nonnull(strstr(run(c, "{\"execute\":\"screendump\",\"arguments\":"
					 "{\"filename\":\"/tmp/x.png\"}}"), "display mode"));
	control_destroy(c);
}
END_TEST

/* ---- events ---------------------------------------------------------------- */

static char seen[512];
static void listener(void *arg, const char *event, struct json_object *data)
{
	(void)arg;
	snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s%s;", event,
		 json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN));
}

START_TEST(events_reach_listeners)
{
	struct control *c = setup(NULL);

	seen[0] = 0;
	control_add_listener(c, listener, NULL);
	control_console_output(c, "hi\n", 3);
	control_error(c, "boom");
	control_stopped(c, "poweroff");
	control_stopped(c, "again");	/* once only */
	ck_assert_str_eq(seen, "CONSOLE{\"text\":\"hi\\n\"};ERROR{\"message\":\"boom\"};"
			 "SHUTDOWN{\"reason\":\"poweroff\"};");
	control_destroy(c);
}
END_TEST

/* Guest console output waiting for the main loop is capped at 1 MiB: a
 * guest printing while the loop is busy does not grow molvm. */
static size_t console_bytes;
static void count_console(void *arg, const char *event, struct json_object *data)
{
	struct json_object *t;

	(void)arg;
	if (!strcmp(event, "CONSOLE") && json_object_object_get_ex(data, "text", &t))
		console_bytes += (size_t)json_object_get_string_len(t);
}

START_TEST(console_backlog_is_capped)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	static char text[64 * 1024];
	int i;

	memset(text, 'x', sizeof(text));
	console_bytes = 0;
	control_add_listener(c, count_console, NULL);
	for (i = 0; i < 48; i++)		/* 3 MiB while the loop does not run */
		control_console_output(c, text, sizeof(text));
	event_base_loop(base, EVLOOP_NONBLOCK);
	ck_assert_uint_eq(console_bytes, 1u << 20);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

/* ---- the socket -------------------------------------------------------------- */

START_TEST(qmp_spec_parsing)
{
	struct qmp_spec s;
	char err[256];

	ck_assert_int_eq(qmp_parse_spec("unix:/tmp/q.sock,server", &s, err, sizeof(err)), 0);
	ck_assert_str_eq(s.path, "/tmp/q.sock");
	ck_assert(!s.wait);
	ck_assert_int_eq(qmp_parse_spec("unix:/tmp/q,server,wait", &s, err, sizeof(err)), 0);
	ck_assert(s.wait);
	ck_assert_int_eq(qmp_parse_spec("unix:/tmp/q,server=on,wait=off", &s, err, sizeof(err)), 0);
	ck_assert(!s.wait);
	ck_assert_int_eq(qmp_parse_spec("unix:/tmp/q", &s, err, sizeof(err)), -1);
	ck_assert_int_eq(qmp_parse_spec("tcp:1234,server", &s, err, sizeof(err)), -1);
	ck_assert_int_eq(qmp_parse_spec("unix:,server", &s, err, sizeof(err)), -1);
	ck_assert_int_eq(qmp_parse_spec("unix:/tmp/q,server,bogus", &s, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "bogus"));
}
END_TEST

/* Read from fd, turning the loop, until want appears (or 2 s pass). */
static char sock_buf[8192];
static size_t sock_len;
static bool read_until(struct event_base *base, int fd, const char *want)
{
	int i;

	for (i = 0; i < 200 && !strstr(sock_buf, want); i++) {
		ssize_t n;

		event_base_loop(base, EVLOOP_NONBLOCK);
		n = recv(fd, sock_buf + sock_len, sizeof(sock_buf) - 1 - sock_len, MSG_DONTWAIT);
		if (n > 0) {
			sock_len += (size_t)n;
			sock_buf[sock_len] = 0;
		} else {
			usleep(10000);
		}
	}
	return strstr(sock_buf, want) != NULL;
}

START_TEST(qmp_socket_round_trip)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct qmp_server *srv;
	struct qmp_spec spec;
	char err[256];
	const char *req = "{\"execute\":\"query-status\",\"id\":1}\n"
			  "{\"execute\": \"type\", \"arguments\": {\"text\": \"x\"}}{\"bad json\n";
	int fd;

	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmp-%d.sock", (int)getpid());
	ck_assert_int_eq(qmp_parse_spec("unix:/x,server", &spec, err, sizeof(err)), 0);
	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmp-%d.sock", (int)getpid());
	srv = qmp_server_start(base, c, &spec);
	ck_assert_ptr_nonnull(srv);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", spec.path);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	sock_len = 0;
	sock_buf[0] = 0;
	ck_assert(read_until(base, fd, "\"QMP\""));
	/* Two requests in one write, the second split from a third. */
	ck_assert_int_eq(send(fd, req, strlen(req), 0), (ssize_t)strlen(req));
	ck_assert(read_until(base, fd, "\"id\":1"));
	ck_assert(read_until(base, fd, "{\"return\":{}}"));
	ck_assert_int_eq(nr_events, 2);		/* "x" down and up */
	ck_assert_int_eq(send(fd, "\"}\n", 3, 0), 3);	/* closes the bad request */
	ck_assert(read_until(base, fd, "\"error\""));
	/* One error for the bad line, then back in step. */
	ck_assert_int_eq(send(fd, "{\"execute\":\"query-status\",\"id\":2}", 33, 0), 33);
	ck_assert(read_until(base, fd, "\"id\":2"));
	ck_assert_ptr_null(strstr(strstr(sock_buf, "\"error\"") + 1, "\"error\""));
	/* Events go to the client. */
	control_console_output(c, "guest says hi", 13);
	ck_assert(read_until(base, fd, "\"event\":\"CONSOLE\",\"data\":{\"text\":\"guest says hi\"}"));
	control_stopped(c, "poweroff");
	qmp_server_stop(srv);
	ck_assert(read_until(base, fd, "\"event\":\"SHUTDOWN\""));
	ck_assert_int_eq(access(spec.path, F_OK), -1);	/* socket removed */
	close(fd);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

/* A client of the socket at path with a 4 KiB receive buffer: what it
 * does not read backs up in molvm soon. */
static int slow_client(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), rcvbuf = 4096;

	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	return fd;
}

/* A client that never reads while the guest prints: molvm drops it once
 * its unread output passes the watermark (8 MiB), so molvm's memory stays
 * bounded.  The client sees what fit, then end of file. */
START_TEST(qmp_client_that_never_reads_is_dropped)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	static char text[64 * 1024];
	struct qmp_server *srv;
	struct qmp_spec spec = { .wait = false };
	size_t got = 0;
	ssize_t n = -1;
	int fd, i;

	memset(text, 'x', sizeof(text));
	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmpf-%d.sock", (int)getpid());
	srv = qmp_server_start(base, c, &spec);
	ck_assert_ptr_nonnull(srv);
	fd = slow_client(spec.path);
	/* 32 MiB of console output, four times the watermark. */
	for (i = 0; i < 512; i++) {
		control_console_output(c, text, sizeof(text));
		event_base_loop(base, EVLOOP_NONBLOCK);
	}
	for (i = 0; i < 10; i++)
		event_base_loop(base, EVLOOP_NONBLOCK);
	/* Now read: at most the watermark plus one event and the socket
	 * buffers, then EOF. */
	for (i = 0; i < 2000 && n != 0; i++) {
		static char buf[65536];

		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0)
			got += (size_t)n;
		else if (n < 0)
			usleep(1000);
		event_base_loop(base, EVLOOP_NONBLOCK);
	}
	ck_assert_msg(n == 0, "the client was not disconnected (%zu bytes read)", got);
	ck_assert_uint_lt(got, (8u << 20) + 2 * sizeof(text) + (1u << 20));
	qmp_server_stop(srv);
	close(fd);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

/* A client that keeps sending while molvm stops: the stop reads nothing
 * more from it.  The drain used to turn the loop until no event was
 * active, executing what came in meanwhile, and a socket that never runs
 * dry kept it turning (and molvm alive) for ever: the storm scenario's
 * -qmp flood showed it.  This client reads nothing, so replies back up in
 * molvm and the drain has something to write. */
static atomic_bool flooding;
static void *flood_client(void *arg)
{
	const char *req = "{\"execute\":\"system_powerdown\"}\n";
	int fd = *(int *)arg;

	while (atomic_load(&flooding))
		if (send(fd, req, strlen(req), MSG_NOSIGNAL) < 0)
			break;
	return NULL;
}

START_TEST(qmp_stop_while_a_client_floods)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	struct qmp_server *srv;
	struct qmp_spec spec = { .wait = false };
	int fd, i, before;
	pthread_t th;

	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmps-%d.sock", (int)getpid());
	srv = qmp_server_start(base, c, &spec);
	ck_assert_ptr_nonnull(srv);
	fd = slow_client(spec.path);
	atomic_store(&flooding, true);
	ck_assert_int_eq(pthread_create(&th, NULL, flood_client, &fd), 0);
	/* One turn at a time: EVLOOP_NONBLOCK alone turns the loop for as
	 * long as this client keeps it busy. */
	for (i = 0; i < 200 || powerdowns < 1000; i++) {
		event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
		usleep(1000);
	}
	control_stopped(c, "poweroff");
	before = powerdowns;
	qmp_server_stop(srv);
	ck_assert_int_eq(powerdowns, before);
	atomic_store(&flooding, false);
	shutdown(fd, SHUT_RDWR);	/* ends a send the stop left blocked */
	pthread_join(th, NULL);
	close(fd);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

/* Two clients: one sends a thousand requests at once, the other one
 * query-status.  The second is answered within the first turns of the
 * loop, not after the thousand (a client gets TURN_REQUESTS a turn). */
START_TEST(qmp_clients_are_served_in_turns)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	struct qmp_server *srv;
	struct qmp_spec spec = { .wait = false };
	const char *req = "{\"execute\":\"system_powerdown\"}\n";
	static char burst[1000 * 32];
	int a, b, i;

	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmpt-%d.sock", (int)getpid());
	srv = qmp_server_start(base, c, &spec);
	ck_assert_ptr_nonnull(srv);
	a = slow_client(spec.path);
	b = slow_client(spec.path);
	for (i = 0; i < 3; i++)
		event_base_loop(base, EVLOOP_NONBLOCK);		/* both accepted, greeted */
	for (i = 0; i < 1000; i++)
		memcpy(burst + strlen(req) * i, req, strlen(req));
	ck_assert_int_eq(send(a, burst, strlen(req) * 1000, 0), (ssize_t)(strlen(req) * 1000));
	{
		const char *q = "{\"execute\":\"query-status\",\"id\":7}\n";

		ck_assert_int_eq(send(b, q, strlen(q), 0), (ssize_t)strlen(q));
	}
	sock_len = 0;
	sock_buf[0] = 0;
	/* One turn of the loop at a time (EVLOOP_NONBLOCK alone turns it
	 * until nothing is active). */
	for (i = 0; i < 400 && !strstr(sock_buf, "\"id\":7"); i++) {
		ssize_t n;

		event_base_loop(base, EVLOOP_ONCE | EVLOOP_NONBLOCK);
		n = recv(b, sock_buf + sock_len, sizeof(sock_buf) - 1 - sock_len, MSG_DONTWAIT);
		if (n > 0) {
			sock_len += (size_t)n;
			sock_buf[sock_len] = 0;
		}
	}
	ck_assert_ptr_nonnull(strstr(sock_buf, "\"id\":7"));
	ck_assert_int_lt(powerdowns, 100);
	for (i = 0; i < 400 && powerdowns < 1000; i++)
		event_base_loop(base, EVLOOP_NONBLOCK);
	ck_assert_int_eq(powerdowns, 1000);		/* and the first is served in full */
	qmp_server_stop(srv);
	close(a);
	close(b);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

static char wait_path[108];
static int wait_fd = -1;
static void *late_client(void *arg)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int i;

	(void)arg;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", wait_path);
	for (i = 0; i < 100; i++) {
		usleep(20000);
		wait_fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(wait_fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return NULL;
		close(wait_fd);
		wait_fd = -1;
	}
	return NULL;
}

START_TEST(qmp_wait_blocks_for_a_client)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	struct qmp_server *srv;
	struct qmp_spec spec = { .wait = true };
	pthread_t th;

	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-unit-qmpw-%d.sock", (int)getpid());
	snprintf(wait_path, sizeof(wait_path), "%s", spec.path);
	pthread_create(&th, NULL, late_client, NULL);
	srv = qmp_server_start(base, c, &spec);
	pthread_join(th, NULL);
	ck_assert_ptr_nonnull(srv);
	ck_assert_int_ge(wait_fd, 0);
	sock_len = 0;
	sock_buf[0] = 0;
	ck_assert(read_until(base, wait_fd, "\"QMP\""));	/* the waiting client is served */
	ck_assert_int_eq(send(wait_fd, "{\"execute\":\"query-status\"}", 27, 0), 27);
	ck_assert(read_until(base, wait_fd, "\"running\":true"));
	qmp_server_stop(srv);
	close(wait_fd);
	control_destroy(c);
	event_base_free(base);
}
END_TEST

/* ---- scripts --------------------------------------------------------------- */

START_TEST(script_parse_errors)
{
	char err[256];
	struct script *s;

	s = script_parse("# a comment\n\nwait \"login: \" 10\nsend \"root\\n\"\n"
			 "expect-pixel 1 2 ff00ff 3\nsendkey ctrl-alt-delete\nwait-exit\n",
			 "t.script", err, sizeof(err));
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(script_steps(s), 5);
	script_free(s);
	ck_assert_ptr_null(script_parse("wait\n", "t", err, sizeof(err)));
	ck_assert_str_eq(err, "t:1: wait takes 1 to 2 arguments");
	ck_assert_ptr_null(script_parse("sleep 1\nfly away\n", "t", err, sizeof(err)));
	ck_assert_str_eq(err, "t:2: unknown step 'fly'");
	ck_assert_ptr_null(script_parse("send \"open\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_parse("send \"bad \\q\"\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_parse("expect-pixel 1 2 red\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_parse("sleep -1\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_parse("wait \"\"\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_parse("# nothing\n", "t", err, sizeof(err)));
	ck_assert_ptr_null(script_load("/nonexistent", err, sizeof(err)));
}
END_TEST

static int done_calls;
static bool done_ok;
static void script_done(void *arg, bool ok)
{
	(void)arg;
	done_calls++;
	done_ok = ok;
}

static void turn(struct event_base *base, int ms)
{
	int i;

	for (i = 0; i < ms / 5; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(5000);
	}
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

START_TEST(script_runs_and_reports)
{
	struct event_base *base = event_base_new();
	struct control *c = setup(base);
	char err[256], tap[] = "/tmp/molvm-unit-XXXXXX", xml[] = "/tmp/molvm-unit-XXXXXX";
	struct script *s;
	const char *r;

	close(mkstemp(tap));
	close(mkstemp(xml));
	s = script_parse("wait \"login:\" 5\nsend \"root\\n\"\ntype \"hi\"\n"
			 "expect-pixel 0 0 ff0000\nwait-pixel 1 0 00ff00 0 5\nwait \"#\" 5\n",
			 "demo", err, sizeof(err));
	ck_assert_ptr_nonnull(s);
	done_calls = 0;
	ck_assert_int_eq(script_start(s, base, c, script_done, NULL), 0);
	turn(base, 50);
	ck_assert_int_eq(done_calls, 0);		/* waiting for "login:" */
	control_console_output(c, "boot...\nlog", 11);
	turn(base, 50);
	ck_assert_str_eq(typed, "");
	control_console_output(c, "in: ", 4);	/* the match spans two writes */
	turn(base, 50);
	ck_assert_str_eq(typed, "root\n");
	ck_assert_int_eq(nr_events, 4);			/* "hi" typed */
	/* Now polling pixel (1,0) for green. */
	px[4 + 2] = 0xff;
	turn(base, 200);
	control_console_output(c, "root# ", 6);
	turn(base, 50);
	ck_assert_int_eq(done_calls, 1);
	ck_assert(done_ok);
	ck_assert_int_eq(script_report(s, REPORT_TAP, tap), 0);
	r = slurp(tap);
	ck_assert_ptr_nonnull(strstr(r, "1..6\n"));
	ck_assert_ptr_nonnull(strstr(r, "ok 1 - wait \"login:\" 5\n"));
	ck_assert_ptr_nonnull(strstr(r, "ok 6 - wait \"_\" 5\n"));	/* '#' is TAP syntax */
	ck_assert_ptr_null(strstr(r, "not ok"));
	script_free(s);

	/* expect-area: pixel (0,0) is red, (1,0) green now. */
	s = script_parse("expect-area 0 0 4 4 ff0000 1\nexpect-area 0 0 2 1 00ff00 1 0\n"
			 "expect-area 0 0 4 4 ff0000 2 0\n", "area", err, sizeof(err));
	ck_assert_ptr_nonnull(s);
	script_start(s, base, c, script_done, NULL);
	turn(base, 50);
	ck_assert_int_eq(script_report(s, REPORT_TAP, tap), 1);
	r = slurp(tap);
	ck_assert_ptr_nonnull(strstr(r, "ok 1 - expect-area"));
	ck_assert_ptr_nonnull(strstr(r, "ok 2 - expect-area"));
	ck_assert_ptr_nonnull(strstr(r, "not ok 3 - expect-area"));
	ck_assert_ptr_nonnull(strstr(r, "1 pixels of ff0000 (tolerance 0) in the area, expected at least 2"));
	script_free(s);
	ck_assert_ptr_null(script_parse("expect-area 0 0 4 4 ff0000\n", "t", err, sizeof(err)));
	s = script_parse("expect-area 2 2 4 4 ff0000 1\n", "t", err, sizeof(err));
	script_start(s, base, c, script_done, NULL);
	turn(base, 30);
	ck_assert(!script_passed(s));		/* outside the 4x4 display */
	script_free(s);

	/* A failing step: the rest are not run; JUnit says so. */
	s = script_parse("expect-pixel 0 0 0000ff 10\nsend \"x\"\n", "fails", err, sizeof(err));
	done_calls = 0;
	typed[0] = 0;
	script_start(s, base, c, script_done, NULL);
	turn(base, 50);
	ck_assert_int_eq(done_calls, 1);
	ck_assert(!done_ok);
	ck_assert_str_eq(typed, "");
	ck_assert_int_eq(script_report(s, REPORT_JUNIT, xml), 1);
	r = slurp(xml);
	ck_assert_ptr_nonnull(strstr(r, "<testsuite name=\"fails\" tests=\"2\" failures=\"2\""));
	ck_assert_ptr_nonnull(strstr(r, "pixel (0,0) is ff0000, expected 0000ff (tolerance 10)"));
	ck_assert_ptr_nonnull(strstr(r, "not run: an earlier step failed"));
	script_free(s);

	/* A wait times out; the VM stopping ends a wait-exit. */
	s = script_parse("wait \"never\" 0.1\n", "t", err, sizeof(err));
	script_start(s, base, c, script_done, NULL);
	turn(base, 300);
	ck_assert(!script_passed(s));
	script_free(s);
	s = script_parse("wait-exit 5\n", "t", err, sizeof(err));
	done_calls = 0;
	script_start(s, base, c, script_done, NULL);
	turn(base, 30);
	control_stopped(c, "poweroff");
	script_abort(s, "not run: the VM stopped first");
	ck_assert(script_passed(s));
	script_free(s);
	control_destroy(c);
	event_base_free(base);
	unlink(tap);
	unlink(xml);
}
END_TEST

START_TEST(display_registry)
{
	char list[64];

	ck_assert_ptr_eq(display_find("none"), &display_none);
	ck_assert_ptr_null(display_find("gtk"));
	display_list(list, sizeof(list));
	ck_assert_ptr_nonnull(strstr(list, "none"));
	/* The unit tests link no SDL: the default is headless either way. */
	setenv("DISPLAY", ":99", 1);
	ck_assert_ptr_eq(display_default(), display_find("sdl") ? display_find("sdl") : &display_none);
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	ck_assert_ptr_eq(display_default(), &display_none);
}
END_TEST

START_TEST(scaling)
{
	uint32_t x, y, w, h;

	/* fit: 640x480 in 1920x1080 -> 1440x1080, centred */
	display_place(DISPLAY_SCALE_FIT, 1920, 1080, 640, 480, &x, &y, &w, &h);
	ck_assert(x == 240 && y == 0 && w == 1440 && h == 1080);
	/* fit: a tall window letterboxes */
	display_place(DISPLAY_SCALE_FIT, 800, 1000, 1024, 768, &x, &y, &w, &h);
	ck_assert(x == 0 && y == 200 && w == 800 && h == 600);
	/* integer: 640x480 in 1920x1080 -> 2x (1280x960) */
	display_place(DISPLAY_SCALE_INTEGER, 1920, 1080, 640, 480, &x, &y, &w, &h);
	ck_assert(x == 320 && y == 60 && w == 1280 && h == 960);
	/* integer: never below 1x */
	display_place(DISPLAY_SCALE_INTEGER, 300, 200, 640, 480, &x, &y, &w, &h);
	ck_assert(x == 0 && y == 0 && w == 640 && h == 480);
	display_place(DISPLAY_SCALE_FIT, 300, 200, 0, 480, &x, &y, &w, &h);
	ck_assert(w == 0 && h == 0);
}
END_TEST

Suite *ui_control_suite(void)
{
	Suite *s = suite_create("ui-control");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, commands_reply_like_qmp);
	tcase_add_test(tc, sendkey_and_type_post_evdev_codes);
	tcase_add_test(tc, mouse_commands);
	tcase_add_test(tc, screendump_command);
	tcase_add_test(tc, events_reach_listeners);
	tcase_add_test(tc, console_backlog_is_capped);
	tcase_add_test(tc, qmp_spec_parsing);
	tcase_add_test(tc, qmp_socket_round_trip);
	tcase_add_test(tc, qmp_wait_blocks_for_a_client);
	tcase_add_test(tc, qmp_client_that_never_reads_is_dropped);
	tcase_add_test(tc, qmp_stop_while_a_client_floods);
	tcase_add_test(tc, qmp_clients_are_served_in_turns);
	tcase_add_test(tc, script_parse_errors);
	tcase_add_test(tc, script_runs_and_reports);
	tcase_add_test(tc, display_registry);
	tcase_add_test(tc, scaling);
	suite_add_tcase(s, tc);
	return s;
}
