/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host side of the powermac machine's OSI devices: what the handlers
 * in osi_*.c keep between calls.  One per VM (vm->osi); NULL on machines
 * without them (pseries), where those selectors are "not available".
 * Only the vCPU thread touches it while the guest runs.
 */
#ifndef MOLVM_OSI_DEVICES_H
#define MOLVM_OSI_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vm;

#define OSI_NVRAM_BYTES	0x2000	/* MOL src/drivers/nvram.c NVRAM_SIZE */

struct osi_devices {
	uint32_t tb_freq;		/* timebase ticks per second (MOL "mticks") */

	uint8_t nvram[OSI_NVRAM_BYTES];
	const char *nvram_path;		/* -nvram FILE, or NULL: not persisted */

	uint8_t *prom;			/* the device tree PROM_IFACE serves (libfdt) */
	size_t prom_size;		/* its buffer, with room for setprop */
};

/*
 * Set up the devices: the tree (copied into a larger buffer), NVRAM from
 * nvram_path when the file exists.  Errors are printed; returns -1.
 */
int osi_devices_init(struct vm *vm, uint32_t tb_freq, const void *fdt,
		     const char *nvram_path);
/* Write NVRAM back to its file (if any); returns -1 on failure. */
int osi_devices_save(struct vm *vm);
void osi_devices_free(struct vm *vm);

/* osi_nvram.c: load/save the image file (0 ok, -1 error printed). */
int osi_nvram_load(struct osi_devices *d, const char *path);
int osi_nvram_save(const struct osi_devices *d);

#endif
