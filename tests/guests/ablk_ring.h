/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MOL's ABLK request ring as the 32-bit guests fill it (MOL ablk_sh.h):
 * 16-byte descriptors { flags, proceed, a, b }; the host works from the
 * descriptor after the busy head for as long as "proceed" says the next
 * one is valid.
 */
#ifndef GUEST_ABLK_RING_H
#define GUEST_ABLK_RING_H

struct desc {
	unsigned int flags, proceed, a, b;
};

struct ablk_ring {
	volatile struct desc *d;
	unsigned int n;		/* a power of two */
	unsigned int tail;	/* the last descriptor handed over */
};

/* Queue d[0..k) after the tail, then let the old tail proceed: last, so
 * the host never sees half a request. */
static inline void ablk_submit(struct ablk_ring *r, const struct desc *d, unsigned int k)
{
	unsigned int i, prev = r->tail;

	for (i = 0; i < k; i++) {
		unsigned int slot = (r->tail + 1 + i) % r->n;

		r->d[slot].flags = d[i].flags;
		r->d[slot].a = d[i].a;
		r->d[slot].b = d[i].b;
		r->d[slot].proceed = i + 1 < k;
	}
	r->tail = (r->tail + k) % r->n;
	__asm__ volatile("sync" ::: "memory");
	r->d[prev].proceed = 1;
	__asm__ volatile("sync" ::: "memory");
}

#endif
