// SPDX-License-Identifier: GPL-2.0
/* Split virtqueue walker; the layout is virtio 1.1 section 2.6. */
#include "virtq.h"

#include <string.h>

#include "../vmm/guest_mem.h"

/* Ring layout (virtio 1.1, 2.6.6 and 2.6.8): 16-byte descriptors;
 * avail = flags, idx, ring[size]; used = flags, idx, {id, len}[size]. */
#define DESC_SIZE	16
#define AVAIL_IDX	2
#define AVAIL_RING	4
#define USED_IDX	2
#define USED_RING	4
#define USED_ELEM	8

void virtq_reset(struct virtq *q)
{
	memset(q, 0, sizeof(*q));
}

static int fail(struct virtq *q, const char **why, const char *msg)
{
	q->broken = true;
	if (why)
		*why = msg;
	return -1;
}

static bool size_ok(uint16_t size)
{
	return size && size <= VIRTQ_MAX_SIZE && !(size & (size - 1));
}

/* Whole rings inside RAM, checked once per call so that no address
 * computed from them below can wrap around. */
static const char *rings_outside(const struct guest_mem *mem, const struct virtq *q)
{
	if (!guest_range_ok(mem, q->desc, DESC_SIZE * (uint64_t)q->size))
		return "descriptor table outside RAM";
	if (!guest_range_ok(mem, q->avail, AVAIL_RING + 2 * (uint64_t)q->size))
		return "avail ring outside RAM";
	if (!guest_range_ok(mem, q->used, USED_RING + USED_ELEM * (uint64_t)q->size))
		return "used ring outside RAM";
	return NULL;
}

int virtq_pop(const struct guest_mem *mem, struct virtq *q, struct virtq_chain *c,
	      const char **why)
{
	const char *bad;
	uint16_t avail_idx, head, idx;
	unsigned int seen;

	if (q->broken)
		return -1;
	if (!q->enabled || !size_ok(q->size))
		return 0;
	bad = rings_outside(mem, q);
	if (bad)
		return fail(q, why, bad);
	if (!guest_read_le16(mem, q->avail + AVAIL_IDX, &avail_idx))
		return fail(q, why, "avail ring outside RAM");
	if (avail_idx == q->last_avail)
		return 0;
	if ((uint16_t)(avail_idx - q->last_avail) > q->size)
		return fail(q, why, "avail index ran more than a ring ahead");
	/* Read the ring entry only after seeing the index that covers it. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!guest_read_le16(mem, q->avail + AVAIL_RING + 2 * (uint64_t)(q->last_avail % q->size),
			     &head))
		return fail(q, why, "avail ring outside RAM");
	if (head >= q->size)
		return fail(q, why, "chain head outside the descriptor table");

	/* Not the buffer arrays: only their first n_out/n_in are valid. */
	c->n_out = c->n_in = 0;
	c->out_len = c->in_len = 0;
	c->head = head;
	idx = head;
	for (seen = 0;; seen++) {
		uint64_t d = q->desc + DESC_SIZE * (uint64_t)idx, addr;
		uint32_t len;
		uint16_t flags, next;
		struct virtq_buf *b;

		if (seen == q->size)
			return fail(q, why, "descriptor chain loops");
		if (!guest_read_le64(mem, d, &addr) || !guest_read_le32(mem, d + 8, &len) ||
		    !guest_read_le16(mem, d + 12, &flags) || !guest_read_le16(mem, d + 14, &next))
			return fail(q, why, "descriptor table outside RAM");
		if (flags & VIRTQ_DESC_F_INDIRECT)
			return fail(q, why, "indirect descriptor (not negotiated)");
		if (!guest_range_ok(mem, addr, len))
			return fail(q, why, "buffer outside RAM");
		if (flags & VIRTQ_DESC_F_WRITE) {
			b = &c->in[c->n_in++];
			c->in_len += len;
		} else {
			if (c->n_in)
				return fail(q, why, "readable buffer after a writable one");
			b = &c->out[c->n_out++];
			c->out_len += len;
		}
		b->gpa = addr;
		b->len = len;
		if (!(flags & VIRTQ_DESC_F_NEXT))
			break;
		if (next >= q->size)
			return fail(q, why, "next index outside the descriptor table");
		idx = next;
	}
	q->last_avail++;
	return 1;
}

bool virtq_push(const struct guest_mem *mem, struct virtq *q, uint16_t head, uint32_t len)
{
	uint64_t e = q->used + USED_RING + USED_ELEM * (uint64_t)(q->used_idx % q->size);

	if (!size_ok(q->size) || rings_outside(mem, q) ||
	    !guest_write_le32(mem, e, head) || !guest_write_le32(mem, e + 4, len)) {
		q->broken = true;
		return false;
	}
	q->used_idx++;
	/* The element must be visible before the index that publishes it. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	if (!guest_write_le16(mem, q->used + USED_IDX, q->used_idx)) {
		q->broken = true;
		return false;
	}
	return true;
}

/* Walk bufs[0..n) from byte off, copying up to len bytes in either
 * direction.  Buffers were checked against RAM when the chain was popped;
 * guest_ptr checks them again (RAM does not shrink, but it is cheap). */
static size_t copy_chain(const struct guest_mem *mem, const struct virtq_buf *bufs,
			 unsigned int n, uint64_t off, uint8_t *buf, size_t len, bool to_guest)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < n && done < len; i++) {
		uint64_t chunk;
		uint8_t *p;

		if (off >= bufs[i].len) {
			off -= bufs[i].len;
			continue;
		}
		chunk = bufs[i].len - off;
		if (chunk > len - done)
			chunk = len - done;
		p = guest_ptr(mem, bufs[i].gpa + off, chunk);
		if (!p)
			break;
		if (to_guest)
			memcpy(p, buf + done, chunk);
		else
			memcpy(buf + done, p, chunk);
		done += chunk;
		off = 0;
	}
	return done;
}

size_t virtq_read(const struct guest_mem *mem, const struct virtq_chain *c,
		  uint64_t off, void *buf, size_t len)
{
	return copy_chain(mem, c->out, c->n_out, off, buf, len, false);
}

size_t virtq_write(const struct guest_mem *mem, const struct virtq_chain *c,
		   uint64_t off, const void *buf, size_t len)
{
	return copy_chain(mem, c->in, c->n_in, off, (uint8_t *)buf, len, true);
}
