// SPDX-License-Identifier: GPL-2.0
/* What every PCI host bridge shares: the bus, config dispatch, BAR mapping. */
#include "pci.h"

#include <string.h>

#include "log.h"
#include "mmio.h"
#include "vm.h"

void pci_host_init(struct pci_host *h, const struct pci_host_ops *ops)
{
	memset(h, 0, sizeof(*h));
	h->ops = ops;
}

int pci_host_attach(struct pci_host *h, int devno, struct pci_function *fn)
{
	if (devno < 0 || devno >= PCI_MAX_DEVS || h->dev[devno]) {
		pr_err("%s: PCI device number %d is not free", fn->name, devno);
		return -1;
	}
	if (h->ops->attach(h, devno, fn)) {
		pr_err("%s: does not fit the PCI host bridge at device number %d", fn->name, devno);
		return -1;
	}
	h->dev[devno] = fn;
	return 0;
}

int pci_host_realize(struct pci_host *h, struct vm *vm)
{
	int i;

	for (i = 0; i < PCI_MAX_DEVS; i++)
		if (h->dev[i] && h->ops->realize(h, vm, i, h->dev[i]))
			return -1;
	return 0;
}

int pci_host_fdt(struct pci_host *h, void *fdt)
{
	return h->ops->fdt(h, fdt);
}

/* devfn: device number << 3 | function; only function 0 exists. */
static struct pci_function *function_at(struct pci_host *h, uint32_t devfn)
{
	if (devfn & 7 || (devfn >> 3) >= PCI_MAX_DEVS)
		return NULL;
	return h->dev[devfn >> 3];
}

bool pci_host_cfg_read(struct pci_host *h, uint32_t devfn, uint32_t reg, uint32_t len,
		       uint32_t *val)
{
	struct pci_function *fn = function_at(h, devfn);

	return fn && fn->ops->cfg_read(fn, reg, len, val);
}

bool pci_host_cfg_write(struct pci_host *h, uint32_t devfn, uint32_t reg, uint32_t len,
			uint32_t val)
{
	struct pci_function *fn = function_at(h, devfn);

	return fn && fn->ops->cfg_write(fn, reg, len, val);
}

uint32_t pci_cfg_read(struct pci_function *fn, uint32_t off, uint32_t len)
{
	uint32_t v;

	return fn->ops->cfg_read(fn, off, len, &v) ? v : 0xffffffffu;
}

void pci_set_bar(struct pci_function *fn, int bar, uint64_t bus_addr)
{
	fn->bar_bus[bar] = bus_addr;
	/* A 32-bit memory BAR: the low flag bits read back 0. */
	fn->ops->cfg_write(fn, PCI_BAR0 + 4 * (uint32_t)bar, 4, (uint32_t)bus_addr);
}

static void bar_access(struct vcpu *vcpu, void *opaque, uint64_t offset, uint8_t *data,
		       uint32_t len, bool is_write)
{
	struct pci_bar *b = opaque;

	(void)vcpu;
	b->fn->ops->bar_access(b->fn, b->index, offset, data, len, is_write);
}

int pci_map_bar(struct vm *vm, struct pci_function *fn, int bar, uint64_t cpu_addr)
{
	struct pci_bar *b = &fn->bar[bar];
	struct mmio_region r = {
		.name = fn->name,
		.base = cpu_addr,
		.size = b->size,
		.access = bar_access,
		.opaque = b,
	};

	b->fn = fn;
	b->index = bar;
	if (mmio_register(vm, &r)) {
		pr_err("%s: cannot map BAR%d at 0x%llx", fn->name, bar, (unsigned long long)cpu_addr);
		return -1;
	}
	return 0;
}
