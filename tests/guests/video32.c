// SPDX-License-Identifier: GPL-2.0
/*
 * video32: MOL's OSI video interface as its MacOnLinuxVideo driver uses it:
 * every mode at every depth (SET_VMODE, GET_VMODE_INFO, GET_FB_INFO), the
 * framebuffer written and read back at its first and last word, the
 * palette, power, and finally a pattern drawn at 640x480x32:
 *     pixel(x, y) = x:8 << 16 | y:8 << 8 | (x ^ y):8
 * whose checksum (sum of all pixel words, 32 bits) it prints; it then
 * waits 2 s so that the host can take a screenshot.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#define NR_MODES	9
#define NR_DEPTHS	3

static const unsigned int want_w[NR_MODES] = { 640, 800, 1024, 1152, 1280, 1440, 1600, 1600, 1680 };
static const unsigned int want_h[NR_MODES] = { 480, 600, 768, 864, 1024, 960, 1024, 1200, 1050 };
static const unsigned int want_depth[NR_DEPTHS] = { 8, 15, 32 };
static const unsigned int bpp[NR_DEPTHS] = { 1, 2, 4 };

static unsigned int failures;

static void check(const char *desc, int ok, unsigned long got)
{
	if (!ok) {
		failures++;
		tap(desc, 0, got);
	}
}

static void test_mode(unsigned int m, unsigned int d)
{
	unsigned long r[6];
	volatile unsigned int *fb, *last;
	unsigned int rb, w, h, size;

	check("SET_VMODE accepts the mode",
	      osi_ret32(osi_call2(OSI_SET_VMODE, m + 1, d)) == 0, m);
	check("GET_VMODE_INFO succeeds",
	      osi_ret32(osi_call5r(OSI_GET_VMODE_INFO, m + 1, d, 0, 0, 0, r)) == 0, m);
	check("vmode info: 9 modes, this one", (r[0] & 0xffffffffUL) == (NR_MODES << 16 | (m + 1)), r[0]);
	check("vmode info: 3 depths, this one", (r[1] & 0xffffffffUL) == (NR_DEPTHS << 16 | d), r[1]);
	check("vmode info: geometry", (r[2] & 0xffffffffUL) == (want_w[m] << 16 | want_h[m]), r[2]);
	check("vmode info: depth", r[4] == want_depth[d], r[4]);
	check("vmode info: row bytes", (r[5] >> 16) == want_w[m] * bpp[d], r[5]);

	check("GET_FB_INFO succeeds", osi_ret32(osi_call5r(OSI_GET_FB_INFO, 0, 0, 0, 0, 0, r)) == 0, 0);
	rb = (unsigned int)r[1];
	w = (unsigned int)r[2];
	h = (unsigned int)r[3];
	check("fb info: at 0x81000000", r[0] == 0x81000000UL, r[0]);
	check("fb info: width", w == want_w[m], w);
	check("fb info: height", h == want_h[m], h);
	check("fb info: depth", r[4] == want_depth[d], r[4]);
	check("fb info: row bytes", rb == w * bpp[d], rb);

	/* The framebuffer is memory: its first and last words keep what is
	 * written. */
	size = rb * h;
	fb = (volatile unsigned int *)r[0];
	last = (volatile unsigned int *)(r[0] + size - 4);
	fb[0] = 0xa5000000 | m << 8 | d;
	*last = 0x5a000000 | m << 8 | d;
	check("first framebuffer word reads back", fb[0] == (0xa5000000 | m << 8 | d), fb[0]);
	check("last framebuffer word reads back", *last == (0x5a000000 | m << 8 | d), *last);

	con_puts("video32: mode ");
	con_dec(w);
	con_putc('x');
	con_dec(h);
	con_puts(" depth ");
	con_dec(r[4]);
	con_puts(" rowbytes ");
	con_dec(rb);
	con_putc('\n');
}

static unsigned int pattern(unsigned int x, unsigned int y)
{
	return (x & 0xff) << 16 | (y & 0xff) << 8 | ((x ^ y) & 0xff);
}

void guest_main(void)
{
	unsigned long r[6];
	volatile unsigned int *fb;
	unsigned int m, d, x, y, sum = 0, before;

	con_set_writer(osi_writer);
	con_puts("video32: OSI video\n");

	tap("GET_VMODE_INFO(0): the default is 640x480 at depth 32",
	    osi_ret32(osi_call5r(OSI_GET_VMODE_INFO, 0, 0, 0, 0, 0, r)) == 0 &&
	    (r[2] & 0xffffffffUL) == (640U << 16 | 480) && r[4] == 32, r[2]);

	for (m = 0; m < NR_MODES; m++)
		for (d = 0; d < NR_DEPTHS; d++)
			test_mode(m, d);
	tap("all 27 modes: SET_VMODE, GET_VMODE_INFO, GET_FB_INFO, memory", failures == 0, failures);

	before = failures;
	check("SET_VMODE(10, 0) is refused", osi_ret32(osi_call2(OSI_SET_VMODE, 10, 0)) == 1, 0);
	check("SET_VMODE(1, 3) is refused", osi_ret32(osi_call2(OSI_SET_VMODE, 1, 3)) == 1, 0);
	check("SET_VMODE(-1, -1) is refused",
	      osi_ret32(osi_call2(OSI_SET_VMODE, 0xffffffffUL, 0xffffffffUL)) == 1, 0);
	tap("bad modes are refused", failures == before, failures - before);

	osi_call2(OSI_SET_VMODE, 1, 0);
	osi_call2(OSI_SET_COLOR, 5, 0x112233);
	tap("GET_COLOR returns what SET_COLOR set",
	    osi_ret32(osi_call1(OSI_GET_COLOR, 5)) == 0x112233, osi_call1(OSI_GET_COLOR, 5));
	tap("SET_COLOR(256) is -1", osi_ret32(osi_call2(OSI_SET_COLOR, 256, 0)) == 0xffffffffU, 0);
	tap("SET_VIDEO_POWER off and on",
	    osi_ret32(osi_call1(OSI_SET_VIDEO_POWER, 0)) == 0 &&
	    osi_ret32(osi_call1(OSI_SET_VIDEO_POWER, 3)) == 0, 0);

	/* The picture a screenshot would show. */
	osi_call2(OSI_SET_VMODE, 1, 2);
	osi_call5r(OSI_GET_FB_INFO, 0, 0, 0, 0, 0, r);
	fb = (volatile unsigned int *)r[0];
	for (y = 0; y < 480; y++)
		for (x = 0; x < 640; x++)
			fb[y * 640 + x] = pattern(x, y);
	for (y = 0; y < 480; y++)
		for (x = 0; x < 640; x++)
			sum += fb[y * 640 + x];
	con_puts("video32: pattern checksum 0x");
	con_hex(sum, 8);
	con_putc('\n');
	tap("pattern pixel (639,479) reads back", fb[479 * 640 + 639] == pattern(639, 479),
	    fb[479 * 640 + 639]);
	/* Time for a host-side screenshot (molvm --script) before power-off. */
	con_puts("video32: pattern drawn\n");
	for (x = 0; x < 20; x++)
		osi_call1(OSI_USLEEP, 100000);
	con_puts("video32: done\n");
	osi_exit();
}
