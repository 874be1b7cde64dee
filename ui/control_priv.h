/* SPDX-License-Identifier: GPL-2.0 */
/* The control layer's state, shared by control.c and control_cmds.c. */
#ifndef MOLVM_CONTROL_PRIV_H
#define MOLVM_CONTROL_PRIV_H

#include <pthread.h>

#include "control.h"

struct control {
	struct event_base *base;
	struct framebuffer *fb;
	struct input_sink *input;	/* where sendkey, type and mouse go */
	const struct control_ops *ops;
	void *arg;
	bool running;
	struct {
		control_listener_fn fn;
		void *arg;
	} listeners[8];
	unsigned int nr_listeners;

	struct event *deliver_ev;
	pthread_mutex_t lock;		/* guards the pending queues */
	char *pending;			/* console output for the main loop */
	size_t pending_len;
	char *pending_errors;		/* NUL-separated messages */
	size_t pending_errors_len;
};

#endif
