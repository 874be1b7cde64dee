// SPDX-License-Identifier: GPL-2.0
#include "machine.h"

#include <string.h>

#include "powermac.h"
#include "pseries.h"

/* MSR bits (Power ISA Book III-S) */
#define MSR_SF 0x8000000000000000ULL	/* 64-bit mode */
#define MSR_ME 0x0000000000001000ULL	/* machine check enable */

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

static const struct machine machines[] = {
	{
		.name = "pseries",
		.desc = "PAPR guest (sPAPR hypercalls, OSI for molvm's own guests)",
		.default_cpu = "POWER8",
		.is64 = true, .osi = true, .papr = true,
		/* kvmtool's boot state: 64-bit, real mode, machine checks on */
		.msr = MSR_SF | MSR_ME,
		.default_ram = 512 * MiB, .max_ram = 64 * GiB,
		.max_cpus = 8,	/* MOLVM_MAX_VCPUS */
		.little_endian_ok = true,
		.prepare = pseries_prepare,
		.setup = pseries_setup,
		.fdt = pseries_fdt,
		.start_io = pseries_start_io,
		.shutdown = pseries_shutdown,
		.teardown = pseries_teardown,
		.powerdown = pseries_powerdown,
	},
	{
		.name = "powermac",
		.desc = "Mac-on-Linux compatible 32-bit machine (OSI)",
		.default_cpu = "7447a",
		.is64 = false, .osi = true, .papr = false, .osi_firmware = true,
		/* 32-bit, real mode, big-endian; ME as MOL's CPU reset (the
		 * rest of the entry state: powermac_cpu.c) */
		.msr = MSR_ME,
		/* Above 2 GiB the 32-bit map holds I/O space. */
		.default_ram = 256 * MiB, .max_ram = 2 * GiB,
		/* MOL's machine is a uniprocessor. */
		.max_cpus = 1,
		.prepare = powermac_prepare,
		.setup = powermac_setup,
		.fdt = powermac_fdt,
		.start_io = powermac_start_io,
		.teardown = powermac_teardown,
		.cpu_state = powermac_cpu_entry,
	},
};

const struct machine *machine_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (!strcmp(name, machines[i].name))
			return &machines[i];
	return NULL;
}

void machines_list(FILE *out)
{
	size_t i;

	fprintf(out, "Supported machines:\n");
	for (i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		fprintf(out, "  %-9s %s (default CPU %s)\n", machines[i].name,
			machines[i].desc, machines[i].default_cpu);
}
