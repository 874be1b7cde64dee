// SPDX-License-Identifier: GPL-2.0
/*
 * Open Firmware over OSI, served from the machine's libfdt device tree:
 *   PROM_IFACE(what, phandle, ...)      MOL src/main/promif.c
 *   PROM_PATH_IFACE(what, path)         (find-device, create-node)
 *   OF_INTERFACE(args)                  an IEEE 1275 client-interface
 *                                       argument array (service, nargs,
 *                                       nret, args..., rets...)
 * Every node of the tree carries "name" and "phandle" (fdt_powermac.c), so
 * phandles are stable across setprop, which may move nodes in the blob.
 * Results follow MOL: -1 for a bad phandle, string or buffer; peer/child/
 * parent return 0 at the end of a list.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

#define PROM_NAME_MAX	64	/* property names, bytes with the NUL */
#define PROM_PATH_MAX	256	/* node paths, bytes with the NUL */
#define PROM_SETPROP_MAX 0x1000	/* MOL's kPromSetProp limit */
#define ERR		OSI_ERR

struct prom {
	void *fdt;
	struct guest_mem *mem;
};

static struct prom prom_of(struct vcpu *vcpu)
{
	return (struct prom){ vcpu->vm->osi->prom, &vcpu->vm->mem };
}

static int node_of(const struct prom *p, uint32_t ph)
{
	int off;

	if (ph == 0 || ph == (uint32_t)-1)
		return -1;
	off = fdt_node_offset_by_phandle(p->fdt, ph);
	return off < 0 ? -1 : off;
}

/* 0 for "no node" (the end of a peer/child list). */
static uint32_t phandle_of(const struct prom *p, int off)
{
	return off < 0 ? 0 : fdt_get_phandle(p->fdt, off);
}

static uint32_t prom_peer(const struct prom *p, uint32_t ph)
{
	int off;

	if (ph == 0)
		return phandle_of(p, 0);	/* peer(0) is the root */
	off = node_of(p, ph);
	if (off < 0)
		return ERR;
	if (off == 0)
		return 0;			/* the root has no peers */
	return phandle_of(p, fdt_next_subnode(p->fdt, off));
}

static uint32_t prom_child(const struct prom *p, uint32_t ph)
{
	int off = node_of(p, ph);

	return off < 0 ? ERR : phandle_of(p, fdt_first_subnode(p->fdt, off));
}

static uint32_t prom_parent(const struct prom *p, uint32_t ph)
{
	int off = node_of(p, ph);

	if (off < 0)
		return ERR;
	return off == 0 ? 0 : phandle_of(p, fdt_parent_offset(p->fdt, off));
}

/* Copy the path, at most size bytes (NUL included if it fits); the
 * result is the path's length, as strlen. */
static uint32_t prom_package_to_path(const struct prom *p, uint32_t ph, uint32_t buf,
				     int32_t size)
{
	char path[PROM_PATH_MAX];
	size_t len, n;
	int off = node_of(p, ph);

	if (off < 0 || size < 0 || fdt_get_path(p->fdt, off, path, sizeof(path)))
		return ERR;
	len = strlen(path);
	n = len + 1 < (size_t)size ? len + 1 : (size_t)size;
	if (!guest_write(p->mem, buf, path, n))
		return ERR;
	return (uint32_t)len;
}

static bool read_name(const struct prom *p, uint32_t gpa, char *name)
{
	return guest_read_str(p->mem, gpa, name, PROM_NAME_MAX) && name[0];
}

static uint32_t prom_getproplen(const struct prom *p, uint32_t ph, uint32_t name_gpa)
{
	char name[PROM_NAME_MAX];
	int off = node_of(p, ph), len;

	if (off < 0 || !read_name(p, name_gpa, name))
		return ERR;
	return fdt_getprop(p->fdt, off, name, &len) ? (uint32_t)len : ERR;
}

/* Copies min(length, size) bytes; returns the property's whole length. */
static uint32_t prom_getprop(const struct prom *p, uint32_t ph, uint32_t name_gpa,
			     uint32_t buf, int32_t size)
{
	char name[PROM_NAME_MAX];
	const void *val;
	int off = node_of(p, ph), len;

	if (off < 0 || size < 0 || !read_name(p, name_gpa, name))
		return ERR;
	val = fdt_getprop(p->fdt, off, name, &len);
	if (!val)
		return ERR;
	if (!guest_write(p->mem, buf, val, (size_t)(len < size ? len : size)))
		return ERR;
	return (uint32_t)len;
}

/* The name after prev ("" = the first) into buf: 1, or 0 at the end. */
static uint32_t prom_nextprop(const struct prom *p, uint32_t ph, uint32_t prev_gpa,
			      uint32_t buf)
{
	char prev[PROM_NAME_MAX];
	const char *name = NULL;
	bool take = false;
	int off = node_of(p, ph), prop;

	if (off < 0 || !guest_read_str(p->mem, prev_gpa, prev, sizeof(prev)))
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
	if (!guest_write(p->mem, buf, name, strlen(name) + 1))
		return ERR;
	return 1;
}

static uint32_t prom_setprop(const struct prom *p, uint32_t ph, uint32_t name_gpa,
			     uint32_t buf, int32_t len)
{
	char name[PROM_NAME_MAX];
	const void *val;
	int off = node_of(p, ph);

	if (off < 0 || len < 0 || len > PROM_SETPROP_MAX || !read_name(p, name_gpa, name))
		return ERR;
	/* Phandles change only through CHANGE_PHANDLE, which keeps them unique. */
	if (!strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))
		return ERR;
	val = guest_ptr(p->mem, buf, (uint64_t)len);
	if (!val || fdt_setprop(p->fdt, off, name, val, len))
		return ERR;
	return (uint32_t)len;
}

static uint32_t prom_change_phandle(const struct prom *p, uint32_t ph, uint32_t new_ph)
{
	int off = node_of(p, ph), other;

	if (off < 0 || new_ph == 0 || new_ph == (uint32_t)-1)
		return ERR;
	other = node_of(p, new_ph);
	if (other == off)
		return 0;
	if (other >= 0)
		return ERR;			/* MOL: "duplicate phandle" */
	return fdt_setprop_u32(p->fdt, off, "phandle", new_ph) ? ERR : 0;
}

/*
 * A path with OF's ":args" stripped from each component; false when it
 * is not a string in RAM or too long.
 */
static bool read_path(const struct prom *p, uint32_t gpa, char *path)
{
	char raw[PROM_PATH_MAX];
	size_t i, j = 0;
	bool skip = false;

	if (!gpa || !guest_read_str(p->mem, gpa, raw, sizeof(raw)) || !raw[0])
		return false;
	for (i = 0; raw[i]; i++) {
		if (raw[i] == '/')
			skip = false;
		else if (raw[i] == ':')
			skip = true;
		if (!skip)
			path[j++] = raw[i];
	}
	path[j] = 0;
	return j > 0;
}

static uint32_t prom_find_device(const struct prom *p, uint32_t path_gpa)
{
	char path[PROM_PATH_MAX];
	int off;

	if (!read_path(p, path_gpa, path))
		return ERR;
	off = fdt_path_offset(p->fdt, path);
	return off < 0 ? ERR : phandle_of(p, off);
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

	if (!read_path(p, path_gpa, path) || path[0] != '/')
		return ERR;
	for (comp = strtok_r(path, "/", &save); comp; comp = strtok_r(NULL, "/", &save)) {
		int child = fdt_subnode_offset(p->fdt, off, comp);

		if (child < 0)
			child = add_node(p->fdt, off, comp);
		if (child < 0)
			return ERR;
		off = child;
	}
	return phandle_of(p, off);
}

/* PROM_IFACE(what, phandle, a, b, c) */
uint32_t osi_prom_iface(struct vcpu *vcpu, uint64_t *gpr)
{
	struct prom p = prom_of(vcpu);
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
	struct prom p = prom_of(vcpu);

	switch (osi_arg(gpr, 0)) {
	case OSI_PROM_CREATE_NODE:
		return prom_create_node(&p, osi_arg(gpr, 1));
	case OSI_PROM_FIND_DEVICE:
		return prom_find_device(&p, osi_arg(gpr, 1));
	default:
		return ERR;
	}
}

/*
 * OF_INTERFACE(args): IEEE 1275 client interface.  args points to cells
 * { service, nargs, nret, arg[nargs], ret[nret] }; the services are the
 * device-tree ones above, with IEEE 1275's argument order.  Returns 0
 * when the service ran (its result in ret[0]), -1 for an unknown service
 * or a malformed array.
 */
#define OF_MAX_CELLS	10

struct of_service {
	const char *name;
	uint32_t nargs;
	uint32_t (*fn)(const struct prom *p, const uint32_t *a);
};

static uint32_t of_peer(const struct prom *p, const uint32_t *a) { return prom_peer(p, a[0]); }
static uint32_t of_child(const struct prom *p, const uint32_t *a) { return prom_child(p, a[0]); }
static uint32_t of_parent(const struct prom *p, const uint32_t *a) { return prom_parent(p, a[0]); }
static uint32_t of_getproplen(const struct prom *p, const uint32_t *a)
{
	return prom_getproplen(p, a[0], a[1]);
}
static uint32_t of_getprop(const struct prom *p, const uint32_t *a)
{
	return prom_getprop(p, a[0], a[1], a[2], (int32_t)a[3]);
}
static uint32_t of_nextprop(const struct prom *p, const uint32_t *a)
{
	/* IEEE 1275: -1 for a bad package, 0 at the end, 1 otherwise. */
	return prom_nextprop(p, a[0], a[1], a[2]);
}
static uint32_t of_setprop(const struct prom *p, const uint32_t *a)
{
	return prom_setprop(p, a[0], a[1], a[2], (int32_t)a[3]);
}
static uint32_t of_finddevice(const struct prom *p, const uint32_t *a)
{
	return prom_find_device(p, a[0]);
}
static uint32_t of_package_to_path(const struct prom *p, const uint32_t *a)
{
	return prom_package_to_path(p, a[0], a[1], (int32_t)a[2]);
}

static const struct of_service of_services[] = {
	{ "peer", 1, of_peer },
	{ "child", 1, of_child },
	{ "parent", 1, of_parent },
	{ "getproplen", 2, of_getproplen },
	{ "getprop", 4, of_getprop },
	{ "nextprop", 3, of_nextprop },
	{ "setprop", 4, of_setprop },
	{ "finddevice", 1, of_finddevice },
	{ "package-to-path", 3, of_package_to_path },
};

uint32_t osi_of_interface(struct vcpu *vcpu, uint64_t *gpr)
{
	struct prom p = prom_of(vcpu);
	uint32_t base = osi_arg(gpr, 0), svc, nargs, nret, a[OF_MAX_CELLS];
	char name[32];
	size_t i;

	if (!guest_read_be32(p.mem, base, &svc) || !guest_read_be32(p.mem, base + 4, &nargs) ||
	    !guest_read_be32(p.mem, base + 8, &nret) ||
	    !guest_read_str(p.mem, svc, name, sizeof(name)))
		return ERR;
	for (i = 0; i < sizeof(of_services) / sizeof(of_services[0]); i++) {
		const struct of_service *s = &of_services[i];
		uint32_t n, ret;

		if (strcmp(name, s->name))
			continue;
		if (nargs != s->nargs || nret < 1 || nret > OF_MAX_CELLS)
			return ERR;
		for (n = 0; n < nargs; n++)
			if (!guest_read_be32(p.mem, base + 12 + 4 * n, &a[n]))
				return ERR;
		ret = s->fn(&p, a);
		if (!guest_write_be32(p.mem, base + 12 + 4 * nargs, ret))
			return ERR;
		return 0;
	}
	return ERR;
}
