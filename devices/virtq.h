/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Split virtqueues (virtio 1.1, section 2.6) in guest memory.  The guest
 * owns the rings, so everything read from them is checked: the avail
 * index may run at most one ring ahead, every head and "next" index lies
 * inside the table, a chain visits at most queue-size descriptors (no
 * loops), every buffer lies inside guest RAM, and device-writable
 * buffers come after the readable ones.  A queue that breaks a rule is
 * marked broken and left alone until the driver resets the device.
 */
#ifndef MOLVM_VIRTQ_H
#define MOLVM_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_mem;

#define VIRTQ_MAX_SIZE		256	/* what molvm offers in queue_size */
#define VIRTQ_MAX_CHAIN		VIRTQ_MAX_SIZE

/* Descriptor flags (virtio 1.1, 2.6.5) */
#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define VIRTQ_DESC_F_INDIRECT	4

struct virtq {
	uint16_t size;		/* power of two, 1..VIRTQ_MAX_SIZE */
	bool enabled;
	bool broken;
	uint64_t desc, avail, used;	/* guest physical addresses */
	uint16_t last_avail;	/* next avail ring entry to take */
	uint16_t used_idx;	/* next used ring entry to fill */
};

struct virtq_buf {
	uint64_t gpa;
	uint32_t len;
};

/* One descriptor chain: readable buffers, then writable ones. */
struct virtq_chain {
	uint16_t head;
	unsigned int n_out, n_in;
	struct virtq_buf out[VIRTQ_MAX_CHAIN];
	struct virtq_buf in[VIRTQ_MAX_CHAIN];
	uint64_t out_len, in_len;	/* byte totals */
};

void virtq_reset(struct virtq *q);

/*
 * Take the next available chain.  Returns 1 with *c filled, 0 when the
 * ring is empty, -1 when the guest broke a rule (q->broken is then set
 * and *why says which).
 */
int virtq_pop(const struct guest_mem *mem, struct virtq *q, struct virtq_chain *c,
	      const char **why);

/* Hand chain head back with len bytes written.  False if the used ring
 * is outside guest RAM (the queue is then broken). */
bool virtq_push(const struct guest_mem *mem, struct virtq *q, uint16_t head, uint32_t len);

/* Copy up to len bytes of the chain's readable part, starting at byte
 * off, into buf.  Returns the number of bytes copied. */
size_t virtq_read(const struct guest_mem *mem, const struct virtq_chain *c,
		  uint64_t off, void *buf, size_t len);

/* Copy len bytes into the chain's writable part at byte off.  Returns the
 * number of bytes copied (less when the buffers are too short). */
size_t virtq_write(const struct guest_mem *mem, const struct virtq_chain *c,
		   uint64_t off, const void *buf, size_t len);

#endif
