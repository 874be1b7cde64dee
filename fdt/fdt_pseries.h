/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The flattened device tree a PAPR ("pseries") Linux guest boots with:
 * what the guest kernel reads when entered with r3 = tree address and
 * r5 = 0 (no Open Firmware client interface).
 */
#ifndef MOLVM_FDT_PSERIES_H
#define MOLVM_FDT_PSERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vmm/kvm_abi.h"

struct cpu_model;
struct pci_host;

struct pseries_fdt_params {
	const struct cpu_model *cpu;
	int nr_cpus;
	uint64_t ram_size;
	uint32_t htab_shift;		/* log2 of the hashed page table size */
	uint32_t timebase_freq;
	uint32_t clock_freq;
	const char *bootargs;
	uint64_t initrd_start, initrd_end;	/* 0, 0: none */
	uint64_t rtas_base;
	uint32_t rtas_size;
	uint8_t hcall_insns[16];	/* KVM_PPC_GET_PVINFO's words, big-endian */
	bool pv_idle;			/* pvinfo flag EV_IDLE */
	bool hypervisor_node;		/* the PV magic page's /hypervisor */
	uint32_t vty_reg;
	uint32_t vty_irq;		/* XICS source of console input, 0: none (polled) */
	/* "ibm,segment-page-sizes" cells (from KVM_PPC_GET_SMMU_INFO) and
	 * whether 1 TiB segments may be used */
	uint32_t page_sizes[64];
	int nr_page_size_cells;
	bool segments_1t;
	/* The PCI host bridge, whose node goes under the root, or NULL */
	struct pci_host *pci;
	/* A simple-framebuffer node when fb_size != 0 */
	uint64_t fb_base, fb_size;
	uint32_t fb_width, fb_height, fb_stride;
	const char *fb_format;
	uint32_t epow_irq;		/* /event-sources/epow-events when != 0 */
	uint32_t nvram_size;		/* /nvram when != 0 */
};

#define PSERIES_XICS_PHANDLE 0x1111

/* p->page_sizes, nr_page_size_cells and segments_1t: what KVM offers
 * (KVM_PPC_GET_SMMU_INFO's answer, or NULL: what KVM PR offers any vCPU,
 * for --dump-dtb) cut down to p->cpu's page sizes and segments. */
void fdt_pseries_mmu(struct pseries_fdt_params *p, const struct kvm_ppc_smmu_info *info);

/* Build the tree into buf.  Returns 0, or -1 if it does not fit. */
int fdt_pseries_build(void *buf, size_t size, const struct pseries_fdt_params *p);

/* The hypercall sequence KVM PR reports (arch/powerpc/kvm/powerpc.c,
 * kvm_vm_ioctl_get_pvinfo), used when KVM cannot be asked:
 * lis r0,'KV'; ori r0,r0,'M!'; sc; nop. */
#define KVM_PV_HCALL_DEFAULT { 0x3c, 0x00, 0x4b, 0x56, 0x60, 0x00, 0x4d, 0x21, \
			       0x44, 0x00, 0x00, 0x02, 0x60, 0x00, 0x00, 0x00 }

#endif
