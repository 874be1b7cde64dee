// SPDX-License-Identifier: GPL-2.0
#include "guest_mem.h"

#include <string.h>
#include <sys/mman.h>

#include "be.h"
#include "le.h"

int guest_mem_alloc(struct guest_mem *mem, uint64_t size)
{
	void *p;

	if (size == 0 || size > (uint64_t)SIZE_MAX)
		return -1;
	/* MAP_NORESERVE: RAM the guest never touches costs nothing. */
	p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	mem->host = p;
	mem->size = size;
	return 0;
}

void guest_mem_free(struct guest_mem *mem)
{
	if (mem->host)
		munmap(mem->host, (size_t)mem->size);
	mem->host = NULL;
	mem->size = 0;
}

bool guest_range_ok(const struct guest_mem *mem, uint64_t gpa, uint64_t len)
{
	/* Written so that no sum can wrap around. */
	return gpa <= mem->size && len <= mem->size - gpa;
}

void *guest_ptr(const struct guest_mem *mem, uint64_t gpa, uint64_t len)
{
	if (!mem->host || !guest_range_ok(mem, gpa, len))
		return NULL;
	return mem->host + gpa;
}

bool guest_read(const struct guest_mem *mem, uint64_t gpa, void *buf, size_t len)
{
	const void *p = guest_ptr(mem, gpa, len);

	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

bool guest_write(const struct guest_mem *mem, uint64_t gpa, const void *buf, size_t len)
{
	void *p = guest_ptr(mem, gpa, len);

	if (!p)
		return false;
	memcpy(p, buf, len);
	return true;
}

bool guest_read_be16(const struct guest_mem *mem, uint64_t gpa, uint16_t *val)
{
	const uint8_t *p = guest_ptr(mem, gpa, 2);

	if (!p)
		return false;
	*val = be16_load(p);
	return true;
}

bool guest_read_be32(const struct guest_mem *mem, uint64_t gpa, uint32_t *val)
{
	const uint8_t *p = guest_ptr(mem, gpa, 4);

	if (!p)
		return false;
	*val = be32_load(p);
	return true;
}

bool guest_read_be32s(const struct guest_mem *mem, uint64_t gpa, uint32_t *w, unsigned int n)
{
	const uint8_t *p = guest_ptr(mem, gpa, 4 * (uint64_t)n);
	unsigned int i;

	if (!p)
		return false;
	for (i = 0; i < n; i++)
		w[i] = be32_load(p + 4 * i);
	return true;
}

bool guest_read_be64(const struct guest_mem *mem, uint64_t gpa, uint64_t *val)
{
	const uint8_t *p = guest_ptr(mem, gpa, 8);

	if (!p)
		return false;
	*val = be64_load(p);
	return true;
}

bool guest_write_be32(const struct guest_mem *mem, uint64_t gpa, uint32_t val)
{
	uint8_t *p = guest_ptr(mem, gpa, 4);

	if (!p)
		return false;
	be32_store(p, val);
	return true;
}

bool guest_write_be64(const struct guest_mem *mem, uint64_t gpa, uint64_t val)
{
	uint8_t *p = guest_ptr(mem, gpa, 8);

	if (!p)
		return false;
	be64_store(p, val);
	return true;
}

#define GUEST_LE_ACCESSORS(bits)							\
bool guest_read_le##bits(const struct guest_mem *mem, uint64_t gpa, uint##bits##_t *val)	\
{											\
	const uint8_t *p = guest_ptr(mem, gpa, bits / 8);				\
											\
	if (!p)										\
		return false;								\
	*val = le##bits##_load(p);							\
	return true;									\
}

GUEST_LE_ACCESSORS(16)
GUEST_LE_ACCESSORS(32)
GUEST_LE_ACCESSORS(64)

bool guest_write_le16(const struct guest_mem *mem, uint64_t gpa, uint16_t val)
{
	uint8_t *p = guest_ptr(mem, gpa, 2);

	if (!p)
		return false;
	le16_store(p, val);
	return true;
}

bool guest_write_le32(const struct guest_mem *mem, uint64_t gpa, uint32_t val)
{
	uint8_t *p = guest_ptr(mem, gpa, 4);

	if (!p)
		return false;
	le32_store(p, val);
	return true;
}

bool guest_read_str(const struct guest_mem *mem, uint64_t gpa, char *buf, size_t max)
{
	size_t i;

	if (max == 0)
		return false;
	for (i = 0; i < max; i++) {
		const uint8_t *p = guest_ptr(mem, gpa + i, 1);

		if (!p || gpa + i < gpa)
			return false;
		buf[i] = (char)*p;
		if (*p == 0)
			return true;
	}
	buf[max - 1] = 0;
	return false;
}
