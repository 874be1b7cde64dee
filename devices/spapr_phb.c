// SPDX-License-Identifier: GPL-2.0
/* sPAPR PHB: config space over RTAS, and its device tree node. */
#include "spapr_phb.h"

#include <libfdt.h>
#include <stdio.h>

#include "../fdt/fdt_util.h"
#include "../vmm/pseries.h"
#include "../vmm/vcpu.h"
#include "papr_tce.h"
#include "rtas.h"
#include "virtio_pci.h"

struct spapr_phb *spapr_phb_of(struct vm *vm)
{
	return vm->pseries ? &vm->pseries->phb : NULL;
}

void spapr_phb_attach(struct spapr_phb *phb, int slot, struct virtio_pci *vp)
{
	if (slot >= 0 && slot < SPAPR_PHB_SLOTS)
		phb->slots[slot] = vp;
}

/*
 * The config address of the RTAS calls (PAPR; Linux rtas_config_addr):
 * register bits 0-7, devfn 8-15, bus 16-23, register bits 8-11 at 28-31.
 * Returns the function's device or NULL; *reg gets the register.
 */
static struct virtio_pci *decode(const struct rtas_args *a, uint32_t *reg)
{
	uint32_t addr = a->args[0], bus = (addr >> 16) & 0xff, devfn = (addr >> 8) & 0xff;
	uint64_t buid = ((uint64_t)a->args[1] << 32) | a->args[2];
	struct spapr_phb *phb = spapr_phb_of(a->vcpu->vm);

	*reg = (addr & 0xff) | ((addr >> 20) & 0xf00);
	if (!phb || buid != SPAPR_PHB_BUID || bus != 0 || (devfn & 7) ||
	    (devfn >> 3) >= SPAPR_PHB_SLOTS)
		return NULL;
	return phb->slots[devfn >> 3];
}

void spapr_phb_rtas_read_config(struct rtas_args *a)
{
	struct virtio_pci *vp;
	uint32_t reg, val;

	if (a->nargs != 4 || a->nret != 2) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	vp = decode(a, &reg);
	if (!vp || !virtio_pci_cfg_read(vp, reg, a->args[3], &val)) {
		/* No function there (or a bad access): all ones, as on a bus. */
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		rtas_ret(a, 1, 0xffffffff);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, val);
}

void spapr_phb_rtas_write_config(struct rtas_args *a)
{
	struct virtio_pci *vp;
	uint32_t reg;

	if (a->nargs != 5 || a->nret != 1) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	vp = decode(a, &reg);
	if (!vp || !virtio_pci_cfg_write(vp, reg, a->args[3], a->args[4])) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

/* OF PCI bus binding (IEEE 1275 PCI supplement): phys.hi = npt000ss
 * bbbbbbbb dddddfff rrrrrrrr; ss = 10 for 32-bit memory space. */
#define OF_PCI_SS_MEM32		0x02000000u
#define OF_PCI_NONRELOC		0x80000000u
#define PCI_BAR0_REG		0x10

static int add_function(void *fdt, const struct virtio_dev_ops *ops, int slot)
{
	uint32_t devfn = (uint32_t)slot << 3;
	uint32_t reg[10] = {
		devfn << 8, 0, 0, 0, 0,		/* config space */
		OF_PCI_SS_MEM32 | devfn << 8 | PCI_BAR0_REG, 0, 0, 0, VIRTIO_PCI_BAR_SIZE,
	};
	uint32_t assigned[5] = {
		OF_PCI_NONRELOC | OF_PCI_SS_MEM32 | devfn << 8 | PCI_BAR0_REG,
		0, (uint32_t)spapr_phb_bar_pci(slot), 0, VIRTIO_PCI_BAR_SIZE,
	};
	uint32_t device_id = VIRTIO_PCI_DEVICE_BASE + ops->virtio_id;
	char name[48];

	snprintf(name, sizeof(name), "pci%x,%x@%x", VIRTIO_PCI_VENDOR, device_id, slot);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_cell(fdt, "vendor-id", VIRTIO_PCI_VENDOR));
	TRY(fdt_property_cell(fdt, "device-id", device_id));
	TRY(fdt_property_cell(fdt, "revision-id", 1));
	TRY(fdt_property_cell(fdt, "class-code", ops->class_code));
	TRY(fdt_property_cell(fdt, "subsystem-vendor-id", VIRTIO_PCI_VENDOR));
	TRY(fdt_property_cell(fdt, "subsystem-id", ops->virtio_id));
	TRY(fdt_property_cell(fdt, "interrupts", 1));	/* INTA */
	TRY(fdt_prop_cells(fdt, "reg", reg, 10));
	TRY(fdt_prop_cells(fdt, "assigned-addresses", assigned, 5));
	return fdt_end_node(fdt);
}

int spapr_phb_fdt(void *fdt, const struct virtio_dev_ops *const *ops, int n,
		  uint32_t xics_phandle)
{
	uint32_t reg[4] = { (uint32_t)(SPAPR_PHB_BUID >> 32), (uint32_t)SPAPR_PHB_BUID, 0, 0 };
	uint32_t ranges[7] = {
		OF_PCI_SS_MEM32, 0, (uint32_t)SPAPR_PHB_MEM_PCI,
		(uint32_t)(SPAPR_PHB_MEM_CPU >> 32), (uint32_t)SPAPR_PHB_MEM_CPU,
		0, (uint32_t)SPAPR_PHB_MEM_SIZE,
	};
	uint32_t bus_range[2] = { 0, 0xff };
	uint32_t dma_window[5] = { SPAPR_PHB_LIOBN, 0, 0, 0, (uint32_t)SPAPR_DMA_WINDOW_SIZE };
	/* Match the device number and the pin (the whole 3-cell address is
	 * compared; bus and function bits are masked off). */
	uint32_t map_mask[4] = { 0xf800, 0, 0, 7 };
	uint32_t map[SPAPR_PHB_SLOTS * 7];
	char name[48];
	int i;

	if (n > SPAPR_PHB_SLOTS)
		return -1;
	/* slot address, pin INTA -> XICS source, level (xics_host_xlate:
	 * bit 0 of the second cell means level-sensitive) */
	for (i = 0; i < n; i++) {
		uint32_t *m = map + 7 * i;

		m[0] = (uint32_t)i << 11;
		m[1] = 0;
		m[2] = 0;
		m[3] = 1;
		m[4] = xics_phandle;
		m[5] = SPAPR_PHB_IRQ_BASE + (uint32_t)i;
		m[6] = 1;
	}
	snprintf(name, sizeof(name), "pci@%llx", (unsigned long long)SPAPR_PHB_BUID);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "device_type", "pci"));
	TRY(fdt_property_string(fdt, "compatible", "IBM,Logical_PHB"));
	TRY(fdt_property_cell(fdt, "#address-cells", 3));
	TRY(fdt_property_cell(fdt, "#size-cells", 2));
	TRY(fdt_property_cell(fdt, "#interrupt-cells", 1));
	TRY(fdt_prop_cells(fdt, "reg", reg, 4));
	TRY(fdt_prop_cells(fdt, "ranges", ranges, 7));
	TRY(fdt_prop_cells(fdt, "bus-range", bus_range, 2));
	TRY(fdt_prop_cells(fdt, "interrupt-map-mask", map_mask, 4));
	/* liobn, 2-cell bus offset, 2-cell size (PAPR; Linux of_parse_dma_window) */
	TRY(fdt_property_cell(fdt, "ibm,#dma-address-cells", 2));
	TRY(fdt_property_cell(fdt, "ibm,#dma-size-cells", 2));
	TRY(fdt_prop_cells(fdt, "ibm,dma-window", dma_window, 5));
	if (n)
		TRY(fdt_prop_cells(fdt, "interrupt-map", map, 7 * n));
	for (i = 0; i < n; i++)
		TRY(add_function(fdt, ops[i], i));
	return fdt_end_node(fdt);
}
