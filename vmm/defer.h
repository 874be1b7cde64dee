/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device work a guest can make as long as it likes (a ring it keeps
 * refilling) is done in passes of bounded size; when a pass stops at its
 * budget with more to do, the device schedules the next pass here: it runs
 * on the main loop at its next turn, after the signals, timers, -qmp and
 * console input that are waiting.  So a guest can make its own devices
 * slow, never the control plane.
 */
#ifndef MOLVM_DEFER_H
#define MOLVM_DEFER_H

#include <stdbool.h>

struct event_base;
struct event;

/* Work per pass of a guest-fed queue: chains (or frames, descriptors) and
 * bytes copied.  A pass takes a few milliseconds at most. */
#define DEFER_BATCH		64
#define DEFER_BATCH_BYTES	(1u << 20)

struct defer {
	struct event *ev;
	void (*fn)(void *arg);
	void *arg;
};

/* base NULL (unit tests without a loop): defer_schedule does nothing. */
int defer_init(struct defer *d, struct event_base *base, void (*fn)(void *arg), void *arg);
/* Run fn at the loop's next turn (any thread; once however often asked). */
void defer_schedule(struct defer *d);
void defer_free(struct defer *d);

#endif
