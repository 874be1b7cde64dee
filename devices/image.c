// SPDX-License-Identifier: GPL-2.0
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int image_open(const char *path, bool readonly, struct image *img, char *err, size_t errlen)
{
	struct stat st;
	off_t end;

	img->fd = open(path, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (img->fd < 0) {
		snprintf(err, errlen, "-drive file=%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(img->fd, &st) || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
		snprintf(err, errlen, "-drive file=%s: not a regular file or block device", path);
		close(img->fd);
		img->fd = -1;
		return -1;
	}
	/* A block device's size is where it ends. */
	end = S_ISREG(st.st_mode) ? st.st_size : lseek(img->fd, 0, SEEK_END);
	img->size = end > 0 ? (uint64_t)end : 0;
	img->ino = (uint64_t)st.st_ino;
	return 0;
}

int image_rw(int fd, void *buf, uint64_t len, uint64_t pos, bool write,
	     const atomic_bool *cancel, const atomic_bool *stop)
{
	uint8_t *p = buf;

	while (len) {
		size_t piece = len < IMAGE_IO_PIECE ? (size_t)len : IMAGE_IO_PIECE;
		ssize_t r;

		if ((cancel && atomic_load(cancel)) || (stop && atomic_load(stop)))
			return -1;
		r = write ? pwrite(fd, p, piece, (off_t)pos) : pread(fd, p, piece, (off_t)pos);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		len -= (uint64_t)r;
		pos += (uint64_t)r;
	}
	return 0;
}

int image_worker_start(struct image_worker *w, const char *name,
		       const atomic_bool *vm_stopping, void *(*fn)(void *arg), void *arg)
{
	sigset_t all, old;
	int r;

	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->idle, NULL);
	w->stop = false;
	atomic_store(&w->cancel, false);
	w->vm_stopping = vm_stopping;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	r = pthread_create(&w->thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r) {
		pthread_cond_destroy(&w->wake);
		pthread_cond_destroy(&w->idle);
		return r;
	}
	pthread_setname_np(w->thread, name);
	w->started = true;
	return 0;
}

void image_worker_stop(struct image_worker *w, pthread_mutex_t *lock)
{
	if (!w->started)
		return;
	pthread_mutex_lock(lock);
	w->stop = true;
	atomic_store(&w->cancel, true);
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->idle);
	w->started = false;
}
