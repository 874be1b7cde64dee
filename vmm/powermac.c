// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac machine: a 32-bit MOL-style guest.  Guest RAM from 0; the
 * guest finds its devices through OSI calls (osi/), and its device tree
 * through OSI PROM_IFACE rather than in memory, as under MOL.
 */
#include "powermac.h"

#include <libfdt.h>
#include <stdlib.h>

#include "../fdt/fdt_powermac.h"
#include "../osi/osi_devices.h"
#include "host.h"
#include "log.h"

#define FDT_MAX	0x10000

int powermac_fdt(struct vm *vm, void *buf, size_t size)
{
	struct powermac_fdt_params p = {
		.cpu = vm->cfg->cpu,
		.ram_size = vm->mem.size,
		.timebase_freq = host_timebase_freq(),
		.bootargs = vm->cfg->append,
		.nvram_size = OSI_NVRAM_BYTES,
	};

	if (fdt_powermac_build(buf, size, &p))
		return -1;
	return (int)fdt_totalsize(buf);
}

int powermac_prepare(struct vm *vm)
{
	void *fdt = malloc(FDT_MAX);
	int r;

	if (!fdt || powermac_fdt(vm, fdt, FDT_MAX) < 0) {
		pr_err("cannot build the device tree");
		free(fdt);
		return -1;
	}
	r = osi_devices_init(vm, host_timebase_freq(), fdt, vm->cfg->nvram);
	free(fdt);
	return r;
}

int powermac_teardown(struct vm *vm)
{
	int r = osi_devices_save(vm);

	osi_devices_free(vm);
	return r;
}
