// SPDX-License-Identifier: GPL-2.0
/*
 * -nvram FILE for every machine: the image is read whole at start and
 * written back whole at exit (fsync'ed); it must be exactly the machine's
 * NVRAM size.  A missing file is not an error: the machine starts with its
 * fresh image and the file is created at exit.
 */
#include "nvram_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

int nvram_file_load(const char *path, uint8_t *buf, uint32_t size)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		pr_err("-nvram %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size != (off_t)size) {
		pr_err("-nvram %s: not an NVRAM image (a regular file of exactly %u bytes)",
		       path, size);
		close(fd);
		return -1;
	}
	n = read(fd, buf, size);
	close(fd);
	if (n != (ssize_t)size) {
		pr_err("-nvram %s: short read", path);
		return -1;
	}
	return 0;
}

int nvram_file_save(const char *path, const uint8_t *buf, uint32_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		pr_err("-nvram %s: cannot save: %s", path, strerror(errno));
		return -1;
	}
	n = pwrite(fd, buf, size, 0);
	if (n == (ssize_t)size && fsync(fd))
		n = -1;
	if (close(fd))
		n = -1;
	if (n != (ssize_t)size) {
		pr_err("-nvram %s: cannot save: %s", path, n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return 0;
}
