// SPDX-License-Identifier: GPL-2.0
/*
 * OSI NVRAM: MOL's 8 KiB non-volatile RAM (src/drivers/nvram.c), byte
 * access by offset, backed by the -nvram FILE image, which is read at
 * start (a missing file is created at exit) and written back whole at exit.
 * Out-of-range offsets read 0 and ignore writes, as in MOL.
 */
#include <string.h>

#include "../vmm/nvram_file.h"
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
	memset(d->nvram, 0, sizeof(d->nvram));
	d->nvram_path = path;
	if (!path)
		return 0;
	/* a missing file: the zeroed image, created at exit */
	return nvram_file_load(path, d->nvram, OSI_NVRAM_BYTES) < 0 ? -1 : 0;
}

int osi_nvram_save(const struct osi_devices *d)
{
	return d->nvram_path ? nvram_file_save(d->nvram_path, d->nvram, OSI_NVRAM_BYTES) : 0;
}
