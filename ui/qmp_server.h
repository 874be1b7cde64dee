/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket: -qmp unix:PATH,server[,wait].  JSON objects in,
 * JSON lines out (QMP's wire format: a greeting, then a reply per
 * command and the events as they happen), on the libevent loop.
 */
#ifndef MOLVM_QMP_SERVER_H
#define MOLVM_QMP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

struct event_base;
struct control;
struct qmp_server;

struct qmp_spec {
	char path[108];		/* sun_path's size */
	bool wait;		/* wait for the first client before running */
};

/* Parse "unix:PATH,server[,wait|,nowait|,wait=on|off]"; -1 with err set. */
int qmp_parse_spec(const char *s, struct qmp_spec *out, char *err, size_t errlen);

struct qmp_server *qmp_server_start(struct event_base *base, struct control *c,
				    const struct qmp_spec *spec);
/* Write out what is queued for the clients, close them, remove the socket. */
void qmp_server_stop(struct qmp_server *s);

#endif
