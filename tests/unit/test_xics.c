// SPDX-License-Identifier: GPL-2.0
/* molvm's own XICS: presentation, EOI, IPIs, masking, bad arguments. */
#include "../../devices/papr.h"
#include "../../devices/rtas.h"
#include "../../devices/xics.h"
#include <string.h>

#include "unit.h"

#define SRC (XICS_IRQ_BASE + 0x20)
#define BUF 0x1000

static struct fake_vm f;

static int64_t hc(int cpu, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t *out)
{
	uint64_t a[9] = { a0, a1 };
	int64_t rc = papr_dispatch(&f.vm.vcpus[cpu], nr, a);

	if (out)
		*out = a[0];
	return rc;
}

static int32_t rtas(const char *name, uint32_t nargs, const uint32_t *args, uint32_t nret)
{
	uint64_t a[9] = { BUF };
	uint32_t i, tok = 0, v = 0;

	for (i = 0; i < rtas_nr_calls(); i++)
		if (!strcmp(rtas_call_name(i), name))
			tok = rtas_call_token(i);
	guest_write_be32(&f.vm.mem, BUF, tok);
	guest_write_be32(&f.vm.mem, BUF + 4, nargs);
	guest_write_be32(&f.vm.mem, BUF + 8, nret);
	for (i = 0; i < nargs; i++)
		guest_write_be32(&f.vm.mem, BUF + 12 + 4 * i, args[i]);
	ck_assert_int_eq(papr_dispatch(&f.vm.vcpus[0], KVMPPC_H_RTAS, a), H_SUCCESS);
	guest_read_be32(&f.vm.mem, BUF + 12 + 4 * nargs, &v);
	return (int32_t)v;
}

static void setup(void)
{
	fake_vm_init(&f, 1 << 20);
	f.vm.nr_vcpus = 2;
	f.vm.vcpus[1].vm = &f.vm;
	f.vm.vcpus[1].id = 1;
	ck_assert_int_eq(xics_user_init(&f.vm), 0);
	ck_assert_int_eq(xics_set_lsi(&f.vm, SRC), 0);
	/* Both CPUs accept everything, as Linux sets them up. */
	ck_assert_int_eq(hc(0, H_CPPR, 0xff, 0, NULL), H_SUCCESS);
	ck_assert_int_eq(hc(1, H_CPPR, 0xff, 0, NULL), H_SUCCESS);
}

static void teardown(void)
{
	xics_user_free(&f.vm);
	fake_vm_destroy(&f);
}

START_TEST(lsi_is_presented_accepted_and_ended)
{
	uint64_t xirr;

	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ SRC, 1, 5 }, 1), 0);
	xics_set_level(&f.vm, SRC, 1);
	ck_assert(!xics_user_line(&f.vm, 0));
	ck_assert(xics_user_line(&f.vm, 1));
	ck_assert_int_eq(hc(1, H_XIRR, 0, 0, &xirr), H_SUCCESS);
	ck_assert_uint_eq(xirr, 0xff000000u | SRC);
	ck_assert(!xics_user_line(&f.vm, 1));
	/* Still asserted at EOI: presented again (level-triggered). */
	ck_assert_int_eq(hc(1, H_EOI, xirr, 0, NULL), H_SUCCESS);
	ck_assert(xics_user_line(&f.vm, 1));
	ck_assert_int_eq(hc(1, H_XIRR, 0, 0, &xirr), H_SUCCESS);
	xics_set_level(&f.vm, SRC, 0);
	ck_assert_int_eq(hc(1, H_EOI, xirr, 0, NULL), H_SUCCESS);
	ck_assert(!xics_user_line(&f.vm, 1));
	/* Nothing pending: XIRR says so with XISR 0. */
	ck_assert_int_eq(hc(1, H_XIRR, 0, 0, &xirr), H_SUCCESS);
	ck_assert_uint_eq(xirr & 0xffffff, 0);
}
END_TEST

START_TEST(masked_sources_wait_for_int_on)
{
	uint64_t xirr;

	xics_set_level(&f.vm, SRC, 1);		/* priority 0xff: masked */
	ck_assert(!xics_user_line(&f.vm, 0));
	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ SRC, 0, 4 }, 1), 0);
	ck_assert(xics_user_line(&f.vm, 0));
	ck_assert_int_eq(hc(0, H_XIRR, 0, 0, &xirr), H_SUCCESS);
	ck_assert_int_eq(rtas("ibm,int-off", 1, (uint32_t[]){ SRC }, 1), 0);
	ck_assert_int_eq(hc(0, H_EOI, xirr, 0, NULL), H_SUCCESS);
	ck_assert(!xics_user_line(&f.vm, 0));		/* asserted but masked */
	ck_assert_int_eq(rtas("ibm,int-on", 1, (uint32_t[]){ SRC }, 1), 0);
	ck_assert(xics_user_line(&f.vm, 0));
	/* get-xive reports the restored priority */
	ck_assert_int_eq(rtas("ibm,get-xive", 1, (uint32_t[]){ SRC }, 3), 0);
}
END_TEST

START_TEST(cppr_holds_back_and_releases)
{
	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ SRC, 0, 5 }, 1), 0);
	ck_assert_int_eq(hc(0, H_CPPR, 3, 0, NULL), H_SUCCESS);
	xics_set_level(&f.vm, SRC, 1);
	ck_assert(!xics_user_line(&f.vm, 0));		/* 5 does not beat CPPR 3 */
	ck_assert_int_eq(hc(0, H_CPPR, 0xff, 0, NULL), H_SUCCESS);
	ck_assert(xics_user_line(&f.vm, 0));
	ck_assert_int_eq(hc(0, H_CPPR, 2, 0, NULL), H_SUCCESS);	/* taken back */
	ck_assert(!xics_user_line(&f.vm, 0));
}
END_TEST

START_TEST(ipi_between_cpus)
{
	uint64_t xirr, mfrr;

	ck_assert_int_eq(hc(0, H_IPI, 1, 5, NULL), H_SUCCESS);
	ck_assert(xics_user_line(&f.vm, 1));
	ck_assert(!xics_user_line(&f.vm, 0));
	ck_assert_int_eq(hc(0, H_IPOLL, 1, 0, &xirr), H_SUCCESS);
	ck_assert_uint_eq(xirr & 0xffffff, XICS_IPI);
	ck_assert_int_eq(hc(1, H_XIRR, 0, 0, &xirr), H_SUCCESS);
	ck_assert_uint_eq(xirr, 0xff000000u | XICS_IPI);
	ck_assert_int_eq(hc(1, H_IPI, 1, 0xff, NULL), H_SUCCESS);	/* clear MFRR */
	ck_assert_int_eq(hc(1, H_EOI, xirr, 0, NULL), H_SUCCESS);
	ck_assert(!xics_user_line(&f.vm, 1));
	{
		uint64_t a[9] = { 1 };

		ck_assert_int_eq(papr_dispatch(&f.vm.vcpus[0], H_IPOLL, a), H_SUCCESS);
		mfrr = a[1];
		ck_assert_uint_eq(mfrr, 0xff);
	}
}
END_TEST

START_TEST(bad_arguments_are_refused)
{
	ck_assert_int_eq(hc(0, H_IPI, 9, 5, NULL), H_PARAMETER);
	ck_assert_int_eq(hc(0, H_IPI, ~0ULL, 5, NULL), H_PARAMETER);
	ck_assert_int_eq(hc(0, H_IPOLL, 2, 0, NULL), H_PARAMETER);
	ck_assert_int_eq(hc(0, H_EOI, 0xff005000, 0, NULL), H_PARAMETER);
	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ SRC, 7, 5 }, 1), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ 0x9999, 0, 5 }, 1), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(rtas("ibm,set-xive", 3, (uint32_t[]){ SRC, 0, 0x100 }, 1), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(rtas("ibm,int-on", 0, NULL, 1), RTAS_OUT_PARAM_ERROR);
	/* Without molvm's XICS (KVM's serves them), the calls are refused. */
	xics_user_free(&f.vm);
	ck_assert_int_eq(hc(0, H_XIRR, 0, 0, NULL), H_FUNCTION);
	ck_assert_int_eq(rtas("ibm,int-on", 1, (uint32_t[]){ SRC }, 1), RTAS_OUT_PARAM_ERROR);
	ck_assert_int_eq(xics_user_init(&f.vm), 0);
}
END_TEST

Suite *xics_suite(void)
{
	Suite *s = suite_create("xics");
	TCase *tc = tcase_create("user");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lsi_is_presented_accepted_and_ended);
	tcase_add_test(tc, masked_sources_wait_for_int_on);
	tcase_add_test(tc, cppr_holds_back_and_releases);
	tcase_add_test(tc, ipi_between_cpus);
	tcase_add_test(tc, bad_arguments_are_refused);
	suite_add_tcase(s, tc);
	return s;
}
