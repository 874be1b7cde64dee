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
	uint32_t pvr;		/* 0: keep the host's PVR ("host") */
	bool is64;
	struct cpu_caches caches;	/* 32-bit models */
};

const struct cpu_model *cpu_model_find(const char *name);
void cpu_models_list(FILE *out);

#endif
