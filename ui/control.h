/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Headless control of a running VM: the commands of the control socket
 * (QMP-style JSON, ui/qmp_server.c) and of scripts (ui/script.c), and the
 * events both listen to (guest console output, power-off, errors).
 *
 * Commands and events run on the main loop's thread.  Console output and
 * errors may come from any thread: they are queued and delivered on the
 * main loop.
 */
#ifndef MOLVM_CONTROL_H
#define MOLVM_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

struct event_base;
struct framebuffer;
struct input_sink;
struct json_object;

/* What the machine does for the control layer. */
struct control_ops {
	void (*powerdown)(void *arg);	/* ask the guest to power off */
	void (*quit)(void *arg);	/* stop molvm now */
	/* Bytes for the guest's serial console, as if typed there. */
	void (*console_input)(void *arg, const void *buf, size_t len);
};

/* An event listener: name ("CONSOLE", "SHUTDOWN", ...) and its data
 * (a JSON object the listener must not keep). */
typedef void (*control_listener_fn)(void *arg, const char *event, struct json_object *data);

struct control;

/* base may be NULL (unit tests): events are then delivered at once. */
struct control *control_create(struct event_base *base, struct framebuffer *fb,
			       struct input_sink *input, const struct control_ops *ops, void *arg);
void control_destroy(struct control *c);

int control_add_listener(struct control *c, control_listener_fn fn, void *arg);
void control_remove_listener(struct control *c, control_listener_fn fn, void *arg);

/* Thread-safe: guest console output, and error messages. */
void control_console_output(struct control *c, const void *buf, size_t len);
void control_error(struct control *c, const char *msg);

/* Main thread: emit an event to every listener (takes data's reference;
 * data NULL = empty object). */
void control_emit(struct control *c, const char *event, struct json_object *data);

/* Deliver queued console output and errors now (main thread). */
void control_flush(struct control *c);

/* Mark the VM stopped (emits SHUTDOWN with the reason once). */
void control_stopped(struct control *c, const char *reason);
bool control_is_running(const struct control *c);

/*
 * Run one command: {"execute": NAME, "arguments": {...}, "id": ...}.
 * Returns the reply, {"return": ...} or {"error": {"class", "desc"}}
 * (with the request's "id" copied); the caller owns it.
 */
struct json_object *control_execute(struct control *c, struct json_object *req);

/* The framebuffer, for scripts (may be NULL). */
struct framebuffer *control_framebuffer(struct control *c);

#endif
