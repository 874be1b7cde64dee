/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device-tree services of molvm's Open Firmware, shared by MOL's OSI
 * PROM_IFACE calls (physical addresses, osi_prom.c) and the IEEE 1275
 * client interface (the client's virtual addresses, of_client.c).  The
 * tree is the VM's libfdt blob; a node's identity is its "phandle"
 * property, which every node carries (fdt_powermac.c), so phandles stay
 * valid when setprop moves nodes inside the blob.
 *
 * Results follow IEEE 1275 and MOL: -1 for a bad phandle, name, buffer
 * or length; peer/child/parent return 0 at the end of a list.
 */
#ifndef MOLVM_OSI_PROM_H
#define MOLVM_OSI_PROM_H

#include <stddef.h>
#include <stdint.h>

#include "../vmm/guest_view.h"

#define PROM_NAME_MAX	64	/* property names, bytes with the NUL */
#define PROM_PATH_MAX	256	/* node paths, bytes with the NUL */
#define PROM_ARGS_MAX	64	/* a device specifier's ":args", with the NUL */
#define PROM_SETPROP_MAX 0x1000	/* MOL's kPromSetProp limit */

struct prom {
	void *fdt;
	struct guest_view view;	/* how the caller's addresses are read */
};

/* The node offset of a phandle, or -1. */
int prom_node(const struct prom *p, uint32_t ph);
/* A node's phandle; 0 for "no node" (offset < 0). */
uint32_t prom_phandle(const struct prom *p, int off);

uint32_t prom_peer(const struct prom *p, uint32_t ph);
uint32_t prom_child(const struct prom *p, uint32_t ph);
uint32_t prom_parent(const struct prom *p, uint32_t ph);
uint32_t prom_package_to_path(const struct prom *p, uint32_t ph, uint32_t buf, int32_t size);
uint32_t prom_getproplen(const struct prom *p, uint32_t ph, uint32_t name_va);
uint32_t prom_getprop(const struct prom *p, uint32_t ph, uint32_t name_va, uint32_t buf,
		      int32_t size);
uint32_t prom_nextprop(const struct prom *p, uint32_t ph, uint32_t prev_va, uint32_t buf);
uint32_t prom_setprop(const struct prom *p, uint32_t ph, uint32_t name_va, uint32_t buf,
		      int32_t len);
uint32_t prom_find_device(const struct prom *p, uint32_t path_va);

/*
 * Resolve an IEEE 1275 device specifier: an absolute path or one that
 * starts with an alias (/aliases), components "name@unit:args" where the
 * unit or the name may be left out (the first match wins).  Returns the
 * node offset, or -1; the last component's args go to args (if not NULL).
 */
int prom_resolve(const void *fdt, const char *spec, char *args, size_t argslen);

/*
 * Copy text (len bytes plus a NUL if it fits) to the caller's buffer of
 * size bytes: returns len (what package-to-path and friends answer), or
 * -1 when the buffer is not writable.
 */
uint32_t prom_copy_out(const struct prom *p, const char *text, size_t len, uint32_t buf,
		       int32_t size);

#endif
