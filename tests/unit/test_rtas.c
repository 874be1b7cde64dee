// SPDX-License-Identifier: GPL-2.0
/* RTAS calls through H_RTAS on a fake VM: arguments, status codes, SMP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../devices/papr.h"
#include "../../devices/papr_epow.h"
#include "../../devices/rtas.h"
#include "../../devices/spapr_nvram.h"
#include "../../vmm/pseries.h"
#include "../../vmm/vcpu.h"
#include "unit.h"

#define BUF 0x1000	/* guest address of the argument block */

static struct fake_vm f;

static uint32_t token(const char *name)
{
	size_t i;

	for (i = 0; i < rtas_nr_calls(); i++)
		if (!strcmp(rtas_call_name(i), name))
			return rtas_call_token(i);
	ck_abort_msg("no RTAS call %s", name);
	return 0;
}

/* Write the block, call H_RTAS from vCPU cpu, return the hcall's result. */
static int64_t call(int cpu, uint32_t tok, uint32_t nargs, uint32_t nret, const uint32_t *args)
{
	uint64_t a[9] = { BUF };
	uint32_t i;

	guest_write_be32(&f.vm.mem, BUF, tok);
	guest_write_be32(&f.vm.mem, BUF + 4, nargs);
	guest_write_be32(&f.vm.mem, BUF + 8, nret);
	for (i = 0; args && i < nargs; i++)
		guest_write_be32(&f.vm.mem, BUF + 12 + 4 * i, args[i]);
	for (i = 0; i < nret && nargs + nret < 64; i++)
		guest_write_be32(&f.vm.mem, BUF + 12 + 4 * (nargs + i), 0xdeadbeef);
	return papr_dispatch(&f.vm.vcpus[cpu], KVMPPC_H_RTAS, a);
}

static int32_t ret(uint32_t nargs, uint32_t i)
{
	uint32_t v = 0;

	ck_assert(guest_read_be32(&f.vm.mem, BUF + 12 + 4 * (nargs + i), &v));
	return (int32_t)v;
}

static void setup(void)
{
	fake_vm_init(&f, 1 << 20);
	f.vm.nr_vcpus = 2;
	f.vm.vcpus[1].vm = &f.vm;
	f.vm.vcpus[0].running = true;
}

static void teardown(void)
{
	fake_vm_destroy(&f);
}

START_TEST(get_time_of_day_is_now)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	ck_assert_int_eq(call(0, token("get-time-of-day"), 0, 8, NULL), H_SUCCESS);
	ck_assert_int_eq(ret(0, 0), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(ret(0, 1), tm.tm_year + 1900);
	ck_assert_int_eq(ret(0, 2), tm.tm_mon + 1);
}
END_TEST

START_TEST(set_time_of_day_moves_the_guest_clock)
{
	uint32_t bad[7] = { 2030, 13, 1, 0, 0, 0, 0 };
	uint32_t good[7] = { 2030, 6, 15, 12, 0, 0, 0 };

	ck_assert_int_eq(call(0, token("set-time-of-day"), 7, 1, bad), H_SUCCESS);
	ck_assert_int_eq(ret(7, 0), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(call(0, token("set-time-of-day"), 7, 1, good), H_SUCCESS);
	ck_assert_int_eq(ret(7, 0), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(call(0, token("get-time-of-day"), 0, 8, NULL), H_SUCCESS);
	ck_assert_int_eq(ret(0, 1), 2030);
	ck_assert_int_eq(ret(0, 2), 6);
}
END_TEST

START_TEST(bad_blocks_are_refused)
{
	uint64_t a[9] = { (1 << 20) - 8 };	/* block runs off the end of RAM */

	ck_assert_int_eq(papr_dispatch(&f.vm.vcpus[0], KVMPPC_H_RTAS, a), H_PARAMETER);
	a[0] = ~0ULL;
	ck_assert_int_eq(papr_dispatch(&f.vm.vcpus[0], KVMPPC_H_RTAS, a), H_PARAMETER);
	ck_assert_int_eq(call(0, token("get-time-of-day"), 17, 1, NULL), H_PARAMETER);
	ck_assert_int_eq(call(0, 0x1234, 1, 1, (uint32_t[]){ 0 }), H_SUCCESS);
	ck_assert_int_eq(ret(1, 0), RTAS_OUT_NOT_SUPPORTED);
	/* Too few results for the call: a parameter error, nothing written
	 * past the block. */
	ck_assert_int_eq(call(0, token("get-time-of-day"), 0, 1, NULL), H_SUCCESS);
	ck_assert_int_eq(ret(0, 0), RTAS_OUT_PARAM_ERROR);
}
END_TEST

START_TEST(start_cpu_and_query)
{
	uint32_t q1[1] = { 1 }, q9[1] = { 9 };
	uint32_t start[3] = { 1, 0x8000, 0x1234 };
	uint32_t outside[3] = { 1, 0x7ffffff0, 0 };

	ck_assert_int_eq(call(0, token("query-cpu-stopped-state"), 1, 2, q1), H_SUCCESS);
	ck_assert_int_eq(ret(1, 0), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(ret(1, 1), 0);		/* stopped */
	ck_assert_int_eq(call(0, token("query-cpu-stopped-state"), 1, 2, q9), H_SUCCESS);
	ck_assert_int_eq(ret(1, 0), RTAS_OUT_PARAM_ERROR);

	ck_assert_int_eq(call(0, token("start-cpu"), 3, 1, outside), H_SUCCESS);
	ck_assert_int_eq(ret(3, 0), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(call(0, token("start-cpu"), 3, 1, start), H_SUCCESS);
	ck_assert_int_eq(ret(3, 0), RTAS_OUT_SUCCESS);
	ck_assert(f.vm.vcpus[1].start_pending);
	ck_assert_uint_eq(f.vm.vcpus[1].start_pc, 0x8000);
	ck_assert_uint_eq(f.vm.vcpus[1].start_r3, 0x1234);
	ck_assert_int_eq(call(0, token("query-cpu-stopped-state"), 1, 2, q1), H_SUCCESS);
	ck_assert_int_eq(ret(1, 1), 2);		/* running */
	/* A second start of a running CPU is refused. */
	ck_assert_int_eq(call(0, token("start-cpu"), 3, 1, start), H_SUCCESS);
	ck_assert_int_eq(ret(3, 0), RTAS_OUT_HW_ERROR);
}
END_TEST

START_TEST(stop_self_parks_the_caller)
{
	ck_assert(vcpu_is_running(&f.vm.vcpus[0]));
	ck_assert_int_eq(call(0, token("stop-self"), 0, 1, NULL), H_SUCCESS);
	ck_assert(!vcpu_is_running(&f.vm.vcpus[0]));
}
END_TEST

/* H_REGISTER_VPA: flags carry the subfunction in bits 45..47. */
static int64_t vpa(uint64_t func, uint64_t cpu, uint64_t addr)
{
	uint64_t a[9] = { func << 45, cpu, addr };

	return papr_dispatch(&f.vm.vcpus[0], H_REGISTER_VPA, a);
}

START_TEST(register_vpa_checks_areas)
{
	guest_write(&f.vm.mem, 0x2004, (uint8_t[]){ 640 >> 8, 640 & 0xff }, 2);	/* VPA size */
	guest_write_be32(&f.vm.mem, 0x3004, 64);	/* SLB shadow size */
	guest_write(&f.vm.mem, 0x4f84, (uint8_t[]){ 640 >> 8, 640 & 0xff }, 2);	/* a VPA crossing a page */
	ck_assert_int_eq(vpa(3, 0, 0x3000), H_RESOURCE);	/* SLB before VPA */
	ck_assert_int_eq(vpa(1, 0, 0x2001), H_PARAMETER);	/* misaligned */
	ck_assert_int_eq(vpa(1, 0, 0x4f80), H_PARAMETER);	/* crosses 4 KiB */
	ck_assert_int_eq(vpa(1, 0, ~0ULL - 127), H_PARAMETER);	/* outside RAM */
	ck_assert_int_eq(vpa(1, 9, 0x2000), H_PARAMETER);	/* no such CPU */
	ck_assert_int_eq(vpa(4, 0, 0x2000), H_PARAMETER);	/* no such subfunction */
	ck_assert_int_eq(vpa(1, 1, 0x2000), H_SUCCESS);
	ck_assert_uint_eq(f.vm.vcpus[1].vpa_addr, 0x2000);
	ck_assert_int_eq(vpa(3, 1, 0x3000), H_SUCCESS);
	ck_assert_int_eq(vpa(5, 1, 0), H_RESOURCE);		/* SLB still there */
	ck_assert_int_eq(vpa(7, 1, 0), H_SUCCESS);
	ck_assert_int_eq(vpa(5, 1, 0), H_SUCCESS);
	ck_assert_uint_eq(f.vm.vcpus[1].vpa_addr, 0);
}
END_TEST

/* check-exception: nothing until a power-off is requested, then one EPOW
 * log ("system shutdown, normal") in the layout Linux's ras.c parses. */
/* ibm,os-term prints the guest's message: a guest calling it in a loop
 * gets four lines and a count, not a line a call. */
START_TEST(os_term_reports_are_limited)
{
	uint32_t msg = BUF + 0x100;
	int i;

	memcpy(f.vm.mem.host + msg, "panic\n\x1b[2J", 11);
	for (i = 0; i < 100; i++) {
		ck_assert_int_eq(call(0, token("ibm,os-term"), 1, 1, &msg), H_SUCCESS);
		ck_assert_int_eq(ret(1, 0), RTAS_OUT_SUCCESS);
	}
	ck_assert_uint_eq(ratelimit_suppressed(&f.vm.reports.os_term), 96);
}
END_TEST

START_TEST(epow_power_off_request)
{
	static struct pseries ps;
	uint32_t args[6] = { 0x500, EPOW_IRQ, 0x40000000, 0, 0x8000, 2048 };
	uint8_t log[64];
	size_t n;

	f.vm.pseries = &ps;

	ck_assert_int_eq(call(0, token("check-exception"), 6, 1, args), 0);
	ck_assert_int_eq(ret(6, 0), RTAS_OUT_NO_ERRORS);
	papr_epow_request(&f.vm);	/* no KVM here: the IRQ line only fails */
	args[5] = 16;			/* a buffer too small for the log */
	ck_assert_int_eq(call(0, token("check-exception"), 6, 1, args), 0);
	ck_assert_int_eq(ret(6, 0), RTAS_OUT_PARAM_ERROR);
	args[4] = 0x7fffffff;		/* outside guest RAM */
	args[5] = 2048;
	ck_assert_int_eq(call(0, token("check-exception"), 6, 1, args), 0);
	ck_assert_int_eq(ret(6, 0), RTAS_OUT_PARAM_ERROR);
	args[4] = 0x8000;
	ck_assert_int_eq(call(0, token("check-exception"), 6, 1, args), 0);
	ck_assert_int_eq(ret(6, 0), RTAS_OUT_SUCCESS);
	n = papr_epow_build_log(log, sizeof(log));
	ck_assert_uint_eq(n, 40);
	ck_assert(guest_read(&f.vm.mem, 0x8000, log, n));
	ck_assert_uint_eq(log[0], 6);			/* version 6 */
	ck_assert_uint_eq(log[1] & 0x04, 0x04);		/* extended log */
	ck_assert_uint_eq(log[3], 0x40);		/* RTAS_TYPE_EPOW */
	ck_assert_uint_eq(log[7], 32);			/* extended length */
	ck_assert_uint_eq(log[8 + 2] & 0x0f, 14);	/* event log format */
	ck_assert_int_eq(memcmp(log + 8 + 12, "IBM", 4), 0);
	ck_assert(log[24] == 'E' && log[25] == 'P');	/* EPOW section */
	ck_assert_uint_eq(log[27], 16);			/* section length */
	ck_assert_uint_eq(log[32], 3);			/* EPOW_SYSTEM_SHUTDOWN */
	ck_assert_uint_eq(log[33], 1);			/* EPOW_SHUTDOWN_NORMAL */
	/* Consumed: the next check finds nothing. */
	ck_assert_int_eq(call(0, token("check-exception"), 6, 1, args), 0);
	ck_assert_int_eq(ret(6, 0), RTAS_OUT_NO_ERRORS);
	ck_assert_uint_eq(papr_epow_build_log(log, 39), 0);
}
END_TEST

#define NVBUF	0x2000	/* guest address of the NVRAM bounce buffer */

static struct pseries nv_ps;

/* A pseries machine state with its NVRAM (from path, or new). */
static int nv_open(const char *path)
{
	memset(&nv_ps, 0, sizeof(nv_ps));
	f.vm.pseries = &nv_ps;
	return spapr_nvram_open(&nv_ps.nvram, path);
}

/* nvram-fetch / nvram-store(index, buf, len): status, count */
static int32_t nvram_call(const char *name, uint32_t index, uint32_t buf, uint32_t len,
			  int32_t *count)
{
	uint32_t args[3] = { index, buf, len };

	ck_assert_int_eq(call(0, token(name), 3, 2, args), H_SUCCESS);
	*count = ret(3, 1);
	return ret(3, 0);
}

START_TEST(nvram_new_image_is_one_free_partition)
{
	uint8_t hdr[16];
	int32_t n;

	ck_assert_int_eq(nv_open(NULL), 0);
	/* Linux reads it 32 bytes at a time */
	ck_assert_int_eq(nvram_call("nvram-fetch", 0, NVBUF, 32, &n), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(n, 32);
	ck_assert(guest_read(&f.vm.mem, NVBUF, hdr, sizeof(hdr)));
	ck_assert_uint_eq(hdr[0], 0x7f);		/* free space */
	ck_assert_uint_eq(hdr[2], 0x10);		/* 0x1000 blocks of 16 bytes */
	ck_assert_uint_eq(hdr[3], 0x00);
	ck_assert(!memcmp(hdr + 4, "wwwwwwwwwwww", 12));
	/* The checksum Linux's nvram_scan_partitions() computes for this
	 * header, in either byte order (worked out by hand: 0x7f + 0x10 +
	 * 12 * 'w' = 0x623, summed with end-around carry: 0x23 + 6). */
	ck_assert_uint_eq(hdr[1], 0x29);
	ck_assert_uint_eq(chrp_nvram_checksum(hdr), 0x29);
	ck_assert_int_eq(spapr_nvram_close(&nv_ps.nvram), 0);
	ck_assert(!nv_ps.nvram.open);
}
END_TEST

START_TEST(nvram_store_then_fetch)
{
	uint8_t out[32];
	int32_t n;

	ck_assert_int_eq(nv_open(NULL), 0);
	ck_assert(guest_write(&f.vm.mem, NVBUF, "molvm nvram bytes", 17));
	ck_assert_int_eq(nvram_call("nvram-store", 0x8000, NVBUF, 17, &n), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(n, 17);
	/* the very last byte of the NVRAM */
	ck_assert(guest_write(&f.vm.mem, NVBUF, "Z", 1));
	ck_assert_int_eq(nvram_call("nvram-store", SPAPR_NVRAM_BYTES - 1, NVBUF, 1, &n),
			 RTAS_OUT_SUCCESS);
	memset(out, 0, sizeof(out));
	ck_assert(guest_write(&f.vm.mem, NVBUF + 0x100, out, sizeof(out)));
	ck_assert_int_eq(nvram_call("nvram-fetch", 0x8000, NVBUF + 0x100, 17, &n),
			 RTAS_OUT_SUCCESS);
	ck_assert_int_eq(n, 17);
	ck_assert(guest_read(&f.vm.mem, NVBUF + 0x100, out, 17));
	ck_assert(!memcmp(out, "molvm nvram bytes", 17));
	ck_assert_int_eq(nvram_call("nvram-fetch", SPAPR_NVRAM_BYTES - 1, NVBUF + 0x200, 1, &n),
			 RTAS_OUT_SUCCESS);
	ck_assert(guest_read(&f.vm.mem, NVBUF + 0x200, out, 1));
	ck_assert_uint_eq(out[0], 'Z');
	/* a zero-length call moves nothing and succeeds */
	ck_assert_int_eq(nvram_call("nvram-fetch", SPAPR_NVRAM_BYTES, NVBUF, 0, &n),
			 RTAS_OUT_SUCCESS);
	ck_assert_int_eq(n, 0);
	spapr_nvram_close(&nv_ps.nvram);
}
END_TEST

START_TEST(nvram_bad_arguments)
{
	uint32_t args[3] = { 0, NVBUF, 16 };
	uint8_t before[64], after[64];
	int32_t n;

	ck_assert_int_eq(nv_open(NULL), 0);
	ck_assert(guest_write(&f.vm.mem, NVBUF, "unchanged-guest-bytes-unchanged!", 32));
	ck_assert(guest_read(&f.vm.mem, NVBUF, before, sizeof(before)));
	/* past the end, straddling the end, index + length wrapping 32 bits */
	ck_assert_int_eq(nvram_call("nvram-fetch", SPAPR_NVRAM_BYTES, NVBUF, 1, &n),
			 RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(nvram_call("nvram-fetch", SPAPR_NVRAM_BYTES - 8, NVBUF, 16, &n),
			 RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(nvram_call("nvram-fetch", 0xfffffff0, NVBUF, 0x20, &n),
			 RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(nvram_call("nvram-store", 16, NVBUF, 0xffffffff, &n),
			 RTAS_OUT_PARAM_ERROR);
	/* buffers past the end of RAM (1 MiB) or straddling it */
	ck_assert_int_eq(nvram_call("nvram-fetch", 0, 0xfffff0, 16, &n), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(nvram_call("nvram-fetch", 0, (1 << 20) - 8, 16, &n),
			 RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(nvram_call("nvram-store", 0, 0xffffffff, 16, &n), RTAS_OUT_PARAM_ERROR);
	ck_assert(guest_read(&f.vm.mem, NVBUF, after, sizeof(after)));
	ck_assert(!memcmp(before, after, sizeof(before)));
	/* too few arguments or return slots */
	ck_assert_int_eq(call(0, token("nvram-fetch"), 2, 2, args), H_SUCCESS);
	ck_assert_int_eq(ret(2, 0), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(call(0, token("nvram-store"), 3, 1, args), H_SUCCESS);
	ck_assert_int_eq(ret(3, 0), RTAS_OUT_PARAM_ERROR);
	/* the NVRAM was never touched by any of them */
	ck_assert_int_eq(nvram_call("nvram-fetch", 0, NVBUF, 1, &n), RTAS_OUT_SUCCESS);
	ck_assert(guest_read(&f.vm.mem, NVBUF, after, 1));
	ck_assert_uint_eq(after[0], 0x7f);
	spapr_nvram_close(&nv_ps.nvram);
	/* no NVRAM: closed, or a machine without pseries state */
	ck_assert_int_eq(nvram_call("nvram-fetch", 0, NVBUF, 1, &n), RTAS_OUT_HW_ERROR);
	ck_assert_int_eq(n, 0);
	f.vm.pseries = NULL;
	ck_assert_int_eq(nvram_call("nvram-store", 0, NVBUF, 1, &n), RTAS_OUT_HW_ERROR);
}
END_TEST

START_TEST(nvram_file_persists)
{
	char path[] = "/tmp/molvm-spapr-nvram-XXXXXX";
	int fd = mkstemp(path);
	static uint8_t img[SPAPR_NVRAM_BYTES];
	FILE *fp;
	int32_t n;

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);		/* a missing file: a fresh image, written at exit */
	ck_assert_int_eq(nv_open(path), 0);
	ck_assert(guest_write(&f.vm.mem, NVBUF, "kept", 4));
	ck_assert_int_eq(nvram_call("nvram-store", 0x4000, NVBUF, 4, &n), RTAS_OUT_SUCCESS);
	ck_assert_int_eq(spapr_nvram_close(&nv_ps.nvram), 0);
	fp = fopen(path, "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fread(img, 1, sizeof(img), fp), sizeof(img));
	ck_assert_int_eq(fgetc(fp), EOF);
	fclose(fp);
	ck_assert_uint_eq(img[0], 0x7f);
	ck_assert(!memcmp(img + 0x4000, "kept", 4));

	/* the second run reads it back */
	ck_assert_int_eq(nv_open(path), 0);
	ck_assert_int_eq(nvram_call("nvram-fetch", 0x4000, NVBUF + 0x40, 4, &n), RTAS_OUT_SUCCESS);
	ck_assert(guest_read(&f.vm.mem, NVBUF + 0x40, img, 4));
	ck_assert(!memcmp(img, "kept", 4));
	spapr_nvram_close(&nv_ps.nvram);

	/* an image of another size (a powermac one, 8 KiB) is refused */
	ck_assert_int_eq(truncate(path, 8192), 0);
	ck_assert_int_eq(nv_open(path), -1);
	ck_assert(!nv_ps.nvram.open);
	unlink(path);
}
END_TEST

Suite *rtas_suite(void)
{
	Suite *s = suite_create("rtas");
	TCase *tc = tcase_create("calls");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, get_time_of_day_is_now);
	tcase_add_test(tc, set_time_of_day_moves_the_guest_clock);
	tcase_add_test(tc, bad_blocks_are_refused);
	tcase_add_test(tc, start_cpu_and_query);
	tcase_add_test(tc, stop_self_parks_the_caller);
	tcase_add_test(tc, register_vpa_checks_areas);
	tcase_add_test(tc, epow_power_off_request);
	tcase_add_test(tc, os_term_reports_are_limited);
	tcase_add_test(tc, nvram_new_image_is_one_free_partition);
	tcase_add_test(tc, nvram_store_then_fetch);
	tcase_add_test(tc, nvram_bad_arguments);
	tcase_add_test(tc, nvram_file_persists);
	suite_add_tcase(s, tc);
	return s;
}
