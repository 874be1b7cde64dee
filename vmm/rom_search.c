// SPDX-License-Identifier: GPL-2.0
/* The ROM search over the disks (rom_search.h). */
#include "rom_search.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../devices/image.h"
#include "be.h"
#include "hfs.h"
#include "log.h"
#include "vm.h"

#define MAX_PARTS	32	/* MOL's firmware tried disk@N:0 .. :31 */

static bool read_at(int fd, uint64_t size, uint64_t off, uint8_t *buf, size_t len)
{
	return off <= size && len <= size - off && pread(fd, buf, len, (off_t)off) == (ssize_t)len;
}

/*
 * Apple partition map (Inside Macintosh: Devices, "SCSI Manager": the
 * driver descriptor map sbSig 'ER' with sbBlkSize at 2 in block 0, then
 * one 'PM' entry per block from block 1: pmMapBlkCnt @4, pmPyPartStart
 * @8, pmPartBlkCnt @12, pmParType[32] @48).  Entries sit at
 * n * sbBlkSize and count in sbBlkSize units, as Linux's
 * block/partitions/mac.c reads them (CDs use 2048-byte blocks).
 */
int apm_partitions(int fd, uint64_t size, struct mac_partition *parts, int max)
{
	uint8_t b[512];
	uint32_t secsize, count, i;
	int n = 0;

	if (!read_at(fd, size, 0, b, sizeof(b)) || be16_load(b) != 0x4552)
		return 0;
	secsize = be16_load(b + 2);
	if (secsize != 512 && secsize != 1024 && secsize != 2048 && secsize != 4096)
		return 0;
	if (!read_at(fd, size, secsize, b, sizeof(b)) || be16_load(b) != 0x504d)
		return 0;
	count = be32_load(b + 4);
	for (i = 1; i <= count && i <= MAX_PARTS && n < max; i++) {
		uint64_t base, len;
		char type[33];

		if (!read_at(fd, size, (uint64_t)i * secsize, b, sizeof(b)) ||
		    be16_load(b) != 0x504d)
			break;
		memcpy(type, b + 48, 32);
		type[32] = 0;
		base = (uint64_t)be32_load(b + 8) * secsize;
		len = (uint64_t)be32_load(b + 12) * secsize;
		if (strcasecmp(type, "Apple_HFS") || base >= size)
			continue;
		if (len > size - base)
			len = size - base;	/* a map larger than the image */
		parts[n].number = (int)i;
		parts[n].base = base;
		parts[n].size = len;
		n++;
	}
	return n;
}

struct search_state {
	size_t max;
	struct rom_found *out;
	char *err;			/* the first damaged volume */
	size_t errlen;
	bool damaged;
};

/* One disk, every partition: 1 when found. */
static int search_disk(struct search_state *s, const struct drive_config *d, int unit,
		       enum hfs_search how)
{
	struct mac_partition parts[MAX_PARTS];
	struct image img;
	char why[256];
	int i, n, r = 0;

	if (image_open(d->file, true, &img, why, sizeof(why))) {
		if (!s->damaged)
			set_err(s->err, s->errlen, "%s", why);
		s->damaged = true;
		return 0;
	}
	n = apm_partitions(img.fd, img.size, parts, MAX_PARTS);
	if (!n) {
		parts[0].number = 0;
		parts[0].base = 0;
		parts[0].size = img.size;
		n = 1;
	}
	for (i = 0; i < n && r != 1; i++) {
		struct hfs_dev dev = { img.fd, parts[i].base, parts[i].size };
		struct hfs_file f;

		r = hfs_find_rom(&dev, how, s->max, &f, why, sizeof(why));
		if (r < 0 && !s->damaged) {
			set_err(s->err, s->errlen, "%s, partition %d: %s", d->file, parts[i].number,
				why);
			s->damaged = true;
		}
		if (r == 1) {
			s->out->unit = unit;
			s->out->partition = parts[i].number;
			s->out->fstype = f.fstype;
			s->out->data = f.data;
			s->out->len = f.len;
		}
	}
	close(img.fd);
	return r == 1;
}

int rom_search(const struct drive_config *drives, int n, size_t max, struct rom_found *out,
	       char *err, size_t errlen)
{
	/* MOL's three rounds: hinted disks fast, hinted disks searched
	 * whole, the others fast */
	static const struct { bool hinted; enum hfs_search how; } rounds[] = {
		{ true, HFS_BLESSED_TBXI }, { true, HFS_MACOS_ROM }, { false, HFS_BLESSED_TBXI },
	};
	struct search_state s = { max, out, err, errlen, false };
	size_t r;
	int i;

	memset(out, 0, sizeof(*out));
	for (r = 0; r < sizeof(rounds) / sizeof(rounds[0]); r++)
		for (i = 0; i < n; i++)
			if (drives[i].boot == rounds[r].hinted &&
			    search_disk(&s, &drives[i], i, rounds[r].how))
				return 1;
	if (!s.damaged)
		set_err(err, errlen, "no disk holds a blessed System Folder with a 'tbxi' file "
			"(nor, on the boot disk, a \"Mac OS ROM\" beside a Finder and a System)");
	return 0;
}
