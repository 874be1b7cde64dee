// SPDX-License-Identifier: GPL-2.0
/* Config-space-only PCI functions (pci_cfgspace.h). */
#include "pci_cfgspace.h"

#include <stddef.h>
#include <string.h>

#include "le.h"

/* Type 0 header (PCI Local Bus 3.0, 6.1) */
#define CACHE_LINE	0x0c
#define LATENCY		0x0d

_Static_assert(offsetof(struct pci_cfgspace, fn) == 0, "pci_cfgspace.fn");

bool pci_cfg_ok(uint32_t off, uint32_t len)
{
	return (len == 1 || len == 2 || len == 4) && off < PCI_CFG_SIZE &&
	       len <= PCI_CFG_SIZE - off && !(off & (len - 1));
}

bool pci_cfgspace_read(struct pci_cfgspace *c, uint32_t off, uint32_t len, uint32_t *val)
{
	uint32_t v = 0, i;

	if (!pci_cfg_ok(off, len))
		return false;
	for (i = 0; i < len; i++)
		v |= (uint32_t)c->cfg[off + i] << (8 * i);
	*val = v;
	return true;
}

bool pci_cfgspace_write(struct pci_cfgspace *c, uint32_t off, uint32_t len, uint32_t val)
{
	uint32_t i;

	if (!pci_cfg_ok(off, len))
		return false;
	for (i = 0; i < len; i++) {
		uint8_t mask = c->wmask[off + i], b = (uint8_t)(val >> (8 * i));

		c->cfg[off + i] = (uint8_t)((c->cfg[off + i] & ~mask) | (b & mask));
	}
	return true;
}

static bool cfgspace_read(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t *val)
{
	return pci_cfgspace_read((struct pci_cfgspace *)fn, off, len, val);
}

static bool cfgspace_write(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t val)
{
	return pci_cfgspace_write((struct pci_cfgspace *)fn, off, len, val);
}

/* No BARs of its own: nothing reaches here */
static void no_bar(struct pci_function *fn, int bar, uint64_t off, uint8_t *data, uint32_t len,
		   bool is_write)
{
	(void)fn, (void)bar, (void)off, (void)data, (void)len, (void)is_write;
}

static const struct pci_function_ops cfgspace_ops = {
	.cfg_read = cfgspace_read,
	.cfg_write = cfgspace_write,
	.bar_access = no_bar,
};

void pci_cfgspace_init(struct pci_cfgspace *c, const char *name, uint16_t vendor,
		       uint16_t device, uint8_t rev, uint32_t class_code)
{
	memset(c, 0, sizeof(*c));
	c->fn.name = name;
	c->fn.ops = &cfgspace_ops;
	le16_store(c->cfg + PCI_VENDOR_ID, vendor);
	le16_store(c->cfg + PCI_DEVICE_ID, device);
	c->cfg[PCI_REVISION_ID] = rev;
	c->cfg[PCI_CLASS_PROG] = (uint8_t)class_code;
	c->cfg[PCI_CLASS_PROG + 1] = (uint8_t)(class_code >> 8);
	c->cfg[PCI_CLASS_PROG + 2] = (uint8_t)(class_code >> 16);
	c->wmask[PCI_COMMAND] = 0x07;
	c->wmask[CACHE_LINE] = 0xff;
	c->wmask[LATENCY] = 0xff;
}
