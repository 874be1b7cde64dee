// SPDX-License-Identifier: GPL-2.0
/*
 * The VNC display with a real client: a test framebuffer feeds molvm's VNC
 * back end (ui/vnc/) on the main loop, as in molvm; a second thread runs
 * vnc-client (tests/ui/vnc_client.c, libvncclient) against it.  The
 * client must see the frame's pixels, follow a mode change (to a size and
 * format the test switches to when the client presses "m"), and its keys
 * and pointer must arrive as evdev codes and framebuffer positions.  Then:
 * a password (right one accepted, wrong one refused), TCP on localhost,
 * and the errors a user can make (port in use, unreadable password file,
 * a socket path in use).  TAP on stdout.
 *
 *   vnc-display-test PATH-TO-vnc-client
 */
#include <arpa/inet.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <linux/input-event-codes.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../ui/display.h"
#include "../../ui/framebuffer.h"
#include "../../ui/input.h"
#include "../../vmm/log.h"

static struct framebuffer fb;
static struct input_sink input;
static uint8_t pixels[320 * 200 * 4];
static struct event_base *base;
static const char *client;
static int failures, tests;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct input_event evs[256];
static int nr_evs;
static char last_error[512];

static void check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	tests++;
	failures += !ok;
	printf("%s %d - ", ok ? "ok" : "not ok", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* 160x120 big-endian XRGB: quadrants red, green, blue, white. */
static void paint_quadrants(void)
{
	static const uint32_t rgb[4] = { 0xff0000, 0x00ff00, 0x0000ff, 0xffffff };
	uint32_t x, y;

	for (y = 0; y < 120; y++)
		for (x = 0; x < 160; x++) {
			uint32_t c = rgb[(y >= 60) * 2 + (x >= 80)];
			uint8_t *p = pixels + (y * 160 + x) * 4;

			p[0] = 0;
			p[1] = (uint8_t)(c >> 16);
			p[2] = (uint8_t)(c >> 8);
			p[3] = (uint8_t)c;
		}
	fb_set_mode(&fb, FB_XRGB8888_BE, 160, 120, 160 * 4, pixels);
}

/* 320x200 RGB565 big-endian: left half yellow (0xffe0), right half
 * magenta (0xf81f). */
static void paint_565(void)
{
	uint32_t x, y;

	for (y = 0; y < 200; y++)
		for (x = 0; x < 320; x++) {
			uint16_t c = x < 160 ? 0xffe0 : 0xf81f;

			pixels[(y * 320 + x) * 2] = (uint8_t)(c >> 8);
			pixels[(y * 320 + x) * 2 + 1] = (uint8_t)c;
		}
	fb_set_mode(&fb, FB_RGB565_BE, 320, 200, 320 * 2, pixels);
}

/* Runs on the main loop (the VNC back end's thread). */
static void sink(void *arg, const struct input_event *ev)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	if (nr_evs < 256)
		evs[nr_evs++] = *ev;
	pthread_mutex_unlock(&lock);
	if (ev->kind == INPUT_KEY && ev->code == KEY_M && !ev->down)
		paint_565();
}

static void on_error(void *arg, const char *line)
{
	(void)arg;
	snprintf(last_error, sizeof(last_error), "%s", line);
}

static int count(enum input_kind kind, uint16_t code, bool down)
{
	int i, n = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nr_evs; i++)
		if (evs[i].kind == kind && evs[i].code == code && evs[i].down == down)
			n++;
	pthread_mutex_unlock(&lock);
	return n;
}

/* Run vnc-client; each of its lines is one test here.  Its exit status. */
static int run_client(const char *args)
{
	char cmd[1024], line[512];
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s", client, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, "ok - ", 5))
			check(true, "%s", line + 5);
		else if (!strncmp(line, "not ok - ", 9))
			check(false, "%s", line + 9);
		else
			printf("# %s\n", line);
	}
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct opened {
	const char *spec;
	struct display *d;
	bool done;
};

/* Back end calls go to the main loop's thread (as in molvm). */
static void do_open(evutil_socket_t fd, short what, void *arg)
{
	struct opened *o = arg;
	struct display_host host = { .fb = &fb, .input = &input, .base = base, .vm_name = "vnc-test",
				     .spec = o->spec };

	(void)fd;
	(void)what;
	last_error[0] = 0;
	o->d = display_find("vnc")->open(&host);
	pthread_mutex_lock(&lock);
	o->done = true;
	pthread_mutex_unlock(&lock);
}

static void do_close(evutil_socket_t fd, short what, void *arg)
{
	struct opened *o = arg;

	(void)fd;
	(void)what;
	display_find("vnc")->close(o->d);
	pthread_mutex_lock(&lock);
	o->done = true;
	pthread_mutex_unlock(&lock);
}

static void on_main(void (*fn)(evutil_socket_t, short, void *), struct opened *o)
{
	bool done = false;

	o->done = false;
	event_base_once(base, -1, EV_TIMEOUT, fn, o, NULL);
	while (!done) {
		usleep(10000);
		pthread_mutex_lock(&lock);
		done = o->done;
		pthread_mutex_unlock(&lock);
	}
}

static void *driver(void *arg)
{
	char path[128], spec[300], args[800], pwfile[128], badpw[128];
	struct opened o = { 0 };
	struct display_stats st0, st1;
	int port, s, one = 1;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	FILE *f;

	(void)arg;
	snprintf(path, sizeof(path), "/tmp/molvm-vnc-test-%d.sock", (int)getpid());
	snprintf(spec, sizeof(spec), "unix:%s", path);
	o.spec = spec;
	on_main(do_open, &o);
	check(o.d != NULL, "open -display vnc=%s", spec);
	if (!o.d)
		goto out;
	snprintf(args, sizeof(args),
		 "%s size 160 120 "
		 "wait-pixel 10 10 ff0000 wait-pixel 150 10 00ff00 "
		 "wait-pixel 10 110 0000ff wait-pixel 150 110 ffffff "
		 "key a type B move 100 50 click key m "
		 "size 320 200 wait-pixel 20 100 ffff00 wait-pixel 300 100 ff00ff", path);
	paint_quadrants();
	check(run_client(args) == 0, "vnc-client: pixels, input and a mode change");
	check(count(INPUT_KEY, KEY_A, true) == 1 && count(INPUT_KEY, KEY_A, false) == 1,
	      "keysym a: KEY_A pressed and released");
	check(count(INPUT_KEY, KEY_LEFTSHIFT, true) == 1 && count(INPUT_KEY, KEY_B, true) == 1,
	      "B typed as Shift_L + b: KEY_LEFTSHIFT and KEY_B");
	{
		int i, abs_ok = 0;

		pthread_mutex_lock(&lock);
		for (i = 0; i < nr_evs; i++)
			if (evs[i].kind == INPUT_MOUSE_ABS && evs[i].x == 100 && evs[i].y == 50)
				abs_ok++;
		pthread_mutex_unlock(&lock);
		check(abs_ok >= 1, "pointer at 100,50 arrives as an absolute position (%d events)",
		      abs_ok);
	}
	{
		int i, down = 0, up = 0;

		pthread_mutex_lock(&lock);
		for (i = 0; i < nr_evs; i++)
			if (evs[i].kind == INPUT_MOUSE_BUTTON && evs[i].button == 0)
				evs[i].down ? down++ : up++;
		pthread_mutex_unlock(&lock);
		check(down == 1 && up == 1, "click: left button down once, up once (%d, %d)", down, up);
	}
	/* Nothing changes: no frame counts as changed. */
	display_find("vnc")->stats(o.d, &st0);
	usleep(300000);
	display_find("vnc")->stats(o.d, &st1);
	check(st1.frames > st0.frames && st1.frames_changed == st0.frames_changed,
	      "unchanged frames send nothing (%llu refreshes, %llu changed)",
	      (unsigned long long)(st1.frames - st0.frames),
	      (unsigned long long)(st1.frames_changed - st0.frames_changed));

	/* Another server on the same socket path. */
	{
		struct opened o2 = { .spec = spec };

		on_main(do_open, &o2);
		check(!o2.d && strstr(last_error, "in use"), "a socket path in use: \"%s\"", last_error);
	}
	on_main(do_close, &o);
	check(access(path, F_OK) != 0, "the socket file is removed at close");

	/* A password, on TCP localhost. */
	port = 100 + (int)(getpid() % 3000);
	snprintf(pwfile, sizeof(pwfile), "/tmp/molvm-vnc-test-%d.pw", (int)getpid());
	snprintf(badpw, sizeof(badpw), "/tmp/molvm-vnc-test-%d.bad", (int)getpid());
	f = fopen(pwfile, "w");
	fputs("s3cret\n", f);
	fclose(f);
	f = fopen(badpw, "w");
	fputs("wrong\n", f);
	fclose(f);
	snprintf(spec, sizeof(spec), ":%d,password-file=%s", port, pwfile);
	o.spec = spec;
	on_main(do_open, &o);
	check(o.d != NULL, "open -display vnc=%s", spec);
	if (!o.d)
		goto out;
	paint_quadrants();
	snprintf(args, sizeof(args), "--password-file %s 127.0.0.1:%d wait-pixel 150 110 ffffff",
		 pwfile, 5900 + port);
	check(run_client(args) == 0, "the right password: connected, pixels seen");
	snprintf(args, sizeof(args), "--password-file %s --expect-auth-failure 127.0.0.1:%d",
		 badpw, 5900 + port);
	check(run_client(args) == 0, "a wrong password is refused");

	/* The port is taken now: a second server must say so. */
	{
		struct opened o2;

		snprintf(args, sizeof(args), ":%d", port);
		o2.spec = args;
		on_main(do_open, &o2);
		check(!o2.d && strstr(last_error, "Address already in use") &&
		      strstr(last_error, "127.0.0.1:"), "port in use: \"%s\"", last_error);
	}
	on_main(do_close, &o);

	/* A port some other program holds. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((uint16_t)(5900 + port + 1));
	if (!bind(s, (struct sockaddr *)&sa, sizeof(sa)) && !listen(s, 1)) {
		struct opened o2;

		snprintf(args, sizeof(args), ":%d", port + 1);
		o2.spec = args;
		on_main(do_open, &o2);
		check(!o2.d && strstr(last_error, "Address already in use"),
		      "a port another program listens on: \"%s\"", last_error);
	}
	close(s);
	{
		struct opened o2;

		snprintf(args, sizeof(args), ":%d,password-file=/nonexistent/pw", port);
		o2.spec = args;
		on_main(do_open, &o2);
		check(!o2.d && strstr(last_error, "password-file /nonexistent/pw: No such file"),
		      "unreadable password file: \"%s\"", last_error);
	}
	unlink(pwfile);
	unlink(badpw);
out:
	event_base_loopbreak(base);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-vnc-client\n", argv[0]);
		return 2;
	}
	client = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	evthread_use_pthreads();
	base = event_base_new();
	fb_init(&fb);
	input_sink_init(&input);
	input_set_sink(&input, sink, NULL);
	log_set_err_hook(on_error, NULL);
	pthread_create(&t, NULL, driver, NULL);
	event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY);
	pthread_join(t, NULL);
	printf("1..%d\n", tests);
	printf("vnc-display-test: %d passed, %d failed\n", tests - failures, failures);
	return failures ? 1 : 0;
}
