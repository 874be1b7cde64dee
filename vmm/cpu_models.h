/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_CPU_MODELS_H
#define MOLVM_CPU_MODELS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct cpu_model {
	const char *name;
	const char *desc;
	uint32_t pvr;		/* 0: keep the host's PVR ("host") */
	bool is64;
};

const struct cpu_model *cpu_model_find(const char *name);
void cpu_models_list(FILE *out);

#endif
