// SPDX-License-Identifier: GPL-2.0
/*
 * CPU models a guest can be given.  PVR values from QEMU's
 * target/ppc/cpu-models.h; KVM PR emulates the MMU and SPRs of the model
 * the PVR names (arch/powerpc/kvm/book3s_pr.c, kvmppc_set_pvr_pr).
 * Caches and TLBs of the 32-bit models as their user's manuals give them
 * and MOL's cpu nodes (mollib/oftrees/ppc750.cpu, ppc7400.cpu) said:
 * 32 KiB 8-way L1 I and D caches with 32-byte lines (128 sets), a
 * 128-entry 2-way TLB (64 sets); AltiVec on the 74xx.  The 64-bit models'
 * MMU and caches from their user manuals: the 970 family has 4 KiB and
 * 16 MiB pages and only 256 MiB segments, POWER7 and POWER8 add 64 KiB
 * pages, 1 TiB segments and VSX.
 */
#include "cpu_models.h"

#include <strings.h>

#define KiB 1024u
#define P4K  (1u << 12)
#define P64K (1u << 16)
#define P16M (1u << 24)

#define G3_CACHES { 0x8000, 32, 128, 128, 64, false }
#define G4_CACHES { 0x8000, 32, 128, 128, 64, true }
#define G3(n, d, p) { .name = n, .desc = d, .pvr = p, .caches = G3_CACHES }
#define G4(n, d, p) { .name = n, .desc = d, .pvr = p, .caches = G4_CACHES }
#define PPC970(n, d, p) { .name = n, .desc = d, .pvr = p, .is64 = true, \
	.page_shifts = P4K | P16M, .dcache = 32 * KiB, .icache = 64 * KiB }
#define POWER(n, d, p, dc, ic) { .name = n, .desc = d, .pvr = p, .is64 = true, \
	.vsx = true, .segments_1t = true, .page_shifts = P4K | P64K | P16M, \
	.dcache = dc, .icache = ic }

static const struct cpu_model cpu_models[] = {
	G3("750",         "PowerPC 750CXe v3.1b (G3)", 0x00083311),
	G3("750fx",       "PowerPC 750FX v2.3 (G3)",   0x70000203),
	G3("750gx",       "PowerPC 750GX v1.2 (G3)",   0x70020102),
	G4("7400",        "PowerPC 7400 v2.9 (G4)",    0x000c0209),
	G4("7410",        "PowerPC 7410 v1.4 (G4)",    0x800c1104),
	G4("7447a",       "PowerPC 7447A v1.2 (G4)",   0x80030102),
	G4("7448",        "PowerPC 7448 v2.1 (G4)",    0x80040201),
	G4("7450",        "PowerPC 7450 v2.1 (G4)",    0x80000201),
	G4("7455",        "PowerPC 7455 v3.3 (G4)",    0x80010303),
	G4("7457",        "PowerPC 7457 v1.2 (G4)",    0x80020102),
	PPC970("970",     "PowerPC 970 v2.2 (G5)",     0x00390202),
	PPC970("970fx",   "PowerPC 970FX v3.1 (G5)",   0x003c0301),
	PPC970("970mp",   "PowerPC 970MP v1.1 (G5)",   0x00440101),
	POWER("POWER7",   "IBM POWER7 v2.3",  0x003f0203, 32 * KiB, 32 * KiB),
	POWER("POWER7+",  "IBM POWER7+ v2.1", 0x004a0201, 32 * KiB, 32 * KiB),
	POWER("POWER8E",  "IBM POWER8E v2.1", 0x004b0201, 64 * KiB, 32 * KiB),
	POWER("POWER8NVL", "IBM POWER8NVL v1.0", 0x004c0100, 64 * KiB, 32 * KiB),
	POWER("POWER8",   "IBM POWER8 v2.0",  0x004d0200, 64 * KiB, 32 * KiB),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* QEMU's aliases for the same models */
static const struct { const char *alias, *name; } cpu_aliases[] = {
	{ "g3", "750" }, { "g4", "7447a" }, { "g5", "970fx" },
};

const struct cpu_model *cpu_model_find(const char *name)
{
	size_t i;

	for (i = 0; i < N(cpu_aliases); i++)
		if (!strcasecmp(name, cpu_aliases[i].alias))
			name = cpu_aliases[i].name;
	for (i = 0; i < N(cpu_models); i++)
		if (!strcasecmp(name, cpu_models[i].name))
			return &cpu_models[i];
	return NULL;
}

const struct cpu_model *cpu_model_of_pvr(uint32_t pvr)
{
	size_t i;

	for (i = 0; i < N(cpu_models); i++)
		if (cpu_models[i].pvr >> 16 == pvr >> 16)
			return &cpu_models[i];
	return NULL;
}

void cpu_models_list(FILE *out)
{
	size_t i;

	fprintf(out, "Available CPUs:\n");
	for (i = 0; i < N(cpu_models); i++)
		fprintf(out, "  %-9s %-29s %s\n", cpu_models[i].name,
			cpu_models[i].desc, cpu_models[i].is64 ? "64-bit" : "32-bit");
	fprintf(out, "  %-9s %-29s\n", "host", "this host's CPU, its own PVR");
	fprintf(out, "Aliases: g3 = 750, g4 = 7447a, g5 = 970fx\n"
		"Default: the host's own CPU when the machine can run it, else the\n"
		"machine's default (-M help)\n");
}
