// SPDX-License-Identifier: GPL-2.0
#include "console.h"

#include <errno.h>
#include <event2/event.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../vmm/log.h"

#define CONSOLE_BUF 4096

struct console {
	int in_fd, out_fd;
	struct event *rd_ev;
	bool direct;		/* input fd cannot be polled: read on demand */
	bool paused;		/* buffer full: stopped reading */
	bool eof;
	bool escape;		/* the last byte typed was the escape char */
	bool tty;
	void (*quit)(void *);
	void *quit_arg;
	void (*tap)(void *arg, const void *buf, size_t len);
	void *tap_arg;
	void (*notify)(void *arg);
	void *notify_arg;

	pthread_mutex_t lock;
	unsigned char buf[CONSOLE_BUF];
	size_t head, count;
	/* False only when a read would find nothing (count 0 and no direct
	 * input left): lets the guest's input polling skip the lock. */
	atomic_bool maybe_input;
	atomic_bool stopping;	/* the VM is stopping: a blocked write gives up */
};

/* The controlling terminal belongs to the process, not to a VM, and a
 * fatal signal (a crash) must put it back from a handler that has no VM
 * to look in: so its saved state stays global. */
static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;
static int tio_fd = -1;

void console_restore_terminal(void)
{
	if (tio_saved) {
		tcsetattr(tio_fd, TCSANOW, &saved_tio);
		tio_saved = 0;
	}
}

static void fatal_signal(int sig)
{
	console_restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void set_raw(int fd)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	struct termios tio;
	size_t i;

	if (tcgetattr(fd, &saved_tio) < 0)
		return;
	tio = saved_tio;
	cfmakeraw(&tio);
	/* Keep output processing so a guest's bare "\n" still starts a line. */
	tio.c_oflag |= OPOST | ONLCR;
	tio_fd = fd;
	tio_saved = 1;
	atexit(console_restore_terminal);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], fatal_signal);
	tcsetattr(fd, TCSANOW, &tio);
}

/* Append typed bytes; the escape sequence is consumed here. */
void console_input(struct console *con, const unsigned char *in, size_t len)
{
	void (*notify)(void *arg);
	void *notify_arg;
	bool added = false, quit = false;
	size_t i;

	pthread_mutex_lock(&con->lock);
	for (i = 0; i < len; i++) {
		unsigned char c = in[i];

		if (con->tty) {
			if (con->escape) {
				con->escape = false;
				if (c == 'x' || c == 'X') {
					quit = true;
					break;
				}
				if (c != CONSOLE_ESCAPE_CHAR)
					continue;	/* unknown command: dropped */
			} else if (c == CONSOLE_ESCAPE_CHAR) {
				con->escape = true;
				continue;
			}
		}
		if (con->count == CONSOLE_BUF)
			break;		/* caller only reads what fits */
		con->buf[(con->head + con->count) % CONSOLE_BUF] = c;
		con->count++;
		atomic_store(&con->maybe_input, true);
		added = true;
	}
	/* The pair is read under the lock: a device attaches it from a vCPU
	 * thread (console_set_notify) while input arrives on the main loop. */
	notify = con->notify;
	notify_arg = con->notify_arg;
	pthread_mutex_unlock(&con->lock);
	if (added && notify)
		notify(notify_arg);
	if (quit && con->quit)
		con->quit(con->quit_arg);
}

static void console_readable(evutil_socket_t fd, short what, void *arg)
{
	struct console *con = arg;
	unsigned char tmp[512];
	size_t room;
	ssize_t n;

	(void)what;
	pthread_mutex_lock(&con->lock);
	room = CONSOLE_BUF - con->count;
	if (room == 0) {
		/* Stop polling until the guest drains the buffer. */
		con->paused = true;
		event_del(con->rd_ev);
		pthread_mutex_unlock(&con->lock);
		return;
	}
	pthread_mutex_unlock(&con->lock);
	if (room > sizeof(tmp))
		room = sizeof(tmp);
	n = read(fd, tmp, room);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		con->eof = true;
		event_del(con->rd_ev);
		return;
	}
	console_input(con, tmp, (size_t)n);
}

struct console *console_create(struct event_base *base, int in_fd, int out_fd,
			       void (*quit)(void *), void *arg)
{
	struct console *con = calloc(1, sizeof(*con));
	struct stat st;

	if (!con)
		return NULL;
	pthread_mutex_init(&con->lock, NULL);
	con->in_fd = in_fd;
	con->out_fd = out_fd;
	con->quit = quit;
	con->quit_arg = arg;
	if (in_fd < 0) {
		con->eof = true;
		return con;
	}
	con->tty = isatty(in_fd);
	if (con->tty)
		set_raw(in_fd);
	/* epoll refuses regular files and /dev/null; they never block, so
	 * the guest's reads go straight to the fd instead. */
	if (fstat(in_fd, &st) == 0 && (S_ISREG(st.st_mode) ||
				       (S_ISCHR(st.st_mode) && !con->tty)))
		con->direct = true;
	if (!con->direct && base) {
		con->rd_ev = event_new(base, in_fd, EV_READ | EV_PERSIST, console_readable, con);
		if (!con->rd_ev || event_add(con->rd_ev, NULL) < 0) {
			if (con->rd_ev)
				event_free(con->rd_ev);
			con->rd_ev = NULL;
			con->direct = true;
		}
	}
	atomic_store(&con->maybe_input, con->direct);
	return con;
}

void console_destroy(struct console *con)
{
	if (!con)
		return;
	if (con->rd_ev)
		event_free(con->rd_ev);
	console_restore_terminal();
	pthread_mutex_destroy(&con->lock);
	free(con);
}

void console_stop(struct console *con)
{
	if (con)
		atomic_store(&con->stopping, true);
}

void console_set_notify(struct console *con, void (*notify)(void *arg), void *arg)
{
	bool waiting;

	pthread_mutex_lock(&con->lock);
	con->notify = notify;
	con->notify_arg = arg;
	waiting = atomic_load(&con->maybe_input);
	pthread_mutex_unlock(&con->lock);
	/* Input already there (a file on stdin is always "readable"). */
	if (waiting && notify)
		notify(arg);
}

bool console_input_waiting(struct console *con)
{
	return atomic_load(&con->maybe_input);
}

void console_set_tap(struct console *con, void (*tap)(void *arg, const void *buf, size_t len),
		     void *arg)
{
	con->tap = tap;
	con->tap_arg = arg;
}

void console_write(struct console *con, const void *buf, size_t len)
{
	const char *p = buf;

	if (con->tap)
		con->tap(con->tap_arg, buf, len);
	if (con->out_fd < 0)
		return;
	while (len) {
		ssize_t n = write(con->out_fd, p, len);

		/* A stalled reader blocks us; the stop kick (a signal) gets us
		 * out, and then the rest of the output is dropped. */
		if (n < 0 && errno == EINTR && !atomic_load(&con->stopping))
			continue;
		if (n <= 0)
			return;	/* reader gone or VM stopping: output dropped */
		p += n;
		len -= (size_t)n;
	}
}

size_t console_read(struct console *con, void *out, size_t max)
{
	unsigned char *dst = out;
	size_t n = 0;

	if (!atomic_load(&con->maybe_input))
		return 0;
	pthread_mutex_lock(&con->lock);
	if (con->count == 0 && con->direct && !con->eof) {
		unsigned char tmp[256];
		ssize_t r = read(con->in_fd, tmp, sizeof(tmp) < max ? sizeof(tmp) : max);

		pthread_mutex_unlock(&con->lock);
		if (r <= 0) {
			if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
				pthread_mutex_lock(&con->lock);
				con->eof = true;
				atomic_store(&con->maybe_input, con->count > 0);
				pthread_mutex_unlock(&con->lock);
			}
			return 0;
		}
		console_input(con, tmp, (size_t)r);
		pthread_mutex_lock(&con->lock);
	}
	while (n < max && con->count) {
		dst[n++] = con->buf[con->head];
		con->head = (con->head + 1) % CONSOLE_BUF;
		con->count--;
	}
	if (con->paused && con->count < CONSOLE_BUF) {
		con->paused = false;
		event_add(con->rd_ev, NULL);	/* thread-safe with evthread */
	}
	if (con->count == 0 && (!con->direct || con->eof))
		atomic_store(&con->maybe_input, false);
	pthread_mutex_unlock(&con->lock);
	return n;
}
