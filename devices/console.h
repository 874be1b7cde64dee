/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host side of the guest console: output to a file descriptor, input
 * gathered by the libevent loop into a buffer that hypercall handlers
 * drain from the vCPU thread.  On a terminal, input is raw (Ctrl-C goes to
 * the guest) and "Ctrl-a x" quits molvm; the terminal is restored on every
 * exit path.
 */
#ifndef MOLVM_CONSOLE_H
#define MOLVM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

struct event_base;
struct console;

#define CONSOLE_ESCAPE_CHAR 0x01	/* Ctrl-a, as in QEMU */

/*
 * in_fd < 0: no input.  out_fd < 0: output discarded.  quit is called on
 * the main loop's thread when the user types the escape sequence.
 */
struct console *console_create(struct event_base *base, int in_fd, int out_fd,
			       void (*quit)(void *), void *arg);
void console_destroy(struct console *con);

/* Thread-safe; called from vCPU threads. */
void console_write(struct console *con, const void *buf, size_t len);
size_t console_read(struct console *con, void *buf, size_t max);

/* Also hand every byte the guest writes to tap (from the vCPU thread;
 * the control socket's CONSOLE events).  Set before the vCPUs start. */
/*
 * Call notify(arg) whenever new input becomes readable (from the event
 * loop's thread, or from the caller of console_set_notify if input is
 * already waiting), so a device can raise an interrupt.
 */
/* The VM is stopping: a console_write blocked on a stalled reader returns
 * at the next signal (the vCPU kick). */
void console_stop(struct console *con);

void console_set_notify(struct console *con, void (*notify)(void *arg), void *arg);
/* Whether console_read may return something now (for level interrupts). */
bool console_input_waiting(struct console *con);

void console_set_tap(struct console *con, void (*tap)(void *arg, const void *buf, size_t len),
		     void *arg);

/* Feed bytes as if typed (used by the input callback and by tests). */
void console_input(struct console *con, const unsigned char *buf, size_t len);

/* Put the terminal back as it was (async-signal-safe). */
void console_restore_terminal(void);

#endif
