// SPDX-License-Identifier: GPL-2.0
#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BACKENDS 4

/* "none" is always there; others register at start-up (ui/sdl/). */
static const struct display_backend *backends[MAX_BACKENDS] = { &display_none };
static unsigned int nr_backends = 1;

void display_register(const struct display_backend *be)
{
	if (nr_backends < MAX_BACKENDS)
		backends[nr_backends++] = be;
}

const struct display_backend *display_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_backends; i++)
		if (!strcmp(backends[i]->name, name))
			return backends[i];
	return NULL;
}

const struct display_backend *display_default(void)
{
	const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
	const struct display_backend *sdl = display_find("sdl");

	if (sdl && ((x && *x) || (w && *w)))
		return sdl;
	return &display_none;
}

void display_list(char *buf, unsigned int size)
{
	unsigned int i, n = 0;

	if (!size)
		return;
	buf[0] = 0;
	for (i = 0; i < nr_backends && n < size; i++)
		n += (unsigned int)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
					    backends[i]->name);
}
