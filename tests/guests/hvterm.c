// SPDX-License-Identifier: GPL-2.0
/*
 * H_PUT_TERM_CHAR console back end.  Byte order of the packed registers
 * (PAPR; Linux drivers/tty/hvc/hvc_vio.c, hvterm_raw_put_chars): the
 * first byte goes into the most significant byte of r6, byte 8 into the
 * most significant byte of r7.
 */
#include "guest.h"
#include "hcall.h"
#include "hvterm.h"
#include "osi.h"

long hvterm_first_error;

/* Retrying H_BUSY forever would hang a guest whose VMM is broken. */
#define HVTERM_BUSY_TRIES	1000

void hvterm_pack(const char *buf, unsigned long len, unsigned long *hi,
		 unsigned long *lo)
{
	unsigned long w[2] = { 0, 0 };
	unsigned long i;

	for (i = 0; i < len && i < HVTERM_MAX; i++)
		w[i / 8] |= (unsigned long)(unsigned char)buf[i] << (56 - 8 * (i % 8));
	*hi = w[0];
	*lo = w[1];
}

void hvterm_unpack(unsigned long hi, unsigned long lo, unsigned long len,
		   char *buf)
{
	unsigned long i;

	for (i = 0; i < len && i < HVTERM_MAX; i++)
		buf[i] = (char)((i < 8 ? hi : lo) >> (56 - 8 * (i % 8)));
}

void hvterm_writer(const char *buf, unsigned long len)
{
	while (len) {
		unsigned long n = len < HVTERM_MAX ? len : HVTERM_MAX;
		unsigned long hi, lo;
		long rc;
		int tries = 0;

		hvterm_pack(buf, n, &hi, &lo);
		do
			rc = hcall4(0, H_PUT_TERM_CHAR, 0, n, hi, lo);
		while (rc == H_BUSY && ++tries < HVTERM_BUSY_TRIES);

		if (rc != H_SUCCESS) {
			if (!hvterm_first_error)
				hvterm_first_error = rc;
			/* Keep the text visible: the test lines say what broke. */
			osi_writer(buf, n);
		}
		buf += n;
		len -= n;
	}
}
