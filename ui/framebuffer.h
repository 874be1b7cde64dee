/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one framebuffer of a machine, as the display back ends see it.  A
 * device model (OSI video on powermac, simple-framebuffer on pseries)
 * owns the pixels, which live in guest-visible memory, and describes them
 * here; ui/ reads them.  Mode and palette changes bump `generation` so a
 * back end knows to re-read the geometry.
 */
#ifndef MOLVM_FRAMEBUFFER_H
#define MOLVM_FRAMEBUFFER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

enum fb_format {
	FB_OFF = 0,		/* no mode set / video powered off */
	FB_PAL8,		/* 8 bpp through palette[] */
	FB_XRGB1555_BE,		/* Mac 16 bpp: x:1 r:5 g:5 b:5, big-endian */
	FB_RGB565_BE,
	FB_XRGB8888_BE,		/* Mac 32 bpp: bytes x r g b */
	FB_XRGB8888_LE,		/* simplefb "x8r8g8b8" on a little-endian guest: b g r x */
	FB_RGB565_LE,
};

struct framebuffer {
	pthread_mutex_t lock;		/* guards everything below */
	enum fb_format format;
	uint32_t width, height;		/* pixels */
	uint32_t stride;		/* bytes per line */
	const uint8_t *pixels;		/* host view of the guest's pixels */
	uint32_t palette[256];		/* 0x00RRGGBB, for FB_PAL8 */
	atomic_uint generation;		/* bumped on any mode/palette change */
	atomic_uint vblank_count;	/* frames presented, for VBL interrupts */
};

void fb_init(struct framebuffer *fb);
/* Set a mode (FB_OFF to blank).  Thread-safe; bumps generation. */
void fb_set_mode(struct framebuffer *fb, enum fb_format fmt, uint32_t width,
		 uint32_t height, uint32_t stride, const uint8_t *pixels);
void fb_set_palette(struct framebuffer *fb, unsigned int index, uint32_t rgb);
unsigned int fb_bytes_per_pixel(enum fb_format fmt);

/* Convert one line of width pixels to 0x00RRGGBB host words. */
void fb_line_to_xrgb(const struct framebuffer *fb, const uint8_t *src,
		     uint32_t width, uint32_t *dst);

#endif
