/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt controller of Apple's Grand Central / O'Hare / Heathrow
 * mac-io chips, as in a Blue & White G3 (mac-io "interrupt-controller",
 * compatible "heathrow"): 64 sources in two cells of four little-endian
 * 32-bit registers, EVENT, ENABLE, ACK, LEVEL.  The cell of sources 32-63
 * is at +0x00 of its window, the cell of sources 0-31 at +0x10 (Linux
 * arch/powerpc/platforms/powermac/pic.c pmac_pic_probe_oldstyle: hw[0] =
 * base + 0x20, hw[1] = base + 0x10, base being mac-io; MOL pic.c
 * PIC_GC_OFFSET 0x10).
 *
 *   EVENT  (read)   latched rising edges of the edge-triggered sources
 *   ENABLE (r/w)    the mask
 *   ACK    (write)  clears the EVENT bits written; reads 0
 *   LEVEL  (read)   the sources' current input levels
 *
 * The output -- the vCPU's external interrupt -- is asserted while
 * (EVENT | LEVEL & level-triggered) & ENABLE is non-zero in either cell.
 * Sources 20-28 are level-triggered (oftree.nw's comment; MOL pic.c
 * HEATHROW_LEVEL_MASK 0x1ff00000; QEMU hw/intc/heathrow_pic.c), the rest
 * latch an edge in EVENT.  Writes to EVENT and LEVEL are ignored (MOL);
 * accesses other than aligned 32-bit words are reported and ignored
 * (reads give 0).  Devices drive its sources through irq lines
 * (vmm/irq.h) from any thread.
 */
#ifndef MOLVM_HEATHROW_PIC_H
#define MOLVM_HEATHROW_PIC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../vmm/irq.h"
#include "../vmm/ratelimit.h"

#define HEATHROW_PIC_SOURCES	64
#define HEATHROW_PIC_SIZE	0x20		/* the register window */
#define HEATHROW_LEVEL_MASK	0x1ff00000u	/* sources 20-28 */

struct heathrow_pic {
	pthread_mutex_t lock;
	/* [0]: sources 0-31, [1]: sources 32-63 */
	uint32_t event[2], enable[2], level[2];
	bool out_level;
	struct irq_line out;		/* the vCPU's external interrupt */
	struct ratelimit warn;
};

/* Everything clear; connect pic->out (vcpu_irq_connect) afterwards. */
void heathrow_pic_init(struct heathrow_pic *pic);
/* line drives source irq (< HEATHROW_PIC_SOURCES). */
void heathrow_pic_connect(struct heathrow_pic *pic, uint32_t irq, struct irq_line *line);
/* Its chip, for bridges that wire lines themselves (input = source). */
extern const struct irq_chip heathrow_pic_chip;
/* A guest access at off (< HEATHROW_PIC_SIZE) of the window, data in
 * guest memory order (a mac-io child, devices/macio.h). */
void heathrow_pic_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len,
			 bool is_write);

#endif
