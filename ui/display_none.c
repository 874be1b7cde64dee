// SPDX-License-Identifier: GPL-2.0
/*
 * -display none: no window.  The framebuffer is still there for the
 * control socket's screendump and for scripts.
 */
#include <stdlib.h>

#include "display.h"

struct display {
	struct display_stats stats;
};

static struct display *none_open(const struct display_host *host)
{
	(void)host;
	return calloc(1, sizeof(struct display));
}

static void none_close(struct display *d)
{
	free(d);
}

static void none_refresh(struct display *d)
{
	d->stats.frames++;
}

static void none_stats(struct display *d, struct display_stats *out)
{
	*out = d->stats;
}

const struct display_backend display_none = {
	.name = "none",
	.help = "no window (headless; -nographic implies it)",
	.open = none_open,
	.close = none_close,
	.refresh = none_refresh,
	.stats = none_stats,
};
