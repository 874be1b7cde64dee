// SPDX-License-Identifier: GPL-2.0
#include "defer.h"

#include <event2/event.h>
#include <stddef.h>

static void run(evutil_socket_t fd, short what, void *arg)
{
	struct defer *d = arg;

	(void)fd;
	(void)what;
	d->fn(d->arg);
}

int defer_init(struct defer *d, struct event_base *base, void (*fn)(void *arg), void *arg)
{
	d->fn = fn;
	d->arg = arg;
	d->ev = NULL;
	if (!base)
		return 0;
	/* A timer of zero, not event_active(): an event activated from its
	 * own callback runs again in the same turn of the loop, so a pass
	 * that always finds more work would never let the loop go on. */
	d->ev = evtimer_new(base, run, d);
	return d->ev ? 0 : -1;
}

void defer_schedule(struct defer *d)
{
	static const struct timeval now = { 0, 0 };

	if (d->ev && !evtimer_pending(d->ev, NULL))
		evtimer_add(d->ev, &now);
}

void defer_free(struct defer *d)
{
	if (d->ev)
		event_free(d->ev);
	d->ev = NULL;
}
