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

bool pci_host_config(struct pci_host *h, uint32_t bus, uint32_t devfn, uint32_t reg,
		     uint32_t len, uint32_t *val, bool is_write)
{
	if (h->ops->config)
		return h->ops->config(h, bus, devfn, reg, len, val, is_write);
	if (bus)
		return false;
	return is_write ? pci_host_cfg_write(h, devfn, reg, len, *val) :
			  pci_host_cfg_read(h, devfn, reg, len, val);
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

	if (b->mapped && b->cpu_addr == cpu_addr)
		return 0;
	pci_unmap_bar(vm, fn, bar);
	b->fn = fn;
	b->index = bar;
	if (mmio_register(vm, &r)) {
		if (ratelimit_allow(&vm->reports.pci_bar))
			pr_err("%s: cannot map BAR%d at 0x%llx (it overlaps another device)",
			       fn->name, bar, (unsigned long long)cpu_addr);
		return -1;
	}
	b->mapped = true;
	b->cpu_addr = cpu_addr;
	return 0;
}

void pci_unmap_bar(struct vm *vm, struct pci_function *fn, int bar)
{
	struct pci_bar *b = &fn->bar[bar];

	if (!b->mapped)
		return;
	mmio_unregister(vm, b->cpu_addr, b);
	b->mapped = false;
}

void pci_update_bars(struct vm *vm, struct pci_function *fn, uint64_t lo, uint64_t hi,
		     uint64_t cpu_offset)
{
	bool decode = pci_cfg_read(fn, PCI_COMMAND, 2) & PCI_COMMAND_MEMORY;
	int i;

	for (i = 0; i < PCI_NR_BARS; i++) {
		uint64_t size = fn->bar[i].size, at;

		if (!size)
			continue;
		/* A 32-bit memory BAR: the low 4 bits are flags. */
		at = pci_cfg_read(fn, PCI_BAR0 + 4 * (uint32_t)i, 4) & ~0xfULL;
		fn->bar_bus[i] = at;
		if (decode && at >= lo && at < hi && size <= hi - at)
			pci_map_bar(vm, fn, i, at + cpu_offset);
		else
			pci_unmap_bar(vm, fn, i);
	}
}
