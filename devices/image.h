/* SPDX-License-Identifier: GPL-2.0 */
/* A raw disk image (-drive file=IMG): a regular file or a block device. */
#ifndef MOLVM_IMAGE_H
#define MOLVM_IMAGE_H

#include <pthread.h>
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
 * *cancel and *stop (each if not NULL: a device reset, the VM's stop)
 * before each: a guest's request of gigabytes keeps its thread from a
 * device reset or the VM's exit for one piece at most.  Returns 0, or -1
 * for an I/O error, the end of the file or a cancel.
 */
int image_rw(int fd, void *buf, uint64_t len, uint64_t pos, bool write,
	     const atomic_bool *cancel, const atomic_bool *stop);

/*
 * A disk device's I/O thread: fn runs with the device's lock held, waits
 * on wake for work, drops the lock around its file I/O (image_rw with
 * &w->cancel and w->vm_stopping) and ends when stop is set; idle is the
 * device's to signal whatever a vCPU waits for.  The VM's stop ends the
 * I/O in hand and the pass at once (image_worker_ending), so the thread
 * is idle by the time molvm's exit comes to stop it, however much the
 * guest had queued.  Every signal is blocked in the thread (they belong
 * to the main loop and the vCPU threads).
 */
struct image_worker {
	pthread_t thread;
	pthread_cond_t wake, idle;
	bool started;
	bool stop;		/* under the device's lock */
	atomic_bool cancel;	/* end the I/O in hand (a reset, the stop) */
	const atomic_bool *vm_stopping;	/* the VM's flag (struct vm) */
};

/* 0, or pthread_create's error.  NAME names the thread (ps -L, /proc);
 * vm_stopping is the VM's stopping flag. */
int image_worker_start(struct image_worker *w, const char *name,
		       const atomic_bool *vm_stopping, void *(*fn)(void *arg), void *arg);

/* The worker is to end its pass: its device stops, or the VM does. */
static inline bool image_worker_ending(const struct image_worker *w)
{
	return w->stop || (w->vm_stopping && atomic_load(w->vm_stopping));
}
/* Set stop and cancel under lock, wake the thread and wait for it. */
void image_worker_stop(struct image_worker *w, pthread_mutex_t *lock);

#endif
