/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_LOADER_H
#define MOLVM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest_mem.h"

struct load_result {
	uint64_t entry;		/* guest physical entry point */
	uint64_t low, high;	/* guest physical range the image occupies */
	int elf_class;		/* 32, 64, or 0 for a raw binary */
	bool little_endian;	/* a ppc64le image */
	bool linked_virtual;	/* its entry point's address is not where it
				 * loads (a kernel linked at 0xc000...) */
};

/*
 * Load a big-endian PowerPC ELF image held in buf into guest RAM.  On
 * failure returns -1 and leaves a one-line reason in err.
 */
int load_elf(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	     struct load_result *res, char *err, size_t errlen);

/* Load a raw binary at gpa; its entry point is gpa. */
int load_raw(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	     uint64_t gpa, struct load_result *res, char *err, size_t errlen);

/*
 * Read a whole file of at most max bytes.  Returns a malloc'd buffer, or
 * NULL with the reason in err.
 */
uint8_t *read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);

bool is_elf(const uint8_t *buf, size_t len);

#endif
