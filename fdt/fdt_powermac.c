// SPDX-License-Identifier: GPL-2.0
/*
 * The powermac device tree, written with libfdt's sequential API.  Node
 * names follow MOL's trees (mollib/oftrees/oftree.linux and oftree.x:
 * mol-nvram, mol-tty, mol-display ...), which MOL's guest drivers look
 * for; CPU properties are the ones Open Firmware's PowerPC binding and
 * Linux's arch/powerpc/kernel/prom.c read.
 */
#include "fdt_powermac.h"
#include "fdt_util.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "../vmm/cpu_models.h"

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

/* L1 caches of the 750 and the 74xx G4s: 32 KiB each, 32-byte lines
 * (their user manuals). */
#define L1_SIZE		0x8000
#define L1_LINE		32
/* Core clock and bus frequency the guest is told: the G4 7447A's 1 GHz and
 * a 133 MHz MPX bus.  Only delay loops use them; the timebase is real. */
#define CPU_CLOCK	1000000000U
#define BUS_CLOCK	133333333U

static int add_cpu(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	char node[64];

	TRY(begin_node(fdt, "cpus", ph));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 0));
	snprintf(node, sizeof(node), "PowerPC,%s@0", p->cpu->name);
	TRY(begin_node(fdt, node, ph));
	TRY(fdt_property_string(fdt, "device_type", "cpu"));
	TRY(fdt_property_cell(fdt, "reg", 0));
	TRY(fdt_property_cell(fdt, "cpu-version", p->cpu->pvr));
	TRY(fdt_property_cell(fdt, "timebase-frequency", p->timebase_freq));
	TRY(fdt_property_cell(fdt, "clock-frequency", CPU_CLOCK));
	TRY(fdt_property_cell(fdt, "bus-frequency", BUS_CLOCK));
	TRY(fdt_property_cell(fdt, "d-cache-size", L1_SIZE));
	TRY(fdt_property_cell(fdt, "i-cache-size", L1_SIZE));
	TRY(fdt_property_cell(fdt, "d-cache-line-size", L1_LINE));
	TRY(fdt_property_cell(fdt, "i-cache-line-size", L1_LINE));
	TRY(fdt_property_cell(fdt, "d-cache-block-size", L1_LINE));
	TRY(fdt_property_cell(fdt, "i-cache-block-size", L1_LINE));
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

static int add_devices(void *fdt, const struct powermac_fdt_params *p, uint32_t *ph)
{
	uint32_t reg[2], pic;
	char node[64];

	/* MOL's OSI interrupt controller: 32 level sources, one cell each. */
	TRY(begin_node(fdt, "osi-pic", ph));
	pic = *ph;
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

	TRY(add_osi_device(fdt, ph, pic, "mol-tty", "serial", p->irq_tty));
	/* MOL's OSI keyboard (ADB codes) and mouse */
	TRY(add_osi_device(fdt, ph, pic, "mol-keyboard", "keyboard", p->irq_kbd));
	TRY(add_osi_device(fdt, ph, pic, "mol-mouse", "mouse", p->irq_mouse));
	if (p->enet)
		TRY(add_osi_device(fdt, ph, pic, "mol-enet", "network", p->irq_enet));
	/* MOL's sound device (sound.c registers its OSI driver as "mol-audio") */
	if (p->sound)
		TRY(add_osi_device(fdt, ph, pic, "mol-audio", "sound", p->irq_sound));
	/* MOL's block device; DISK_INFO tells how many units it has. */
	TRY(add_osi_device(fdt, ph, pic, "mol-blk", "block", p->irq_ablk));

	if (p->fb_size) {
		snprintf(node, sizeof(node), "mol-display@%x", p->fb_base);
		TRY(begin_node(fdt, node, ph));
		TRY(fdt_property_string(fdt, "device_type", "display"));
		TRY(fdt_property_string(fdt, "compatible", "mol-display"));
		TRY(fdt_prop_irq(fdt, pic, p->irq_video));
		reg[0] = cpu_to_fdt32(p->fb_base);
		reg[1] = cpu_to_fdt32(p->fb_size);
		TRY(fdt_property(fdt, "reg", reg, sizeof(reg)));
		/* The start-up mode, as Open Firmware's display nodes give it
		 * (Linux's offb reads these). */
		TRY(fdt_property_cell(fdt, "address", p->fb_base));
		TRY(fdt_property_cell(fdt, "width", p->fb_width));
		TRY(fdt_property_cell(fdt, "height", p->fb_height));
		TRY(fdt_property_cell(fdt, "depth", p->fb_depth));
		TRY(fdt_property_cell(fdt, "linebytes", p->fb_linebytes));
		TRY(fdt_end_node(fdt));
	}
	/* The same devices as MOL's Mac OS / OS X drivers find them. */
	return fdt_powermac_pci(fdt, p, pic, ph);
}

int fdt_powermac_build(void *buf, size_t size, const struct powermac_fdt_params *p)
{
	static const char compatible[] = "molvm,powermac\0MacRISC";
	uint32_t ph = 0, reg[2];
	char node[32];
	void *fdt = buf;

	if (size > INT32_MAX || p->ram_size > UINT32_MAX)
		return -1;
	TRY(fdt_create(fdt, (int)size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	/* No "name" at the root: its node name is empty (dtc's check). */
	TRY(fdt_property_cell(fdt, "phandle", ++ph));
	TRY(fdt_property_string(fdt, "model", "molvm,powermac"));
	TRY(fdt_property(fdt, "compatible", compatible, sizeof(compatible)));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 1));

	TRY(begin_node(fdt, "chosen", &ph));
	if (p->bootargs)
		TRY(fdt_property_string(fdt, "bootargs", p->bootargs));
	TRY(fdt_end_node(fdt));

	snprintf(node, sizeof(node), "memory@0");
	TRY(begin_node(fdt, node, &ph));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	reg[0] = cpu_to_fdt32(0);
	reg[1] = cpu_to_fdt32((uint32_t)p->ram_size);
	TRY(fdt_property(fdt, "reg", reg, sizeof(reg)));
	TRY(fdt_end_node(fdt));

	TRY(add_cpu(fdt, p, &ph));
	if (p->toolbox_size) {
		/* Where the Mac OS ROM's toolbox image lies, as MOL's firmware
		 * told it (both names: the 7.8 ROM reads the second). */
		uint32_t tb[2] = { cpu_to_fdt32(p->toolbox_base), cpu_to_fdt32(p->toolbox_size) };

		TRY(begin_node(fdt, "rom", &ph));
		TRY(begin_node(fdt, "macos", &ph));
		TRY(fdt_property(fdt, "AAPL,toolbox-image,lzss", tb, sizeof(tb)));
		TRY(fdt_property(fdt, "AAPL,toolbox-parcels", tb, sizeof(tb)));
		TRY(fdt_end_node(fdt));
		TRY(fdt_end_node(fdt));
	}
	TRY(add_devices(fdt, p, &ph));

	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return 0;
}
