/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio-blk (virtio 1.1, section 5.2) on a raw image file.  Requests are
 * served by an I/O thread per disk (virtio_blk_start), so a vCPU's kick
 * only wakes it; without that thread they run on the kicking thread.
 * A write has reached the image file (the host page cache) when the guest
 * sees it complete; a guest flush, and molvm's exit, fdatasync() it.
 * A read-only drive fails every write with VIRTIO_BLK_S_IOERR.
 */
#ifndef MOLVM_VIRTIO_BLK_H
#define MOLVM_VIRTIO_BLK_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "virtio_pci.h"

#define VIRTIO_ID_BLOCK		2

/* Request types and status (virtio 1.1, 5.2.6) */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_T_GET_ID	8
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

/* Feature bits (virtio 1.1, 5.2.3) */
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_FLUSH	9

#define VIRTIO_BLK_SECTOR	512

struct virtio_blk {
	struct virtio_pci vp;
	int fd;
	uint64_t size;		/* bytes; capacity = size / 512 */
	bool readonly;
	char serial[20];	/* GET_ID answer */
	struct virtq_chain chain;	/* the request in progress */
	/* the I/O thread (io.idle: the unlocked request ended); kick is
	 * under vp.lock */
	struct image_worker io;
	bool kick;
	bool busy;		/* a request is in the file I/O, lock dropped */
};

extern const struct virtio_dev_ops virtio_blk_ops;
/* One per -drive (vmm/pci_devices.h) */
extern const struct pci_device_kind virtio_blk_kind;

/* Open the image (vp is left alone).  Returns 0, or -1 with a message
 * in err. */
int virtio_blk_open(struct virtio_blk *b, const char *path, bool readonly,
		    char *err, size_t errlen);
/* Start the I/O thread.  Returns 0, or -1 with a message in err. */
int virtio_blk_start(struct virtio_blk *b, const atomic_bool *vm_stopping, char *err,
		     size_t errlen);
/* Stop the I/O thread (finishing the request in hand), fdatasync and
 * close (idempotent). */
void virtio_blk_close(struct virtio_blk *b);

#endif
