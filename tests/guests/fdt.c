// SPDX-License-Identifier: GPL-2.0
/* The guests' flattened-device-tree walker (fdt.h). */
#include "fdt.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define MAX_DEPTH	16

static unsigned int be32(unsigned long addr)
{
	return *(volatile unsigned int *)addr;	/* the guest is big-endian */
}

unsigned int fdt_cell(const void *val, unsigned int i)
{
	return be32((unsigned long)val + 4 * i);
}

int fdt_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int fdt_walk(unsigned long fdt, void (*fn)(void *arg, const struct fdt_ev *ev), void *arg)
{
	const char *names[MAX_DEPTH + 1];
	unsigned long p, strings;
	struct fdt_ev ev;
	int depth = 0;

	if (!fdt || be32(fdt) != FDT_MAGIC)
		return -1;
	p = fdt + be32(fdt + 8);
	strings = fdt + be32(fdt + 12);
	for (;;) {
		unsigned int tag = be32(p);

		p += 4;
		ev.depth = depth;
		ev.node = depth ? names[depth] : "";
		ev.prop = 0;
		ev.val = 0;
		ev.len = 0;
		if (tag == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			unsigned long len = 0;

			while (name[len])
				len++;
			if (++depth > MAX_DEPTH)
				return -1;
			names[depth] = name;
			ev.kind = FDT_EV_BEGIN;
			ev.depth = depth;
			ev.node = name;
			fn(arg, &ev);
			p += (len + 4) & ~3UL;
		} else if (tag == FDT_END_NODE) {
			if (depth == 0)
				return -1;
			ev.kind = FDT_EV_END;
			fn(arg, &ev);
			depth--;
		} else if (tag == FDT_PROP) {
			ev.kind = FDT_EV_PROP;
			ev.len = be32(p);
			ev.prop = (const char *)(strings + be32(p + 4));
			ev.val = (const void *)(p + 8);
			fn(arg, &ev);
			p += 8 + ((ev.len + 3) & ~3UL);
		} else if (tag == FDT_NOP) {
			continue;
		} else {
			return tag == FDT_END && depth == 0 ? 0 : -1;
		}
	}
}
