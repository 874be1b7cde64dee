// SPDX-License-Identifier: GPL-2.0
/*
 * The split-virtqueue walker (devices/virtq.c) on rings the input writes:
 * queue size, ring addresses and the device's indexes from the input, the
 * rest of the input as guest RAM.  Every chain it hands out is checked
 * here against what the walker promises (virtq.h): at most queue-size
 * buffers, each inside RAM, readable ones first, totals that add up; a
 * broken promise aborts (a finding like any crash).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../devices/virtq.h"
#include "../../vmm/guest_mem.h"
#include "harness.h"

#define RAM	(64u * 1024)

static struct guest_mem mem;
static struct virtq_chain chain;
static uint8_t scratch[2 * RAM];

static void check(bool ok)
{
	if (!ok)
		abort();
}

static void check_chain(const struct virtq *q, const struct virtq_chain *c)
{
	uint64_t out = 0, in = 0;
	unsigned int i;

	check(c->head < q->size);
	check(c->n_out + c->n_in >= 1 && c->n_out + c->n_in <= q->size);
	for (i = 0; i < c->n_out; i++) {
		check(guest_range_ok(&mem, c->out[i].gpa, c->out[i].len));
		out += c->out[i].len;
	}
	for (i = 0; i < c->n_in; i++) {
		check(guest_range_ok(&mem, c->in[i].gpa, c->in[i].len));
		in += c->in[i].len;
	}
	check(out == c->out_len && in == c->in_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	const uint8_t *ram;
	struct virtq q;
	size_t got;
	int pops;

	if (!mem.host && guest_mem_alloc(&mem, RAM))
		abort();
	memset(mem.host, 0, RAM);
	virtq_reset(&q);
	q.size = (uint16_t)(1u << (in_u8(&in) % 10));	/* 1..512: 512 is refused */
	q.enabled = !(in_u8(&in) & 0x80);
	q.desc = in_u32(&in) % (2 * RAM);		/* some outside RAM */
	q.avail = in_u32(&in) % (2 * RAM);
	q.used = in_u32(&in) % (2 * RAM);
	q.last_avail = in_u16(&in);
	q.used_idx = in_u16(&in);
	ram = in_bytes(&in, RAM, &got);
	memcpy(mem.host, ram, got);

	for (pops = 0; pops < 1024; pops++) {
		const char *why = NULL;
		size_t n;
		int r = virtq_pop(&mem, &q, &chain, &why);

		if (r < 0) {
			check(q.broken && why);
			break;
		}
		if (r == 0)
			break;
		check_chain(&q, &chain);
		n = virtq_read(&mem, &chain, 0, scratch, sizeof(scratch));
		check(n == (chain.out_len < sizeof(scratch) ? chain.out_len : sizeof(scratch)));
		n = virtq_write(&mem, &chain, chain.in_len / 3, scratch, sizeof(scratch));
		check(n <= chain.in_len);
		if (!virtq_push(&mem, &q, chain.head, (uint32_t)n))
			break;
	}
	return 0;
}
