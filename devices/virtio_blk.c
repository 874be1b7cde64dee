// SPDX-License-Identifier: GPL-2.0
#include "virtio_blk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../vmm/defer.h"
#include "../vmm/guest_mem.h"
#include "../vmm/le.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "image.h"

/* struct virtio_blk_req header: le32 type, le32 reserved, le64 sector */
#define REQ_HDR_LEN	16
/* struct virtio_blk_config: capacity at 0, seg_max at 12 (5.2.4) */
#define CFG_CAPACITY	0
#define CFG_SEG_MAX	12
#define CFG_LEN		24
/* Each request takes its segments plus header and status descriptors. */
#define SEG_MAX		(VIRTQ_MAX_SIZE - 2)

int virtio_blk_open(struct virtio_blk *b, const char *path, bool readonly,
		    char *err, size_t errlen)
{
	struct image img;

	if (image_open(path, readonly, &img, err, errlen)) {
		b->fd = -1;
		return -1;
	}
	b->fd = img.fd;
	b->size = img.size;
	b->readonly = readonly;
	snprintf(b->serial, sizeof(b->serial), "molvm-%llx", (unsigned long long)img.ino);
	return 0;
}

void virtio_blk_close(struct virtio_blk *b)
{
	image_worker_stop(&b->io, &b->vp.lock);
	if (b->fd < 0)
		return;
	if (!b->readonly)
		fdatasync(b->fd);
	close(b->fd);
	b->fd = -1;
}

static uint64_t blk_features(void *dev)
{
	(void)dev;
	return (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_FLUSH);
}

static void blk_config_read(void *dev, uint32_t off, uint8_t *data, uint32_t len)
{
	struct virtio_blk *b = dev;
	uint8_t cfg[CFG_LEN] = { 0 };

	le64_store(cfg + CFG_CAPACITY, b->size / VIRTIO_BLK_SECTOR);
	le32_store(cfg + CFG_SEG_MAX, SEG_MAX);
	memcpy(data, cfg + off, len);	/* off + len <= CFG_LEN: checked by the transport */
}

/* The part [off, off + len) of a chain's buffers as host iovecs. */
static int chain_iov(const struct guest_mem *mem, const struct virtq_buf *bufs, unsigned int n,
		     uint64_t off, uint64_t len, struct iovec *iov)
{
	unsigned int i;
	int cnt = 0;

	for (i = 0; i < n && len; i++) {
		uint64_t chunk;
		void *p;

		if (off >= bufs[i].len) {
			off -= bufs[i].len;
			continue;
		}
		chunk = bufs[i].len - off;
		if (chunk > len)
			chunk = len;
		p = guest_ptr(mem, bufs[i].gpa + off, chunk);
		if (!p)
			return -1;
		iov[cnt].iov_base = p;
		iov[cnt].iov_len = chunk;
		cnt++;
		len -= chunk;
		off = 0;
	}
	return len ? -1 : cnt;
}

/* The request's I/O, in pieces (image_rw): a reset or the VM's stop
 * ends it between two. */
static bool file_rw(struct virtio_blk *b, const struct iovec *iov, int cnt, uint64_t pos,
		    bool write)
{
	int i;

	for (i = 0; i < cnt; i++) {
		if (image_rw(b->fd, iov[i].iov_base, iov[i].iov_len, pos, write, &b->io.cancel,
			     b->io.vm_stopping))
			return false;
		pos += iov[i].iov_len;
	}
	return true;
}

/* Serve one request; returns the bytes written into the chain. */
static uint32_t blk_request(struct virtio_blk *b, const struct virtq_chain *c)
{
	const struct guest_mem *mem = b->vp.mem;
	struct iovec iov[VIRTQ_MAX_CHAIN];
	uint8_t hdr[REQ_HDR_LEN], status = VIRTIO_BLK_S_OK;
	uint64_t sector, data_len = 0, pos;
	uint32_t type;
	int cnt;

	/* The last writable byte is the status (5.2.6). */
	if (c->in_len < 1)
		return 0;
	if (virtq_read(mem, c, 0, hdr, sizeof(hdr)) != sizeof(hdr)) {
		status = VIRTIO_BLK_S_IOERR;
		goto done;
	}
	type = le32_load(hdr);
	sector = le64_load(hdr + 8);
	switch (type) {
	case VIRTIO_BLK_T_IN:
	case VIRTIO_BLK_T_OUT:
		data_len = type == VIRTIO_BLK_T_IN ? c->in_len - 1 : c->out_len - REQ_HDR_LEN;
		if (sector > b->size / VIRTIO_BLK_SECTOR ||
		    data_len > b->size - sector * VIRTIO_BLK_SECTOR) {
			status = VIRTIO_BLK_S_IOERR;
			data_len = 0;
			break;
		}
		pos = sector * VIRTIO_BLK_SECTOR;
		if (type == VIRTIO_BLK_T_OUT && b->readonly) {
			status = VIRTIO_BLK_S_IOERR;
			data_len = 0;
			break;
		}
		if (type == VIRTIO_BLK_T_IN)
			cnt = chain_iov(mem, c->in, c->n_in, 0, data_len, iov);
		else
			cnt = chain_iov(mem, c->out, c->n_out, REQ_HDR_LEN, data_len, iov);
		if (cnt < 0 || !file_rw(b, iov, cnt, pos, type == VIRTIO_BLK_T_OUT))
			status = VIRTIO_BLK_S_IOERR;
		if (type == VIRTIO_BLK_T_OUT)
			data_len = 0;	/* nothing written into the chain */
		break;
	case VIRTIO_BLK_T_FLUSH:
		if (!b->readonly && fdatasync(b->fd))
			status = VIRTIO_BLK_S_IOERR;
		break;
	case VIRTIO_BLK_T_GET_ID:
		data_len = c->in_len - 1 < sizeof(b->serial) ? c->in_len - 1 : sizeof(b->serial);
		virtq_write(mem, c, 0, b->serial, data_len);
		break;
	default:
		status = VIRTIO_BLK_S_UNSUPP;
		break;
	}
done:
	virtq_write(mem, c, c->in_len - 1, &status, 1);
	return (uint32_t)(data_len + 1);
}

/*
 * Serve available requests, at most DEFER_BATCH a pass; called and
 * returns with vp.lock held.  With unlocked (the I/O thread), the lock is
 * dropped around the file I/O, so vCPUs can reach the device meanwhile; a
 * reset in that window cancels the I/O and makes the chain stale, and it
 * is dropped.  A full pass asks the I/O thread for another (it looks at
 * stop in between), however fast another vCPU republishes.
 */
static void serve_queue(struct virtio_blk *b, bool unlocked)
{
	struct virtio_pci *vp = &b->vp;
	struct virtq *q;
	int n;

	for (n = 0; (q = virtio_pci_queue(vp, 0)) && !image_worker_ending(&b->io); n++) {
		uint32_t gen, used;

		if (n == DEFER_BATCH) {
			b->kick = true;
			break;
		}
		if (virtio_pci_pop(vp, q, &b->chain) != 1)
			break;
		gen = vp->generation;
		atomic_store(&b->io.cancel, false);
		if (unlocked) {
			b->busy = true;
			virtio_pci_unlock(vp);
		}
		used = blk_request(b, &b->chain);
		if (unlocked) {
			virtio_pci_lock(vp);
			b->busy = false;
			pthread_cond_broadcast(&b->io.idle);
		}
		q = virtio_pci_queue(vp, 0);
		if (!q || gen != vp->generation || !virtq_push(vp->mem, q, b->chain.head, used))
			break;
		virtio_pci_interrupt(vp);
	}
}

/*
 * The driver reset the device (vp.lock held): a request still in the
 * file I/O must end before the vCPU goes back to the guest, or it would
 * write into memory the guest has already reused (as QEMU drains).
 */
static void blk_reset(void *dev)
{
	struct virtio_blk *b = dev;

	if (b->busy)
		atomic_store(&b->io.cancel, true);		/* one piece more at most */
	while (b->busy)
		pthread_cond_wait(&b->io.idle, &b->vp.lock);
}

static void *io_thread(void *arg)
{
	struct virtio_blk *b = arg;

	virtio_pci_lock(&b->vp);
	while (!b->io.stop) {
		if (!b->kick) {
			pthread_cond_wait(&b->io.wake, &b->vp.lock);
			continue;
		}
		b->kick = false;
		serve_queue(b, true);
	}
	virtio_pci_unlock(&b->vp);
	return NULL;
}

int virtio_blk_start(struct virtio_blk *b, const atomic_bool *vm_stopping, char *err,
		     size_t errlen)
{
	int r = image_worker_start(&b->io, "virtio-blk-io", vm_stopping, io_thread, b);

	if (r) {
		snprintf(err, errlen, "virtio-blk: cannot start the I/O thread: %s", strerror(r));
		return -1;
	}
	return 0;
}

static void blk_notify(struct virtio_pci *vp, void *dev, uint16_t qi)
{
	struct virtio_blk *b = dev;

	(void)vp;
	(void)qi;
	if (b->io.started) {
		b->kick = true;
		pthread_cond_signal(&b->io.wake);
	} else {
		serve_queue(b, false);
	}
}

const struct virtio_dev_ops virtio_blk_ops = {
	.name = "virtio-blk",
	.virtio_id = VIRTIO_ID_BLOCK,
	.class_code = 0x018000,		/* mass storage, other (as QEMU) */
	.num_queues = 1,
	.config_len = CFG_LEN,
	.features = blk_features,
	.config_read = blk_config_read,
	.notify = blk_notify,
	.reset = blk_reset,
};

static int blk_count(const struct vm_config *cfg)
{
	return cfg->nr_drives;
}

static struct pci_function *blk_create(struct vm *vm, int i)
{
	struct virtio_blk *b = calloc(1, sizeof(*b));

	(void)i;
	if (!b) {
		pr_err("virtio-blk: out of memory");
		return NULL;
	}
	b->fd = -1;
	virtio_pci_init(&b->vp, &virtio_blk_ops, b, &vm->mem);
	return &b->vp.fn;
}

static int blk_open(struct vm *vm, struct pci_function *fn, int i)
{
	struct virtio_blk *b = virtio_pci_dev(fn);
	const struct drive_config *d = &vm->cfg->drives[i];
	char err[256];

	if (virtio_blk_open(b, d->file, d->readonly, err, sizeof(err)) ||
	    virtio_blk_start(b, &vm->stopping, err, sizeof(err))) {
		pr_err("%s", err);
		return -1;
	}
	return 0;
}

static void blk_destroy(struct vm *vm, struct pci_function *fn)
{
	struct virtio_blk *b = virtio_pci_dev(fn);

	(void)vm;
	virtio_blk_close(b);
	virtio_pci_exit(&b->vp);
	free(b);
}

const struct pci_device_kind virtio_blk_kind = {
	.name = "virtio-blk",
	.count = blk_count,
	.create = blk_create,
	.open = blk_open,
	.destroy = blk_destroy,
};
