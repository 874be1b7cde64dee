// SPDX-License-Identifier: GPL-2.0
/* The exit dispatch table, fed with hand-made kvm_run records. */
#include <string.h>

#include "../../devices/papr.h"
#include "../../osi/osi.h"
#include "../../vmm/mmio.h"
#include "../../vmm/vcpu.h"
#include "unit.h"

static struct kvm_ppc_run run;

static struct vcpu *setup(struct fake_vm *f, uint32_t reason)
{
	fake_vm_init(f, 1 << 20);
	memset(&run, 0, sizeof(run));
	run.exit_reason = reason;
	f->vm.vcpus[0].run = &run;
	return &f->vm.vcpus[0];
}

START_TEST(osi_exit_goes_to_osi)
{
	struct fake_vm f;
	struct vcpu *v = setup(&f, KVM_EXIT_OSI);
	char out[8];

	run.u.osi.gprs[3] = OSI_SC_MAGIC_R3;
	run.u.osi.gprs[4] = OSI_SC_MAGIC_R4;
	run.u.osi.gprs[5] = OSI_LOG_PUTC;
	run.u.osi.gprs[6] = 'Z';
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_uint_eq(run.u.osi.gprs[3], 0);
	fake_vm_output(&f, out, sizeof(out));
	ck_assert_str_eq(out, "Z");
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(papr_exit_sets_ret)
{
	struct fake_vm f;
	struct vcpu *v = setup(&f, KVM_EXIT_PAPR_HCALL);

	run.u.papr_hcall.nr = 0x1234;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_int_eq((int64_t)run.u.papr_hcall.ret, H_FUNCTION);
	run.u.papr_hcall.nr = H_PUT_TERM_CHAR;
	run.u.papr_hcall.args[0] = 5;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_int_eq((int64_t)run.u.papr_hcall.ret, H_PARAMETER);
	fake_vm_destroy(&f);
}
END_TEST

static uint64_t seen_offset;
static void fake_dev(struct vcpu *vcpu, void *opaque, uint64_t offset, uint8_t *data,
		     uint32_t len, bool is_write)
{
	(void)vcpu;
	(void)opaque;
	seen_offset = offset;
	if (!is_write)
		memset(data, 0x5a, len);
}

START_TEST(mmio_routes_and_floats)
{
	struct fake_vm f;
	struct vcpu *v = setup(&f, KVM_EXIT_MMIO);
	struct mmio_region r = { "fake", 0x80000000, 0x1000, fake_dev, NULL };

	ck_assert_int_eq(mmio_register(&f.vm, &r), 0);
	ck_assert_int_eq(mmio_register(&f.vm, &r), -1);	/* overlap refused */
	run.u.mmio.phys_addr = 0x80000010;
	run.u.mmio.len = 4;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_uint_eq(seen_offset, 0x10);
	ck_assert_uint_eq(run.u.mmio.data[0], 0x5a);
	/* Straddling the region's end: not the device's */
	run.u.mmio.phys_addr = 0x80000ffe;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_uint_eq(run.u.mmio.data[0], 0xff);
	/* Unassigned: reads all ones */
	run.u.mmio.phys_addr = 0x90000000;
	run.u.mmio.len = 8;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert_uint_eq(run.u.mmio.data[7], 0xff);
	/* A length KVM never sends is not passed on */
	run.u.mmio.phys_addr = 0x80000000;
	run.u.mmio.len = 9;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_CONTINUE);
	ck_assert(!vm_stopping(&f.vm));
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(unknown_exit_stops_with_error)
{
	struct fake_vm f;
	struct vcpu *v = setup(&f, 33);

	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_STOP);
	ck_assert(vm_stopping(&f.vm));
	ck_assert_int_eq(f.vm.exit_code, 1);
	fake_vm_destroy(&f);

	v = setup(&f, 0xffffffff);
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_STOP);
	ck_assert_int_eq(f.vm.exit_code, 1);
	fake_vm_destroy(&f);

	v = setup(&f, KVM_EXIT_INTERNAL_ERROR);
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_STOP);
	ck_assert_int_eq(f.vm.exit_code, 1);
	fake_vm_destroy(&f);
}
END_TEST

START_TEST(first_exit_request_wins)
{
	struct fake_vm f;
	struct vcpu *v = setup(&f, KVM_EXIT_SYSTEM_EVENT);

	run.u.system_event.type = KVM_SYSTEM_EVENT_SHUTDOWN;
	ck_assert_int_eq(vcpu_handle_exit(v), EXIT_STOP);
	vm_request_exit(&f.vm, 124);
	ck_assert_int_eq(f.vm.exit_code, 0);
	fake_vm_destroy(&f);
}
END_TEST

Suite *vcpu_suite(void)
{
	Suite *s = suite_create("vcpu");
	TCase *tc = tcase_create("exits");

	tcase_add_test(tc, osi_exit_goes_to_osi);
	tcase_add_test(tc, papr_exit_sets_ret);
	tcase_add_test(tc, mmio_routes_and_floats);
	tcase_add_test(tc, unknown_exit_stops_with_error);
	tcase_add_test(tc, first_exit_request_wins);
	suite_add_tcase(s, tc);
	return s;
}
