/* SPDX-License-Identifier: GPL-2.0 */
/* What every device-tree builder (libfdt's sequential-write API) needs. */
#ifndef MOLVM_FDT_UTIL_H
#define MOLVM_FDT_UTIL_H

#include <libfdt.h>
#include <stdint.h>
#include <string.h>

/* Inside a builder returning int: give up with -1 on a libfdt error. */
#define TRY(x) do { if ((x) < 0) return -1; } while (0)

/* A property of n 32-bit cells, stored big-endian.  The value is written
 * in place (it may sit at any byte offset of the caller's buffer). */
static inline int fdt_prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
	void *val;
	int i, r;

	if (n < 0)
		return -FDT_ERR_BADVALUE;
	r = fdt_property_placeholder(fdt, name, n * 4, &val);
	for (i = 0; !r && i < n; i++) {
		fdt32_t be = cpu_to_fdt32(cells[i]);

		memcpy((char *)val + 4 * i, &be, 4);
	}
	return r;
}

/* A one-cell interrupt specifier and its controller's phandle. */
static inline int fdt_prop_irq(void *fdt, uint32_t parent, uint32_t irq)
{
	int r = fdt_property_cell(fdt, "interrupts", irq);

	return r ? r : fdt_property_cell(fdt, "interrupt-parent", parent);
}

#endif
