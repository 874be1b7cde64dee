/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal flattened-device-tree walker for the 64-bit pseries guests
 * (the tree molvm passes in r3; devicetree.org specification v0.3,
 * "Flattened Devicetree (DTB) Format").  Big-endian like the guests.
 */
#ifndef GUEST_FDT_H
#define GUEST_FDT_H

enum fdt_ev_kind { FDT_EV_BEGIN, FDT_EV_END, FDT_EV_PROP };

struct fdt_ev {
	enum fdt_ev_kind kind;
	int depth;		/* the root node is 1 */
	const char *node;	/* name of the node (with its @unit) */
	const char *prop;	/* FDT_EV_PROP: property name */
	const void *val;	/* FDT_EV_PROP: value and its length */
	unsigned int len;
};

/* Calls fn for every node and property in order.  -1 for a bad tree. */
int fdt_walk(unsigned long fdt, void (*fn)(void *arg, const struct fdt_ev *ev), void *arg);

/* Big-endian cell i of a property value. */
unsigned int fdt_cell(const void *val, unsigned int i);

int fdt_streq(const char *a, const char *b);

#endif
