// SPDX-License-Identifier: GPL-2.0
/*
 * The -qmp control socket (ui/qmp_server.c, ui/control_cmds.c): the input
 * is what one client sends, over a real connection to the listening
 * socket, with the loop turning until molvm has answered everything and
 * closed its end.  The machine behind the commands does nothing; there is
 * no display, so screendump writes no file.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../ui/control.h"
#include "../../ui/input.h"
#include "../../ui/qmp_server.h"
#include "harness.h"

static void nothing(void *arg) { (void)arg; }
static void typed(void *arg, const void *buf, size_t len) { (void)arg; (void)buf; (void)len; }
static void sink(void *arg, const struct input_event *ev) { (void)arg; (void)ev; }
static struct input_sink input;

static const struct control_ops ops = {
	.powerdown = nothing, .quit = nothing, .console_input = typed,
};

static struct event_base *base;
static struct control *ctl;
static struct qmp_server *srv;
static struct sockaddr_un sun = { .sun_family = AF_UNIX };

static void once(void)
{
	struct qmp_spec spec = { .wait = false };

	base = event_base_new();
	ctl = control_create(base, NULL, &input, &ops, NULL);
	snprintf(spec.path, sizeof(spec.path), "/tmp/molvm-fuzz-qmp-%d.sock", (int)getpid());
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", spec.path);
	srv = qmp_server_start(base, ctl, &spec);
	if (!base || !ctl || !srv)
		abort();
	input_sink_init(&input);
	input_set_sink(&input, sink, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char junk[65536];
	size_t sent = 0;
	bool closed = false;
	int fd, turns;

	if (!srv)
		once();
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)))
		abort();
	for (turns = 0; turns < 100000 && !closed; turns++) {
		ssize_t n;

		if (sent < size) {
			n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
			if (n > 0)
				sent += (size_t)n;
			if (sent == size)
				shutdown(fd, SHUT_WR);
		} else if (size == 0 && turns == 0) {
			shutdown(fd, SHUT_WR);
		}
		event_base_loop(base, EVLOOP_NONBLOCK);
		while ((n = recv(fd, junk, sizeof(junk), 0)) > 0)
			;
		closed = n == 0;
	}
	if (!closed)
		abort();	/* molvm never finished with a closed connection */
	close(fd);
	return 0;
}
