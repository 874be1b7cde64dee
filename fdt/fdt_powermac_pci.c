// SPDX-License-Identifier: GPL-2.0
/*
 * The PCI side of the powermac tree, oftree.nw's /pci subtree: the
 * Grackle host bridge, the DEC 21154 PCI-PCI bridge at device 13 and,
 * on its bus 1, mac-io (Heathrow/Paddington) with the devices MOL
 * emulated -- the interrupt controller, both ESCC views, VIA-CUDA with
 * ADB and the RTC, NVRAM -- and MOL's own vendor-0x6666 functions, which
 * MOL's Mac OS and OS X drivers bind to (src/drivers/osi_driver.c
 * register_osi_driver finds them by these names):
 *
 *   node              device-id  class-code  bus 1 device (oftree.nw "reg")
 *   mol-enet-0        0x7777     0x020000    1
 *   mol-blk           0x8888     0x000180    3   (a disk@N per -drive)
 *   MacOnLinuxVideo   0x6666     0x030000    4   (BAR at the framebuffer)
 *   mol-mouse         0x6668     0x000000    8
 *
 * Their interrupts are the OSI devices' osi-pic sources (as molvm's OSI
 * devices raise them); oftree.nw's routing through the bridge's
 * interrupt-map to Heathrow is in the tree for the device models to come.
 * Every address and number is vmm/powermac_platform.h's.
 */
#include "fdt_powermac.h"
#include "fdt_util.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "../vmm/powermac_platform.h"

#define CELLS(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define NONRELOC_MEM	(PMAC_PCI_NONRELOC | PMAC_PCI_SS_MEM32)

/* A node name@unit (unit NULL: none) with "name" and phandle ph, or the
 * next one after *next when ph is 0. */
static int node_ph(void *fdt, uint32_t *next, const char *name, const char *unit, uint32_t ph)
{
	char full[64];

	snprintf(full, sizeof(full), "%s%s%s", name, unit ? "@" : "", unit ? unit : "");
	TRY(fdt_begin_node(fdt, full));
	TRY(fdt_property_string(fdt, "name", name));
	return fdt_property_cell(fdt, "phandle", ph ? ph : ++*next);
}

static int node(void *fdt, uint32_t *ph, const char *name, const char *unit)
{
	return node_ph(fdt, ph, name, unit, 0);
}

/* A PCI function's identity properties and "reg": its config space,
 * then its BARs (bars: phys.hi/size pairs, nbars of them) */
static int pci_ids(void *fdt, uint32_t bus, uint32_t dev, uint32_t vendor, uint32_t device,
		   uint32_t rev, uint32_t class_code, const uint32_t (*bars)[2], int nbars)
{
	uint32_t reg[5 * 3] = { PMAC_PCI_HI(bus, dev, 0, 0), 0, 0, 0, 0 };
	int i;

	TRY(fdt_property_cell(fdt, "vendor-id", vendor));
	TRY(fdt_property_cell(fdt, "device-id", device));
	TRY(fdt_property_cell(fdt, "revision-id", rev));
	TRY(fdt_property_cell(fdt, "class-code", class_code));
	for (i = 0; i < nbars && i < 2; i++) {
		uint32_t *r = reg + 5 * (i + 1);

		r[0] = PMAC_PCI_SS_MEM32 | bars[i][0];
		r[1] = r[2] = r[3] = 0;
		r[4] = bars[i][1];
	}
	return fdt_prop_cells(fdt, "reg", reg, 5 * (i + 1));
}

/* A mac-io child: "reg" (offset, size pairs) and Heathrow interrupts */
static int macio_dev_ph(void *fdt, uint32_t *ph, const char *name, const char *type,
			const uint32_t *reg, int nreg, const uint32_t *irqs, int nirqs,
			uint32_t phandle)
{
	char unit[16];

	snprintf(unit, sizeof(unit), "%x", reg[0]);
	TRY(node_ph(fdt, ph, name, unit, phandle));
	TRY(fdt_property_string(fdt, "device_type", type));
	TRY(fdt_prop_cells(fdt, "reg", reg, nreg));
	if (nirqs) {
		TRY(fdt_prop_cells(fdt, "interrupts", irqs, nirqs));
		TRY(fdt_property_cell(fdt, "interrupt-parent", PMAC_PIC_PHANDLE));
	}
	return 0;
}

static int macio_dev(void *fdt, uint32_t *ph, const char *name, const char *type,
		     const uint32_t *reg, int nreg, const uint32_t *irqs, int nirqs)
{
	return macio_dev_ph(fdt, ph, name, type, reg, nreg, irqs, nirqs, 0);
}

/* One ESCC view: the chip and its two channels (oftree.nw escc, escc-legacy) */
static int add_escc(void *fdt, uint32_t *ph, const char *name, uint32_t base,
		    const char *const compat[3], const uint32_t cha[3], const uint32_t chb[3])
{
	static const uint32_t irq_a[3] = { PMAC_IRQ_ESCC_A, PMAC_IRQ_ESCC_A_TXDMA,
					   PMAC_IRQ_ESCC_A_RXDMA };
	static const uint32_t irq_b[3] = { PMAC_IRQ_ESCC_B, PMAC_IRQ_ESCC_B_TXDMA,
					   PMAC_IRQ_ESCC_B_RXDMA };
	static const uint8_t irda[] = { 0, 0, 0, 1, 'I', 'r', 'D', 'A', 0 };
	uint32_t reg[10] = { base, PMAC_MACIO_ESCC_SIZE, PMAC_DBDMA_SCCA_TX, PMAC_DBDMA_SIZE,
			     PMAC_DBDMA_SCCA_RX, PMAC_DBDMA_SIZE, PMAC_DBDMA_SCCB_TX,
			     PMAC_DBDMA_SIZE, PMAC_DBDMA_SCCB_RX, PMAC_DBDMA_SIZE };
	uint32_t ra[10] = { cha[0], 1, cha[1], 1, cha[2], 1, PMAC_DBDMA_SCCA_TX,
			    PMAC_DBDMA_SIZE, PMAC_DBDMA_SCCA_RX, PMAC_DBDMA_SIZE };
	uint32_t rb[10] = { chb[0], 1, chb[1], 1, chb[2], 1, PMAC_DBDMA_SCCB_TX,
			    PMAC_DBDMA_SIZE, PMAC_DBDMA_SCCB_RX, PMAC_DBDMA_SIZE };

	TRY(macio_dev(fdt, ph, name, name, reg, 10, NULL, 0));
	TRY(fdt_property_string(fdt, "compatible", compat[0]));
	TRY(fdt_property(fdt, "ranges", NULL, 0));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 1));
	TRY(fdt_property(fdt, "built-in", NULL, 0));
	TRY(macio_dev(fdt, ph, "ch-a", "serial", ra, 10, irq_a, 3));
	TRY(fdt_property_string(fdt, "compatible", compat[1]));
	TRY(fdt_property(fdt, "built-in", NULL, 0));
	TRY(fdt_property_cell(fdt, "slot-names", 0));
	TRY(fdt_end_node(fdt));
	TRY(macio_dev(fdt, ph, "ch-b", "serial", rb, 10, irq_b, 3));
	TRY(fdt_property_string(fdt, "compatible", compat[2]));
	TRY(fdt_property(fdt, "built-in", NULL, 0));
	TRY(fdt_property(fdt, "slot-names", irda, sizeof(irda)));
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

static int add_via_cuda(void *fdt, uint32_t *ph)
{
	static const uint32_t reg[2] = { PMAC_MACIO_VIA, PMAC_MACIO_VIA_SIZE };
	static const uint32_t irq = PMAC_IRQ_VIA_CUDA, nmi = PMAC_IRQ_PROG_SWITCH;

	TRY(macio_dev(fdt, ph, "via-cuda", "via-cuda", reg, 2, &irq, 1));
	TRY(fdt_property_string(fdt, "compatible", "cuda"));
	TRY(node(fdt, ph, "adb", NULL));
	TRY(fdt_property_string(fdt, "device_type", "adb"));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 0));
	/* ADB addresses: the programmer's switch 0, keyboard 2, mouse 3 */
	TRY(node(fdt, ph, "programmer-switch", "0"));
	TRY(fdt_property_string(fdt, "device_type", "programmer-switch"));
	TRY(fdt_property_cell(fdt, "reg", 0));
	TRY(fdt_prop_cells(fdt, "interrupts", &nmi, 1));
	TRY(fdt_property_cell(fdt, "interrupt-parent", PMAC_PIC_PHANDLE));
	TRY(fdt_end_node(fdt));
	TRY(node(fdt, ph, "keyboard", "2"));
	TRY(fdt_property_string(fdt, "device_type", "keyboard"));
	TRY(fdt_property_cell(fdt, "reg", 2));
	TRY(fdt_end_node(fdt));
	TRY(node(fdt, ph, "mouse", "3"));
	TRY(fdt_property_string(fdt, "device_type", "mouse"));
	TRY(fdt_property_cell(fdt, "reg", 3));
	TRY(fdt_property_cell(fdt, "#buttons", 1));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));		/* adb */
	TRY(node(fdt, ph, "rtc", NULL));
	TRY(fdt_property_string(fdt, "device_type", "rtc"));
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

static int add_macio(void *fdt, uint32_t *ph)
{
	static const char *const escc_compat[3] = { "chrp,es0", "chrp,es2", "chrp,es3" };
	static const char *const legacy_compat[3] = { "chrp,es1", "chrp,es4", "chrp,es5" };
	static const uint32_t escc_a[3] = { PMAC_ESCC_CHA_CTRL, PMAC_ESCC_CHA_DATA,
					    PMAC_ESCC_CHA_ENH };
	static const uint32_t escc_b[3] = { PMAC_ESCC_CHB_CTRL, PMAC_ESCC_CHB_DATA,
					    PMAC_ESCC_CHB_ENH };
	/* escc-legacy: the same chip at 0x12000, registers 2 bytes apart */
	static const uint32_t legacy_a[3] = { 0x12002, 0x12006, 0x1200a };
	static const uint32_t legacy_b[3] = { 0x12000, 0x12004, 0x12008 };
	static const uint32_t pic_reg[2] = { PMAC_MACIO_PIC, PMAC_MACIO_PIC_SIZE };
	static const uint32_t nvram_reg[2] = { PMAC_MACIO_NVRAM, PMAC_MACIO_NVRAM_SIZE };
	uint32_t bar = PMAC_PCI_HI(PMAC_P2P_BUS, PMAC_MACIO_DEV, 0, 0x10);
	const uint32_t bars[1][2] = { { bar, PMAC_MACIO_SIZE } };
	uint32_t aa[5] = { NONRELOC_MEM | bar, 0, PMAC_MACIO_BASE, 0, PMAC_MACIO_SIZE };
	uint32_t ranges[5] = { 0, NONRELOC_MEM | bar, 0, PMAC_MACIO_BASE, PMAC_MACIO_SIZE };
	char unit[16];

	snprintf(unit, sizeof(unit), "%x", PMAC_MACIO_DEV);
	TRY(node(fdt, ph, "mac-io", unit));
	TRY(fdt_property_string(fdt, "device_type", "mac-io"));
	TRY(fdt_property(fdt, "compatible", "paddington\0heathrow", sizeof("paddington\0heathrow")));
	TRY(fdt_property_string(fdt, "model", "AAPL,343S1211"));
	TRY(pci_ids(fdt, PMAC_P2P_BUS, PMAC_MACIO_DEV, PMAC_MACIO_VENDOR, PMAC_MACIO_DEVICE,
		    PMAC_MACIO_REV, PMAC_MACIO_CLASS, bars, 1));
	TRY(fdt_prop_cells(fdt, "assigned-addresses", aa, CELLS(aa)));
	TRY(fdt_prop_cells(fdt, "ranges", ranges, CELLS(ranges)));
	TRY(fdt_property_cell(fdt, "#address-cells", 1));
	TRY(fdt_property_cell(fdt, "#size-cells", 1));

	/* MOL's fixed phandle, which the interrupt-parents and maps name */
	TRY(macio_dev_ph(fdt, ph, "interrupt-controller", "interrupt-controller", pic_reg, 2,
			 NULL, 0, PMAC_PIC_PHANDLE));
	TRY(fdt_property(fdt, "compatible", "heathrow\0mac-risc", sizeof("heathrow\0mac-risc")));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 1));
	TRY(fdt_property_cell(fdt, "#address-cells", 0));
	TRY(fdt_end_node(fdt));

	TRY(add_escc(fdt, ph, "escc-legacy", PMAC_MACIO_ESCC_LEGACY, legacy_compat, legacy_a,
		     legacy_b));
	TRY(add_escc(fdt, ph, "escc", PMAC_MACIO_ESCC, escc_compat, escc_a, escc_b));

	TRY(node(fdt, ph, "power-mgt", NULL));
	TRY(fdt_property_string(fdt, "device_type", "power-mgt"));
	TRY(fdt_property_string(fdt, "compatible", "cuda"));
	TRY(fdt_property_string(fdt, "mgt-kind", "min-consumption-pwm-led"));
	TRY(fdt_end_node(fdt));

	TRY(add_via_cuda(fdt, ph));

	TRY(macio_dev(fdt, ph, "nvram", "nvram", nvram_reg, 2, NULL, 0));
	TRY(fdt_property_cell(fdt, "#bytes", PMAC_NVRAM_BYTES));
	TRY(fdt_end_node(fdt));
	return fdt_end_node(fdt);
}

/* A node of one of MOL's functions on bus 1, BARs as pci_ids */
static int mol_node(void *fdt, uint32_t *ph, const char *name, int dev, const char *type,
		    uint32_t device_id, uint32_t rev, uint32_t class_code,
		    const uint32_t (*bars)[2], int nbars)
{
	char unit[16];

	snprintf(unit, sizeof(unit), "%x", dev);
	TRY(node(fdt, ph, name, unit));
	TRY(fdt_property_string(fdt, "device_type", type));
	return pci_ids(fdt, PMAC_P2P_BUS, (uint32_t)dev, PMAC_MOL_VENDOR, device_id, rev,
		       class_code, bars, nbars);
}

static int add_mol_functions(void *fdt, const struct powermac_fdt_params *p, uint32_t pic,
			     uint32_t *ph)
{
	char unit[16];
	unsigned int i;

	if (p->enet) {
		TRY(mol_node(fdt, ph, "mol-enet-0", PMAC_DEV_MOL_ENET0, "network", 0x7777, 0,
			     0x020000, NULL, 0));
		TRY(fdt_property_string(fdt, "model", "1.0"));
		TRY(fdt_prop_irq(fdt, pic, p->irq_enet));
		TRY(fdt_end_node(fdt));
	}

	/* oftree.nw: device_type "mol-blk", one "disk" child per unit */
	TRY(mol_node(fdt, ph, "mol-blk", PMAC_DEV_MOL_BLK, "mol-blk", 0x8888, 0, 0x000180,
		     NULL, 0));
	TRY(fdt_property_string(fdt, "model", "1.0"));
	TRY(fdt_prop_irq(fdt, pic, p->irq_ablk));
	if (p->nr_drives) {
		TRY(fdt_property_cell(fdt, "#address-cells", 1));
		TRY(fdt_property_cell(fdt, "#size-cells", 0));
	}
	for (i = 0; i < p->nr_drives; i++) {
		snprintf(unit, sizeof(unit), "%x", i);
		TRY(node(fdt, ph, "disk", unit));
		TRY(fdt_property_string(fdt, "device_type", "block"));
		TRY(fdt_property_cell(fdt, "reg", i));
		TRY(fdt_end_node(fdt));
	}
	TRY(fdt_end_node(fdt));

	if (p->fb_size) {
		/* BAR 0x10: 16 MiB of memory space, assigned at fb_base */
		uint32_t bar = PMAC_PCI_HI(PMAC_P2P_BUS, PMAC_DEV_MOL_VIDEO, 0, 0x10);
		const uint32_t bars[1][2] = { { bar, p->fb_size } };
		uint32_t aa[5] = { NONRELOC_MEM | bar, 0, p->fb_base, 0, p->fb_size };

		TRY(mol_node(fdt, ph, "MacOnLinuxVideo", PMAC_DEV_MOL_VIDEO, "display", 0x6666,
			     0x1011, 0x030000, bars, 1));
		TRY(fdt_prop_cells(fdt, "assigned-addresses", aa, 5));
		TRY(fdt_property_string(fdt, "model", "yonk"));
		TRY(fdt_prop_irq(fdt, pic, p->irq_video));
		TRY(fdt_end_node(fdt));
	}

	TRY(mol_node(fdt, ph, "mol-mouse", PMAC_DEV_MOL_MOUSE, "mol-mouse", 0x6668, 2, 0,
		     NULL, 0));
	TRY(fdt_prop_irq(fdt, pic, p->irq_mouse));
	return fdt_end_node(fdt);
}

/* interrupt-map entries: (phys.hi of device dev, 0, 0, INTA) -> Heathrow irq */
static int interrupt_map(void *fdt, const uint32_t (*map)[2], int n, uint32_t bus)
{
	static const uint32_t mask[4] = { 0xf800, 0, 0, 0 };
	uint32_t cells[6 * 10];
	int i;

	for (i = 0; i < n && i < 10; i++) {
		cells[6 * i] = PMAC_PCI_HI(bus, map[i][0], 0, 0) & mask[0];
		cells[6 * i + 1] = 0;
		cells[6 * i + 2] = 0;
		cells[6 * i + 3] = 0;
		cells[6 * i + 4] = PMAC_PIC_PHANDLE;
		cells[6 * i + 5] = map[i][1];
	}
	TRY(fdt_prop_cells(fdt, "interrupt-map", cells, 6 * i));
	return fdt_prop_cells(fdt, "interrupt-map-mask", mask, 4);
}

int fdt_powermac_pci(void *fdt, const struct powermac_fdt_params *p, uint32_t pic, uint32_t *ph)
{
	/* oftree.nw /pci "ranges": PCI I/O, the ISA-style memory hole, PCI memory */
	static const uint32_t ranges[18] = {
		PMAC_PCI_SS_IO, 0, 0, PMAC_PCI_IO_CPU, 0, PMAC_PCI_IO_SIZE,
		PMAC_PCI_SS_MEM32, 0, 0, PMAC_PCI_ISAMEM_CPU, 0, PMAC_PCI_ISAMEM_SIZE,
		PMAC_PCI_SS_MEM32, 0, PMAC_PCI_MEM_BASE, PMAC_PCI_MEM_BASE, 0, PMAC_PCI_MEM_SIZE,
	};
	/* the PCI-PCI bridge's windows, in bus-0 terms = bus-1 terms */
	static const uint32_t p2p_ranges[16] = {
		PMAC_PCI_SS_MEM32, 0, PMAC_P2P_MEM_BASE, PMAC_PCI_SS_MEM32, 0, PMAC_P2P_MEM_BASE,
		0, PMAC_P2P_MEM_SIZE,
		PMAC_PCI_SS_IO, 0, PMAC_P2P_IO_BASE, PMAC_PCI_SS_IO, 0, PMAC_P2P_IO_BASE,
		0, PMAC_P2P_IO_SIZE,
	};
	static const uint32_t bus0_irqs[][2] = { { 16, PMAC_IRQ_BUS0_DEV16 } };
	static const uint32_t bus1_irqs[][2] = {
		{ 0, PMAC_IRQ_SLOT_DEV0 }, { 1, PMAC_IRQ_SLOT_DEV1 }, { 2, PMAC_IRQ_SLOT_DEV2 },
		{ 3, PMAC_IRQ_SLOT_DEV3 }, { 4, PMAC_IRQ_SLOT_DEV4 }, { 6, PMAC_IRQ_SLOT_DEV6 },
		{ 7, PMAC_IRQ_SLOT_DEV7 }, { 8, PMAC_IRQ_SLOT_DEV8 }, { 9, PMAC_IRQ_SLOT_DEV9 },
	};
	uint32_t reg[2] = { PMAC_PCI_BASE, PMAC_PCI_SIZE }, bus_range[2] = { 0, PMAC_P2P_BUS };
	char unit[16];

	snprintf(unit, sizeof(unit), "%x", PMAC_PCI_BASE);
	TRY(node(fdt, ph, "pci", unit));
	TRY(fdt_property_string(fdt, "device_type", "pci"));
	TRY(fdt_property_string(fdt, "compatible", "grackle"));
	TRY(fdt_property_string(fdt, "model", "MOT,MPC106"));
	TRY(fdt_prop_cells(fdt, "reg", reg, 2));
	TRY(fdt_property_cell(fdt, "#address-cells", 3));
	TRY(fdt_property_cell(fdt, "#size-cells", 2));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 1));
	TRY(fdt_prop_cells(fdt, "bus-range", bus_range, 2));
	TRY(fdt_prop_cells(fdt, "ranges", ranges, CELLS(ranges)));
	TRY(fdt_property_cell(fdt, "clock-frequency", PMAC_PCI_CLOCK));
	TRY(interrupt_map(fdt, bus0_irqs, CELLS(bus0_irqs), 0));
	TRY(fdt_property(fdt, "built-in", NULL, 0));

	snprintf(unit, sizeof(unit), "%x", PMAC_P2P_DEV);
	TRY(node(fdt, ph, "pci-bridge", unit));
	TRY(fdt_property_string(fdt, "device_type", "pci"));
	TRY(fdt_property(fdt, "compatible", "DEC,21154\0pci-bridge",
			 sizeof("DEC,21154\0pci-bridge")));
	TRY(fdt_property_string(fdt, "model", "DEC,21154"));
	TRY(pci_ids(fdt, 0, PMAC_P2P_DEV, PMAC_P2P_VENDOR, PMAC_P2P_DEVICE, PMAC_P2P_REV,
		    PMAC_P2P_CLASS, NULL, 0));
	TRY(fdt_property_cell(fdt, "#address-cells", 3));
	TRY(fdt_property_cell(fdt, "#size-cells", 2));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 1));
	bus_range[0] = PMAC_P2P_BUS;
	TRY(fdt_prop_cells(fdt, "bus-range", bus_range, 2));
	TRY(fdt_prop_cells(fdt, "ranges", p2p_ranges, CELLS(p2p_ranges)));
	TRY(interrupt_map(fdt, bus1_irqs, CELLS(bus1_irqs), PMAC_P2P_BUS));

	TRY(add_mol_functions(fdt, p, pic, ph));
	TRY(add_macio(fdt, ph));

	TRY(fdt_end_node(fdt));		/* pci-bridge */
	return fdt_end_node(fdt);	/* pci */
}
