/* SPDX-License-Identifier: GPL-2.0 */
/* The PAPR virtual terminal (H_PUT_TERM_CHAR / H_GET_TERM_CHAR), 64-bit guests. */
#ifndef GUEST_HVTERM_H
#define GUEST_HVTERM_H

/* Console back end: H_PUT_TERM_CHAR(0, ...) in chunks of up to 16 bytes. */
void hvterm_writer(const char *buf, unsigned long len);

/* First H_PUT_TERM_CHAR return code other than H_SUCCESS (0 if none). */
extern long hvterm_first_error;

/* Pack up to 16 bytes big-endian into two registers' worth, and back. */
void hvterm_pack(const char *buf, unsigned long len, unsigned long *hi,
		 unsigned long *lo);
void hvterm_unpack(unsigned long hi, unsigned long lo, unsigned long len,
		   char *buf);

#endif
