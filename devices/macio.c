// SPDX-License-Identifier: GPL-2.0
/* mac-io: config space, BAR routing to its children, feature control (macio.h). */
#include "macio.h"

#include <stddef.h>
#include <string.h>

#include "../vmm/le.h"
#include "../vmm/mmio.h"
#include "../vmm/pci_cfgspace.h"

_Static_assert(offsetof(struct macio, cs) == 0, "macio.cs");

static struct macio *macio_of(struct pci_function *fn)
{
	return (struct macio *)fn;
}

static bool cfg_read(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t *val)
{
	struct macio *m = macio_of(fn);
	bool ok;

	pthread_mutex_lock(&m->lock);
	ok = pci_cfgspace_read(&m->cs, off, len, val);
	pthread_mutex_unlock(&m->lock);
	return ok;
}

static bool cfg_write(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t val)
{
	struct macio *m = macio_of(fn);
	bool ok;

	pthread_mutex_lock(&m->lock);
	ok = pci_cfgspace_write(&m->cs, off, len, val);
	pthread_mutex_unlock(&m->lock);
	return ok;
}

static void fcr_access(struct macio *m, uint32_t off, uint8_t *data, uint32_t len,
		       bool is_write)
{
	pthread_mutex_lock(&m->lock);
	if (is_write)
		memcpy(m->fcr + off, data, len);
	else
		memcpy(data, m->fcr + off, len);
	pthread_mutex_unlock(&m->lock);
}

static void bar_access(struct pci_function *fn, int bar, uint64_t off, uint8_t *data,
		       uint32_t len, bool is_write)
{
	struct macio *m = macio_of(fn);
	int i;

	(void)bar;	/* BAR0 is the only one */
	if (off >= MACIO_FCR_OFFSET && off - MACIO_FCR_OFFSET + len <= MACIO_FCR_SIZE) {
		fcr_access(m, (uint32_t)(off - MACIO_FCR_OFFSET), data, len, is_write);
		return;
	}
	for (i = 0; i < m->nr_children; i++) {
		const struct macio_child *c = &m->child[i];

		if (off >= c->offset && off - c->offset < c->size &&
		    len <= c->size - (off - c->offset)) {
			c->access(c->opaque, (uint32_t)(off - c->offset), data, len, is_write);
			return;
		}
	}
	/* no device there: as on an empty bus */
	mmio_ignore(&m->warn, "mac-io", off, data, len, is_write, 0xff);
}

static const struct pci_function_ops macio_fn_ops = {
	.cfg_read = cfg_read,
	.cfg_write = cfg_write,
	.bar_access = bar_access,
};

void macio_init(struct macio *m, uint16_t vendor, uint16_t device, uint8_t rev,
		uint32_t class_code, uint32_t bar_size, uint32_t bar_bus)
{
	/* MOL gc.c: the FCR words as its big-endian host held them */
	static const uint8_t fcr[MACIO_FCR_SIZE] = {
		0x00, 0x00, 0xff, 0x00, 0x39, 0x10, 0x70, 0xf0,
		0x61, 0xbe, 0xff, 0xfb, 0x00, 0x00, 0x00, 0x00,
	};

	memset(m, 0, sizeof(*m));
	pci_cfgspace_init(&m->cs, "mac-io", vendor, device, rev, class_code);
	pthread_mutex_init(&m->lock, NULL);
	m->cs.fn.ops = &macio_fn_ops;
	m->cs.fn.bar[0].size = bar_size;
	m->cs.fn.irq_pin = 0;		/* its children have their own lines */
	memcpy(m->fcr, fcr, sizeof(fcr));
	ratelimit_init(&m->warn, "mac-io: accesses to no device", 8);

	/* memory space and bus master, as the firmware left it */
	le16_store(m->cs.cfg + PCI_COMMAND, 0x0006);
	le32_store(m->cs.cfg + PCI_BAR0, bar_bus);
	m->cs.fn.bar_bus[0] = bar_bus;
	le32_store(m->cs.wmask + PCI_BAR0, ~(bar_size - 1));
	m->cs.wmask[PCI_INTERRUPT_LINE] = 0xff;
}

int macio_attach(struct macio *m, const struct macio_child *c)
{
	uint64_t end = (uint64_t)c->offset + c->size;
	int i;

	if (m->nr_children == MACIO_MAX_CHILDREN || !c->size || end > m->cs.fn.bar[0].size)
		return -1;
	if (c->offset < MACIO_FCR_OFFSET + MACIO_FCR_SIZE && MACIO_FCR_OFFSET < end)
		return -1;
	for (i = 0; i < m->nr_children; i++)
		if (c->offset < m->child[i].offset + m->child[i].size &&
		    m->child[i].offset < end)
			return -1;
	m->child[m->nr_children++] = *c;
	return 0;
}
