// SPDX-License-Identifier: GPL-2.0
#include "range_set.h"

#include <string.h>

void range_set_init(struct range_set *s)
{
	s->n = 0;
}

bool range_set_overlaps(const struct range_set *s, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	int i;

	if (!size)
		return false;
	for (i = 0; i < s->n; i++)
		if (s->r[i].base < end && base < s->r[i].end)
			return true;
	return false;
}

static void drop(struct range_set *s, int i)
{
	memmove(&s->r[i], &s->r[i + 1], sizeof(s->r[0]) * (size_t)(s->n - i - 1));
	s->n--;
}

int range_set_add(struct range_set *s, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	int i = 0;

	if (!size || end < base)
		return size ? -1 : 0;
	/* the first range that ends at or after base */
	while (i < s->n && s->r[i].end < base)
		i++;
	if (i < s->n && s->r[i].base <= end) {
		/* touches or overlaps r[i]: grow it, then swallow followers */
		if (base < s->r[i].base)
			s->r[i].base = base;
		if (end > s->r[i].end)
			s->r[i].end = end;
		while (i + 1 < s->n && s->r[i + 1].base <= s->r[i].end) {
			if (s->r[i + 1].end > s->r[i].end)
				s->r[i].end = s->r[i + 1].end;
			drop(s, i + 1);
		}
		return 0;
	}
	if (s->n == RANGE_SET_MAX)
		return -1;
	memmove(&s->r[i + 1], &s->r[i], sizeof(s->r[0]) * (size_t)(s->n - i));
	s->r[i].base = base;
	s->r[i].end = end;
	s->n++;
	return 0;
}

int range_set_remove(struct range_set *s, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	int i;

	if (!size || end < base)
		return size ? -1 : 0;
	for (i = 0; i < s->n; i++) {
		struct range *r = &s->r[i];

		if (r->end <= base || r->base >= end)
			continue;
		if (r->base < base && r->end > end) {
			/* a hole in the middle: one range becomes two */
			if (s->n == RANGE_SET_MAX)
				return -1;
			memmove(&s->r[i + 1], &s->r[i], sizeof(s->r[0]) * (size_t)(s->n - i));
			s->n++;
			s->r[i].end = base;
			s->r[i + 1].base = end;
			return 0;
		}
		if (r->base < base) {
			r->end = base;
		} else if (r->end > end) {
			r->base = end;
		} else {
			drop(s, i);
			i--;
		}
	}
	return 0;
}

bool range_set_find_free(const struct range_set *s, uint64_t lo, uint64_t hi, uint64_t size,
			 uint64_t align, uint64_t *base)
{
	uint64_t gap_end = hi;
	int i;

	if (align < 1)
		align = 1;
	if (!size || (align & (align - 1)) || hi < lo || size > hi - lo)
		return false;
	/* gaps from the top down: [end of range i, gap_end) */
	for (i = s->n; i >= 0; i--) {
		uint64_t gap_base = i > 0 ? s->r[i - 1].end : 0, b;

		if (i > 0 && s->r[i - 1].base >= gap_end)
			continue;		/* the range lies above hi */
		if (gap_base < lo)
			gap_base = lo;
		if (gap_end > gap_base && gap_end - gap_base >= size) {
			b = (gap_end - size) & ~(align - 1);
			if (b >= gap_base) {
				*base = b;
				return true;
			}
		}
		if (i > 0) {
			gap_end = s->r[i - 1].base;
			if (gap_end <= lo)
				return false;
		}
	}
	return false;
}
