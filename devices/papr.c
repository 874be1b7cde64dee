// SPDX-License-Identifier: GPL-2.0
/*
 * The table of userspace hypercalls: a device adds one line here.  The
 * hcalls KVM PR serves in the kernel never get here (book3s_pr_papr.c);
 * README "Hypercalls" lists every number a Linux 6.1 guest can issue.
 */
#include "papr.h"

#include <stdatomic.h>
#include <stddef.h>

#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "papr_tce.h"
#include "rtas.h"
#include "xics_user.h"

static const struct papr_hcall {
	uint64_t nr;
	const char *name;
	papr_hcall_fn fn;	/* NULL: known and refused with H_FUNCTION */
} papr_hcalls[] = {
	/* hashed page table: KVM PR serves H_ENTER/H_REMOVE/H_PROTECT/H_BULK_REMOVE */
	{ H_READ,          "H_READ",          papr_h_read },
	{ H_CLEAR_MOD,     "H_CLEAR_MOD",     papr_h_clear_mod },
	{ H_CLEAR_REF,     "H_CLEAR_REF",     papr_h_clear_ref },
	{ H_GET_CPU_CHARACTERISTICS, "H_GET_CPU_CHARACTERISTICS", papr_h_get_cpu_characteristics },
	{ H_GET_TERM_CHAR, "H_GET_TERM_CHAR", papr_h_get_term_char },
	{ H_PUT_TERM_CHAR, "H_PUT_TERM_CHAR", papr_h_put_term_char },
	{ H_REGISTER_VPA,  "H_REGISTER_VPA",  papr_h_register_vpa },
	{ H_SET_MODE,      "H_SET_MODE",      papr_h_set_mode },
	{ KVMPPC_H_RTAS,   "H_RTAS",          papr_h_rtas },
	/* XICS presentation: KVM serves these when the XICS is in-kernel */
	{ H_EOI,           "H_EOI",           papr_h_eoi },
	{ H_CPPR,          "H_CPPR",          papr_h_cppr },
	{ H_IPI,           "H_IPI",           papr_h_ipi },
	{ H_IPOLL,         "H_IPOLL",         papr_h_ipoll },
	{ H_XIRR,          "H_XIRR",          papr_h_xirr },
	{ H_PUT_TCE,       "H_PUT_TCE",       papr_h_put_tce },
	{ H_GET_TCE,       "H_GET_TCE",       papr_h_get_tce },
	{ H_STUFF_TCE,     "H_STUFF_TCE",     papr_h_stuff_tce },
	/*
	 * Known and refused, quietly; the guest copes with H_FUNCTION:
	 * - no hypervisor performance counters: Linux's hv-gpci and hv-24x7
	 *   PMUs ask at boot and stay off (arch/powerpc/perf/hv-common.c);
	 * - no energy-management data: /proc/powerpc/lparcfg leaves it out;
	 * - H_CLEAR_HPT would leave KVM PR's shadow translations stale (only
	 *   KVM's own H_REMOVE flushes them): Linux's kexec falls back to
	 *   H_READ + H_REMOVE (pseries/lpar.c, manual_hpte_clear_all);
	 * - H_SIGNAL_SYS_RESET: KVM PR offers no way to deliver a system
	 *   reset to a vCPU; Linux sends its NMI IPI as a normal IPI instead.
	 */
	{ H_GET_PERF_COUNTER_INFO, "H_GET_PERF_COUNTER_INFO", NULL },
	{ H_GET_24X7_CATALOG_PAGE, "H_GET_24X7_CATALOG_PAGE", NULL },
	{ H_GET_24X7_DATA, "H_GET_24X7_DATA", NULL },
	{ H_GET_EM_PARMS,  "H_GET_EM_PARMS",  NULL },
	{ H_CLEAR_HPT,     "H_CLEAR_HPT",     NULL },
	{ H_SIGNAL_SYS_RESET, "H_SIGNAL_SYS_RESET", NULL },
};

/* Each unknown number is reported once (per VM); a guest looping over
 * numbers fills the list and is then quiet. */
static void report_unknown(struct vm_reports *r, uint64_t nr)
{
	int i, n = atomic_load(&r->nr_unknown_hcalls);

	/* Past the list, stop counting: the counter must not wrap. */
	if (n > VM_UNKNOWN_HCALLS)
		return;
	for (i = 0; i < n && i < VM_UNKNOWN_HCALLS; i++)
		if (atomic_load(&r->unknown_hcall[i]) == nr)
			return;
	n = atomic_fetch_add(&r->nr_unknown_hcalls, 1);
	if (n < VM_UNKNOWN_HCALLS) {
		atomic_store(&r->unknown_hcall[n], nr);
		pr_info("unknown hypercall 0x%llx: returning H_FUNCTION (reported once)",
			(unsigned long long)nr);
	} else if (n == VM_UNKNOWN_HCALLS) {
		pr_info("more unknown hypercalls: no longer reported");
	}
}

int64_t papr_dispatch(struct vcpu *vcpu, uint64_t nr, uint64_t *args)
{
	size_t i;

	for (i = 0; i < sizeof(papr_hcalls) / sizeof(papr_hcalls[0]); i++)
		if (papr_hcalls[i].nr == nr)
			return papr_hcalls[i].fn ? papr_hcalls[i].fn(vcpu, args) : H_FUNCTION;
	report_unknown(&vcpu->vm->reports, nr);
	return H_FUNCTION;
}
