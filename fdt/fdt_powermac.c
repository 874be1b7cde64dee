// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac device tree (fdt_powermac.h), written with libfdt's
 * sequential API.  The layout and the values are oftree.nw's
 * (mol-src/mollib/oftrees/), with these differences:
 *   - paths are written out in full where MOL abbreviated them
 *     (aliases: "/pci/@d/mac-io" -> "/pci@80000000/pci-bridge@d/mac-io@5"),
 *     so that guests (and dtc) that do not resolve Open Firmware's short
 *     forms find the nodes; only nodes that exist are aliased;
 *   - nodes MOL's tree carried for hardware molvm does not have (USB,
 *     FireWire, ATA, the pseudo HID/USB nodes, /packages) are left out;
 *   - /chosen holds molvm's own ihandles (osi/of_client.h), /memory its
 *     RAM and what is free of it, the CPU node the host's frequencies;
 *   - the root keeps MOL's Linux nodes (oftree.linux: osi-pic, mol-tty,
 *     mol-blk, ...), which MOL's Linux drivers look for.
 */
#include "fdt_powermac.h"
#include "fdt_util.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "../osi/of_client.h"
#include "../vmm/cpu_models.h"
#include "../vmm/powermac_boot.h"

/* A node with its "name" (the node name without the unit address) and
 * the next phandle. */
static int begin_node(void *fdt, const char *node, uint32_t *phandle)
{
	char name[64];

	snprintf(name, sizeof(name), "%.*s", (int)strcspn(node, "@"), node);
	TRY(fdt_begin_node(fdt, node));
	TRY(fdt_property_string(fdt, "name", name));
	TRY(fdt_property_cell(fdt, "phandle", ++*phandle));
	return 0;
}

/* A string-list property from a NUL-separated literal (sizeof includes
 * the final NUL). */
#define STRINGS(fdt, name, lit) fdt_property(fdt, name, lit, sizeof(lit))

static int add_cpus(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	const struct cpu_caches *c = &p->cpu->caches;
	char node[64];

	TRY(begin_node(fdt, "cpus", ph));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 0));
	snprintf(node, sizeof(node), "PowerPC,%s@0", p->cpu->name);
	TRY(begin_node(fdt, node, ph));
	TRY(fdt_property_string(fdt, "device_type", "cpu"));
	TRY(fdt_property_cell(fdt, "reg", 0));
	TRY(fdt_property_cell(fdt, "cpu-version", p->cpu->pvr));
	TRY(fdt_property_string(fdt, "state", "running"));
	TRY(fdt_property_cell(fdt, "timebase-frequency", p->timebase_freq));
	TRY(fdt_property_cell(fdt, "clock-frequency", p->clock_freq));
	TRY(fdt_property_cell(fdt, "bus-frequency", p->bus_freq));
	TRY(fdt_property_cell(fdt, "reservation-granule-size", 32));
	TRY(fdt_property_cell(fdt, "d-cache-size", c->l1_size));
	TRY(fdt_property_cell(fdt, "i-cache-size", c->l1_size));
	TRY(fdt_property_cell(fdt, "d-cache-sets", c->l1_sets));
	TRY(fdt_property_cell(fdt, "i-cache-sets", c->l1_sets));
	TRY(fdt_property_cell(fdt, "d-cache-block-size", c->l1_line));
	TRY(fdt_property_cell(fdt, "i-cache-block-size", c->l1_line));
	TRY(fdt_property_cell(fdt, "d-cache-line-size", c->l1_line));
	TRY(fdt_property_cell(fdt, "i-cache-line-size", c->l1_line));
	TRY(fdt_property_cell(fdt, "tlb-size", c->tlb_size));
	TRY(fdt_property_cell(fdt, "tlb-sets", c->tlb_sets));
	if (c->altivec) {
		/* ppc7400.cpu: the G4's extras, flags without values */
		TRY(fdt_property(fdt, "altivec", NULL, 0));
		TRY(fdt_property(fdt, "data-streams", NULL, 0));
		TRY(fdt_property(fdt, "performance-monitor", NULL, 0));
		TRY(fdt_property(fdt, "graphics", NULL, 0));
	}
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

/* A MOL device node: compatible = its name, one osi-pic interrupt. */
static int add_osi_device(void *fdt, uint32_t *ph, uint32_t pic, const char *name,
			  const char *device_type, uint32_t irq)
{
	TRY(begin_node(fdt, name, ph));
	TRY(fdt_property_string(fdt, "device_type", device_type));
	TRY(fdt_property_string(fdt, "compatible", name));
	TRY(fdt_prop_irq(fdt, pic, irq));
	return fdt_end_node(fdt);
}

/* The nodes of MOL's Linux tree (oftree.linux), at the root. */
static int add_mol_nodes(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph,
			 uint32_t *pic)
{
	uint32_t reg[2];
	char node[64];

	/* MOL's OSI interrupt controller: 32 level sources, one cell each. */
	TRY(begin_node(fdt, "osi-pic", ph));
	*pic = *ph;
	TRY(fdt_property_string(fdt, "device_type", "interrupt-controller"));
	TRY(fdt_property_string(fdt, "compatible", "osi-pic"));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 1));
	/* no unit addresses in its interrupt specifiers (dtc's check) */
	TRY(fdt_property_cell(fdt, "#address-cells", 0));
	TRY(fdt_end_node(fdt));

	/* OF's NVRAM binding: "#bytes" is the size (MOL's oftree.x mol-nvram). */
	TRY(begin_node(fdt, "mol-nvram", ph));
	TRY(fdt_property_string(fdt, "device_type", "nvram"));
	TRY(fdt_property_string(fdt, "compatible", "mol-nvram"));
	TRY(fdt_property_cell(fdt, "#bytes", p->nvram_size));
	TRY(fdt_end_node(fdt));

	TRY(add_osi_device(fdt, ph, *pic, "mol-tty", "serial", p->irq_tty));
	/* MOL's OSI keyboard (ADB codes) and mouse */
	TRY(add_osi_device(fdt, ph, *pic, "mol-keyboard", "keyboard", p->irq_kbd));
	TRY(add_osi_device(fdt, ph, *pic, "mol-mouse", "mouse", p->irq_mouse));
	if (p->enet)
		TRY(add_osi_device(fdt, ph, *pic, "mol-enet", "network", p->irq_enet));
	/* MOL's sound device (sound.c registers its OSI driver as "mol-audio") */
	if (p->sound)
		TRY(add_osi_device(fdt, ph, *pic, "mol-audio", "sound", p->irq_sound));
	/* MOL's block device; DISK_INFO tells how many units it has. */
	TRY(add_osi_device(fdt, ph, *pic, "mol-blk", "block", p->irq_ablk));

	if (p->fb_size) {
		snprintf(node, sizeof(node), "mol-display@%x", p->fb_base);
		TRY(begin_node(fdt, node, ph));
		TRY(fdt_property_string(fdt, "device_type", "display"));
		TRY(fdt_property_string(fdt, "compatible", "mol-display"));
		TRY(fdt_property_string(fdt, "model", "yonk"));
		TRY(fdt_prop_irq(fdt, *pic, p->irq_video));
		reg[0] = p->fb_base;
		reg[1] = p->fb_size;
		TRY(fdt_prop_cells(fdt, "reg", reg, 2));
		/* The start-up mode, as Open Firmware's display nodes give it
		 * (Linux's offb reads these). */
		TRY(fdt_property_cell(fdt, "address", p->fb_base));
		TRY(fdt_property_cell(fdt, "width", p->fb_width));
		TRY(fdt_property_cell(fdt, "height", p->fb_height));
		TRY(fdt_property_cell(fdt, "depth", p->fb_depth));
		TRY(fdt_property_cell(fdt, "linebytes", p->fb_linebytes));
		TRY(fdt_end_node(fdt));
	}
	return 0;
}

static int add_chosen(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	TRY(begin_node(fdt, "chosen", ph));
	TRY(fdt_property_string(fdt, "bootargs", p->bootargs ? p->bootargs : ""));
	if (p->bootpath)
		TRY(fdt_property_string(fdt, "bootpath", p->bootpath));
	TRY(fdt_property_cell(fdt, "stdout", OF_IH_STDOUT));
	TRY(fdt_property_cell(fdt, "stdin", OF_IH_STDIN));
	TRY(fdt_property_cell(fdt, "mmu", OF_IH_MMU));
	TRY(fdt_property_cell(fdt, "memory", OF_IH_MEMORY));
	TRY(fdt_property_cell(fdt, "nvram", OF_IH_NVRAM));
	/* Apple's firmware has it; Linux's prom_init reads the boot CPU there */
	TRY(fdt_property_cell(fdt, "cpu", OF_IH_MMU));
	TRY(fdt_property_cell(fdt, "interrupt-controller", PMAC_PIC_PHANDLE));
	return fdt_end_node(fdt);
}

static int add_alias(void *fdt, const char *name, const char *path)
{
	return fdt_property_string(fdt, name, path);
}

static int add_aliases(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	char path[128], name[16];
	unsigned int i;

	TRY(begin_node(fdt, "aliases", ph));
	TRY(add_alias(fdt, "pci", PMAC_PCI_PATH));
	TRY(add_alias(fdt, "bridge", PMAC_BRIDGE_PATH));
	TRY(add_alias(fdt, "mac-io", PMAC_MACIO_PATH));
	TRY(add_alias(fdt, "scca", PMAC_CONSOLE_PATH));
	TRY(add_alias(fdt, "sccb", PMAC_MACIO_PATH "/escc@13000/ch-b@13000"));
	TRY(add_alias(fdt, "via-cuda", PMAC_MACIO_PATH "/via-cuda@16000"));
	TRY(add_alias(fdt, "rtc", PMAC_MACIO_PATH "/via-cuda@16000/rtc"));
	TRY(add_alias(fdt, "adb-keyboard", PMAC_MACIO_PATH "/via-cuda@16000/adb/keyboard@2"));
	TRY(add_alias(fdt, "adb-mouse", PMAC_MACIO_PATH "/via-cuda@16000/adb/mouse@3"));
	TRY(add_alias(fdt, "keyboard", PMAC_MACIO_PATH "/via-cuda@16000/adb/keyboard@2"));
	TRY(add_alias(fdt, "mouse", PMAC_MACIO_PATH "/via-cuda@16000/adb/mouse@3"));
	TRY(add_alias(fdt, "nvram", PMAC_MACIO_PATH "/nvram@60000"));
	for (i = 0; i < p->nr_drives && i < 4; i++) {
		snprintf(path, sizeof(path), PMAC_BRIDGE_PATH "/mol-blk@3/disk@%x", i);
		snprintf(name, sizeof(name), "mol%u", i);
		TRY(add_alias(fdt, name, path));
		if (!i)
			TRY(add_alias(fdt, "hd", path));
	}
	if (p->fb_size) {
		snprintf(path, sizeof(path), "/mol-display@%x", p->fb_base);
		TRY(add_alias(fdt, "screen", path));
	}
	return fdt_end_node(fdt);
}

/* oftree.nw /options: Open Firmware's configuration variables, as text */
static int add_options(void *fdt, uint32_t *ph)
{
	static const char *const opts[][2] = {
		{ "boot-command", "mac-boot" }, { "boot-device", "hd:,\\:tbxi" },
		{ "boot-file", "" }, { "boot-screen", "" }, { "console-screen", "" },
		{ "diag-device", "floppy" }, { "diag-file", "diags" }, { "input-device", "keyboard" },
		{ "output-device", "screen" }, { "mouse-device", "mouse" }, { "oem-banner", "" },
		{ "oem-logo", "" }, { "load-base", "0x800000" }, { "real-base", "-1" },
		{ "real-size", "-1" }, { "virt-base", "-1" }, { "virt-size", "-1" },
		{ "pci-probe-mask", "-1" }, { "screen-#columns", "100" }, { "screen-#rows", "40" },
		{ "selftest-#megs", "0" }, { "default-mac-address?", "false" },
		{ "use-generic?", "false" }, { "use-nvramrc?", "false" }, { "oem-logo?", "false" },
		{ "oem-banner?", "false" }, { "fcode-debug?", "false" }, { "diag-switch?", "false" },
		{ "auto-boot?", "true" }, { "real-mode?", "false" }, { "little-endian?", "false" },
	};
	size_t i;

	TRY(begin_node(fdt, "options", ph));
	TRY(fdt_property(fdt, "aapl,pci", NULL, 0));
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		TRY(fdt_property_string(fdt, opts[i][0], opts[i][1]));
	return fdt_end_node(fdt);
}

/* /openprom, /rom (its boot ROM and /rom/macos), /rtas */
static int add_firmware(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	/* oftree.nw /rom/boot-rom "info": the ROM's parts */
	static const uint32_t info[] = {
		0xfff00000, 0x00004000, 0x000111f4, 0x19990409, 0x4e40465a,
		0xfff08000, 0x00078001, 0x000111f4, 0x19990409, 0xb9c7f354,
		0xfff80000, 0x00080002, 0x000111f4, 0x19990409, 0xdb26f354,
	};
	uint32_t cells[3];
	size_t i;

	TRY(begin_node(fdt, "openprom", ph));
	TRY(fdt_property_string(fdt, "device_type", "BootROM"));
	TRY(fdt_property_string(fdt, "model", "OpenFirmware 3.1.1"));
	TRY(fdt_property(fdt, "supports-bootinfo", NULL, 0));
	TRY(fdt_property(fdt, "relative-addressing", NULL, 0));
	TRY(begin_node(fdt, "client-services", ph));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));

	/* 8 MiB of ROM space at 0xff800000, mapped 1:1 (oftree.nw "ranges"
	 * 0xff800000 0x00800000 0xff800000, written child, parent, size) */
	TRY(begin_node(fdt, "rom@ff800000", ph));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 1));
	cells[0] = 0xff800000;
	cells[1] = 0xff800000;
	cells[2] = 0x00800000;
	TRY(fdt_prop_cells(fdt, "ranges", cells, 3));
	TRY(fdt_prop_cells(fdt, "reg", cells + 1, 2));
	TRY(begin_node(fdt, "boot-rom@fff00000", ph));
	cells[0] = 0xfff00000;
	cells[1] = 0x00100000;
	TRY(fdt_prop_cells(fdt, "reg", cells, 2));
	TRY(fdt_prop_cells(fdt, "info", info, sizeof(info) / sizeof(info[0])));
	TRY(fdt_property_cell(fdt, "result", 0));
	TRY(fdt_property_string(fdt, "BootROM-build-date", "04/09/99 at 13:57:32"));
	TRY(fdt_property_string(fdt, "BootROM-version", "f4"));
	TRY(fdt_property_string(fdt, "model",
				"Apple PowerMac1,1 1.1f4 BootROM built on 04/09/99 at 13:57:32"));
	TRY(fdt_property_string(fdt, "write-characteristic", "flash"));
	TRY(fdt_end_node(fdt));
	TRY(begin_node(fdt, "macos", ph));
	if (p->toolbox_size) {
		/* Where the Mac OS ROM's toolbox image lies, as MOL's firmware
		 * told it (both names: the 7.8 ROM reads the second). */
		cells[0] = p->toolbox_base;
		cells[1] = p->toolbox_size;
		TRY(fdt_prop_cells(fdt, "AAPL,toolbox-image,lzss", cells, 2));
		TRY(fdt_prop_cells(fdt, "AAPL,toolbox-parcels", cells, 2));
	}
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));

	TRY(begin_node(fdt, "rtas", ph));
	TRY(fdt_property_cell(fdt, "rtas-size", 0x8000));
	TRY(fdt_property_cell(fdt, "rtas-error-log-max", 0x28));
	TRY(fdt_property_cell(fdt, "rtas-event-scan-rate", 0));
	TRY(fdt_property_cell(fdt, "rtas-version", 0x41));
	for (i = 0; i < pmac_rtas_nr_calls(); i++)
		TRY(fdt_property_cell(fdt, pmac_rtas_call_name(i), pmac_rtas_call_token(i)));
	return fdt_end_node(fdt);
}

static int add_memory(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	uint32_t reg[2] = { 0, (uint32_t)p->ram_size };
	uint32_t avail[2 * RANGE_SET_MAX + 2];
	int n;

	TRY(begin_node(fdt, "memory@0", ph));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(fdt_prop_cells(fdt, "reg", reg, 2));
	if (p->claimed) {
		n = pmac_available_cells(p->claimed, p->ram_size, avail,
					 (int)(sizeof(avail) / sizeof(avail[0])));
		TRY(fdt_prop_cells(fdt, "available", avail, n));
	}
	return fdt_end_node(fdt);
}

int fdt_powermac_build(void *buf, size_t size, const struct powermac_fdt_params *p)
{
	static const char compatible[] = "PowerMac1,1\0MacRISC\0Power Macintosh";
	uint32_t ph = 0, osi_pic;
	void *fdt = buf;

	if (size > INT32_MAX || p->ram_size > 0x80000000u)
		return -1;
	TRY(fdt_create(fdt, (int)size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	/* No "name" at the root: its node name is empty (dtc's check). */
	TRY(fdt_property_cell(fdt, "phandle", ++ph));
	TRY(fdt_property_string(fdt, "model", "PowerMac1,1"));
	TRY(fdt_property(fdt, "compatible", compatible, sizeof(compatible)));
	TRY(fdt_property_string(fdt, "device_type", "bootrom"));
	TRY(fdt_property_cell(fdt, "clock-frequency", 100000000));	/* oftree.nw */
	TRY(fdt_property_string(fdt, "system-id", "0000000000000"));
	/* the string Apple's firmware carries; Mac OS looks for it */
	TRY(fdt_property_string(fdt, "copyright",
				"Copyright 1983-1998 Apple Computer, Inc. All Rights Reserved"));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 1));

	TRY(add_chosen(fdt, p, &ph));
	TRY(add_aliases(fdt, p, &ph));
	TRY(add_options(fdt, &ph));
	TRY(add_firmware(fdt, p, &ph));
	TRY(add_memory(fdt, p, &ph));
	TRY(add_cpus(fdt, p, &ph));
	TRY(add_mol_nodes(fdt, p, &ph, &osi_pic));
	TRY(fdt_powermac_pci(fdt, p, osi_pic, &ph));

	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return 0;
}
