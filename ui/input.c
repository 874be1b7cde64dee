// SPDX-License-Identifier: GPL-2.0
#include "input.h"

#include <stddef.h>
#include <string.h>

#include "../vmm/vm.h"
#include "display.h"

bool input_expected(const struct vm_config *cfg)
{
	bool window = !cfg->nographic &&
		      (cfg->display ? strcmp(cfg->display, "none") != 0
				    : display_default() != &display_none);

	return window || cfg->vnc || cfg->qmp || cfg->script;
}

void input_sink_init(struct input_sink *s)
{
	pthread_mutex_init(&s->lock, NULL);
	s->fn = NULL;
	s->arg = NULL;
}

void input_set_sink(struct input_sink *s, input_sink_fn fn, void *arg)
{
	pthread_mutex_lock(&s->lock);
	s->fn = fn;
	s->arg = arg;
	pthread_mutex_unlock(&s->lock);
}

void input_post(struct input_sink *s, const struct input_event *ev)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->fn)
		s->fn(s->arg, ev);
	pthread_mutex_unlock(&s->lock);
}
