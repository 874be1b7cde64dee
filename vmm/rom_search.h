/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mac OS ROM on the disks, found as MOL's firmware found it when no
 * ROM file was given (openbios arch/ppc/mol/main.c newworld_startup):
 *   1. the disks with the boot hint, each partition: the blessed System
 *      Folder's 'tbxi' file;
 *   2. the same disks, searched whole for a "Mac OS ROM" file next to a
 *      Finder and a System;
 *   3. the other disks: the blessed folder's 'tbxi' file.
 * Partitions are those of an Apple partition map (type Apple_HFS,
 * numbered from 1 as Open Firmware numbers them), or the whole image
 * (partition 0) when it has no map.  Images are read with pread only,
 * and treated as hostile (vmm/hfs.h).
 */
#ifndef MOLVM_ROM_SEARCH_H
#define MOLVM_ROM_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct drive_config;

struct rom_found {
	int unit;			/* ABLK unit (index into the drives) */
	int partition;			/* 0: the whole image */
	const char *fstype;		/* "HFS" or "HFS+" */
	uint8_t *data;			/* the file, malloc'd */
	size_t len;
};

/*
 * Search drives[0..n) (the hint is drive_config.boot).  Returns 1 with
 * out filled, or 0 when no disk holds a ROM: err then says why, naming
 * the first damaged volume if one was met (a damaged volume does not
 * stop the search).
 */
int rom_search(const struct drive_config *drives, int n, size_t max, struct rom_found *out,
	       char *err, size_t errlen);

/* The Apple partition map's Apple_HFS partitions of image fd (size
 * bytes): up to max of them into base/size/number; 0 entries when the
 * image has no map (the caller takes the whole image). */
struct mac_partition {
	int number;			/* Open Firmware's partition number */
	uint64_t base, size;		/* bytes */
};
int apm_partitions(int fd, uint64_t size, struct mac_partition *parts, int max);

#endif
