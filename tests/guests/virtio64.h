/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bare virtio 1.x PCI driver for the 64-bit pseries guests: functions
 * found in the device tree, BAR0 reached in real mode (KVM PR turns every
 * access outside RAM into an MMIO exit), split rings in guest RAM.
 * Everything virtio is little-endian (virtio 1.1, 4.1); the guest is
 * big-endian, so values are byte-swapped on the way.
 */
#ifndef GUEST_VIRTIO64_H
#define GUEST_VIRTIO64_H

/* Common configuration (virtio 1.1, 4.1.4.3) and molvm's BAR0 layout
 * (announced by the capabilities; devices/virtio_pci.h). */
#define VC_DFSELECT	0x00
#define VC_DF		0x04
#define VC_GFSELECT	0x08
#define VC_GF		0x0c
#define VC_STATUS	0x14
#define VC_QSELECT	0x16
#define VC_QSIZE	0x18
#define VC_QENABLE	0x1c
#define VC_QDESC	0x20
#define VC_QAVAIL	0x28
#define VC_QUSED	0x30
#define V_ISR		0x1000
#define V_DEVCFG	0x2000
#define V_NOTIFY	0x3000
#define V_NOTIFY_MULT	4

#define VS_ACK		1
#define VS_DRIVER	2
#define VS_DRIVER_OK	4
#define VS_FEATURES_OK	8
#define VS_NEEDS_RESET	0x40

#define VD_NEXT		1
#define VD_WRITE	2
#define VD_INDIRECT	4

struct vdev {
	const char *name;
	unsigned int device_id;		/* 0x1040 + virtio id */
	unsigned long bar;		/* CPU address of BAR0 */
	unsigned int cfg_addr;		/* RTAS config address (bus, devfn) */
	int found;
};

struct vring {
	unsigned long desc, avail, used;
	unsigned int size;
	unsigned short avail_idx;	/* next avail index the driver publishes */
};

/* MMIO: byte-reversed loads and stores give virtio's little-endian. */
static inline void mmio_w8(unsigned long a, unsigned int v)
{
	__asm__ volatile("stb %0,0(%1); eieio" : : "r"(v), "b"(a) : "memory");
}

static inline void mmio_w16(unsigned long a, unsigned int v)
{
	__asm__ volatile("sthbrx %0,0,%1; eieio" : : "r"(v), "r"(a) : "memory");
}

static inline void mmio_w32(unsigned long a, unsigned int v)
{
	__asm__ volatile("stwbrx %0,0,%1; eieio" : : "r"(v), "r"(a) : "memory");
}

static inline unsigned int mmio_r8(unsigned long a)
{
	unsigned int v;

	__asm__ volatile("lbz %0,0(%1); eieio" : "=r"(v) : "b"(a) : "memory");
	return v;
}

/* Guest RAM in little-endian. */
static inline void st_le16(unsigned long a, unsigned int v)
{
	*(volatile unsigned short *)a = __builtin_bswap16((unsigned short)v);
}

static inline void st_le32(unsigned long a, unsigned int v)
{
	*(volatile unsigned int *)a = __builtin_bswap32(v);
}

static inline void st_le64(unsigned long a, unsigned long v)
{
	*(volatile unsigned long *)a = __builtin_bswap64(v);
}

static inline unsigned int ld_le16(unsigned long a)
{
	return __builtin_bswap16(*(volatile unsigned short *)a);
}

static inline unsigned int ld_le32(unsigned long a)
{
	return __builtin_bswap32(*(volatile unsigned int *)a);
}

static inline void mb(void)
{
	__asm__ volatile("sync" : : : "memory");
}

/* Reset, then ACKNOWLEDGE, DRIVER, VERSION_1 and FEATURES_OK; 1 when the
 * device kept FEATURES_OK. */
int vdev_begin(struct vdev *d);
/* Put ring r (memory cleared) on queue qi and enable it. */
void vq_setup(struct vdev *d, unsigned int qi, struct vring *r);
void vdev_driver_ok(struct vdev *d);
void vdev_reset(struct vdev *d);
unsigned int vdev_status(struct vdev *d);

void vq_desc(struct vring *r, unsigned int i, unsigned long addr, unsigned int len,
	     unsigned int flags, unsigned int next);
/* Publish head at the next avail slot (and the index after it). */
void vq_publish(struct vring *r, unsigned int head);
void vq_kick(struct vdev *d, unsigned int qi);
unsigned int vq_used_idx(struct vring *r);

#endif
