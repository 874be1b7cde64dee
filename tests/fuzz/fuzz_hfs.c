// SPDX-License-Identifier: GPL-2.0
/*
 * The HFS/HFS+ reader and the ROM search (vmm/hfs.c, vmm/rom_search.c)
 * on a disk image made of input.  A disk image is the user's, but also
 * the guest's: a guest writes its own disk, and the next boot without
 * -rom searches it for the Mac OS ROM.
 *
 * Input: u8 what (0 the blessed folder's 'tbxi', 1 the full search for
 * "Mac OS ROM", 2 the ROM search over the image as a drive, 3 the Apple
 * partition map), u8 size (64 KiB << (size % 6): up to 2 MiB), then
 * chunks {u32 offset (modulo the size), u16 length, bytes} written over
 * zeros.  Seeds are real volumes (hfsutils, xorriso) written that way:
 * their non-zero 512-byte blocks (mkseeds_hfs.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../vmm/hfs.h"
#include "../../vmm/rom_search.h"
#include "../../vmm/vm.h"
#include "harness.h"

#define ROM_MAX		(1u << 20)

static int image_fd = -1;
static char image_path[64];

static void die(const char *what)
{
	perror(what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t what = in_u8(&in) % 4;
	uint64_t len = (64u * 1024) << (in_u8(&in) % 6);
	struct mac_partition parts[8];
	char err[256];
	int i, n;

	if (image_fd < 0) {
		image_fd = memfd_create("fuzz-hfs", MFD_CLOEXEC);
		if (image_fd < 0)
			die("memfd_create");
		snprintf(image_path, sizeof(image_path), "/proc/self/fd/%d", image_fd);
	}
	if (ftruncate(image_fd, 0) || ftruncate(image_fd, (off_t)len))
		die("ftruncate");
	while (in_left(&in)) {
		uint64_t off = in_u32(&in) % len;
		size_t want = in_u16(&in), got;
		const uint8_t *p = in_bytes(&in, want, &got);

		if (got > len - off)
			got = (size_t)(len - off);
		if (pwrite(image_fd, p, got, (off_t)off) != (ssize_t)got)
			die("pwrite");
	}
	err[0] = 0;
	if (what < 2) {
		struct hfs_dev dev = { image_fd, 0, len };
		struct hfs_file f = { 0 };

		if (hfs_find_rom(&dev, what ? HFS_MACOS_ROM : HFS_BLESSED_TBXI, ROM_MAX, &f, err,
				 sizeof(err)) == 1) {
			if (f.len > ROM_MAX || !f.fstype)
				abort();
			free(f.data);
		}
	} else if (what == 2) {
		static struct drive_config drive;
		struct rom_found found = { 0 };

		snprintf(drive.file, sizeof(drive.file), "%s", image_path);
		drive.boot = true;
		if (rom_search(&drive, 1, ROM_MAX, &found, err, sizeof(err)) == 1) {
			if (found.len > ROM_MAX || found.unit != 0)
				abort();
			free(found.data);
		}
	} else {
		n = apm_partitions(image_fd, len, parts, 8);
		if (n < 0 || n > 8)
			abort();
		/* every partition inside the image, each then read as a volume */
		for (i = 0; i < n; i++) {
			struct hfs_dev dev = { image_fd, parts[i].base, parts[i].size };
			struct hfs_file f = { 0 };

			if (parts[i].base > len || parts[i].size > len - parts[i].base)
				abort();
			if (hfs_find_rom(&dev, HFS_BLESSED_TBXI, ROM_MAX, &f, err, sizeof(err)) == 1)
				free(f.data);
		}
	}
	if (memchr(err, 0, sizeof(err)) == NULL)
		abort();
	return 0;
}
