// SPDX-License-Identifier: GPL-2.0
/*
 * OSI NVRAM: MOL's 8 KiB non-volatile RAM (src/drivers/nvram.c), byte
 * access by offset, backed by the -nvram FILE image, which is read at
 * start (a missing file is created at exit) and written back whole at exit.
 * Out-of-range offsets read 0 and ignore writes, as in MOL.  This is the
 * machine's one NVRAM store: RTAS nvram-fetch/store (of_rtas.c) and Open
 * Firmware's nvram instance work on the same bytes.
 *
 * A new NVRAM (no file yet, or no -nvram) starts with MOL's partitions,
 * in CHRP's format (16-byte headers: signature, checksum, length in
 * 16-byte blocks with the header, a 12-byte name):
 *   0x0000  0xa0 "APL,MacOS75"   0x510 bytes: Mac OS's parameter RAM
 *           (mol-src/mollib/nvram/nvram.dist)
 *   0x0510  0x70 "common"        0xc10 bytes: Open Firmware's settings, as
 *           MOL's firmware made it in the free space at its first start
 *           (openbios packages/nvram.c create_nv_part, DEF_SYSTEM_SIZE)
 *   0x1120  0x7f "wwwwwwwwwwww"  the rest, free (nvram.dist's name)
 * The contents are zero: Mac OS then sets up its parameter RAM as after
 * a PRAM reset (nvram.dist carried one machine's settings, its network
 * among them, which molvm does not copy).  nvram.dist's free partition
 * claimed 0x1ad0 blocks, past the 8 KiB; molvm's length is the real one.
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

/* openbios packages/nvram.c nvpart_checksum: the signature and bytes
 * 2..15 added with the carry folded back in */
static uint8_t part_checksum(const uint8_t *h)
{
	unsigned int v = h[0], i;

	for (i = 2; i < 16; i++) {
		v += h[i];
		if (v > 255)
			v = (v - 256 + 1) & 0xff;
	}
	return (uint8_t)v;
}

static void part(uint8_t *nv, uint32_t off, uint8_t sig, const char *name, uint32_t len)
{
	uint8_t *h = nv + off;

	h[0] = sig;
	h[2] = (uint8_t)(len / 16 >> 8);
	h[3] = (uint8_t)(len / 16);
	memset(h + 4, 0, 12);
	memcpy(h + 4, name, strlen(name) < 12 ? strlen(name) : 12);
	h[1] = part_checksum(h);
}

void osi_nvram_default(uint8_t nv[OSI_NVRAM_BYTES])
{
	memset(nv, 0, OSI_NVRAM_BYTES);
	part(nv, 0x0000, 0xa0, "APL,MacOS75", 0x510);
	part(nv, 0x0510, 0x70, "common", 0xc10);
	part(nv, 0x1120, 0x7f, "wwwwwwwwwwww", OSI_NVRAM_BYTES - 0x1120);
}

int osi_nvram_load(struct osi_devices *d, const char *path)
{
	osi_nvram_default(d->nvram);
	d->nvram_path = path;
	if (!path)
		return 0;
	/* a missing file: the default partitions, created at exit */
	return nvram_file_load(path, d->nvram, OSI_NVRAM_BYTES) < 0 ? -1 : 0;
}

int osi_nvram_save(const struct osi_devices *d)
{
	return d->nvram_path ? nvram_file_save(d->nvram_path, d->nvram, OSI_NVRAM_BYTES) : 0;
}
