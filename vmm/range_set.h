/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A set of address ranges [base, end), kept sorted and merged, of bounded
 * size: what Open Firmware's claim/release bookkeeping needs (the
 * physical memory and the virtual address space a client has claimed).
 */
#ifndef MOLVM_RANGE_SET_H
#define MOLVM_RANGE_SET_H

#include <stdbool.h>
#include <stdint.h>

#define RANGE_SET_MAX	64

struct range {
	uint64_t base, end;
};

struct range_set {
	struct range r[RANGE_SET_MAX];
	int n;
};

void range_set_init(struct range_set *s);
/* Whether any byte of [base, base + size) is in the set. */
bool range_set_overlaps(const struct range_set *s, uint64_t base, uint64_t size);
/* Add [base, base + size); -1 when the set has no room (nothing changed). */
int range_set_add(struct range_set *s, uint64_t base, uint64_t size);
/* Take [base, base + size) out; -1 when a split needs room the set lacks. */
int range_set_remove(struct range_set *s, uint64_t base, uint64_t size);
/*
 * The highest base in [lo, hi) aligned to align (a power of two, or 0/1
 * for none) with [base, base + size) free and inside [lo, hi): true and
 * *base, or false.
 */
bool range_set_find_free(const struct range_set *s, uint64_t lo, uint64_t hi, uint64_t size,
			 uint64_t align, uint64_t *base);

#endif
