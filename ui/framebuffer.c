// SPDX-License-Identifier: GPL-2.0
#include "framebuffer.h"

#include <string.h>

void fb_init(struct framebuffer *fb)
{
	memset(fb, 0, sizeof(*fb));
	pthread_mutex_init(&fb->lock, NULL);
	fb->format = FB_OFF;
}

void fb_set_mode(struct framebuffer *fb, enum fb_format fmt, uint32_t width,
		 uint32_t height, uint32_t stride, const uint8_t *pixels)
{
	pthread_mutex_lock(&fb->lock);
	fb->format = fmt;
	fb->width = width;
	fb->height = height;
	fb->stride = stride;
	fb->pixels = pixels;
	atomic_fetch_add(&fb->generation, 1);
	pthread_mutex_unlock(&fb->lock);
}

void fb_set_palette(struct framebuffer *fb, unsigned int index, uint32_t rgb)
{
	if (index > 255)
		return;
	pthread_mutex_lock(&fb->lock);
	fb->palette[index] = rgb & 0xffffff;
	atomic_fetch_add(&fb->generation, 1);
	pthread_mutex_unlock(&fb->lock);
}

unsigned int fb_bytes_per_pixel(enum fb_format fmt)
{
	switch (fmt) {
	case FB_PAL8:
		return 1;
	case FB_XRGB1555_BE:
	case FB_RGB565_BE:
	case FB_RGB565_LE:
		return 2;
	case FB_XRGB8888_BE:
	case FB_XRGB8888_LE:
		return 4;
	case FB_OFF:
		break;
	}
	return 0;
}

/* 5- or 6-bit channel to 8 bits, replicating the high bits. */
static uint32_t c5(uint32_t v) { return (v << 3) | (v >> 2); }
static uint32_t c6(uint32_t v) { return (v << 2) | (v >> 4); }

void fb_line_to_xrgb(const struct framebuffer *fb, const uint8_t *src,
		     uint32_t width, uint32_t *dst)
{
	uint32_t x, v;

	for (x = 0; x < width; x++) {
		switch (fb->format) {
		case FB_PAL8:
			dst[x] = fb->palette[src[x]];
			break;
		case FB_XRGB1555_BE:
			v = (uint32_t)src[2 * x] << 8 | src[2 * x + 1];
			dst[x] = c5((v >> 10) & 31) << 16 | c5((v >> 5) & 31) << 8 | c5(v & 31);
			break;
		case FB_RGB565_BE:
		case FB_RGB565_LE:
			v = fb->format == FB_RGB565_BE ?
				(uint32_t)src[2 * x] << 8 | src[2 * x + 1] :
				(uint32_t)src[2 * x + 1] << 8 | src[2 * x];
			dst[x] = c5(v >> 11) << 16 | c6((v >> 5) & 63) << 8 | c5(v & 31);
			break;
		case FB_XRGB8888_BE:
			dst[x] = (uint32_t)src[4 * x + 1] << 16 | (uint32_t)src[4 * x + 2] << 8 |
				 src[4 * x + 3];
			break;
		case FB_XRGB8888_LE:
			dst[x] = (uint32_t)src[4 * x + 2] << 16 | (uint32_t)src[4 * x + 1] << 8 |
				 src[4 * x];
			break;
		case FB_OFF:
			dst[x] = 0;
			break;
		}
	}
}
