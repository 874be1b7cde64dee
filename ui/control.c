// SPDX-License-Identifier: GPL-2.0
#include "control.h"

#include <event2/event.h>
#include <json-c/json.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "control_priv.h"

#define MAX_LISTENERS 8
#define PENDING_MAX (1u << 20)	/* console bytes held for the main loop */

static void deliver(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	control_flush(arg);
}

struct control *control_create(struct event_base *base, struct framebuffer *fb,
			       struct input_sink *input, const struct control_ops *ops, void *arg)
{
	struct control *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->base = base;
	c->fb = fb;
	c->input = input;
	c->ops = ops;
	c->arg = arg;
	c->running = true;
	pthread_mutex_init(&c->lock, NULL);
	if (base) {
		c->deliver_ev = event_new(base, -1, 0, deliver, c);
		if (!c->deliver_ev) {
			free(c);
			return NULL;
		}
	}
	return c;
}

void control_destroy(struct control *c)
{
	if (!c)
		return;
	if (c->deliver_ev)
		event_free(c->deliver_ev);
	free(c->pending);
	free(c->pending_errors);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

int control_add_listener(struct control *c, control_listener_fn fn, void *arg)
{
	if (c->nr_listeners >= MAX_LISTENERS)
		return -1;
	c->listeners[c->nr_listeners].fn = fn;
	c->listeners[c->nr_listeners].arg = arg;
	c->nr_listeners++;
	return 0;
}

void control_remove_listener(struct control *c, control_listener_fn fn, void *arg)
{
	unsigned int i;

	for (i = 0; i < c->nr_listeners; i++)
		if (c->listeners[i].fn == fn && c->listeners[i].arg == arg) {
			memmove(&c->listeners[i], &c->listeners[i + 1],
				(c->nr_listeners - i - 1) * sizeof(c->listeners[0]));
			c->nr_listeners--;
			return;
		}
}

static void append(char **buf, size_t *len, const void *data, size_t n)
{
	char *nb;

	if (*len + n > PENDING_MAX)
		return;	/* nobody is draining: drop rather than grow forever */
	nb = realloc(*buf, *len + n + 1);
	if (!nb)
		return;
	memcpy(nb + *len, data, n);
	*len += n;
	nb[*len] = 0;
	*buf = nb;
}

static void queue(struct control *c, char **buf, size_t *len, const void *data, size_t n)
{
	pthread_mutex_lock(&c->lock);
	append(buf, len, data, n);
	pthread_mutex_unlock(&c->lock);
	if (c->deliver_ev)
		event_active(c->deliver_ev, 0, 0);	/* thread-safe with evthread */
	else
		control_flush(c);
}

void control_console_output(struct control *c, const void *buf, size_t len)
{
	/* Nobody listening (no socket, no script): nothing to queue.  The
	 * listener count only changes on the main thread before and after
	 * the vCPUs run. */
	if (c && len && c->nr_listeners)
		queue(c, &c->pending, &c->pending_len, buf, len);
}

void control_error(struct control *c, const char *msg)
{
	/* Errors are NUL-separated in their queue. */
	if (c)
		queue(c, &c->pending_errors, &c->pending_errors_len, msg, strlen(msg) + 1);
}

void control_emit(struct control *c, const char *event, struct json_object *data)
{
	unsigned int i;

	if (!data)
		data = json_object_new_object();
	for (i = 0; i < c->nr_listeners; i++)
		c->listeners[i].fn(c->listeners[i].arg, event, data);
	json_object_put(data);
}

void control_flush(struct control *c)
{
	char *out, *errs;
	size_t out_len, errs_len, i;

	pthread_mutex_lock(&c->lock);
	out = c->pending;
	out_len = c->pending_len;
	errs = c->pending_errors;
	errs_len = c->pending_errors_len;
	c->pending = c->pending_errors = NULL;
	c->pending_len = c->pending_errors_len = 0;
	pthread_mutex_unlock(&c->lock);

	if (out_len) {
		struct json_object *d = json_object_new_object();

		json_object_object_add(d, "text", json_object_new_string_len(out, (int)out_len));
		control_emit(c, "CONSOLE", d);
	}
	for (i = 0; i < errs_len; i += strlen(errs + i) + 1) {
		struct json_object *d = json_object_new_object();

		json_object_object_add(d, "message", json_object_new_string(errs + i));
		control_emit(c, "ERROR", d);
	}
	free(out);
	free(errs);
}

void control_stopped(struct control *c, const char *reason)
{
	struct json_object *d;

	if (!c || !c->running)
		return;
	control_flush(c);
	c->running = false;
	d = json_object_new_object();
	json_object_object_add(d, "reason", json_object_new_string(reason));
	control_emit(c, "SHUTDOWN", d);
}

bool control_is_running(const struct control *c)
{
	return c->running;
}

struct framebuffer *control_framebuffer(struct control *c)
{
	return c->fb;
}
