/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_CPU_MODELS_H
#define MOLVM_CPU_MODELS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What Open Firmware's cpu node tells of a 32-bit model: L1 caches (the
 * same for I and D on these), its TLB, AltiVec */
struct cpu_caches {
	uint32_t l1_size, l1_line, l1_sets;
	uint32_t tlb_size, tlb_sets;
	bool altivec;
};

struct cpu_model {
	const char *name;
	const char *desc;
	uint32_t pvr;
	bool is64;
	struct cpu_caches caches;	/* 32-bit models */
	/* 64-bit models: what the pseries device tree offers the guest (and
	 * KVM_PPC_GET_SMMU_INFO is cut down to) */
	bool vsx;		/* ibm,vmx 2 (VMX and VSX), else 1 (VMX) */
	bool segments_1t;	/* 1 TiB segments besides 256 MiB ones */
	uint32_t page_shifts;	/* bit n set: 2^n-byte pages */
	uint32_t dcache, icache;	/* L1 sizes; 128-byte lines */
};

/* A model by name or QEMU alias (g3, g4, g5), case-insensitive; not "host". */
const struct cpu_model *cpu_model_find(const char *name);
/* The model of a CPU's PVR, by its version (upper 16 bits), or NULL. */
const struct cpu_model *cpu_model_of_pvr(uint32_t pvr);
void cpu_models_list(FILE *out);

#endif
