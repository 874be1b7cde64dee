/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The powermac machine's device tree: what MOL's Open Firmware tree
 * (mollib/oftrees/oftree.linux) told its guests, served to the guest over
 * OSI PROM_IFACE and written by --dump-dtb.  Every node carries "name"
 * (as a real Open Firmware tree does) and a "phandle", which the OSI
 * interface uses as the node's identity.
 */
#ifndef MOLVM_FDT_POWERMAC_H
#define MOLVM_FDT_POWERMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu_model;

struct powermac_fdt_params {
	const struct cpu_model *cpu;
	uint64_t ram_size;
	uint32_t timebase_freq;
	const char *bootargs;		/* NULL: none */
	uint32_t nvram_size;
	uint32_t fb_base, fb_size;	/* the framebuffer aperture; size 0: none */
	uint32_t fb_width, fb_height, fb_depth, fb_linebytes;	/* its start-up mode */
	uint32_t irq_tty, irq_video, irq_ablk;	/* osi-pic sources */
	uint32_t irq_kbd, irq_mouse, irq_enet;
	bool enet;			/* a mol-enet node (-netdev given) */
	uint32_t irq_sound;
	bool sound;			/* a mol-audio node (-audiodev given) */
	unsigned int nr_drives;		/* ABLK units: /pci/mol-blk/disk@N */
	uint32_t toolbox_base, toolbox_size;	/* -rom: /rom/macos; size 0: none */
};

/* Build the tree into buf.  Returns 0, or -1 if it does not fit. */
int fdt_powermac_build(void *buf, size_t size, const struct powermac_fdt_params *p);

/* The /pci@80000000 node with MOL's vendor-0x6666 devices (Mac OS / OS X
 * drivers' view, fdt_powermac_pci.c); pic is the osi-pic's phandle, ph the
 * last phandle used.  Called by fdt_powermac_build. */
int fdt_powermac_pci(void *fdt, const struct powermac_fdt_params *p, uint32_t pic, uint32_t *ph);

#endif
