// SPDX-License-Identifier: GPL-2.0
/* The 64-bit guests' virtio-pci driver (virtio64.h). */
#include "guest.h"
#include "virtio64.h"

void vdev_reset(struct vdev *d)
{
	mmio_w8(d->bar + VC_STATUS, 0);
}

unsigned int vdev_status(struct vdev *d)
{
	return mmio_r8(d->bar + VC_STATUS);
}

int vdev_begin(struct vdev *d)
{
	vdev_reset(d);
	mmio_w8(d->bar + VC_STATUS, VS_ACK);
	mmio_w8(d->bar + VC_STATUS, VS_ACK | VS_DRIVER);
	mmio_w32(d->bar + VC_GFSELECT, 1);
	mmio_w32(d->bar + VC_GF, 1);		/* VIRTIO_F_VERSION_1 (bit 32) */
	mmio_w32(d->bar + VC_GFSELECT, 0);
	mmio_w32(d->bar + VC_GF, 0);
	mmio_w8(d->bar + VC_STATUS, VS_ACK | VS_DRIVER | VS_FEATURES_OK);
	return (vdev_status(d) & VS_FEATURES_OK) != 0;
}

void vq_setup(struct vdev *d, unsigned int qi, struct vring *r)
{
	memset((void *)r->desc, 0, 16 * r->size);
	memset((void *)r->avail, 0, 4 + 2 * r->size);
	memset((void *)r->used, 0, 4 + 8 * r->size);
	r->avail_idx = 0;
	mb();
	mmio_w16(d->bar + VC_QSELECT, qi);
	mmio_w16(d->bar + VC_QSIZE, r->size);
	mmio_w32(d->bar + VC_QDESC, (unsigned int)r->desc);
	mmio_w32(d->bar + VC_QDESC + 4, (unsigned int)(r->desc >> 32));
	mmio_w32(d->bar + VC_QAVAIL, (unsigned int)r->avail);
	mmio_w32(d->bar + VC_QAVAIL + 4, (unsigned int)(r->avail >> 32));
	mmio_w32(d->bar + VC_QUSED, (unsigned int)r->used);
	mmio_w32(d->bar + VC_QUSED + 4, (unsigned int)(r->used >> 32));
	mmio_w16(d->bar + VC_QENABLE, 1);
}

void vdev_driver_ok(struct vdev *d)
{
	mmio_w8(d->bar + VC_STATUS, VS_ACK | VS_DRIVER | VS_FEATURES_OK | VS_DRIVER_OK);
}

void vq_desc(struct vring *r, unsigned int i, unsigned long addr, unsigned int len,
	     unsigned int flags, unsigned int next)
{
	unsigned long p = r->desc + 16 * (unsigned long)(i % r->size);

	st_le64(p, addr);
	st_le32(p + 8, len);
	st_le16(p + 12, flags);
	st_le16(p + 14, next);
}

void vq_publish(struct vring *r, unsigned int head)
{
	st_le16(r->avail + 4 + 2 * (unsigned long)(r->avail_idx % r->size), head);
	mb();			/* the entry before the index that covers it */
	r->avail_idx++;
	st_le16(r->avail + 2, r->avail_idx);
	mb();
}

void vq_kick(struct vdev *d, unsigned int qi)
{
	mmio_w16(d->bar + V_NOTIFY + V_NOTIFY_MULT * (unsigned long)qi, qi);
}

unsigned int vq_used_idx(struct vring *r)
{
	mb();
	return ld_le16(r->used + 2);
}
