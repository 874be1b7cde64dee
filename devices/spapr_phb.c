// SPDX-License-Identifier: GPL-2.0
/* sPAPR PHB: BAR placement, XICS routing, config space over RTAS, its node. */
#include "spapr_phb.h"

#include <libfdt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../fdt/fdt_pci.h"
#include "../fdt/fdt_util.h"
#include "../vmm/vcpu.h"
#include "papr_tce.h"
#include "rtas.h"
#include "xics.h"

static const struct pci_host_ops spapr_phb_ops;

void spapr_phb_init(struct spapr_phb *phb, uint32_t xics_phandle)
{
	pci_host_init(&phb->host, &spapr_phb_ops);
	phb->xics_phandle = xics_phandle;
	memset(phb->tces, 0, sizeof(phb->tces));
}

struct spapr_phb *spapr_phb_of(struct vm *vm)
{
	if (!vm->pci || vm->pci->ops != &spapr_phb_ops)
		return NULL;
	return (struct spapr_phb *)((char *)vm->pci - offsetof(struct spapr_phb, host));
}

/* Each BAR in the device number's own stride, aligned to its size. */
static int phb_attach(struct pci_host *h, int devno, struct pci_function *fn)
{
	uint64_t at = spapr_phb_bar_pci(devno), end = at + SPAPR_PHB_SLOT_STRIDE;
	int i;

	(void)h;
	if (devno >= SPAPR_PHB_SLOTS)
		return -1;
	for (i = 0; i < PCI_NR_BARS; i++) {
		uint64_t size = fn->bar[i].size;

		if (!size)
			continue;
		at = (at + size - 1) & ~(size - 1);
		if (size > end - at)
			return -1;
		pci_set_bar(fn, i, at);
		at += size;
	}
	return 0;
}

static int phb_realize(struct pci_host *h, struct vm *vm, int devno, struct pci_function *fn)
{
	int i;

	(void)h;
	if (fn->irq_pin &&
	    xics_connect(vm, SPAPR_PHB_IRQ_BASE + (uint32_t)devno, true, &fn->irq))
		return -1;
	for (i = 0; i < PCI_NR_BARS; i++)
		if (fn->bar[i].size &&
		    pci_map_bar(vm, fn, i, SPAPR_PHB_MEM_CPU + (fn->bar_bus[i] - SPAPR_PHB_MEM_PCI)))
			return -1;
	return 0;
}

/*
 * The config address of the RTAS calls (PAPR; Linux rtas_config_addr):
 * register bits 0-7, devfn 8-15, bus 16-23, register bits 8-11 at 28-31.
 * Returns the PHB, or NULL for another BUID or bus; *devfn and *reg get
 * the rest.
 */
static struct spapr_phb *decode(const struct rtas_args *a, uint32_t *devfn, uint32_t *reg)
{
	uint32_t addr = a->args[0], bus = (addr >> 16) & 0xff;
	uint64_t buid = ((uint64_t)a->args[1] << 32) | a->args[2];

	*devfn = (addr >> 8) & 0xff;
	*reg = (addr & 0xff) | ((addr >> 20) & 0xf00);
	if (buid != SPAPR_PHB_BUID || bus != 0)
		return NULL;
	return spapr_phb_of(a->vcpu->vm);
}

void spapr_phb_rtas_read_config(struct rtas_args *a)
{
	struct spapr_phb *phb;
	uint32_t devfn, reg, val;

	if (a->nargs != 4 || a->nret != 2) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	phb = decode(a, &devfn, &reg);
	if (!phb || !pci_host_cfg_read(&phb->host, devfn, reg, a->args[3], &val)) {
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
	struct spapr_phb *phb;
	uint32_t devfn, reg;

	if (a->nargs != 5 || a->nret != 1) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	phb = decode(a, &devfn, &reg);
	if (!phb || !pci_host_cfg_write(&phb->host, devfn, reg, a->args[3], a->args[4])) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

static int phb_fdt(struct pci_host *h, void *fdt)
{
	struct spapr_phb *phb = (struct spapr_phb *)((char *)h - offsetof(struct spapr_phb, host));
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
	int d, n = 0;

	/* device address, pin -> XICS source, level (xics_host_xlate: bit 0
	 * of the second cell means level-sensitive) */
	for (d = 0; d < SPAPR_PHB_SLOTS; d++) {
		uint32_t *m = map + 7 * n;

		if (!h->dev[d] || !h->dev[d]->irq_pin)
			continue;
		m[0] = (uint32_t)d << 11;
		m[1] = 0;
		m[2] = 0;
		m[3] = h->dev[d]->irq_pin;
		m[4] = phb->xics_phandle;
		m[5] = SPAPR_PHB_IRQ_BASE + (uint32_t)d;
		m[6] = 1;
		n++;
	}
	for (d = 0; d < PCI_MAX_DEVS && !h->dev[d]; d++)
		;
	if (d == PCI_MAX_DEVS)
		return 0;	/* no functions: no node (the tree stays as it was) */
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
	for (d = 0; d < PCI_MAX_DEVS; d++)
		if (h->dev[d])
			TRY(fdt_pci_function(fdt, h->dev[d], d));
	return fdt_end_node(fdt);
}

static const struct pci_host_ops spapr_phb_ops = {
	.attach = phb_attach,
	.realize = phb_realize,
	.fdt = phb_fdt,
};
