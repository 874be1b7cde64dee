/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest physical memory.  Every access from molvm goes through these
 * functions: each checks the whole range [gpa, gpa + len) against guest RAM
 * and fails (returns false / NULL) instead of touching host memory outside
 * it.  Values are read and written big-endian.
 */
#ifndef MOLVM_GUEST_MEM_H
#define MOLVM_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guest_mem {
	uint8_t *host;		/* host mapping of guest physical 0 */
	uint64_t size;		/* bytes of RAM from guest physical 0 */
};

int guest_mem_alloc(struct guest_mem *mem, uint64_t size);
void guest_mem_free(struct guest_mem *mem);

/* True when [gpa, gpa + len) lies inside guest RAM (len 0 included). */
bool guest_range_ok(const struct guest_mem *mem, uint64_t gpa, uint64_t len);

/* Host pointer to a checked range, or NULL when it is not all RAM. */
void *guest_ptr(const struct guest_mem *mem, uint64_t gpa, uint64_t len);

bool guest_read(const struct guest_mem *mem, uint64_t gpa, void *buf, size_t len);
bool guest_write(const struct guest_mem *mem, uint64_t gpa, const void *buf, size_t len);
bool guest_read_be16(const struct guest_mem *mem, uint64_t gpa, uint16_t *val);
bool guest_read_be32(const struct guest_mem *mem, uint64_t gpa, uint32_t *val);
bool guest_read_be64(const struct guest_mem *mem, uint64_t gpa, uint64_t *val);
/* n big-endian words from gpa (a ring descriptor), all or nothing. */
bool guest_read_be32s(const struct guest_mem *mem, uint64_t gpa, uint32_t *w, unsigned int n);
bool guest_write_be32(const struct guest_mem *mem, uint64_t gpa, uint32_t val);
bool guest_write_be64(const struct guest_mem *mem, uint64_t gpa, uint64_t val);

/* Little-endian variants, for virtio structures (little-endian by spec). */
bool guest_read_le16(const struct guest_mem *mem, uint64_t gpa, uint16_t *val);
bool guest_read_le32(const struct guest_mem *mem, uint64_t gpa, uint32_t *val);
bool guest_read_le64(const struct guest_mem *mem, uint64_t gpa, uint64_t *val);
bool guest_write_le16(const struct guest_mem *mem, uint64_t gpa, uint16_t val);
bool guest_write_le32(const struct guest_mem *mem, uint64_t gpa, uint32_t val);

/*
 * Copy a NUL-terminated guest string of at most max - 1 bytes into buf.
 * Fails when the string leaves RAM or has no NUL within max bytes.
 */
bool guest_read_str(const struct guest_mem *mem, uint64_t gpa, char *buf, size_t max);

#endif
