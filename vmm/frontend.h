/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What faces the user besides the console: the display back end, the
 * control socket and the --script runner, all on the main loop.
 */
#ifndef MOLVM_FRONTEND_H
#define MOLVM_FRONTEND_H

struct vm;

/* After the console and the event base exist, before the vCPUs start.
 * Returns 0, or -1 after one pr_err line. */
int frontend_start(struct vm *vm);

/* After the main loop ended: report, close, and return the exit code
 * (code, or MOLVM_EXIT_SCRIPT when a script step failed). */
int frontend_stop(struct vm *vm, int code);

#endif
