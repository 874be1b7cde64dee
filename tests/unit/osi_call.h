/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers of the OSI unit tests: a fake powermac VM and one OSI call. */
#ifndef MOLVM_TEST_OSI_CALL_H
#define MOLVM_TEST_OSI_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "unit.h"

#define TEST_TB_FREQ	512000000U

struct pmac_boot;
struct drive_config;

/* The powermac tree for ram bytes of RAM and nr_drives disks, and the
 * firmware's layout (no image loaded), into fdt and boot. */
void fake_powermac_tree(void *fdt, size_t size, uint64_t ram, unsigned int nr_drives,
			bool of_client, struct pmac_boot *boot);
/* fake_vm_init() plus the powermac OSI devices (tree, NVRAM from path). */
void fake_powermac_init(struct fake_vm *f, uint64_t ram, const char *nvram);
/* ... with -drive's disks, entered as an OF client or not; boot gets the
 * firmware's layout (and must live as long as the VM) */
void fake_powermac_init_with(struct fake_vm *f, uint64_t ram, const char *nvram,
			     const struct drive_config *drives, int nr_drives, bool of_client,
			     struct pmac_boot *boot);
/* ... the same, returning osi_devices_init()'s result */
int fake_powermac_try_init(struct fake_vm *f, uint64_t ram, const char *nvram,
			   const struct drive_config *drives, int nr_drives, bool of_client,
			   struct pmac_boot *boot);
void fake_powermac_destroy(struct fake_vm *f);

/* One OSI call with up to five arguments; returns r3 as a 32-bit value. */
uint32_t osi_call5(struct fake_vm *f, uint64_t *gpr, uint32_t sel, uint32_t a0,
		   uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);
#define osi_calln(f, g, sel, ...) osi_call_args(f, g, sel, __VA_ARGS__, 0, 0, 0, 0, 0)
#define osi_call_args(f, g, sel, a, b, c, d, e, ...) osi_call5(f, g, sel, a, b, c, d, e)

#endif
