// SPDX-License-Identifier: GPL-2.0
#include "fb_tracker.h"

#include <stdlib.h>
#include <string.h>

void fb_tracker_init(struct fb_tracker *t)
{
	memset(t, 0, sizeof(*t));
}

void fb_tracker_free(struct fb_tracker *t)
{
	free(t->shadow);
	free(t->xrgb);
	free(t->dirty);
	free(t->stale);
	fb_tracker_init(t);
}

static int resize(struct fb_tracker *t, const struct framebuffer *fb)
{
	unsigned int bpp = fb_bytes_per_pixel(fb->format);
	size_t pixels = (size_t)fb->width * fb->height;

	fb_tracker_free(t);
	t->format = fb->format;
	t->width = fb->width;
	t->height = fb->height;
	t->resized = true;
	if (!pixels || !bpp || !fb->pixels)
		return 0;
	t->tiles_x = (fb->width + FB_TILE_W - 1) / FB_TILE_W;
	t->tiles_y = (fb->height + FB_TILE_H - 1) / FB_TILE_H;
	t->shadow = malloc(pixels * bpp);
	/* Black until converted: a banded look converts a frame over
	 * several calls. */
	t->xrgb = calloc(pixels, sizeof(uint32_t));
	t->dirty = malloc((size_t)t->tiles_x * t->tiles_y);
	t->stale = malloc(t->tiles_y);
	if (!t->shadow || !t->xrgb || !t->dirty || !t->stale) {
		fb_tracker_free(t);
		return -1;
	}
	return 0;
}

/* Compare (and if changed copy and convert) one tile; lock held. */
static bool update_tile(struct fb_tracker *t, const struct framebuffer *fb,
			uint32_t tx, uint32_t ty, bool force)
{
	unsigned int bpp = fb_bytes_per_pixel(fb->format);
	uint32_t x0 = tx * FB_TILE_W, y0 = ty * FB_TILE_H, y;
	uint32_t w = t->width - x0 < FB_TILE_W ? t->width - x0 : FB_TILE_W;
	uint32_t h = t->height - y0 < FB_TILE_H ? t->height - y0 : FB_TILE_H;
	size_t line = (size_t)t->width * bpp, bytes = (size_t)w * bpp;
	bool changed = force;

	for (y = y0; y < y0 + h && !changed; y++)
		changed = memcmp(t->shadow + y * line + (size_t)x0 * bpp,
				 fb->pixels + (size_t)y * fb->stride + (size_t)x0 * bpp, bytes) != 0;
	if (!changed)
		return false;
	for (y = y0; y < y0 + h; y++) {
		uint8_t *sh = t->shadow + y * line + (size_t)x0 * bpp;

		memcpy(sh, fb->pixels + (size_t)y * fb->stride + (size_t)x0 * bpp, bytes);
		fb_line_to_xrgb(fb, sh, w, t->xrgb + (size_t)y * t->width + x0);
	}
	return true;
}

int fb_tracker_update_band(struct fb_tracker *t, struct framebuffer *fb, uint32_t *row,
			   uint64_t max_pixels)
{
	uint64_t looked = 0;
	unsigned int gen;
	uint32_t tx;
	int r = 0;

	pthread_mutex_lock(&fb->lock);
	gen = atomic_load(&fb->generation);
	t->resized = false;
	if (fb->format != t->format || fb->width != t->width || fb->height != t->height ||
	    (!t->shadow && fb->pixels)) {
		if (resize(t, fb)) {
			pthread_mutex_unlock(&fb->lock);
			return -1;
		}
		t->valid = false;
		*row = 0;
	}
	t->nr_dirty = 0;
	if (t->dirty)
		memset(t->dirty, 0, (size_t)t->tiles_x * t->tiles_y);
	if (!t->shadow || !fb->pixels ||
	    fb->stride < (uint64_t)fb->width * fb_bytes_per_pixel(fb->format)) {
		t->valid = false;
		pthread_mutex_unlock(&fb->lock);
		return 0;
	}
	/* A new frame or palette: every row converted again, each the
	 * next time it is looked at. */
	if (!t->valid || gen != t->generation)
		memset(t->stale, 1, t->tiles_y);
	t->generation = gen;
	t->valid = true;
	for (; *row < t->tiles_y && (!looked || looked < max_pixels); (*row)++) {
		uint32_t ty = *row;
		bool force = t->stale[ty];

		t->stale[ty] = 0;
		for (tx = 0; tx < t->tiles_x; tx++) {
			bool d = update_tile(t, fb, tx, ty, force);

			t->dirty[ty * t->tiles_x + tx] = d;
			t->nr_dirty += d;
		}
		looked += (uint64_t)t->width * FB_TILE_H;
	}
	r = (int)t->nr_dirty;
	pthread_mutex_unlock(&fb->lock);
	return r;
}

bool fb_tracker_next_rect(const struct fb_tracker *t, uint32_t *cursor, struct fb_rect *r)
{
	uint32_t n = t->tiles_x * t->tiles_y, i = *cursor, start;

	if (!t->dirty)
		return false;
	while (i < n && !t->dirty[i])
		i++;
	if (i >= n) {
		*cursor = n;
		return false;
	}
	start = i;
	/* Extend along the tile row. */
	while (i + 1 < n && t->dirty[i + 1] && (i + 1) % t->tiles_x != 0)
		i++;
	*cursor = i + 1;
	r->x = (start % t->tiles_x) * FB_TILE_W;
	r->y = (start / t->tiles_x) * FB_TILE_H;
	r->w = ((i % t->tiles_x) + 1) * FB_TILE_W;
	if (r->w > t->width)
		r->w = t->width;
	r->w -= r->x;
	r->h = t->height - r->y < FB_TILE_H ? t->height - r->y : FB_TILE_H;
	return true;
}
