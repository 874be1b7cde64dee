/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PowerMac's NVRAM on mac-io (oftree.nw "nvram", "#bytes" 0x2000):
 * one byte every 16 bytes of its 128 KiB window, byte n at offset n << 4
 * (MOL src/drivers/nvram.c, one I/O range; Linux platforms/powermac/
 * nvram.c direct_nvram_read_byte with nvram_mult 16).  The bytes are the
 * VM's one NVRAM store, the same the OSI NVRAM calls read and write and
 * -nvram FILE backs (osi/osi_nvram.c): this device only gives the guest a
 * second way to reach them.  Byte accesses only; others are reported and
 * ignored (reads give 0xff).
 */
#ifndef MOLVM_PMAC_NVRAM_H
#define MOLVM_PMAC_NVRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "../vmm/ratelimit.h"

#define PMAC_NVRAM_STRIDE	16

struct pmac_nvram {
	uint8_t *bytes;			/* the store: size bytes */
	uint32_t size;
	struct ratelimit warn;
};

void pmac_nvram_init(struct pmac_nvram *n, uint8_t *bytes, uint32_t size);
/* A guest access at off of the window (a mac-io child, devices/macio.h). */
void pmac_nvram_access(void *opaque, uint32_t off, uint8_t *data, uint32_t len, bool is_write);

#endif
