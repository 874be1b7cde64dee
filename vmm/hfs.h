/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-only HFS and HFS+ volumes, just enough to find a Mac OS ROM file
 * the way MOL's firmware did (openbios fs/hfs/hfs_fs.c, fs/hfsplus):
 *   - the blessed System Folder's file of type 'tbxi' (Open Firmware's
 *     "\\:tbxi"): the folder is the volume's Finder info word 0;
 *   - or, searching the whole volume, a file named "Mac OS ROM" of type
 *     'tbxi' and creator 'chrp' in a folder that also holds the Finder
 *     ('FNDR'/'MACS') and the System ('zsys'/'MACS').
 * Formats: HFS (Inside Macintosh: Files, chapter 2), HFS+ and HFSX (Apple
 * TN1150), and HFS+ wrapped in an HFS volume (the embedded volume of
 * drEmbedSigWord 'H+').  The image is untrusted: every offset, node
 * number, length and extent is checked, the B-tree walks are bounded by
 * the tree's own node count and stop at a node seen twice; a bad volume
 * gives a one-line error, never a crash or an endless loop.
 */
#ifndef MOLVM_HFS_H
#define MOLVM_HFS_H

#include <stddef.h>
#include <stdint.h>

/* A volume: bytes [base, base + size) of the image file fd. */
struct hfs_dev {
	int fd;
	uint64_t base, size;
};

enum hfs_search {
	HFS_BLESSED_TBXI,	/* MOL's fast path, "\\:tbxi" */
	HFS_MACOS_ROM,		/* MOL's full search for "Mac OS ROM" */
};

struct hfs_file {
	uint8_t *data;		/* malloc'd, len bytes */
	size_t len;
	const char *fstype;	/* "HFS" or "HFS+" */
};

/*
 * Look for the ROM on the volume and read its data fork, which may not
 * exceed max bytes.  Returns 1 with out filled, 0 when the volume is no
 * HFS volume or has no such file, -1 with a one-line reason in err when
 * the volume is damaged (or the file too large).
 */
int hfs_find_rom(const struct hfs_dev *dev, enum hfs_search how, size_t max,
		 struct hfs_file *out, char *err, size_t errlen);

#endif
