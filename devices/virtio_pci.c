// SPDX-License-Identifier: GPL-2.0
/* virtio 1.x over PCI: config space, BAR0 registers, INTx. */
#include "virtio_pci.h"

#include <stddef.h>
#include <string.h>

#include "../vmm/le.h"
#include "../vmm/log.h"

/* PCI status bits (PCI Local Bus 3.0, 6.2.3) */
#define PCI_STATUS_INTERRUPT	0x08
#define PCI_STATUS_CAP_LIST	0x10
/* I/O space, memory space, bus master; INTx disable in the high byte */
#define PCI_COMMAND_WMASK_LO	0x07
#define PCI_COMMAND_WMASK_HI	0x04

/* virtio_pci_cap (virtio 1.1, 4.1.4): vendor capability 0x09 */
#define PCI_CAP_ID_VNDR		0x09
#define VIRTIO_PCI_CAP_COMMON_CFG	1
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2
#define VIRTIO_PCI_CAP_ISR_CFG		3
#define VIRTIO_PCI_CAP_DEVICE_CFG	4
#define VIRTIO_MSI_NO_VECTOR		0xffff

/* virtio_pci_common_cfg fields (virtio 1.1, 4.1.4.3) */
enum common_field {
	CF_DFSELECT, CF_DF, CF_GFSELECT, CF_GF, CF_MSIX, CF_NUMQ, CF_STATUS, CF_CFGGEN,
	CF_QSELECT, CF_QSIZE, CF_QMSIX, CF_QENABLE, CF_QNOTIFYOFF, CF_QDESC, CF_QAVAIL,
	CF_QUSED, CF_NR
};

static const struct { uint8_t off, size; } common_fields[CF_NR] = {
	[CF_DFSELECT] = { 0x00, 4 }, [CF_DF] = { 0x04, 4 }, [CF_GFSELECT] = { 0x08, 4 },
	[CF_GF] = { 0x0c, 4 }, [CF_MSIX] = { 0x10, 2 }, [CF_NUMQ] = { 0x12, 2 },
	[CF_STATUS] = { 0x14, 1 }, [CF_CFGGEN] = { 0x15, 1 }, [CF_QSELECT] = { 0x16, 2 },
	[CF_QSIZE] = { 0x18, 2 }, [CF_QMSIX] = { 0x1a, 2 }, [CF_QENABLE] = { 0x1c, 2 },
	[CF_QNOTIFYOFF] = { 0x1e, 2 }, [CF_QDESC] = { 0x20, 8 }, [CF_QAVAIL] = { 0x28, 8 },
	[CF_QUSED] = { 0x30, 8 },
};

static void add_cap(struct virtio_pci *vp, uint8_t at, uint8_t next, uint8_t type,
		    uint32_t offset, uint32_t length, uint8_t cap_len)
{
	uint8_t *c = vp->cfg + at;

	c[0] = PCI_CAP_ID_VNDR;
	c[1] = next;
	c[2] = cap_len;
	c[3] = type;
	c[4] = 0;		/* BAR0 */
	le32_store(c + 8, offset);
	le32_store(c + 12, length);
}

static void build_config_space(struct virtio_pci *vp)
{
	const struct virtio_dev_ops *ops = vp->ops;
	uint32_t bar_mask = ~(uint32_t)(VIRTIO_PCI_BAR_SIZE - 1);

	memset(vp->cfg, 0, sizeof(vp->cfg));
	memset(vp->wmask, 0, sizeof(vp->wmask));
	le16_store(vp->cfg + PCI_VENDOR_ID, VIRTIO_PCI_VENDOR);
	le16_store(vp->cfg + PCI_DEVICE_ID, (uint16_t)(VIRTIO_PCI_DEVICE_BASE + ops->virtio_id));
	le16_store(vp->cfg + PCI_STATUS, PCI_STATUS_CAP_LIST);
	vp->cfg[PCI_REVISION_ID] = 1;	/* modern-only devices: revision >= 1 (4.1.2.1) */
	vp->cfg[PCI_CLASS_PROG] = (uint8_t)ops->class_code;
	vp->cfg[PCI_CLASS_PROG + 1] = (uint8_t)(ops->class_code >> 8);
	vp->cfg[PCI_CLASS_PROG + 2] = (uint8_t)(ops->class_code >> 16);
	/* BAR0: a 32-bit memory BAR, at 0 until the bridge places it */
	le16_store(vp->cfg + PCI_SUBSYSTEM_VENDOR_ID, VIRTIO_PCI_VENDOR);
	le16_store(vp->cfg + PCI_SUBSYSTEM_ID, ops->virtio_id);
	vp->cfg[PCI_CAPABILITY_LIST] = 0x40;
	vp->cfg[PCI_INTERRUPT_PIN] = vp->fn.irq_pin;

	add_cap(vp, 0x40, 0x50, VIRTIO_PCI_CAP_COMMON_CFG, VIRTIO_PCI_COMMON_OFF,
		VIRTIO_PCI_COMMON_LEN, 16);
	add_cap(vp, 0x50, 0x60, VIRTIO_PCI_CAP_ISR_CFG, VIRTIO_PCI_ISR_OFF, 1, 16);
	add_cap(vp, 0x60, 0x70, VIRTIO_PCI_CAP_DEVICE_CFG, VIRTIO_PCI_DEVCFG_OFF,
		ops->config_len, 16);
	add_cap(vp, 0x70, 0x00, VIRTIO_PCI_CAP_NOTIFY_CFG, VIRTIO_PCI_NOTIFY_OFF,
		VIRTIO_PCI_NOTIFY_MULT * (uint32_t)ops->num_queues, 20);
	le32_store(vp->cfg + 0x70 + 16, VIRTIO_PCI_NOTIFY_MULT);

	vp->wmask[PCI_COMMAND] = PCI_COMMAND_WMASK_LO;
	vp->wmask[PCI_COMMAND + 1] = PCI_COMMAND_WMASK_HI;
	le32_store(vp->wmask + PCI_BAR0, bar_mask);
	vp->wmask[PCI_INTERRUPT_LINE] = 0xff;
}

static void update_irq(struct virtio_pci *vp)
{
	int level = vp->isr != 0;

	if (level == vp->irq_level)
		return;
	vp->irq_level = level;
	if (level)
		vp->cfg[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
	else
		vp->cfg[PCI_STATUS] &= (uint8_t)~PCI_STATUS_INTERRUPT;
	irq_set_level(&vp->fn.irq, level);
}

static void device_reset(struct virtio_pci *vp)
{
	int i;

	vp->dfselect = vp->gfselect = 0;
	vp->driver_features = 0;
	vp->status = 0;
	vp->queue_select = 0;
	for (i = 0; i < VIRTIO_PCI_MAX_QUEUES; i++) {
		virtq_reset(&vp->vq[i]);
		vp->vq[i].size = VIRTQ_MAX_SIZE;
	}
	vp->isr = 0;
	vp->generation++;
	update_irq(vp);
	if (vp->ops->reset)
		vp->ops->reset(vp->dev);
}

/* fn is the first member: a function's address is its device's. */
_Static_assert(offsetof(struct virtio_pci, fn) == 0, "virtio_pci.fn");

static bool fn_cfg_read(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t *val)
{
	return virtio_pci_cfg_read(virtio_pci_of(fn), off, len, val);
}

static bool fn_cfg_write(struct pci_function *fn, uint32_t off, uint32_t len, uint32_t val)
{
	return virtio_pci_cfg_write(virtio_pci_of(fn), off, len, val);
}

static void fn_bar_access(struct pci_function *fn, int bar, uint64_t off, uint8_t *data,
			  uint32_t len, bool is_write)
{
	(void)bar;	/* BAR0 is the only one */
	virtio_pci_bar_access(virtio_pci_of(fn), off, data, len, is_write);
}

static const struct pci_function_ops virtio_pci_fn_ops = {
	.cfg_read = fn_cfg_read,
	.cfg_write = fn_cfg_write,
	.bar_access = fn_bar_access,
};

void virtio_pci_init(struct virtio_pci *vp, const struct virtio_dev_ops *ops, void *dev,
		     const struct guest_mem *mem)
{
	memset(vp, 0, sizeof(*vp));
	vp->fn.name = ops->name;
	vp->fn.ops = &virtio_pci_fn_ops;
	vp->fn.bar[0].size = VIRTIO_PCI_BAR_SIZE;
	vp->fn.irq_pin = 1;		/* INTA# */
	pthread_mutex_init(&vp->lock, NULL);
	vp->ops = ops;
	vp->dev = dev;
	vp->mem = mem;
	ratelimit_init(&vp->warn, ops->name, 4);
	build_config_space(vp);
	device_reset(vp);
}

void virtio_pci_exit(struct virtio_pci *vp)
{
	ratelimit_summary(&vp->warn);
}

void virtio_pci_lock(struct virtio_pci *vp)
{
	pthread_mutex_lock(&vp->lock);
}

void virtio_pci_unlock(struct virtio_pci *vp)
{
	pthread_mutex_unlock(&vp->lock);
}

static bool cfg_access_ok(uint32_t off, uint32_t len)
{
	return (len == 1 || len == 2 || len == 4) && off < VIRTIO_PCI_CFG_SIZE &&
	       off + len <= VIRTIO_PCI_CFG_SIZE && !(off & (len - 1));
}

bool virtio_pci_cfg_read(struct virtio_pci *vp, uint32_t off, uint32_t len, uint32_t *val)
{
	uint32_t v = 0, i;

	if (!cfg_access_ok(off, len))
		return false;
	virtio_pci_lock(vp);
	for (i = 0; i < len; i++)
		v |= (uint32_t)vp->cfg[off + i] << (8 * i);
	virtio_pci_unlock(vp);
	*val = v;
	return true;
}

bool virtio_pci_cfg_write(struct virtio_pci *vp, uint32_t off, uint32_t len, uint32_t val)
{
	uint32_t i;

	if (!cfg_access_ok(off, len))
		return false;
	virtio_pci_lock(vp);
	for (i = 0; i < len; i++) {
		uint8_t b = (uint8_t)(val >> (8 * i)), m = vp->wmask[off + i];

		vp->cfg[off + i] = (uint8_t)((vp->cfg[off + i] & ~m) | (b & m));
	}
	virtio_pci_unlock(vp);
	return true;
}

static struct virtq *selected_queue(struct virtio_pci *vp)
{
	return vp->queue_select < vp->ops->num_queues ? &vp->vq[vp->queue_select] : NULL;
}

static uint64_t offered_features(struct virtio_pci *vp)
{
	return vp->ops->features(vp->dev) | (1ULL << VIRTIO_F_VERSION_1);
}

static uint64_t common_get(struct virtio_pci *vp, enum common_field f)
{
	struct virtq *q = selected_queue(vp);

	switch (f) {
	case CF_DFSELECT: return vp->dfselect;
	case CF_DF:
		return vp->dfselect < 2 ? (uint32_t)(offered_features(vp) >> (32 * vp->dfselect)) : 0;
	case CF_GFSELECT: return vp->gfselect;
	case CF_GF:
		return vp->gfselect < 2 ? (uint32_t)(vp->driver_features >> (32 * vp->gfselect)) : 0;
	case CF_MSIX: return VIRTIO_MSI_NO_VECTOR;
	case CF_NUMQ: return vp->ops->num_queues;
	case CF_STATUS: return vp->status;
	case CF_CFGGEN: return vp->config_generation;
	case CF_QSELECT: return vp->queue_select;
	case CF_QSIZE: return q ? q->size : 0;
	case CF_QMSIX: return VIRTIO_MSI_NO_VECTOR;
	case CF_QENABLE: return q ? q->enabled : 0;
	case CF_QNOTIFYOFF: return q ? vp->queue_select : 0;
	case CF_QDESC: return q ? q->desc : 0;
	case CF_QAVAIL: return q ? q->avail : 0;
	case CF_QUSED: return q ? q->used : 0;
	default: return 0;
	}
}

static void write_status(struct virtio_pci *vp, uint8_t val)
{
	uint64_t offered = offered_features(vp);

	if (val == 0) {
		device_reset(vp);
		return;
	}
	/* FEATURES_OK sticks only for a subset of the offer that includes
	 * VERSION_1: the driver reads it back (virtio 1.1, 3.1.1 step 6). */
	if ((val & VIRTIO_STATUS_FEATURES_OK) && !(vp->status & VIRTIO_STATUS_FEATURES_OK) &&
	    ((vp->driver_features & ~offered) ||
	     !(vp->driver_features & (1ULL << VIRTIO_F_VERSION_1))))
		val &= (uint8_t)~VIRTIO_STATUS_FEATURES_OK;
	vp->status = val;
}

static void common_set(struct virtio_pci *vp, enum common_field f, uint64_t v)
{
	struct virtq *q = selected_queue(vp);
	bool q_writable = q && !q->enabled;

	switch (f) {
	case CF_DFSELECT: vp->dfselect = (uint32_t)v; break;
	case CF_GFSELECT: vp->gfselect = (uint32_t)v; break;
	case CF_GF:
		if (vp->gfselect < 2 && !(vp->status & VIRTIO_STATUS_FEATURES_OK)) {
			unsigned int shift = 32 * vp->gfselect;

			vp->driver_features &= ~(0xffffffffULL << shift);
			vp->driver_features |= (v & 0xffffffffULL) << shift;
		}
		break;
	case CF_STATUS: write_status(vp, (uint8_t)v); break;
	case CF_QSELECT: vp->queue_select = (uint16_t)v; break;
	case CF_QSIZE:
		/* Split rings: a power of two up to the maximum offered. */
		if (q_writable && v && v <= VIRTQ_MAX_SIZE && !(v & (v - 1)))
			q->size = (uint16_t)v;
		break;
	case CF_QENABLE:
		if (q && v == 1 && !q->enabled) {
			q->enabled = true;
			q->last_avail = q->used_idx = 0;
		}
		break;
	case CF_QDESC: if (q_writable) q->desc = v; break;
	case CF_QAVAIL: if (q_writable) q->avail = v; break;
	case CF_QUSED: if (q_writable) q->used = v; break;
	default: break;		/* read-only, or MSI-X (not offered) */
	}
}

/* Accesses may be any width; each byte belongs to one field.  A write
 * that covers part of a field (two 32-bit halves of queue_desc) merges
 * into the field's current value. */
static void common_access(struct virtio_pci *vp, uint32_t off, uint8_t *data, uint32_t len,
			  bool is_write)
{
	int f;

	for (f = 0; f < CF_NR; f++) {
		uint32_t fo = common_fields[f].off, fs = common_fields[f].size, i;
		uint64_t v;
		bool touched = false;

		if (off >= fo + fs || off + len <= fo)
			continue;
		v = common_get(vp, (enum common_field)f);
		for (i = 0; i < len; i++) {
			uint32_t at = off + i;

			if (at < fo || at >= fo + fs)
				continue;
			if (is_write) {
				v &= ~(0xffULL << (8 * (at - fo)));
				v |= (uint64_t)data[i] << (8 * (at - fo));
				touched = true;
			} else {
				data[i] = (uint8_t)(v >> (8 * (at - fo)));
			}
		}
		if (touched)
			common_set(vp, (enum common_field)f, v);
	}
}

void virtio_pci_bar_access(struct virtio_pci *vp, uint64_t off, uint8_t *data,
			   uint32_t len, bool is_write)
{
	const struct virtio_dev_ops *ops = vp->ops;

	if (!is_write)
		memset(data, 0, len);
	virtio_pci_lock(vp);
	if (off < VIRTIO_PCI_COMMON_LEN) {
		common_access(vp, (uint32_t)off, data, len, is_write);
	} else if (off == VIRTIO_PCI_ISR_OFF) {
		/* Reading the ISR acknowledges the interrupt (4.1.4.5). */
		if (!is_write) {
			data[0] = vp->isr;
			vp->isr = 0;
			update_irq(vp);
		}
	} else if (off >= VIRTIO_PCI_DEVCFG_OFF &&
		   off - VIRTIO_PCI_DEVCFG_OFF < ops->config_len &&
		   len <= ops->config_len - (off - VIRTIO_PCI_DEVCFG_OFF)) {
		/* Writable only for devices that say so (virtio-input's select). */
		if (!is_write)
			ops->config_read(vp->dev, (uint32_t)(off - VIRTIO_PCI_DEVCFG_OFF), data, len);
		else if (ops->config_write)
			ops->config_write(vp->dev, (uint32_t)(off - VIRTIO_PCI_DEVCFG_OFF), data, len);
	} else if (off >= VIRTIO_PCI_NOTIFY_OFF &&
		   off < VIRTIO_PCI_NOTIFY_OFF + VIRTIO_PCI_NOTIFY_MULT * (uint64_t)ops->num_queues) {
		uint16_t q = (uint16_t)((off - VIRTIO_PCI_NOTIFY_OFF) / VIRTIO_PCI_NOTIFY_MULT);

		if (is_write && virtio_pci_queue(vp, q))
			ops->notify(vp, vp->dev, q);
	}
	/* Anything else: reads as zero, writes ignored. */
	virtio_pci_unlock(vp);
}

struct virtq *virtio_pci_queue(struct virtio_pci *vp, uint16_t q)
{
	if (q >= vp->ops->num_queues || !(vp->status & VIRTIO_STATUS_DRIVER_OK) ||
	    !vp->vq[q].enabled || vp->vq[q].broken)
		return NULL;
	return &vp->vq[q];
}

int virtio_pci_pop(struct virtio_pci *vp, struct virtq *q, struct virtq_chain *c)
{
	const char *why = "?";
	int r = virtq_pop(vp->mem, q, c, &why);

	if (r < 0) {
		if (ratelimit_allow(&vp->warn))
			pr_err("%s: queue %d: %s; the device needs a reset", vp->ops->name,
			       (int)(q - vp->vq), why);
		/* Tell the driver (virtio 1.1, 2.1.1: DEVICE_NEEDS_RESET plus a
		 * configuration change interrupt). */
		vp->status |= VIRTIO_STATUS_NEEDS_RESET;
		vp->isr |= 2;
		update_irq(vp);
	}
	return r;
}

void virtio_pci_interrupt(struct virtio_pci *vp)
{
	vp->isr |= 1;
	update_irq(vp);
}
