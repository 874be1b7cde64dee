/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keyboard and mouse events from a display back end (SDL, the control
 * socket, a script) to whichever guest device consumes them (OSI ADB
 * keyboard/mouse on powermac, virtio-input on pseries).  The common key
 * currency is the Linux evdev code (<linux/input-event-codes.h> KEY_*):
 * consumers translate to ADB or pass it through.
 */
#ifndef MOLVM_INPUT_H
#define MOLVM_INPUT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

enum input_kind {
	INPUT_KEY,		/* code = KEY_*, down */
	INPUT_MOUSE_REL,	/* dx, dy */
	INPUT_MOUSE_ABS,	/* x, y in framebuffer pixels */
	INPUT_MOUSE_BUTTON,	/* button 0 left, 1 right, 2 middle; down */
};

struct input_event {
	enum input_kind kind;
	uint16_t code;
	bool down;
	int32_t dx, dy;
	uint32_t x, y;
	uint8_t button;
};

typedef void (*input_sink_fn)(void *arg, const struct input_event *ev);

struct vm_config;

/* Can keyboard and mouse events come from somewhere: a window, VNC, the
 * control socket or a script?  (Machines add an input device only then,
 * so plain runs keep their bus as it was.) */
bool input_expected(const struct vm_config *cfg);

/* Where a VM's events go (vm->input): the one device that consumes them,
 * registered by the machine's device model at setup. */
struct input_sink {
	pthread_mutex_t lock;
	input_sink_fn fn;
	void *arg;
};

void input_sink_init(struct input_sink *s);
/* fn NULL: events are dropped from now on. */
void input_set_sink(struct input_sink *s, input_sink_fn fn, void *arg);
/* Deliver an event to the sink (no-op without one, or s NULL).
 * Thread-safe. */
void input_post(struct input_sink *s, const struct input_event *ev);

#endif
