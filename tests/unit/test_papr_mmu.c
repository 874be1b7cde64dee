// SPDX-License-Identifier: GPL-2.0
/* H_READ, H_CLEAR_REF, H_CLEAR_MOD against molvm's HPT; H_GET_CPU_CHARACTERISTICS;
 * the hcalls refused on purpose. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/papr.h"
#include "../../vmm/be.h"
#include "unit.h"

#define HPT_BYTES	(256 * 1024)		/* the smallest table: 16384 HPTEs */
#define NR_HPTES	(HPT_BYTES / 16)
#define H_R_XLATE	(1ULL << (63 - 25))
#define H_READ_4	(1ULL << (63 - 26))
#define V_VALID		1ULL
#define R_C		0x80ULL
#define R_R		0x100ULL

struct hpt_vm {
	struct fake_vm f;
	uint8_t *hpt;
	uint64_t args[9];
};

static void hpt_vm_init(struct hpt_vm *h)
{
	fake_vm_init(&h->f, 1 << 20);
	ck_assert_int_eq(posix_memalign((void **)&h->hpt, HPT_BYTES, HPT_BYTES), 0);
	memset(h->hpt, 0, HPT_BYTES);
	h->f.vm.hpt = h->hpt;
	h->f.vm.hpt_size = HPT_BYTES;
}

static void hpt_vm_destroy(struct hpt_vm *h)
{
	free(h->hpt);
	fake_vm_destroy(&h->f);
}

/* Entries as KVM writes them: two big-endian doublewords. */
static void put_hpte(struct hpt_vm *h, uint64_t ptex, uint64_t v, uint64_t r)
{
	be64_store(h->hpt + ptex * 16, v);
	be64_store(h->hpt + ptex * 16 + 8, r);
}

static uint64_t hpte_r(struct hpt_vm *h, uint64_t ptex)
{
	return be64_load(h->hpt + ptex * 16 + 8);
}

static int64_t call(struct hpt_vm *h, uint64_t nr, uint64_t a0, uint64_t a1)
{
	memset(h->args, 0xa5, sizeof(h->args));
	h->args[0] = a0;
	h->args[1] = a1;
	return papr_dispatch(&h->f.vm.vcpus[0], nr, h->args);
}

/* A recognisable entry for index i. */
static uint64_t v_of(uint64_t i) { return 0x4000000012340000ULL | (i << 8) | V_VALID; }
static uint64_t r_of(uint64_t i) { return 0x0000000001000000ULL | (i << 12) | 0x192; }

START_TEST(h_read_one_and_four)
{
	struct hpt_vm h;
	uint64_t i;

	hpt_vm_init(&h);
	for (i = 8; i < 12; i++)
		put_hpte(&h, i, v_of(i), r_of(i));
	ck_assert_int_eq(call(&h, H_READ, 0, 9), H_SUCCESS);
	ck_assert(h.args[0] == v_of(9));
	ck_assert(h.args[1] == r_of(9));
	ck_assert(h.args[2] == 0xa5a5a5a5a5a5a5a5ULL);	/* nothing else written */
	/* H_READ_4 starts at ptex & ~3; H_R_XLATE is a no-op (logical = real) */
	ck_assert_int_eq(call(&h, H_READ, H_READ_4 | H_R_XLATE, 11), H_SUCCESS);
	for (i = 0; i < 4; i++) {
		ck_assert(h.args[2 * i] == v_of(8 + i));
		ck_assert(h.args[2 * i + 1] == r_of(8 + i));
	}
	/* An empty entry reads as zeros. */
	ck_assert_int_eq(call(&h, H_READ, 0, 100), H_SUCCESS);
	ck_assert(h.args[0] == 0 && h.args[1] == 0);
	/* The last four entries of the table. */
	put_hpte(&h, NR_HPTES - 1, v_of(1), r_of(2));
	ck_assert_int_eq(call(&h, H_READ, H_READ_4, NR_HPTES - 1), H_SUCCESS);
	ck_assert(h.args[6] == v_of(1) && h.args[7] == r_of(2));
	hpt_vm_destroy(&h);
}
END_TEST

START_TEST(h_read_rejects_bad_arguments)
{
	struct hpt_vm h;

	hpt_vm_init(&h);
	ck_assert_int_eq(call(&h, H_READ, 0, NR_HPTES), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_READ, H_READ_4, NR_HPTES), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_READ, 0, UINT64_MAX), H_PARAMETER);
	/* would wrap ptex * 16 back into the table */
	ck_assert_int_eq(call(&h, H_READ, 0, 1ULL << 60), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_READ, 1, 0), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_READ, 1ULL << 63, 0), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_READ, UINT64_MAX, 0), H_PARAMETER);
	/* No HPT of ours (KVM HV keeps it and answers itself). */
	h.f.vm.hpt = NULL;
	ck_assert_int_eq(call(&h, H_READ, 0, 0), H_FUNCTION);
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 0, 0), H_FUNCTION);
	h.f.vm.hpt = h.hpt;
	hpt_vm_destroy(&h);
}
END_TEST

START_TEST(h_clear_ref_and_mod)
{
	struct hpt_vm h;
	uint64_t r = r_of(5) | R_R | R_C;

	hpt_vm_init(&h);
	put_hpte(&h, 5, v_of(5), r);
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 0, 5), H_SUCCESS);
	ck_assert(h.args[0] == r);			/* the old value, R set */
	ck_assert(hpte_r(&h, 5) == (r & ~R_R));		/* R gone, C kept */
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 0, 5), H_SUCCESS);
	ck_assert(h.args[0] == (r & ~R_R));
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, 0, 5), H_SUCCESS);
	ck_assert(h.args[0] == (r & ~R_R));
	ck_assert(hpte_r(&h, 5) == (r & ~(R_R | R_C)));
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, 0, 5), H_SUCCESS);
	ck_assert(h.args[0] == (r & ~(R_R | R_C)));
	/* the first doubleword is never touched */
	ck_assert(be64_load(h.hpt + 5 * 16) == v_of(5));
	hpt_vm_destroy(&h);
}
END_TEST

START_TEST(h_clear_rejects_bad_arguments)
{
	struct hpt_vm h;
	uint64_t r = r_of(3) | R_R | R_C;

	hpt_vm_init(&h);
	put_hpte(&h, 3, v_of(3) & ~V_VALID, r);
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 0, 3), H_NOT_FOUND);
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, 0, 3), H_NOT_FOUND);
	ck_assert(hpte_r(&h, 3) == r);			/* invalid entry untouched */
	put_hpte(&h, 3, v_of(3), r);
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 1, 3), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, H_READ_4, 3), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_CLEAR_REF, 0, NR_HPTES), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, 0, UINT64_MAX), H_PARAMETER);
	ck_assert_int_eq(call(&h, H_CLEAR_MOD, 0, 1ULL << 60), H_PARAMETER);
	ck_assert(hpte_r(&h, 3) == r);
	hpt_vm_destroy(&h);
}
END_TEST

#define CHAR_ORI31	(1ULL << 63)
#define CHAR_BCCTRL_SER	(1ULL << 62)
#define CHAR_ORI30	(1ULL << 61)
#define CHAR_TRIG2	(1ULL << 60)
#define CHAR_THR_PRIV	(1ULL << 59)
#define CHAR_CC_DIS	(1ULL << 56)
#define CHAR_BCCTR_FA	(1ULL << 54)
#define BEHAV_FAVOUR	(1ULL << 63)
#define BEHAV_L1D_PR	(1ULL << 62)
#define BEHAV_BNDS	(1ULL << 61)
#define BEHAV_FLUSH_CC	(1ULL << 58)
#define BEHAV_FLUSH_LS	(1ULL << 57)
#define BEHAV_NO_ENTRY	(1ULL << 56)
#define BEHAV_NO_UACC	(1ULL << 55)
#define BEHAV_NO_STF	(1ULL << 54)

START_TEST(cpu_characteristics_unknown_host_is_conservative)
{
	struct hpt_vm h;

	hpt_vm_init(&h);
	/* a fake VM: KVM never asked, everything unknown */
	ck_assert_int_eq(call(&h, H_GET_CPU_CHARACTERISTICS, 0, 0), H_SUCCESS);
	ck_assert(h.args[0] == 0);
	ck_assert(h.args[1] == (BEHAV_FAVOUR | BEHAV_L1D_PR | BEHAV_BNDS));
	/* garbage in the argument registers changes nothing */
	ck_assert_int_eq(call(&h, H_GET_CPU_CHARACTERISTICS, UINT64_MAX, UINT64_MAX), H_SUCCESS);
	ck_assert(h.args[0] == 0);
	hpt_vm_destroy(&h);
}
END_TEST

START_TEST(cpu_characteristics_from_the_host)
{
	struct kvm_ppc_cpu_char host = {
		/* everything claimed, but the host only knows some bits */
		.character = UINT64_MAX,
		.character_mask = CHAR_ORI31 | CHAR_ORI30 | CHAR_TRIG2 | CHAR_THR_PRIV |
				  CHAR_BCCTR_FA | CHAR_CC_DIS,
		/* the host knows: favour security, no L1D flush needed,
		 * bounds-check barrier needed, no count-cache flush */
		.behaviour = BEHAV_FAVOUR | BEHAV_BNDS | BEHAV_NO_ENTRY | BEHAV_NO_UACC |
			     BEHAV_NO_STF,
		.behaviour_mask = BEHAV_FAVOUR | BEHAV_L1D_PR | BEHAV_BNDS | BEHAV_FLUSH_CC,
	};
	uint64_t c, b;

	papr_cpu_char(&host, &c, &b);
	/* ori30/trig2/bcctr flush assist never offered to a problem-state guest;
	 * BCCTRL_SERIALISED claimed but not in the mask: dropped */
	ck_assert(c == (CHAR_ORI31 | CHAR_THR_PRIV | CHAR_CC_DIS));
	/* NO_* relaxations outside KVM's mask are never passed on */
	ck_assert(b == (BEHAV_FAVOUR | BEHAV_BNDS));

	/* the host knows only FAVOUR_SECURITY, and it is off: the rest is
	 * Linux's default */
	memset(&host, 0, sizeof(host));
	host.behaviour_mask = BEHAV_FAVOUR;
	papr_cpu_char(&host, &c, &b);
	ck_assert(c == 0);
	ck_assert(b == (BEHAV_L1D_PR | BEHAV_BNDS));

	/* a host that needs the count-cache flush: the link stack goes too */
	host.behaviour_mask = BEHAV_FLUSH_CC;
	host.behaviour = BEHAV_FLUSH_CC;
	papr_cpu_char(&host, &c, &b);
	ck_assert(b == (BEHAV_FAVOUR | BEHAV_L1D_PR | BEHAV_BNDS | BEHAV_FLUSH_CC |
			BEHAV_FLUSH_LS));
}
END_TEST

/* Run nr with stderr captured; returns what molvm printed. */
static void call_capturing(struct hpt_vm *h, uint64_t nr, int64_t *rc, char *out, size_t max)
{
	int p[2], saved;
	ssize_t n;

	ck_assert_int_eq(pipe(p), 0);
	fflush(stderr);
	saved = dup(2);
	dup2(p[1], 2);
	*rc = call(h, nr, 0, 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(p[1]);
	n = read(p[0], out, max - 1);
	out[n > 0 ? n : 0] = 0;
	close(p[0]);
}

START_TEST(known_refusals_are_quiet)
{
	static const uint64_t refused[] = {
		H_GET_PERF_COUNTER_INFO, H_GET_24X7_CATALOG_PAGE, H_GET_24X7_DATA,
		H_GET_EM_PARMS, H_CLEAR_HPT, H_SIGNAL_SYS_RESET,
	};
	struct hpt_vm h;
	char out[256];
	int64_t rc;
	size_t i;

	hpt_vm_init(&h);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		call_capturing(&h, refused[i], &rc, out, sizeof(out));
		ck_assert_int_eq(rc, H_FUNCTION);
		ck_assert_str_eq(out, "");
	}
	/* an unknown number is still reported, once */
	call_capturing(&h, 0x7ffc, &rc, out, sizeof(out));
	ck_assert_int_eq(rc, H_FUNCTION);
	ck_assert_ptr_nonnull(strstr(out, "unknown hypercall 0x7ffc"));
	call_capturing(&h, 0x7ffc, &rc, out, sizeof(out));
	ck_assert_str_eq(out, "");
	hpt_vm_destroy(&h);
}
END_TEST

Suite *papr_mmu_suite(void)
{
	Suite *s = suite_create("papr_mmu");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, h_read_one_and_four);
	tcase_add_test(tc, h_read_rejects_bad_arguments);
	tcase_add_test(tc, h_clear_ref_and_mod);
	tcase_add_test(tc, h_clear_rejects_bad_arguments);
	tcase_add_test(tc, cpu_characteristics_unknown_host_is_conservative);
	tcase_add_test(tc, cpu_characteristics_from_the_host);
	tcase_add_test(tc, known_refusals_are_quiet);
	suite_add_tcase(s, tc);
	return s;
}
