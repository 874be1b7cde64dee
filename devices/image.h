/* SPDX-License-Identifier: GPL-2.0 */
/* A raw disk image (-drive file=IMG): a regular file or a block device. */
#ifndef MOLVM_IMAGE_H
#define MOLVM_IMAGE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct image {
	int fd;			/* read-only or read-write, close-on-exec */
	uint64_t size;		/* bytes */
	uint64_t ino;		/* the file's inode number (a stable serial) */
};

/* Returns 0, or -1 with a one-line message in err (img->fd is -1). */
int image_open(const char *path, bool readonly, struct image *img, char *err, size_t errlen);

/* Pieces of a guest's request: one read or write of the image file is at
 * most this long. */
#define IMAGE_IO_PIECE	(1u << 20)

/*
 * Read or write len bytes at pos, in pieces of IMAGE_IO_PIECE, looking at
 * *cancel (if not NULL) before each: a guest's request of gigabytes keeps
 * its thread from a device reset or the VM's exit for one piece at most.
 * Returns 0, or -1 for an I/O error, the end of the file or a cancel.
 */
int image_rw(int fd, void *buf, uint64_t len, uint64_t pos, bool write,
	     const atomic_bool *cancel);

#endif
