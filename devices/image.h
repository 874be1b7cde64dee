/* SPDX-License-Identifier: GPL-2.0 */
/* A raw disk image (-drive file=IMG): a regular file or a block device. */
#ifndef MOLVM_IMAGE_H
#define MOLVM_IMAGE_H

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

#endif
