// SPDX-License-Identifier: GPL-2.0
/*
 * bench64: hypercall round-trip benchmark guest.  Times BENCH_N OSI calls
 * and BENCH_N PAPR hcalls with the timebase, prints the tick counts through
 * OSI LOG_PUTC and powers off.  The same .bin runs under molvm and under
 * bench/bare-kvm-loop, which answers every call as cheaply as possible;
 * the difference is molvm's dispatch cost.
 */
#include "guest.h"
#include "hcall.h"
#include "osi.h"

#ifndef BENCH_N		/* overridable for the slow TCG harness */
#define BENCH_N	10000
#endif
#define WARMUP	100

/* Calls that exit to userspace but have no side effect in either VMM. */
static inline void one_osi(void)
{
	osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC);
}

static inline void one_hcall(void)
{
	hcall4(0, H_GET_TERM_CHAR, 0, 0, 0, 0);
}

static void report(const char *what, unsigned long ticks)
{
	con_puts("bench: ");
	con_puts(what);
	con_puts(" n=");
	con_dec(BENCH_N);
	con_puts(" tb=");
	con_dec(ticks);
	con_putc('\n');
}

void guest_main(void)
{
	unsigned long t0, t1, t2;
	int i;

	/* Warm up the shadow MMU, caches and the VMM's dispatch paths. */
	for (i = 0; i < WARMUP; i++)
		one_osi();
	for (i = 0; i < WARMUP; i++)
		one_hcall();

	t0 = mftb();
	for (i = 0; i < BENCH_N; i++)
		one_osi();
	t1 = mftb();
	for (i = 0; i < BENCH_N; i++)
		one_hcall();
	t2 = mftb();

	/* Printing comes after timing: LOG_PUTC is itself an OSI call. */
	con_set_writer(osi_writer);
	report("osi", t1 - t0);
	report("hcall", t2 - t1);
	osi_exit();
}
