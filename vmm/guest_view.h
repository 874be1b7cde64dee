/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest memory as a 32-bit guest's data accesses see it: physical, or
 * virtual through the guest's MMU (ppc32_mmu.h).  Open Firmware serves
 * its client in the client's address space, so every pointer a client
 * passes is read and written through a view.  Every access is checked
 * page by page (a buffer may span pages mapped anywhere) and fails
 * instead of reaching outside guest RAM, an unmapped page or a page the
 * guest may not write.  Values are big-endian.
 */
#ifndef MOLVM_GUEST_VIEW_H
#define MOLVM_GUEST_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest_mem.h"
#include "ppc32_mmu.h"

struct guest_view {
	const struct guest_mem *mem;
	const struct ppc32_mmu *mmu;	/* NULL: physical addresses */
};

static inline struct guest_view guest_view_phys(const struct guest_mem *mem)
{
	return (struct guest_view){ mem, NULL };
}

bool gview_read(const struct guest_view *v, uint32_t va, void *buf, size_t len);
bool gview_write(const struct guest_view *v, uint32_t va, const void *buf, size_t len);
bool gview_read_be32(const struct guest_view *v, uint32_t va, uint32_t *val);
bool gview_write_be32(const struct guest_view *v, uint32_t va, uint32_t val);
/* A NUL-terminated string of at most max - 1 bytes into buf. */
bool gview_read_str(const struct guest_view *v, uint32_t va, char *buf, size_t max);

/*
 * fn(host, n, arg) on each piece of RAM backing [va, va + len), in order
 * (one piece per page at most).  All pages are translated and checked
 * first, so nothing is done unless the whole range is accessible.
 * Returns false when it is not, or when fn returns false.
 */
bool gview_for_each(const struct guest_view *v, uint32_t va, uint64_t len, bool write,
		    bool (*fn)(uint8_t *host, size_t n, void *arg), void *arg);

#endif
