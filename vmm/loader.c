// SPDX-License-Identifier: GPL-2.0
/*
 * Guest image loading: big-endian ELF32/ELF64 (PowerPC) and raw binaries.
 * The file is untrusted input: every header field is checked against the
 * file's size and guest RAM before it is used.  Layouts from the System V
 * ABI (gABI) ELF specification.
 */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "be.h"
#include "log.h"

#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ELFDATA2MSB	2
#define ET_EXEC		2
#define ET_DYN		3
#define EM_PPC		20
#define EM_PPC64	21
#define PT_LOAD		1

bool is_elf(const uint8_t *buf, size_t len)
{
	return len >= 4 && !memcmp(buf, "\177ELF", 4);
}

/* Header fields in the file's byte order (ppc64le kernels are LSB). */
struct elf_reader { bool le; };

static uint16_t rd16(struct elf_reader r, const uint8_t *p)
{
	return r.le ? (uint16_t)(p[0] | p[1] << 8) : be16_load(p);
}

static uint32_t rd32(struct elf_reader r, const uint8_t *p)
{
	return r.le ? (uint32_t)rd16(r, p) | (uint32_t)rd16(r, p + 2) << 16 : be32_load(p);
}

static uint64_t rd64(struct elf_reader r, const uint8_t *p)
{
	return r.le ? (uint64_t)rd32(r, p) | (uint64_t)rd32(r, p + 4) << 32 : be64_load(p);
}

/* One program header, whatever the class. */
struct phdr {
	uint32_t type;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

static void parse_phdr(struct elf_reader r, const uint8_t *p, int class64, struct phdr *ph)
{
	ph->type = rd32(r, p);
	if (class64) {
		ph->offset = rd64(r, p + 8);
		ph->vaddr = rd64(r, p + 16);
		ph->paddr = rd64(r, p + 24);
		ph->filesz = rd64(r, p + 32);
		ph->memsz = rd64(r, p + 40);
	} else {
		ph->offset = rd32(r, p + 4);
		ph->vaddr = rd32(r, p + 8);
		ph->paddr = rd32(r, p + 12);
		ph->filesz = rd32(r, p + 16);
		ph->memsz = rd32(r, p + 20);
	}
}

int load_elf(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	     struct load_result *res, char *err, size_t errlen)
{
	struct elf_reader rd;
	int class64;
	uint16_t type, machine, phentsize, phnum, i;
	uint64_t entry, phoff;
	bool entry_found = false;
	size_t ehsize;

	if (!is_elf(buf, len))
		return set_err(err, errlen, "not an ELF image");
	if (len < 52)
		return set_err(err, errlen, "truncated ELF header");
	if (buf[EI_CLASS] != ELFCLASS32 && buf[EI_CLASS] != ELFCLASS64)
		return set_err(err, errlen, "unknown ELF class %u", buf[EI_CLASS]);
	class64 = buf[EI_CLASS] == ELFCLASS64;
	ehsize = class64 ? 64 : 52;
	if (len < ehsize)
		return set_err(err, errlen, "truncated ELF header");
	if (buf[EI_DATA] != ELFDATA2MSB && buf[EI_DATA] != ELFDATA2LSB)
		return set_err(err, errlen, "unknown ELF byte order %u", buf[EI_DATA]);
	rd.le = buf[EI_DATA] == ELFDATA2LSB;
	if (rd.le && !class64)
		return set_err(err, errlen, "little-endian 32-bit ELF image (PowerPC guests are big-endian)");
	type = rd16(rd, buf + 16);
	machine = rd16(rd, buf + 18);
	if (type != ET_EXEC && type != ET_DYN)
		return set_err(err, errlen, "ELF image is not an executable (type %u)", type);
	if (machine != (class64 ? EM_PPC64 : EM_PPC))
		return set_err(err, errlen, "ELF image is not for PowerPC (machine %u)", machine);
	if (class64) {
		entry = rd64(rd, buf + 24);
		phoff = rd64(rd, buf + 32);
		phentsize = rd16(rd, buf + 54);
		phnum = rd16(rd, buf + 56);
	} else {
		entry = rd32(rd, buf + 24);
		phoff = rd32(rd, buf + 28);
		phentsize = rd16(rd, buf + 42);
		phnum = rd16(rd, buf + 44);
	}
	if (phentsize < (class64 ? 56 : 32))
		return set_err(err, errlen, "bad ELF program header size %u", phentsize);
	if (phnum == 0 || phoff > len || (uint64_t)phnum * phentsize > len - phoff)
		return set_err(err, errlen, "ELF program headers lie outside the file");

	res->low = UINT64_MAX;
	res->high = 0;
	res->linked_virtual = false;
	res->elf_class = class64 ? 64 : 32;
	res->little_endian = rd.le;
	for (i = 0; i < phnum; i++) {
		struct phdr ph;
		uint8_t *dst;

		parse_phdr(rd, buf + phoff + (uint64_t)i * phentsize, class64, &ph);
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (ph.filesz > ph.memsz)
			return set_err(err, errlen, "ELF segment %u: file size exceeds memory size", i);
		if (ph.offset > len || ph.filesz > len - ph.offset)
			return set_err(err, errlen, "ELF segment %u lies outside the file", i);
		dst = guest_ptr(mem, ph.paddr, ph.memsz);
		if (!dst)
			return set_err(err, errlen,
				       "ELF segment %u at 0x%llx (size 0x%llx) does not fit in %llu MiB of guest RAM",
				       i, (unsigned long long)ph.paddr,
				       (unsigned long long)ph.memsz,
				       (unsigned long long)(mem->size >> 20));
		memcpy(dst, buf + ph.offset, ph.filesz);
		memset(dst + ph.filesz, 0, ph.memsz - ph.filesz);
		if (ph.paddr < res->low)
			res->low = ph.paddr;
		if (ph.paddr + ph.memsz > res->high)
			res->high = ph.paddr + ph.memsz;
		/* A kernel links at a virtual address (0xc000... for ppc64
		 * Linux) and is entered in real mode: translate the entry. */
		if (!entry_found && entry >= ph.vaddr && entry - ph.vaddr < ph.memsz) {
			res->entry = entry - ph.vaddr + ph.paddr;
			res->linked_virtual = ph.vaddr != ph.paddr;
			entry_found = true;
		}
	}
	if (res->high == 0)
		return set_err(err, errlen, "ELF image has no loadable segment");
	if (!entry_found) {
		if (!guest_range_ok(mem, entry, 4))
			return set_err(err, errlen, "ELF entry point 0x%llx is outside guest RAM",
				       (unsigned long long)entry);
		res->entry = entry;
	}
	return 0;
}

int load_raw(const struct guest_mem *mem, const uint8_t *buf, size_t len,
	     uint64_t gpa, struct load_result *res, char *err, size_t errlen)
{
	if (!guest_write(mem, gpa, buf, len))
		return set_err(err, errlen,
			       "image of %zu bytes at 0x%llx does not fit in %llu MiB of guest RAM",
			       len, (unsigned long long)gpa,
			       (unsigned long long)(mem->size >> 20));
	res->entry = gpa;
	res->little_endian = false;
	res->linked_virtual = false;
	res->low = gpa;
	res->high = gpa + len;
	res->elf_class = 0;
	return 0;
}

uint8_t *read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	uint8_t *buf;
	size_t done = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		set_err(err, errlen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((uint64_t)st.st_size > max) {
		set_err(err, errlen, "%s: %lld bytes is larger than guest RAM", path,
		        (long long)st.st_size);
		close(fd);
		return NULL;
	}
	if (st.st_size == 0) {
		set_err(err, errlen, "%s: empty file", path);
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	if (!buf) {
		set_err(err, errlen, "%s: out of memory", path);
		close(fd);
		return NULL;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			set_err(err, errlen, "%s: read error", path);
			free(buf);
			close(fd);
			return NULL;
		}
		done += (size_t)n;
	}
	close(fd);
	*len = done;
	return buf;
}
