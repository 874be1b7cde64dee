// SPDX-License-Identifier: GPL-2.0
/*
 * CPU models a guest can be given.  PVR values from QEMU's
 * target/ppc/cpu-models.h; KVM PR emulates the MMU and SPRs of the model
 * the PVR names (arch/powerpc/kvm/book3s_pr.c, kvmppc_set_pvr_pr).
 * Caches and TLBs of the 32-bit models as their user's manuals give them
 * and MOL's cpu nodes (mollib/oftrees/ppc750.cpu, ppc7400.cpu) said:
 * 32 KiB 8-way L1 I and D caches with 32-byte lines (128 sets), a
 * 128-entry 2-way TLB (64 sets); AltiVec on the 74xx.
 */
#include "cpu_models.h"

#include <strings.h>

#define G3_CACHES { 0x8000, 32, 128, 128, 64, false }
#define G4_CACHES { 0x8000, 32, 128, 128, 64, true }

static const struct cpu_model cpu_models[] = {
	{ "750",     "PowerPC 750CXe (G3)",            0x00083311, false, G3_CACHES },
	{ "7400",    "PowerPC 7400 v2.9 (G4)",         0x000c0209, false, G4_CACHES },
	{ "7447a",   "PowerPC 7447A v1.2 (G4)",        0x80030102, false, G4_CACHES },
	{ "7455",    "PowerPC 7455 v3.3 (G4)",         0x80010303, false, G4_CACHES },
	{ "970",     "PowerPC 970 v2.2 (G5)",          0x00390202, true,  { 0 } },
	{ "970fx",   "PowerPC 970FX v3.1 (G5)",        0x003c0301, true,  { 0 } },
	{ "POWER7",  "IBM POWER7 v2.3",                0x003f0203, true,  { 0 } },
	{ "POWER8",  "IBM POWER8 v2.0",                0x004d0200, true,  { 0 } },
	{ "host",    "the host CPU's own PVR",         0,          true,  { 0 } },
};

/* QEMU's aliases for the same models */
static const struct { const char *alias, *name; } cpu_aliases[] = {
	{ "g3", "750" }, { "g4", "7447a" }, { "g5", "970fx" },
};

const struct cpu_model *cpu_model_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(cpu_aliases) / sizeof(cpu_aliases[0]); i++)
		if (!strcasecmp(name, cpu_aliases[i].alias))
			name = cpu_aliases[i].name;
	for (i = 0; i < sizeof(cpu_models) / sizeof(cpu_models[0]); i++)
		if (!strcasecmp(name, cpu_models[i].name))
			return &cpu_models[i];
	return NULL;
}

void cpu_models_list(FILE *out)
{
	size_t i;

	fprintf(out, "Available CPUs:\n");
	for (i = 0; i < sizeof(cpu_models) / sizeof(cpu_models[0]); i++)
		fprintf(out, "  %-8s %-30s %s\n", cpu_models[i].name,
			cpu_models[i].desc, cpu_models[i].is64 ? "64-bit" : "32-bit");
	fprintf(out, "Aliases: g3 = 750, g4 = 7447a, g5 = 970fx\n");
}
