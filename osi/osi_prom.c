// SPDX-License-Identifier: GPL-2.0
/*
 * The device tree over MOL's OSI calls, served from the machine's libfdt
 * tree (prom.h):
 *   PROM_IFACE(what, phandle, ...)      MOL src/main/promif.c
 *   PROM_PATH_IFACE(what, path)         (find-device, create-node)
 * with physical addresses, and the tree services the IEEE 1275 client
 * interface (of_client.c) shares.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"
#include "prom.h"

#define ERR		OSI_ERR

/* MOL's PROM_IFACE calls pass physical addresses. */
static struct prom prom_phys(struct vcpu *vcpu)
{
	return (struct prom){ vcpu->vm->osi->prom, guest_view_phys(&vcpu->vm->mem) };
}

int prom_node(const struct prom *p, uint32_t ph)
{
	int off;

	if (ph == 0 || ph == (uint32_t)-1)
		return -1;
	off = fdt_node_offset_by_phandle(p->fdt, ph);
	return off < 0 ? -1 : off;
}

uint32_t prom_phandle(const struct prom *p, int off)
{
	return off < 0 ? 0 : fdt_get_phandle(p->fdt, off);
}

uint32_t prom_peer(const struct prom *p, uint32_t ph)
{
	int off;

	if (ph == 0)
		return prom_phandle(p, 0);	/* peer(0) is the root */
	off = prom_node(p, ph);
	if (off < 0)
		return ERR;
	if (off == 0)
		return 0;			/* the root has no peers */
	return prom_phandle(p, fdt_next_subnode(p->fdt, off));
}

uint32_t prom_child(const struct prom *p, uint32_t ph)
{
	int off = prom_node(p, ph);

	return off < 0 ? ERR : prom_phandle(p, fdt_first_subnode(p->fdt, off));
}

uint32_t prom_parent(const struct prom *p, uint32_t ph)
{
	int off = prom_node(p, ph);

	if (off < 0)
		return ERR;
	return off == 0 ? 0 : prom_phandle(p, fdt_parent_offset(p->fdt, off));
}

uint32_t prom_copy_out(const struct prom *p, const char *text, size_t len, uint32_t buf,
		       int32_t size)
{
	size_t n = len + 1 < (size_t)size ? len + 1 : (size_t)size;

	if (size < 0 || !gview_write(&p->view, buf, text, n))
		return ERR;
	return (uint32_t)len;
}

/* Copy the path, at most size bytes (NUL included if it fits); the
 * result is the path's length, as strlen. */
uint32_t prom_package_to_path(const struct prom *p, uint32_t ph, uint32_t buf, int32_t size)
{
	char path[PROM_PATH_MAX];
	int off = prom_node(p, ph);

	if (off < 0 || fdt_get_path(p->fdt, off, path, sizeof(path)))
		return ERR;
	return prom_copy_out(p, path, strlen(path), buf, size);
}

static bool read_name(const struct prom *p, uint32_t va, char *name)
{
	return gview_read_str(&p->view, va, name, PROM_NAME_MAX) && name[0];
}

uint32_t prom_getproplen(const struct prom *p, uint32_t ph, uint32_t name_va)
{
	char name[PROM_NAME_MAX];
	int off = prom_node(p, ph), len;

	if (off < 0 || !read_name(p, name_va, name))
		return ERR;
	return fdt_getprop(p->fdt, off, name, &len) ? (uint32_t)len : ERR;
}

/* Copies min(length, size) bytes; returns the property's whole length. */
uint32_t prom_getprop(const struct prom *p, uint32_t ph, uint32_t name_va, uint32_t buf,
		      int32_t size)
{
	char name[PROM_NAME_MAX];
	const void *val;
	int off = prom_node(p, ph), len;

	if (off < 0 || size < 0 || !read_name(p, name_va, name))
		return ERR;
	val = fdt_getprop(p->fdt, off, name, &len);
	if (!val)
		return ERR;
	if (!gview_write(&p->view, buf, val, (size_t)(len < size ? len : size)))
		return ERR;
	return (uint32_t)len;
}

/* The name after prev ("" = the first) into buf: 1, or 0 at the end. */
uint32_t prom_nextprop(const struct prom *p, uint32_t ph, uint32_t prev_va, uint32_t buf)
{
	char prev[PROM_NAME_MAX];
	const char *name = NULL;
	bool take = false;
	int off = prom_node(p, ph), prop;

	if (off < 0 || !gview_read_str(&p->view, prev_va, prev, sizeof(prev)))
		return ERR;
	take = !prev[0];
	fdt_for_each_property_offset(prop, p->fdt, off) {
		const char *n;

		if (!fdt_getprop_by_offset(p->fdt, prop, &n, NULL))
			return ERR;
		if (take) {
			name = n;
			break;
		}
		take = !strcmp(n, prev);
	}
	if (!name)
		return 0;
	if (!gview_write(&p->view, buf, name, strlen(name) + 1))
		return ERR;
	return 1;
}

uint32_t prom_setprop(const struct prom *p, uint32_t ph, uint32_t name_va, uint32_t buf,
		      int32_t len)
{
	static const char *const fixed[] = { "phandle", "linux,phandle" };
	char name[PROM_NAME_MAX];
	uint8_t val[PROM_SETPROP_MAX];
	int off = prom_node(p, ph);
	size_t i;

	if (off < 0 || len < 0 || len > PROM_SETPROP_MAX || !read_name(p, name_va, name))
		return ERR;
	/* A node's identity changes only through CHANGE_PHANDLE, which keeps
	 * phandles unique. */
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(name, fixed[i]))
			return ERR;
	if (!gview_read(&p->view, buf, val, (size_t)len) ||
	    fdt_setprop(p->fdt, off, name, val, len))
		return ERR;
	return (uint32_t)len;
}

static uint32_t prom_change_phandle(const struct prom *p, uint32_t ph, uint32_t new_ph)
{
	int off = prom_node(p, ph), other;

	if (off < 0 || new_ph == 0 || new_ph == (uint32_t)-1)
		return ERR;
	other = prom_node(p, new_ph);
	if (other == off)
		return 0;
	if (other >= 0)
		return ERR;			/* MOL: "duplicate phandle" */
	return fdt_setprop_u32(p->fdt, off, "phandle", new_ph) ? ERR : 0;
}

/* The child of parent that a path component "name@unit" (either part may
 * be empty) names: name and unit compared as text, hex digits in any case. */
static int find_child(const void *fdt, int parent, const char *comp, size_t len)
{
	const char *at = memchr(comp, '@', len);
	size_t nlen = at ? (size_t)(at - comp) : len;
	size_t ulen = at ? len - nlen - 1 : 0;
	int child;

	fdt_for_each_subnode(child, fdt, parent) {
		const char *name = fdt_get_name(fdt, child, NULL), *cat;
		size_t cnlen;

		if (!name)
			continue;
		cat = strchr(name, '@');
		cnlen = cat ? (size_t)(cat - name) : strlen(name);
		if (nlen && (nlen != cnlen || memcmp(name, comp, nlen)))
			continue;
		if (ulen && (!cat || strlen(cat + 1) != ulen || strncasecmp(cat + 1, at + 1, ulen)))
			continue;
		if (!nlen && !ulen)
			continue;
		return child;
	}
	return -1;
}

int prom_resolve(const void *fdt, const char *spec, char *args, size_t argslen)
{
	char path[2 * PROM_PATH_MAX];
	const char *s = spec;
	int off = 0;

	if (args && argslen)
		args[0] = 0;
	if (!spec[0])
		return -1;
	if (spec[0] != '/') {
		/* an alias: "name", "name/rest" or "name:args" */
		size_t n = strcspn(spec, "/:");
		char alias[PROM_NAME_MAX];
		const char *val;
		int aoff = fdt_path_offset(fdt, "/aliases"), vlen;

		if (n == 0 || n >= sizeof(alias) || aoff < 0)
			return -1;
		memcpy(alias, spec, n);
		alias[n] = 0;
		val = fdt_getprop(fdt, aoff, alias, &vlen);
		if (!val || vlen < 2 || val[0] != '/' || !memchr(val, 0, (size_t)vlen) ||
		    (size_t)snprintf(path, sizeof(path), "%s%s", val, spec + n) >= sizeof(path))
			return -1;
		s = path;
	}
	for (;;) {
		const char *colon;
		size_t len, alen;

		while (*s == '/')
			s++;
		len = strcspn(s, "/");
		if (!len)
			return off;
		colon = memchr(s, ':', len);
		off = find_child(fdt, off, s, colon ? (size_t)(colon - s) : len);
		if (off < 0)
			return -1;
		/* the args of the last component count; inner ones are ignored */
		alen = colon ? len - (size_t)(colon + 1 - s) : 0;
		if (args && argslen) {
			if (alen >= argslen)
				return -1;
			memcpy(args, colon ? colon + 1 : "", alen);
			args[alen] = 0;
		}
		s += len;
	}
}

uint32_t prom_find_device(const struct prom *p, uint32_t path_va)
{
	char path[PROM_PATH_MAX];
	int off;

	if (!gview_read_str(&p->view, path_va, path, sizeof(path)))
		return ERR;
	off = prom_resolve(p->fdt, path, NULL, 0);
	return off < 0 ? ERR : prom_phandle(p, off);
}

/* A node with the "name" and "phandle" every node here carries. */
static int add_node(void *fdt, int parent, const char *name)
{
	uint32_t max_ph = fdt_get_max_phandle(fdt);
	char base[PROM_PATH_MAX];
	int off;

	if (max_ph == (uint32_t)-1 || max_ph + 1 == (uint32_t)-1)
		return -1;
	off = fdt_add_subnode(fdt, parent, name);
	if (off < 0)
		return -1;
	snprintf(base, sizeof(base), "%.*s", (int)strcspn(name, "@"), name);
	if (fdt_setprop_string(fdt, off, "name", base) ||
	    fdt_setprop_u32(fdt, off, "phandle", max_ph + 1))
		return -1;
	/* Adding properties may have moved the node. */
	return fdt_node_offset_by_phandle(fdt, max_ph + 1);
}

/* MOL creates the missing nodes along the path, and returns the last. */
static uint32_t prom_create_node(const struct prom *p, uint32_t path_gpa)
{
	char path[PROM_PATH_MAX], *comp, *save = NULL;
	int off = 0;

	if (!gview_read_str(&p->view, path_gpa, path, sizeof(path)) || path[0] != '/')
		return ERR;
	for (comp = strtok_r(path, "/", &save); comp; comp = strtok_r(NULL, "/", &save)) {
		int child;

		comp[strcspn(comp, ":")] = 0;		/* no args in a node's name */
		if (!comp[0])
			return ERR;
		child = fdt_subnode_offset(p->fdt, off, comp);
		if (child < 0)
			child = add_node(p->fdt, off, comp);
		if (child < 0)
			return ERR;
		off = child;
	}
	return prom_phandle(p, off);
}

/* PROM_IFACE(what, phandle, a, b, c) */
uint32_t osi_prom_iface(struct vcpu *vcpu, uint64_t *gpr)
{
	struct prom p = prom_phys(vcpu);
	uint32_t ph = osi_arg(gpr, 1), a = osi_arg(gpr, 2), b = osi_arg(gpr, 3);
	uint32_t c = osi_arg(gpr, 4);

	switch (osi_arg(gpr, 0)) {
	case OSI_PROM_CLOSE:
		/* MOL dropped its tree here; molvm keeps serving it, so a
		 * second boot stage can still read it. */
		return 0;
	case OSI_PROM_PEER:
		return prom_peer(&p, ph);
	case OSI_PROM_CHILD:
		return prom_child(&p, ph);
	case OSI_PROM_PARENT:
		return prom_parent(&p, ph);
	case OSI_PROM_PACKAGE_TO_PATH:
		return prom_package_to_path(&p, ph, a, (int32_t)b);
	case OSI_PROM_GETPROPLEN:
		return prom_getproplen(&p, ph, a);
	case OSI_PROM_GETPROP:
		return prom_getprop(&p, ph, a, b, (int32_t)c);
	case OSI_PROM_NEXTPROP:
		return prom_nextprop(&p, ph, a, b);
	case OSI_PROM_SETPROP:
		return prom_setprop(&p, ph, a, b, (int32_t)c);
	case OSI_PROM_CHANGE_PHANDLE:
		return prom_change_phandle(&p, ph, a);
	default:
		return ERR;
	}
}

/* PROM_PATH_IFACE(what, path) */
uint32_t osi_prom_path_iface(struct vcpu *vcpu, uint64_t *gpr)
{
	struct prom p = prom_phys(vcpu);

	switch (osi_arg(gpr, 0)) {
	case OSI_PROM_CREATE_NODE:
		return prom_create_node(&p, osi_arg(gpr, 1));
	case OSI_PROM_FIND_DEVICE:
		return prom_find_device(&p, osi_arg(gpr, 1));
	default:
		return ERR;
	}
}
