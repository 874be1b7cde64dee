// SPDX-License-Identifier: GPL-2.0
/* The table of userspace hypercalls: a device adds one line here. */
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
	papr_hcall_fn fn;
} papr_hcalls[] = {
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
			return papr_hcalls[i].fn(vcpu, args);
	report_unknown(&vcpu->vm->reports, nr);
	return H_FUNCTION;
}
