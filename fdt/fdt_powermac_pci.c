// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI side of the powermac tree: the nodes MOL's Mac OS and OS X
 * drivers bind to.  MOL's newworld tree (mol-src/mollib/oftrees/oftree.nw,
 * "/pci/pci-bridge/...") describes its OSI devices as PCI functions of
 * vendor 0x6666, and MOL's host side finds them by these node names
 * (src/drivers/osi_driver.c register_osi_driver -> prom_find_devices):
 *
 *   node              device-id  class-code  MOL driver (register_osi_driver)
 *   MacOnLinuxVideo   0x6666     0x030000    video/video.c   "MacOnLinuxVideo"
 *   mol-blk           0x8888     0x000180    disk/ablk.c     "mol-blk"
 *   mol-enet-0        0x7777     0x020000    net/enet2 ...   "mol-enet-%d"
 *   mol-mouse         0x6668     0x000000    mouse.c         "mol-mouse"
 *
 * The device numbers are MOL's (oftree.nw reg: enet-0 1, blk 3 -- its
 * aliases say /pci/@d/mol-blk@3 --, video 4, mouse 8), on bus 0 of one
 * host bridge, /pci@80000000, instead of behind MOL's pci-bridge at bus 1, and each
 * interrupt is the device's osi-pic source (molvm has no PCI interrupt
 * routing; MOL's Mac OS drivers take the interrupt from the OSI device).
 * The video function's BAR is the framebuffer at 0x81000000 (MOL's
 * assigned-addresses too).  There is no config space behind them: these
 * guests talk OSI, and the tree is all they read.
 */
#include "fdt_powermac.h"
#include "fdt_util.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define MOL_PCI_VENDOR	0x6666	/* oftree.nw vendor-id of every OSI device */
#define PCI_DEV_ENET	1
#define PCI_DEV_BLK	3
#define PCI_DEV_VIDEO	4
#define PCI_DEV_MOUSE	8
#define PCI_BASE	0x80000000u	/* MOL's aliases: /pci@80000000/... */

/* Open Firmware PCI binding phys.hi: n p t ss bbbbbbbb ddddd fff rrrrrrrr */
#define PCI_CFG(dev, reg)	((uint32_t)(dev) << 11 | (reg))
#define PCI_SS_MEM32		0x02000000u
#define PCI_RELOCATABLE_NOT	0x80000000u	/* n: assigned, not relocatable */

/* A node with its name, phandle and MOL's PCI identity properties; "reg"
 * is its config space only when reg is NULL. */
static int pci_node(void *fdt, uint32_t *ph, const char *name, int dev, const char *type,
		    uint32_t device_id, uint32_t rev, uint32_t class_code,
		    const uint32_t *reg, int nreg)
{
	char node[64];
	uint32_t cfg[5] = { PCI_CFG(dev, 0), 0, 0, 0, 0 };

	snprintf(node, sizeof(node), "%s@%x", name, dev);
	TRY(fdt_begin_node(fdt, node));
	TRY(fdt_property_string(fdt, "name", name));
	TRY(fdt_property_cell(fdt, "phandle", ++*ph));
	TRY(fdt_property_string(fdt, "device_type", type));
	TRY(fdt_property_cell(fdt, "vendor-id", MOL_PCI_VENDOR));
	TRY(fdt_property_cell(fdt, "device-id", device_id));
	TRY(fdt_property_cell(fdt, "revision-id", rev));
	TRY(fdt_property_cell(fdt, "class-code", class_code));
	return reg ? fdt_prop_cells(fdt, "reg", reg, nreg) : fdt_prop_cells(fdt, "reg", cfg, 5);
}

int fdt_powermac_pci(void *fdt, const struct powermac_fdt_params *p, uint32_t pic, uint32_t *ph)
{
	/* one window: 32-bit memory space = CPU addresses, the framebuffer's */
	uint32_t ranges[6] = { PCI_SS_MEM32, 0, p->fb_base, p->fb_base, 0, p->fb_size };
	uint32_t bus_range[2] = { 0, 0 }, bridge_reg[2] = { PCI_BASE, 0x1000 };
	char node[32];
	unsigned int i;

	/* MOL's aliases name the bridge /pci@80000000.  Its 4 KiB of "reg"
	 * satisfy the binding (a unit address needs a reg); molvm decodes no
	 * bridge registers there, and the compatible matches no guest PCI
	 * host driver, so nothing probes it. */
	snprintf(node, sizeof(node), "pci@%x", PCI_BASE);
	TRY(fdt_begin_node(fdt, node));
	TRY(fdt_property_string(fdt, "name", "pci"));
	TRY(fdt_property_cell(fdt, "phandle", ++*ph));
	TRY(fdt_property_string(fdt, "device_type", "pci"));
	TRY(fdt_property_string(fdt, "compatible", "molvm,osi-pci"));
	TRY(fdt_property_cell(fdt, "#address-cells", 3));
	TRY(fdt_property_cell(fdt, "#size-cells", 2));
	TRY(fdt_prop_cells(fdt, "bus-range", bus_range, 2));
	TRY(fdt_prop_cells(fdt, "ranges", ranges, p->fb_size ? 6 : 0));
	TRY(fdt_prop_cells(fdt, "reg", bridge_reg, 2));

	if (p->enet) {
		TRY(pci_node(fdt, ph, "mol-enet-0", PCI_DEV_ENET, "network", 0x7777, 0, 0x020000,
			     NULL, 0));
		TRY(fdt_property_string(fdt, "model", "1.0"));
		TRY(fdt_prop_irq(fdt, pic, p->irq_enet));
		TRY(fdt_end_node(fdt));
	}

	/* oftree.nw: device_type "mol-blk", one "disk" child per unit */
	TRY(pci_node(fdt, ph, "mol-blk", PCI_DEV_BLK, "mol-blk", 0x8888, 0, 0x000180,
		     NULL, 0));
	TRY(fdt_property_string(fdt, "model", "1.0"));
	TRY(fdt_prop_irq(fdt, pic, p->irq_ablk));
	if (p->nr_drives) {
		TRY(fdt_property_cell(fdt, "#address-cells", 1));
		TRY(fdt_property_cell(fdt, "#size-cells", 0));
	}
	for (i = 0; i < p->nr_drives; i++) {
		snprintf(node, sizeof(node), "disk@%x", i);
		TRY(fdt_begin_node(fdt, node));
		TRY(fdt_property_string(fdt, "name", "disk"));
		TRY(fdt_property_cell(fdt, "phandle", ++*ph));
		TRY(fdt_property_string(fdt, "device_type", "block"));
		TRY(fdt_property_cell(fdt, "reg", i));
		TRY(fdt_end_node(fdt));
	}
	TRY(fdt_end_node(fdt));

	if (p->fb_size) {
		/* BAR 0x10: 16 MiB of memory space, assigned at fb_base */
		uint32_t reg[10] = { PCI_CFG(PCI_DEV_VIDEO, 0), 0, 0, 0, 0,
				     PCI_SS_MEM32 | PCI_CFG(PCI_DEV_VIDEO, 0x10), 0, 0, 0,
				     p->fb_size };
		uint32_t aa[5] = { PCI_RELOCATABLE_NOT | PCI_SS_MEM32 | PCI_CFG(PCI_DEV_VIDEO, 0x10),
				   0, p->fb_base, 0, p->fb_size };

		TRY(pci_node(fdt, ph, "MacOnLinuxVideo", PCI_DEV_VIDEO, "display", 0x6666,
			     0x1011, 0x030000, reg, 10));	/* config space + BAR */
		TRY(fdt_prop_cells(fdt, "assigned-addresses", aa, 5));
		TRY(fdt_property_string(fdt, "model", "yonk"));
		TRY(fdt_prop_irq(fdt, pic, p->irq_video));
		TRY(fdt_end_node(fdt));
	}

	TRY(pci_node(fdt, ph, "mol-mouse", PCI_DEV_MOUSE, "mol-mouse", 0x6668, 2, 0, NULL, 0));
	TRY(fdt_prop_irq(fdt, pic, p->irq_mouse));
	TRY(fdt_end_node(fdt));

	return fdt_end_node(fdt);
}
