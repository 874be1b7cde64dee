/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Open Firmware client interface from a test guest (IEEE 1275 6.3.1):
 * one argument array { service, nargs, nret, args..., rets... } handed to
 * the entry point the firmware gave in r5.
 */
#ifndef GUEST_OFCLIENT_H
#define GUEST_OFCLIENT_H

#define OF_TRUE		0xffffffffU

typedef int (*of_entry_fn)(unsigned int *args);

extern of_entry_fn of_entry;		/* r5 at entry; 0: no firmware */
extern unsigned int of_args[3 + 16 + 16];
extern unsigned int of_stdout;		/* /chosen's stdout, for of_writer */

#define A(p)		((unsigned int)(unsigned long)(p))
/* result i of the last call with nargs arguments */
#define RET(nargs, i)	(of_args[3 + (nargs) + (i)])

/* service(nargs, nret, args...): r3; the results in RET(nargs, ...) */
int of_call(const char *svc, int nargs, int nret, ...);
/* service(nargs, args...) with one result: it, or 0xbad0bad0 if r3 != 0 */
unsigned int of1(const char *svc, int nargs, ...);
/* getprop of a 4-byte property: its value, or 0xffffffff */
unsigned int of_getprop_u32(unsigned int ph, const char *name);
/* a console back end (con_set_writer): "write" on of_stdout */
void of_writer(const char *s, unsigned long len);
int streq(const char *a, const char *b);

#endif
