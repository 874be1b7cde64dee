/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_MACHINE_H
#define MOLVM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine {
	const char *name;
	const char *desc;
	const char *default_cpu;
	bool is64;		/* needs a 64-bit CPU model */
	bool osi;		/* KVM_CAP_PPC_OSI on every vCPU */
	bool papr;		/* KVM_CAP_PPC_PAPR on every vCPU */
	uint64_t msr;		/* MSR at entry */
	uint64_t default_ram;
	uint64_t max_ram;
};

const struct machine *machine_find(const char *name);
void machines_list(FILE *out);

#endif
