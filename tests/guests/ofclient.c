// SPDX-License-Identifier: GPL-2.0
/* The Open Firmware client interface from a test guest (ofclient.h). */
#include <stdarg.h>

#include "ofclient.h"

of_entry_fn of_entry;
unsigned int of_args[3 + 16 + 16];
unsigned int of_stdout;

int of_call(const char *svc, int nargs, int nret, ...)
{
	va_list ap;
	int i;

	of_args[0] = A(svc);
	of_args[1] = (unsigned int)nargs;
	of_args[2] = (unsigned int)nret;
	va_start(ap, nret);
	for (i = 0; i < nargs; i++)
		of_args[3 + i] = va_arg(ap, unsigned int);
	va_end(ap);
	for (i = 0; i < nret; i++)
		of_args[3 + nargs + i] = 0xdeadbeef;
	return of_entry(of_args);
}

unsigned int of1(const char *svc, int nargs, ...)
{
	va_list ap;
	int i;

	of_args[0] = A(svc);
	of_args[1] = (unsigned int)nargs;
	of_args[2] = 1;
	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 16; i++)
		of_args[3 + i] = va_arg(ap, unsigned int);
	va_end(ap);
	of_args[3 + nargs] = 0xdeadbeef;
	if (of_entry(of_args))
		return 0xbad0bad0;
	return of_args[3 + nargs];
}

unsigned int of_getprop_u32(unsigned int ph, const char *name)
{
	unsigned int v = 0xffffffff;

	of1("getprop", 4, ph, A(name), A(&v), 4);
	return v;
}

void of_writer(const char *s, unsigned long len)
{
	of1("write", 3, of_stdout, A(s), (unsigned int)len);
}

int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}
