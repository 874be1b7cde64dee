// SPDX-License-Identifier: GPL-2.0
/*
 * Line-buffered console of the test guests.  Buffering a whole line lets
 * the H_PUT_TERM_CHAR back end send 16 bytes per hcall instead of one,
 * and keeps each back end a single function.
 */
#include "guest.h"
#include "osi.h"

static con_writer_fn writer = osi_writer;
unsigned long boot_r3;
static char line[CON_LINE_MAX];
static unsigned long line_len;

void osi_writer(const char *buf, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		osi_log_putc(buf[i]);
}

void con_flush(void)
{
	if (line_len)
		writer(line, line_len);
	line_len = 0;
}

void con_set_writer(con_writer_fn w)
{
	con_flush();
	writer = w;
}

void con_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == CON_LINE_MAX)
		con_flush();
}

void con_puts(const char *s)
{
	while (*s)
		con_putc(*s++);
}

void con_hex(unsigned long v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	int n = (int)sizeof(v) * 2;

	/* Skip leading zero nibbles, keeping at least 'digits' (or one). */
	if (digits < 1)
		digits = 1;
	while (n > digits && !(v >> ((n - 1) * 4) & 0xf))
		n--;
	while (n--)
		con_putc(hex[(v >> (n * 4)) & 0xf]);
}

/* unsigned long is the native word, so this divides with divwu/divdu and
 * needs no libgcc helper on either guest. */
void con_dec(unsigned long v)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		con_putc(buf[--n]);
}

void tap(const char *desc, int ok, unsigned long got)
{
	if (ok) {
		con_puts("ok - ");
		con_puts(desc);
	} else {
		con_puts("not ok - ");
		con_puts(desc);
		con_puts(" (got 0x");
		con_hex(got, 0);
		con_putc(')');
	}
	con_putc('\n');
}

void *memset(void *s, int c, unsigned long n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void guest_set_vector(unsigned long vector, unsigned long target)
{
	volatile unsigned int *p = (volatile unsigned int *)vector;

	/* Hide the small constant address from GCC's bounds checks. */
	__asm__("" : "+r"(p));
	*p = 0x48000002U | (unsigned int)(target & 0x03fffffcU);	/* ba target */
	__asm__ volatile("dcbst 0,%0; sync; icbi 0,%0; sync; isync" : : "r"(p) : "memory");
}
