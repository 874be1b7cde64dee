// SPDX-License-Identifier: GPL-2.0
/*
 * hostile64: a pseries guest that feeds garbage to every hypercall and
 * every RTAS call it can reach, and checks that each one answers with an
 * error code (or a harmless success) while molvm keeps running.  Calls
 * that would legitimately end or stall the guest (H_CEDE, RTAS power-off,
 * system-reboot, stop-self, ibm,os-term) are skipped.  Ends with OSI EXIT;
 * the system test asserts molvm's exit code 0 and the summary line.
 */
#include "fdt.h"
#include "guest.h"
#include "hcall.h"
#include "osi.h"

#define H_CEDE		0xE0	/* Linux asm/hvcall.h: would halt the vCPU */
#define H_RTAS		0xf000	/* KVMPPC_H_RTAS, Linux asm/hvcall.h */
#define MAX_HCALL	0x450	/* past the last PAPR number (H_RPT_INVALIDATE 0x448) */
#define RTAS_OUT_SUCCESS	0
#define RTAS_OUT_HW_ERROR	(-1)
#define RTAS_OUT_PARAM_ERROR	(-3)

static const unsigned long garbage[][4] = {
	{ ~0UL, ~0UL, ~0UL, ~0UL },
	{ 0x7ffffffffff000UL, 0x100000000UL, 0xdeadbeefUL, 0x8000000000000000UL },
	{ 7, 1000000, 0xfffffffffffff000UL, 17 },
	{ 0, 0, 0, 0 },
};

/* The RTAS call tokens: every 4-byte /rtas property that names a call. */
#define MAX_TOKENS 64
static struct { const char *name; unsigned int token; } tokens[MAX_TOKENS];
static int nr_tokens;

static int is_rtas_call(const char *name)
{
	static const char *const not_calls[] = {
		"linux,rtas-base", "linux,rtas-entry", "rtas-size", "rtas-version",
		"rtas-event-scan-rate", "ibm,hypertas-functions", "name", "phandle",
	};
	unsigned int i;

	for (i = 0; i < sizeof(not_calls) / sizeof(not_calls[0]); i++)
		if (fdt_streq(name, not_calls[i]))
			return 0;
	return 1;
}

static void rtas_token(void *arg, const struct fdt_ev *ev)
{
	(void)arg;
	if (ev->kind == FDT_EV_PROP && ev->depth == 2 && fdt_streq(ev->node, "rtas") &&
	    ev->len == 4 && is_rtas_call(ev->prop) && nr_tokens < MAX_TOKENS) {
		tokens[nr_tokens].name = ev->prop;
		tokens[nr_tokens].token = fdt_cell(ev->val, 0);
		nr_tokens++;
	}
}

static int read_rtas_tokens(unsigned long fdt)
{
	return fdt_walk(fdt, rtas_token, 0);
}

/* ---- RTAS ------------------------------------------------------------- */
static unsigned int rtas_buf[3 + 64] __attribute__((aligned(8)));

static int skipped_call(const char *name)
{
	return fdt_streq(name, "power-off") || fdt_streq(name, "system-reboot") ||
	       fdt_streq(name, "stop-self") || fdt_streq(name, "ibm,os-term");
}

static long rtas_call(unsigned int token, unsigned int nargs, unsigned int nret,
		      unsigned int fill)
{
	unsigned int i;

	rtas_buf[0] = token;
	rtas_buf[1] = nargs;
	rtas_buf[2] = nret;
	for (i = 0; i < 64; i++)
		rtas_buf[3 + i] = fill + i * 0x01010101;
	return hcall4(0, H_RTAS, (unsigned long)rtas_buf, 0, 0, 0);
}

static unsigned long hcalls, hcall_bad, rtas_calls, rtas_bad;

/*
 * A return code PAPR defines (Linux asm/hvcall.h: H_SUCCESS..H_CONTINUE,
 * the long-busy range, H_HARDWARE..H_IN_USE, the unsupported-flag range,
 * H_MULTI_THREADS_ACTIVE, H_OUTSTANDING_COP_OPS).  An hcall nobody answered comes back with r3
 * still holding its number: 4..0x450 here, of which only 4 and 16 are
 * also codes.
 */
static int papr_code(long rc)
{
	return (rc >= 0 && rc <= 5) || (rc >= 14 && rc <= 18) ||
	       (rc >= 9900 && rc <= 9905) || (rc >= -77 && rc <= -1) ||
	       (rc >= -511 && rc <= -256) || rc == -9005 || rc == -9006;
}

static void hostile_hcalls(void)
{
	unsigned long nr, g;

	for (nr = 4; nr <= MAX_HCALL; nr += 4) {
		if (nr == H_CEDE)
			continue;
		for (g = 0; g < sizeof(garbage) / sizeof(garbage[0]); g++) {
			long rc = hcall4(0, nr, garbage[g][0], garbage[g][1], garbage[g][2],
					 garbage[g][3]);

			hcalls++;
			if (!papr_code(rc) || (rc == (long)nr && nr != 4 && nr != 16)) {
				if (hcall_bad++ < 8) {
					con_puts("hostile64: hcall 0x");
					con_hex(nr, 0);
					con_puts(" returned 0x");
					con_hex((unsigned long)rc, 0);
					con_putc('\n');
				}
			}
		}
	}
	/* molvm's own range: H_RTAS with garbage buffer addresses. */
	for (nr = 0; nr < sizeof(garbage) / sizeof(garbage[0]); nr++) {
		long rc = hcall4(0, H_RTAS, garbage[nr][0], garbage[nr][1], 0, 0);

		hcalls++;
		/* Far outside RAM: molvm must refuse the buffer. */
		if (garbage[nr][0] >= 0x100000000UL && rc != H_PARAMETER)
			hcall_bad++;
	}
}

static void hostile_rtas(void)
{
	static const unsigned int shapes[][2] = {
		{ 0, 0 }, { 1, 1 }, { 3, 1 }, { 7, 1 }, { 0, 8 }, { 16, 16 }, { 32, 32 },
	};
	static const unsigned int fills[] = { 0xffffffff, 0x80000000, 0x0000ffff, 13 };
	int t;
	unsigned int s, f;

	for (t = 0; t < nr_tokens; t++) {
		if (skipped_call(tokens[t].name))
			continue;
		for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
			for (f = 0; f < sizeof(fills) / sizeof(fills[0]); f++) {
				long rc = rtas_call(tokens[t].token, shapes[s][0], shapes[s][1],
						    fills[f]);
				int status = (int)rtas_buf[3 + shapes[s][0]];

				rtas_calls++;
				/* More than molvm's 16 arguments or results: the
				 * buffer check says H_PARAMETER. */
				if (shapes[s][0] > 16 || shapes[s][1] > 16) {
					if (rc != H_PARAMETER)
						rtas_bad++;
					continue;
				}
				if (rc != H_SUCCESS) {
					rtas_bad++;
					continue;
				}
				if (shapes[s][1] && status != RTAS_OUT_SUCCESS && status != 1 &&
				    status != RTAS_OUT_HW_ERROR && status != RTAS_OUT_PARAM_ERROR) {
					con_puts("hostile64: ");
					con_puts(tokens[t].name);
					con_puts(" odd status ");
					con_hex((unsigned long)status, 8);
					con_putc('\n');
					rtas_bad++;
				}
			}
	}
	/* Tokens nobody defined. */
	for (s = 0; s < 4; s++) {
		long rc = rtas_call(0xffff0000u + s, 1, 1, 0);

		rtas_calls++;
		if (rc != H_SUCCESS || (int)rtas_buf[4] != RTAS_OUT_PARAM_ERROR)
			rtas_bad++;
	}
}

unsigned long osi_from_user_mode(void);	/* useros64.S */
extern char osi_user_return[];

#define OSI_MAGIC_R3	0x113724FAUL
#define SYSCALL_VECTOR	0xc00UL		/* Power ISA: System Call interrupt */

/*
 * OSI from guest user mode must not reach molvm's handlers: the call is
 * an OSI EXIT, so if molvm obeyed it the VM would end right here.  The
 * guest's syscall vector gets `ba osi_user_return` to come back.
 */
static void user_mode_osi(void)
{
	unsigned long r3;

	guest_set_vector(SYSCALL_VECTOR, (unsigned long)osi_user_return);
	r3 = osi_from_user_mode();
	tap("OSI EXIT from user mode is ignored (registers unchanged)", r3 == OSI_MAGIC_R3, r3);
}

void guest_main(void)
{
	con_set_writer(osi_writer);
	con_puts("hostile64: start\n");
	tap("the device tree at r3 lists RTAS calls",
	    read_rtas_tokens(boot_r3) == 0 && nr_tokens > 4, (unsigned long)nr_tokens);
	hostile_hcalls();
	tap("every garbage hcall got a PAPR return code", hcall_bad == 0, hcall_bad);
	hostile_rtas();
	tap("every garbage RTAS call got an RTAS status", rtas_bad == 0, rtas_bad);
	user_mode_osi();
	con_puts("hostile64: survived ");
	con_dec(hcalls);
	con_puts(" hcalls and ");
	con_dec(rtas_calls);
	con_puts(" RTAS calls\n");
	osi_exit();
}
