// SPDX-License-Identifier: GPL-2.0
#include "input.h"

#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;
static input_sink_fn sink_fn;
static void *sink_arg;

void input_set_sink(input_sink_fn fn, void *arg)
{
	pthread_mutex_lock(&sink_lock);
	sink_fn = fn;
	sink_arg = arg;
	pthread_mutex_unlock(&sink_lock);
}

void input_post(const struct input_event *ev)
{
	pthread_mutex_lock(&sink_lock);
	if (sink_fn)
		sink_fn(sink_arg, ev);
	pthread_mutex_unlock(&sink_lock);
}
