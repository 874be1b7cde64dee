// SPDX-License-Identifier: GPL-2.0
/*
 * OSI NVRAM: MOL's 8 KiB non-volatile RAM (src/drivers/nvram.c), byte
 * access by offset, backed by the -nvram FILE image, which is read at
 * start (a missing file is created at exit) and written back whole at exit.
 * Out-of-range offsets read 0 and ignore writes, as in MOL.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "osi.h"
#include "osi_devices.h"

uint32_t osi_nvram_size(struct vcpu *vcpu, uint64_t *gpr)
{
	(void)vcpu;
	(void)gpr;
	return OSI_NVRAM_BYTES;
}

/* READ_NVRAM_BYTE(offset) -- byte */
uint32_t osi_read_nvram_byte(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t off = osi_arg(gpr, 0);

	return off < OSI_NVRAM_BYTES ? vcpu->vm->osi->nvram[off] : 0;
}

/* WRITE_NVRAM_BYTE(offset, byte) */
uint32_t osi_write_nvram_byte(struct vcpu *vcpu, uint64_t *gpr)
{
	uint32_t off = osi_arg(gpr, 0);

	if (off < OSI_NVRAM_BYTES)
		vcpu->vm->osi->nvram[off] = (uint8_t)osi_arg(gpr, 1);
	return 0;
}

int osi_nvram_load(struct osi_devices *d, const char *path)
{
	struct stat st;
	ssize_t n;
	int fd;

	memset(d->nvram, 0, sizeof(d->nvram));
	d->nvram_path = path;
	if (!path)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;	/* a new image: created at exit */
		pr_err("-nvram %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size != OSI_NVRAM_BYTES) {
		pr_err("-nvram %s: not an NVRAM image (a regular file of exactly %d bytes)",
		       path, OSI_NVRAM_BYTES);
		close(fd);
		return -1;
	}
	n = read(fd, d->nvram, OSI_NVRAM_BYTES);
	close(fd);
	if (n != OSI_NVRAM_BYTES) {
		pr_err("-nvram %s: short read", path);
		return -1;
	}
	return 0;
}

int osi_nvram_save(const struct osi_devices *d)
{
	ssize_t n;
	int fd;

	if (!d->nvram_path)
		return 0;
	fd = open(d->nvram_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		pr_err("-nvram %s: cannot save: %s", d->nvram_path, strerror(errno));
		return -1;
	}
	n = pwrite(fd, d->nvram, OSI_NVRAM_BYTES, 0);
	if (n == OSI_NVRAM_BYTES && fsync(fd))
		n = -1;
	if (close(fd))
		n = -1;
	if (n != OSI_NVRAM_BYTES) {
		pr_err("-nvram %s: cannot save: %s", d->nvram_path,
		       n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return 0;
}
