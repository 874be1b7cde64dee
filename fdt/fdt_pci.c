// SPDX-License-Identifier: GPL-2.0
#include "fdt_pci.h"

#include <stdio.h>

#include "../vmm/pci.h"
#include "fdt_util.h"

int fdt_pci_function(void *fdt, struct pci_function *fn, int devno)
{
	uint32_t devfn = (uint32_t)devno << 3;
	uint32_t reg[5 * (1 + PCI_NR_BARS)] = { devfn << 8, 0, 0, 0, 0 };	/* config space */
	uint32_t assigned[5 * PCI_NR_BARS];
	uint32_t vendor = pci_cfg_read(fn, PCI_VENDOR_ID, 2);
	uint32_t device = pci_cfg_read(fn, PCI_DEVICE_ID, 2);
	uint32_t class = pci_cfg_read(fn, PCI_REVISION_ID, 4) >> 8;
	int i, nreg = 5, nassigned = 0;
	char name[48];

	for (i = 0; i < PCI_NR_BARS; i++) {
		uint32_t hi = OF_PCI_SS_MEM32 | devfn << 8 | (PCI_BAR0 + 4 * (uint32_t)i);
		uint64_t size = fn->bar[i].size, bus = fn->bar_bus[i];
		uint32_t *r = reg + nreg, *a = assigned + nassigned;

		if (!size)
			continue;
		r[0] = hi;
		r[1] = r[2] = 0;
		r[3] = (uint32_t)(size >> 32);
		r[4] = (uint32_t)size;
		a[0] = OF_PCI_NONRELOC | hi;
		a[1] = (uint32_t)(bus >> 32);
		a[2] = (uint32_t)bus;
		a[3] = (uint32_t)(size >> 32);
		a[4] = (uint32_t)size;
		nreg += 5;
		nassigned += 5;
	}
	snprintf(name, sizeof(name), "pci%x,%x@%x", vendor, device, devno);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_cell(fdt, "vendor-id", vendor));
	TRY(fdt_property_cell(fdt, "device-id", device));
	TRY(fdt_property_cell(fdt, "revision-id", pci_cfg_read(fn, PCI_REVISION_ID, 1)));
	TRY(fdt_property_cell(fdt, "class-code", class));
	TRY(fdt_property_cell(fdt, "subsystem-vendor-id", pci_cfg_read(fn, PCI_SUBSYSTEM_VENDOR_ID, 2)));
	TRY(fdt_property_cell(fdt, "subsystem-id", pci_cfg_read(fn, PCI_SUBSYSTEM_ID, 2)));
	if (fn->irq_pin)
		TRY(fdt_property_cell(fdt, "interrupts", fn->irq_pin));
	TRY(fdt_prop_cells(fdt, "reg", reg, nreg));
	if (nassigned)
		TRY(fdt_prop_cells(fdt, "assigned-addresses", assigned, nassigned));
	return fdt_end_node(fdt);
}
