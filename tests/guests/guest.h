/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the freestanding test guests: a line-buffered console
 * with a pluggable back end (OSI LOG_PUTC or H_PUT_TERM_CHAR), number
 * printing, TAP-style result lines and a few SPR accessors.
 */
#ifndef GUEST_H
#define GUEST_H

/* Sends one buffered chunk (at most CON_LINE_MAX bytes) to the host. */
typedef void (*con_writer_fn)(const char *buf, unsigned long len);

#define CON_LINE_MAX	128

void con_set_writer(con_writer_fn w);	/* flushes what the old one had */
void con_flush(void);
void con_putc(char c);			/* flushes at '\n' */
void con_puts(const char *s);
void con_hex(unsigned long v, int digits);	/* lower case, no 0x; digits 0 = minimal */
void con_dec(unsigned long v);

/* "ok - DESC" or "not ok - DESC (got 0xGOT)", one line. */
void tap(const char *desc, int ok, unsigned long got);

/* Back end: one OSI LOG_PUTC per byte. */
void osi_writer(const char *buf, unsigned long len);

/* r3 at entry (64-bit guests; pseries: the flattened device tree). */
extern unsigned long boot_r3;

/* Entry point called by start32.S / start64.S with a stack and zeroed .bss. */
void guest_main(void);

/* GCC may emit calls to these even with -ffreestanding. */
void *memset(void *s, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

/* Processor Version Register, SPR 287 (Power ISA Book III). */
static inline unsigned int mfpvr(void)
{
	unsigned long v;

	__asm__ volatile("mfspr %0,287" : "=r"(v));
	return (unsigned int)v;
}

static inline unsigned long mfmsr(void)
{
	unsigned long v;

	__asm__ volatile("mfmsr %0" : "=r"(v));
	return v;
}

/* Time base, SPR 268 (user-readable TBL; the whole 64-bit TB on 64-bit). */
static inline unsigned long mftb(void)
{
	unsigned long v;

	__asm__ volatile("mfspr %0,268" : "=r"(v));
	return v;
}

/* MSR bits, Power ISA Book III (32-bit positions of the low word). */
#define MSR_EE		0x8000UL
#define MSR_ME		0x1000UL
#define MSR_IR		0x0020UL
#define MSR_DR		0x0010UL

/*
 * Make the exception vector at `vector` (real address, HIOR = 0) branch to
 * the code at `target` (`ba`: below 64 MiB) and flush it to the I-cache.
 */
void guest_set_vector(unsigned long vector, unsigned long target);

/* External interrupts on (1) or off (0): MSR[EE]. */
static inline void guest_set_ee(int on)
{
	unsigned long msr = mfmsr();

	msr = on ? msr | MSR_EE : msr & ~MSR_EE;
	__asm__ volatile("mtmsr %0; isync" : : "r"(msr) : "memory");
}

#endif
