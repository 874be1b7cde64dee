// SPDX-License-Identifier: GPL-2.0
/*
 * hello64: the 64-bit (pseries) test guest.  Prints through OSI LOG_PUTC
 * and through the PAPR virtual terminal, checks molvm's hcall and OSI
 * dispatch, and reads one line of host input with H_GET_TERM_CHAR; see
 * README.md for the exact output.
 */
#include "guest.h"
#include "hcall.h"
#include "hvterm.h"
#include "osi.h"

unsigned long hcall_check_preserved(void);	/* preserve64.S */

#define MSR_SF		(1UL << 63)	/* Power ISA Book III: 64-bit mode */
#define BAD_TERMNO	7		/* any termno but 0 is invalid in molvm */
#define INPUT_MAX	64		/* bytes of input line kept */
#ifndef INPUT_POLLS			/* overridable for slow test harnesses */
#define INPUT_POLLS	30000		/* ~1 s at 33 us per exit (TESTBED.md); a loaded
				 * build machine may be 10x slower: still well
				 * inside the scenarios' --timeout 60 */
#endif

/*
 * Bytes that H_GET_TERM_CHAR returned during the checks: they belong to
 * the input line read at the end, so they are kept rather than lost.
 */
static char pending[HVTERM_MAX];
static unsigned long pending_len;

static void check_rc(const char *desc, long rc, long want)
{
	tap(desc, rc == want, (unsigned long)rc);
}

static void run_checks(void)
{
	struct hret r;
	unsigned long hi, lo, mask, msr;
	unsigned int v;

	/* Every H_PUT_TERM_CHAR so far (hello and PVR lines) said H_SUCCESS. */
	check_rc("H_PUT_TERM_CHAR returns H_SUCCESS", hvterm_first_error,
		 H_SUCCESS);

	/* A buggy VMM that printed these would show '#' and spaces. */
	hvterm_pack("#", 1, &hi, &lo);
	check_rc("H_PUT_TERM_CHAR termno 7 returns H_PARAMETER",
		 hcall4(0, H_PUT_TERM_CHAR, BAD_TERMNO, 1, hi, lo), H_PARAMETER);
	hvterm_pack("                ", 16, &hi, &lo);
	check_rc("H_PUT_TERM_CHAR length 17 returns H_PARAMETER",
		 hcall4(0, H_PUT_TERM_CHAR, 0, HVTERM_MAX + 1, hi, lo),
		 H_PARAMETER);

	hcall4(&r, H_GET_TERM_CHAR, 0, 0, 0, 0);
	if (r.r3 == H_SUCCESS && r.r4 <= HVTERM_MAX) {
		hvterm_unpack(r.r5, r.r6, r.r4, pending);
		pending_len = r.r4;
	}
	check_rc("H_GET_TERM_CHAR returns H_SUCCESS", r.r3, H_SUCCESS);
	check_rc("H_GET_TERM_CHAR termno 7 returns H_PARAMETER",
		 hcall4(0, H_GET_TERM_CHAR, BAD_TERMNO, 0, 0, 0), H_PARAMETER);

	check_rc("unknown hcall 0x1234 returns H_FUNCTION",
		 hcall4(0, 0x1234, 0, 0, 0, 0), H_FUNCTION);
	check_rc("unknown hcall 0xdead0000 returns H_FUNCTION",
		 hcall4(0, 0xdead0000UL, 0, 0, 0, 0), H_FUNCTION);

	/* OSI results are 32-bit (shared/OSI.md): compare the low word. */
	v = osi_ret32(osi_call1(OSI_CALL_AVAILABLE, OSI_LOG_PUTC));
	tap("CALL_AVAILABLE(LOG_PUTC) == 1", v == 1, v);
	v = osi_ret32(osi_call2(2, 0, 0));	/* obsolete in MOL 0.9.72 */
	tap("unknown selector 2 returns 0", v == 0, v);

	mask = hcall_check_preserved();
	tap("r13-r31 preserved across an hcall", mask == 0, mask);

	msr = mfmsr();
	tap("MSR has SF and ME set", (msr & (MSR_SF | MSR_ME)) == (MSR_SF | MSR_ME),
	    msr);
}

/*
 * Collect one line from terminal 0: bytes until '\n' (a '\r' ends it too,
 * for a host terminal in raw mode), at most INPUT_MAX bytes kept and at
 * most INPUT_POLLS hcalls.  Returns how many bytes arrived (0 = none).
 */
static unsigned long read_line(char *line, unsigned long *len)
{
	char buf[HVTERM_MAX];
	unsigned long n = pending_len, got = 0, polls, k;
	struct hret r;

	memcpy(buf, pending, n);
	*len = 0;
	for (polls = 0;; polls++) {
		for (k = 0; k < n; k++) {
			got++;
			if (buf[k] == '\n' || buf[k] == '\r')
				return got;
			line[(*len)++] = buf[k];
			if (*len == INPUT_MAX)
				return got;
		}
		if (polls == INPUT_POLLS)
			return got;
		hcall4(&r, H_GET_TERM_CHAR, 0, 0, 0, 0);
		if (r.r3 != H_SUCCESS)
			return got;
		n = r.r4 < HVTERM_MAX ? r.r4 : HVTERM_MAX;
		hvterm_unpack(r.r5, r.r6, n, buf);
	}
}

static void input_test(void)
{
	char line[INPUT_MAX];
	unsigned long len, i;

	if (!read_line(line, &len)) {
		con_puts("hello64: no input\n");
		return;
	}
	con_puts("hello64: got input: ");
	/* Control bytes would garble the host's log: show them as '?'. */
	for (i = 0; i < len; i++)
		con_putc(line[i] >= 0x20 && line[i] < 0x7f ? line[i] : '?');
	con_putc('\n');
}

void guest_main(void)
{
	con_set_writer(osi_writer);
	con_puts("hello64: hello from a 64-bit guest via OSI\n");

	con_set_writer(hvterm_writer);
	con_puts("hello64: hello via H_PUT_TERM_CHAR\n");
	con_puts("hello64: PVR=0x");
	con_hex(mfpvr(), 8);
	con_putc('\n');

	run_checks();
	input_test();

	con_puts("hello64: done\n");
	osi_exit();
}
