// SPDX-License-Identifier: GPL-2.0
/*
 * hostile32: calls every OSI selector (and some out of range) with garbage
 * arguments, many rounds, then checks that molvm still answers properly.
 * Garbage pointers are kept away from the guest's own image and stack
 * (below SCRATCH): they are random inside [SCRATCH, RAM end), outside RAM,
 * or edge values; lengths and numbers are fully random.  EXIT is not
 * called until the end, LOG_PUTC/TTY_PUTC get NUL (no noise on the
 * console), USLEEP at most 65 ms.
 */
#include "guest.h"
#include "osi.h"
#include "osi_sel.h"

#ifndef ROUNDS
#define ROUNDS		30
#endif
#define SCRATCH		0x01000000UL	/* 16 MiB: far above the image */
#define RAM_SIZE	0x04000000UL	/* the scenario's -m 64 */

static unsigned int seed = 0x12345678;

static unsigned int rnd(void)
{
	/* Numerical Recipes' LCG */
	seed = seed * 1664525U + 1013904223U;
	return seed;
}

static unsigned long garbage(void)
{
	static const unsigned long edge[] = {
		0, 1, 0xffffffffUL, 0x7fffffffUL, 0x80000000UL, RAM_SIZE - 1, RAM_SIZE,
		RAM_SIZE - 4, 0x81000000UL, 0x81fffffcUL, 0xfffffffcUL, 64, 256, 0x1000,
	};
	unsigned int r = rnd();

	switch (r >> 29) {
	case 0:
	case 1:
		return edge[(r >> 8) % (sizeof(edge) / sizeof(edge[0]))];
	case 2:
	case 3:
		return SCRATCH + (rnd() % (RAM_SIZE - SCRATCH));	/* a pointer in RAM */
	case 4:
		return rnd() & 0xff;					/* a small number */
	default:
		return rnd() | 0x80000000UL;				/* outside RAM */
	}
}

/* A pointer-ish argument must never land below SCRATCH inside RAM. */
static unsigned long safe(unsigned long v)
{
	if (v < SCRATCH && v > 0x1000)
		return v | SCRATCH;
	return v;
}

void guest_main(void)
{
	unsigned long r[6], a[5];
	unsigned int round, sel, calls = 0, i;
	unsigned int root;

	con_set_writer(osi_writer);
	con_puts("hostile32: calling every OSI selector with garbage\n");
	for (round = 0; round < ROUNDS; round++) {
		for (sel = 0; sel < 104; sel++) {
			if (sel == OSI_EXIT)
				continue;
			for (i = 0; i < 5; i++)
				a[i] = safe(garbage());
			if (sel == OSI_LOG_PUTC || sel == OSI_TTY_PUTC)
				a[0] = 0;
			if (sel == OSI_USLEEP)
				a[0] &= 0xffff;
			osi_call5r(sel, a[0], a[1], a[2], a[3], a[4], r);
			calls++;
		}
		osi_call5r(0x10000 + rnd(), garbage(), 0, 0, 0, 0, r);
		calls++;
	}
	con_puts("hostile32: survived ");
	con_dec(calls);
	con_puts(" calls\n");

	/* molvm still answers correctly. */
	tap("CALL_AVAILABLE(LOG_PUTC) is still 1",
	    osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC)) == 1, 0);
	root = osi_ret32(osi_call2(OSI_PROM_IFACE, 1 /* peer */, 0));
	tap("PROM peer(0) is still the root", root == 1, root);
	tap("NVRAM_SIZE is still 8 KiB", osi_ret32(osi_call1(OSI_NVRAM_SIZE, 0)) == 0x2000, 0);
	tap("GET_FB_INFO still answers",
	    osi_ret32(osi_call5r(OSI_GET_FB_INFO, 0, 0, 0, 0, 0, r)) == 0 && r[0] == 0x81000000UL,
	    r[0]);
	con_puts("hostile32: done\n");
	osi_exit();
}
