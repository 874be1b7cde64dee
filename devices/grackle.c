// SPDX-License-Identifier: GPL-2.0
/* Grackle: config cycles, the PCI-to-PCI bridge, BAR placement and mapping (grackle.h). */
#include "grackle.h"

#include <stddef.h>
#include <string.h>

#include "../vmm/le.h"
#include "../vmm/log.h"
#include "../vmm/mmio.h"
#include "../vmm/vm.h"

#define CFG_ENABLE	0x80000000u
/* The MPC106 decodes CONFIG_ADDRESS over 2 MiB, CONFIG_DATA over 1 MiB
 * (MPC106 user's manual, map B; MOL masks the address with 0xffffc). */
#define CFG_ADDR_SIZE	0x200000
#define CFG_DATA_SIZE	0x100000

/* Type 0/1 header offsets (PCI Local Bus 3.0 6.1, PCI-to-PCI Bridge 1.2 3.2) */
#define HEADER_TYPE	0x0e
#define PRIMARY_BUS	0x18
#define SECONDARY_BUS	0x19
#define SUBORDINATE_BUS	0x1a
#define SEC_LATENCY	0x1b
#define IO_BASE		0x1c
#define IO_LIMIT	0x1d
#define MEM_BASE	0x20
#define MEM_LIMIT	0x22
#define PREF_BASE	0x24
#define PREF_LIMIT	0x26
#define BRIDGE_CONTROL	0x3e

static const struct pci_host_ops grackle_ops;

struct grackle *grackle_of(struct vm *vm)
{
	if (!vm->pci || vm->pci->ops != &grackle_ops)
		return NULL;
	return (struct grackle *)((char *)vm->pci - offsetof(struct grackle, host));
}

static struct grackle *grackle_from_host(struct pci_host *h)
{
	return (struct grackle *)((char *)h - offsetof(struct grackle, host));
}

/* --- the bridges' own config spaces ------------------------------------ */

/* A bridge's own function: the header, memory space and bus master on
 * (the firmware enabled both). */
static void header(struct pci_cfgspace *c, const char *name, uint32_t vendor, uint32_t device,
		   uint32_t rev, uint32_t class_code)
{
	pci_cfgspace_init(c, name, (uint16_t)vendor, (uint16_t)device, (uint8_t)rev, class_code);
	le16_store(c->cfg + PCI_COMMAND, 0x0006);
}

static void init_host_fn(struct grackle *g)
{
	const struct grackle_params *p = &g->p;
	struct pci_cfgspace *c = &g->self;

	header(c, "grackle", p->host_vendor, p->host_device, p->host_rev, p->host_class);
	/* 0x40-0xff: the MPC106's own registers (memory controller, PICRs),
	 * kept as written: nothing here depends on them. */
	memset(c->wmask + 0x40, 0xff, PCI_CFG_SIZE - 0x40);
}

static void init_p2p_fn(struct grackle *g)
{
	const struct grackle_params *p = &g->p;
	struct pci_cfgspace *c = &g->p2p;
	uint32_t mem_end = p->p2p_mem_base + p->p2p_mem_size - 1;
	uint32_t io_end = p->p2p_io_base + p->p2p_io_size - 1;

	header(c, "pci-bridge", p->p2p_vendor, p->p2p_device, p->p2p_rev, 0x060400);
	le16_store(c->cfg + PCI_COMMAND, 0x0007);
	c->cfg[HEADER_TYPE] = 0x01;
	c->cfg[PRIMARY_BUS] = 0;
	c->cfg[SECONDARY_BUS] = (uint8_t)p->p2p_bus;
	c->cfg[SUBORDINATE_BUS] = (uint8_t)p->p2p_bus;
	/* windows: I/O in 4 KiB units (16-bit decode), memory in 1 MiB */
	c->cfg[IO_BASE] = (uint8_t)((p->p2p_io_base >> 8) & 0xf0);
	c->cfg[IO_LIMIT] = (uint8_t)((io_end >> 8) & 0xf0);
	le16_store(c->cfg + MEM_BASE, (uint16_t)((p->p2p_mem_base >> 16) & 0xfff0));
	le16_store(c->cfg + MEM_LIMIT, (uint16_t)((mem_end >> 16) & 0xfff0));
	/* no prefetchable window: base above limit */
	le16_store(c->cfg + PREF_BASE, 0xfff0);
	le16_store(c->cfg + PREF_LIMIT, 0x0000);

	c->wmask[PRIMARY_BUS] = c->wmask[SECONDARY_BUS] = c->wmask[SUBORDINATE_BUS] = 0xff;
	c->wmask[SEC_LATENCY] = 0xff;
	c->wmask[IO_BASE] = c->wmask[IO_LIMIT] = 0xf0;
	le16_store(c->wmask + MEM_BASE, 0xfff0);
	le16_store(c->wmask + MEM_LIMIT, 0xfff0);
	le16_store(c->wmask + PREF_BASE, 0xfff0);
	le16_store(c->wmask + PREF_LIMIT, 0xfff0);
	c->wmask[PCI_INTERRUPT_LINE] = 0xff;
	le16_store(c->wmask + BRIDGE_CONTROL, 0x0fff);
}

/* The bus-address range the PCI-to-PCI bridge forwards to its secondary
 * bus: [*lo, *hi), empty while it does not decode memory.  Caller holds
 * g->lock. */
static void p2p_window(struct grackle *g, uint64_t *lo, uint64_t *hi)
{
	const uint8_t *c = g->p2p.cfg;
	uint64_t base = (uint64_t)(le16_load(c + MEM_BASE) & 0xfff0) << 16;
	uint64_t limit = ((uint64_t)(le16_load(c + MEM_LIMIT) & 0xfff0) << 16) | 0xfffff;

	*lo = *hi = 0;
	if (!(le16_load(c + PCI_COMMAND) & PCI_COMMAND_MEMORY) || limit < base)
		return;
	*lo = base;
	*hi = limit + 1;
}

/* Caller holds g->lock; after realize only. */
static void update_bars(struct grackle *g, struct pci_function *fn)
{
	uint64_t lo, hi;

	if (!g->vm)
		return;
	p2p_window(g, &lo, &hi);
	pci_update_bars(g->vm, fn, lo, hi, 0);
}

static void update_all_bars(struct grackle *g)
{
	int d;

	for (d = 0; d < PCI_MAX_DEVS; d++)
		if (g->host.dev[d])
			update_bars(g, g->host.dev[d]);
}

/* --- config cycles ------------------------------------------------------- */

/* The function at bus/devfn, or NULL; *secondary: it is on the bridge's
 * secondary bus (pci_host.dev[]).  Caller holds g->lock. */
static struct pci_function *function_at(struct grackle *g, uint32_t bus, uint32_t devfn,
					bool *secondary)
{
	*secondary = false;
	if (bus == 0) {
		if (devfn == 0)
			return &g->self.fn;
		if (devfn == g->p.p2p_dev << 3)
			return &g->p2p.fn;
		return NULL;
	}
	if (bus == g->p2p.cfg[SECONDARY_BUS]) {
		*secondary = true;
		return (devfn & 7) ? NULL : g->host.dev[devfn >> 3];
	}
	return NULL;	/* no bus there (or behind the secondary) */
}

/* One config access, from a config cycle or RTAS: false when nobody
 * answers.  Caller holds g->lock. */
static bool config_locked(struct grackle *g, uint32_t bus, uint32_t devfn, uint32_t reg,
			  uint32_t len, uint32_t *val, bool is_write)
{
	bool secondary, ok;
	struct pci_function *fn = function_at(g, bus, devfn, &secondary);

	if (!fn)
		return false;
	if (!is_write)
		return fn->ops->cfg_read(fn, reg, len, val);
	ok = fn->ops->cfg_write(fn, reg, len, *val);
	/* A moved BAR, a changed command or bridge window */
	if (ok && secondary)
		update_bars(g, fn);
	else if (ok && fn == &g->p2p.fn)
		update_all_bars(g);
	return ok;
}

void grackle_cfg_addr_access(struct grackle *g, uint64_t off, uint8_t *data, uint32_t len,
			     bool is_write)
{
	uint8_t r[4];
	uint32_t at = (uint32_t)(off & 3);

	if (len > 4 - at) {
		mmio_ignore(&g->warn, "grackle CONFIG_ADDRESS", off, data, len, is_write, 0xff);
		return;
	}
	pthread_mutex_lock(&g->lock);
	le32_store(r, g->cfg_addr);
	if (is_write) {
		memcpy(r + at, data, len);
		g->cfg_addr = le32_load(r);
	} else {
		memcpy(data, r + at, len);
	}
	pthread_mutex_unlock(&g->lock);
}

void grackle_cfg_data_access(struct grackle *g, uint64_t off, uint8_t *data, uint32_t len,
			     bool is_write)
{
	uint32_t at = (uint32_t)(off & 3), a, val = 0, i;
	bool ok = false;

	if (is_write)
		for (i = 0; i < len && i < 4; i++)
			val |= (uint32_t)data[i] << (8 * i);
	pthread_mutex_lock(&g->lock);
	a = g->cfg_addr;
	if ((a & CFG_ENABLE) && len <= 4 - at)
		ok = config_locked(g, (a >> 16) & 0xff, (a >> 8) & 0xff, (a & 0xfc) + at, len,
				   &val, is_write);
	pthread_mutex_unlock(&g->lock);
	if (is_write)
		return;
	if (ok)
		for (i = 0; i < len; i++)
			data[i] = (uint8_t)(val >> (8 * i));
	else
		memset(data, 0xff, len);	/* nobody answered: all ones */
}

static void cfg_addr_mmio(struct vcpu *vcpu, void *opaque, uint64_t off, uint8_t *data,
			  uint32_t len, bool is_write)
{
	(void)vcpu;
	grackle_cfg_addr_access(opaque, off, data, len, is_write);
}

static void cfg_data_mmio(struct vcpu *vcpu, void *opaque, uint64_t off, uint8_t *data,
			  uint32_t len, bool is_write)
{
	(void)vcpu;
	grackle_cfg_data_access(opaque, off, data, len, is_write);
}

/* --- pci_host ------------------------------------------------------------- */

static int grackle_attach(struct pci_host *h, int devno, struct pci_function *fn)
{
	struct grackle *g = grackle_from_host(h);
	uint64_t at = g->next_bar;
	int i;

	(void)devno;
	for (i = 0; i < PCI_NR_BARS; i++) {
		uint64_t size = fn->bar[i].size;

		if (!size)
			continue;
		if (fn->bar_bus[i]) {
			/* already placed (mac-io: the firmware's fixed address) */
			pci_set_bar(fn, i, fn->bar_bus[i]);
			continue;
		}
		at = (at + size - 1) & ~(size - 1);
		if (size > g->p.bar_limit - at || at >= g->p.bar_limit)
			return -1;
		pci_set_bar(fn, i, at);
		at += size;
	}
	g->next_bar = (uint32_t)at;
	return 0;
}

static int grackle_realize(struct pci_host *h, struct vm *vm, int devno, struct pci_function *fn)
{
	struct grackle *g = grackle_from_host(h);
	uint64_t lo, hi;
	uint16_t cmd;
	int i;

	g->vm = vm;
	if (fn->irq_pin && g->p.slot_irq[devno] != GRACKLE_NO_IRQ)
		irq_connect(&fn->irq, g->p.pic, g->p.pic_opaque, g->p.slot_irq[devno]);
	/* The firmware enables memory decoding of what it assigned, as Open
	 * Firmware does before a client runs. */
	cmd = (uint16_t)pci_cfg_read(fn, PCI_COMMAND, 2);
	fn->ops->cfg_write(fn, PCI_COMMAND, 2, cmd | PCI_COMMAND_MEMORY);
	pthread_mutex_lock(&g->lock);
	p2p_window(g, &lo, &hi);
	for (i = 0; i < PCI_NR_BARS; i++) {
		if (fn->bar[i].size && (fn->bar_bus[i] < lo || fn->bar_bus[i] >= hi)) {
			pthread_mutex_unlock(&g->lock);
			pr_err("%s: BAR%d at 0x%llx is outside the PCI bridge's window", fn->name,
			       i, (unsigned long long)fn->bar_bus[i]);
			return -1;
		}
		if (fn->bar[i].size && pci_map_bar(vm, fn, i, fn->bar_bus[i])) {
			pthread_mutex_unlock(&g->lock);
			return -1;
		}
	}
	pthread_mutex_unlock(&g->lock);
	return 0;
}

/* The tree's /pci (fdt/fdt_powermac_pci.c) describes the platform;
 * nothing is added here. */
static int grackle_fdt(struct pci_host *h, void *fdt)
{
	(void)h;
	(void)fdt;
	return 0;
}

static bool grackle_config(struct pci_host *h, uint32_t bus, uint32_t devfn, uint32_t reg,
			   uint32_t len, uint32_t *val, bool is_write)
{
	struct grackle *g = grackle_from_host(h);
	bool ok;

	pthread_mutex_lock(&g->lock);
	ok = config_locked(g, bus, devfn, reg, len, val, is_write);
	pthread_mutex_unlock(&g->lock);
	return ok;
}

static const struct pci_host_ops grackle_ops = {
	.config = grackle_config,
	.attach = grackle_attach,
	.realize = grackle_realize,
	.fdt = grackle_fdt,
};

void grackle_init(struct grackle *g, const struct grackle_params *p)
{
	memset(g, 0, sizeof(*g));
	pci_host_init(&g->host, &grackle_ops);
	g->p = *p;
	pthread_mutex_init(&g->lock, NULL);
	g->next_bar = p->bar_base;
	ratelimit_init(&g->warn, "grackle: bad accesses", 4);
	init_host_fn(g);
	init_p2p_fn(g);
}

int grackle_map(struct vm *vm, struct grackle *g)
{
	struct mmio_region a = {
		.name = "grackle-config-address", .base = g->p.cfg_addr, .size = CFG_ADDR_SIZE,
		.access = cfg_addr_mmio, .opaque = g,
	};
	struct mmio_region d = {
		.name = "grackle-config-data", .base = g->p.cfg_data, .size = CFG_DATA_SIZE,
		.access = cfg_data_mmio, .opaque = g,
	};

	g->vm = vm;
	if (mmio_register(vm, &a) || mmio_register(vm, &d)) {
		pr_err("grackle: cannot map its registers");
		return -1;
	}
	return 0;
}
