/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The powermac machine's device tree: the one MOL gave newworld Mac OS
 * (mollib/oftrees/oftree.nw, a Blue & White G3, "PowerMac1,1") -- root,
 * /chosen, /aliases, /options, /openprom, /rom, /rtas, /memory, /cpus,
 * /pci (Grackle) -> pci-bridge -> mac-io with its interrupt controller,
 * ESCC, VIA-CUDA (ADB, RTC) and NVRAM, and MOL's own vendor-0x6666 PCI
 * functions -- plus the nodes of MOL's Linux tree (oftree.linux: osi-pic,
 * mol-tty, mol-blk, ...).  Served by molvm's Open Firmware (osi/) and
 * written by --dump-dtb.  Every node carries "name" (as a real Open
 * Firmware tree does) and a "phandle", the node's identity for the
 * firmware.  Addresses are the platform's (vmm/powermac_platform.h).
 */
#ifndef MOLVM_FDT_POWERMAC_H
#define MOLVM_FDT_POWERMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu_model;
struct range_set;

/* Where the firmware's console and CPU nodes are (its stdout/stdin and
 * mmu instances; the ESCC's channel A is "scca" in MOL's aliases). */
#define PMAC_PCI_PATH		"/pci@80000000"
#define PMAC_BRIDGE_PATH	PMAC_PCI_PATH "/pci-bridge@d"
#define PMAC_MACIO_PATH		PMAC_BRIDGE_PATH "/mac-io@5"
#define PMAC_CONSOLE_PATH	PMAC_MACIO_PATH "/escc@13000/ch-a@13020"
#define PMAC_CPU_PATH		"/cpus/@0"
/* MOL's fixed phandle of the Heathrow PIC (oftree.nw mol_phandle) */
#define PMAC_PIC_PHANDLE	0xff861220u

struct powermac_fdt_params {
	const struct cpu_model *cpu;
	uint64_t ram_size;
	uint32_t timebase_freq, clock_freq, bus_freq;	/* the host's */
	const char *bootargs;		/* NULL: "" */
	const char *bootpath;		/* /chosen/bootpath; NULL: none */
	const struct range_set *claimed;	/* RAM in use at entry: /memory "available" */
	uint32_t nvram_size;
	uint32_t fb_base, fb_size;	/* the framebuffer aperture; size 0: none */
	uint32_t fb_width, fb_height, fb_depth, fb_linebytes;	/* its start-up mode */
	uint32_t irq_tty, irq_video, irq_ablk;	/* osi-pic sources */
	uint32_t irq_kbd, irq_mouse, irq_enet;
	bool enet;			/* a mol-enet node (-netdev given) */
	uint32_t irq_sound;
	bool sound;			/* a mol-audio node (-audiodev given) */
	unsigned int nr_drives;		/* ABLK units: mol-blk/disk@N */
	uint32_t toolbox_base, toolbox_size;	/* -rom: /rom/macos; size 0: none */
};

/* Build the tree into buf.  Returns 0, or -1 if it does not fit. */
int fdt_powermac_build(void *buf, size_t size, const struct powermac_fdt_params *p);

/* /pci@80000000: Grackle, the PCI-PCI bridge, mac-io and MOL's PCI
 * functions (fdt_powermac_pci.c); osi_pic is the osi-pic's phandle, ph
 * the last phandle used.  Called by fdt_powermac_build. */
int fdt_powermac_pci(void *fdt, const struct powermac_fdt_params *p, uint32_t osi_pic,
		     uint32_t *ph);

#endif
