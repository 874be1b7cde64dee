/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --script FILE: a test scenario run against the VM on the main loop,
 * through the control layer.  One step a line:
 *
 *   timeout SEC                 default time limit of the wait steps (30)
 *   wait "TEXT" [SEC]           the guest console prints TEXT (searching
 *                               after the previous wait's match)
 *   send "TEXT"                 bytes for the serial console (\n \r \t \\ \")
 *   type "TEXT"                 typed on the keyboard (input events)
 *   sendkey KEY[-KEY...]        e.g. ctrl-alt-delete (QEMU key names)
 *   mouse_move X Y | mouse_button left|right|middle
 *   sleep SEC                   (fractions allowed)
 *   screendump FILE             PNG of the guest display
 *   expect-screen FILE [TOL [MAXPIXELS]]   display matches a PNG: at most
 *                               MAXPIXELS (0) pixels differ by more than TOL
 *                               (0) in a channel
 *   expect-pixel X Y RRGGBB [TOL]          one pixel now
 *   wait-pixel X Y RRGGBB [TOL] [SEC]      one pixel, polled until it matches
 *   expect-area X Y W H RRGGBB MIN [TOL]   at least MIN pixels of a colour
 *                               in a rectangle (e.g. text the guest drew)
 *   powerdown | quit
 *   wait-exit [SEC]             the guest powers off
 *
 * '#' starts a comment.  Each step is one test in the report (TAP or
 * JUnit XML); after a failed step the rest are reported as not run.
 */
#ifndef MOLVM_SCRIPT_H
#define MOLVM_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct event_base;
struct control;
struct script;

enum report_format { REPORT_TAP, REPORT_JUNIT };

/* Parse FILE; NULL with err set (one line naming FILE:LINE) on error. */
struct script *script_load(const char *path, char *err, size_t errlen);
/* Parse text (for tests). */
struct script *script_parse(const char *text, const char *name, char *err, size_t errlen);
unsigned int script_steps(const struct script *s);

/* Start running on base; done(arg, ok) is called when the last step
 * ends (not when the VM stops first). */
int script_start(struct script *s, struct event_base *base, struct control *ctl,
		 void (*done)(void *arg, bool ok), void *arg);

/* Steps that have not finished fail ("not run" / the VM stopped). */
void script_abort(struct script *s, const char *why);

/* Write the report; returns 0 when every step passed, 1 otherwise. */
int script_report(struct script *s, enum report_format fmt, const char *path);
bool script_passed(const struct script *s);

void script_free(struct script *s);

#endif
