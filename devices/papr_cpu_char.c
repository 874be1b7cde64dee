// SPDX-License-Identifier: GPL-2.0
/*
 * H_GET_CPU_CHARACTERISTICS() -> r4 characteristics, r5 behaviour: what the
 * processor does about speculative-execution attacks and what the guest
 * kernel should do (bits: Linux asm/hvcall.h H_CPU_CHAR_* / H_CPU_BEHAV_*,
 * which KVM_PPC_GET_CPU_CHAR uses too; Linux's reading of them:
 * arch/powerpc/platforms/pseries/setup.c, init_cpu_char_feature_flags).
 *
 * What a KVM PR host can honestly claim: the host's own firmware-reported
 * facts (KVM_PPC_GET_CPU_CHAR: the bits it knows, with masks), minus every
 * mitigation instruction a PR guest cannot rely on.  A PR guest kernel runs
 * in problem state, so
 *  - the L1D flush by "mtspr TRIG2" would trap (a privileged SPR KVM PR
 *    does not emulate), and whether "ori 30,30,0" or the "bcctr 2,0,0"
 *    count-cache flush act in problem state is not documented: none of
 *    them is offered, and Linux then uses its software fallbacks (a
 *    displacement flush of the L1D, a software count-cache flush);
 *  - "ori 31,31,0" (speculation barrier) is an ordinary instruction, and
 *    serialised bcctr / a disabled count cache / per-thread L1D are
 *    properties of the core: passed on when the host reports them.
 * A behaviour the host does not know gets the default Linux itself takes
 * when this hcall fails (SEC_FTR_DEFAULT, asm/security_features.h): favour
 * security, flush the L1D on return to user, barrier after bounds checks;
 * no count-cache flush.  The NO_* relaxations (entry flush, uaccess flush,
 * store-forwarding barrier) are never claimed: KVM cannot report them.
 * With nothing known (the emulated test host) this is the behaviour QEMU
 * answers with cap-cfpc/sbbc/ibs=broken, the caps KVM PR forces on it
 * (QEMU also claims "branch hints honoured", which nothing here knows).
 */
#include "../vmm/vm.h"
#include "papr.h"

#define CHAR_SPEC_BAR_ORI31	(1ULL << 63)
#define CHAR_BCCTRL_SERIALISED	(1ULL << 62)
#define CHAR_L1D_THREAD_PRIV	(1ULL << 59)
#define CHAR_COUNT_CACHE_DIS	(1ULL << 56)

#define BEHAV_FAVOUR_SECURITY	(1ULL << 63)
#define BEHAV_L1D_FLUSH_PR	(1ULL << 62)
#define BEHAV_BNDS_CHK_SPEC_BAR	(1ULL << 61)
#define BEHAV_FLUSH_COUNT_CACHE	(1ULL << 58)
#define BEHAV_FLUSH_LINK_STACK	(1ULL << 57)

/* Core properties a guest in problem state can use as the host reports them. */
#define CHAR_PASSED_ON (CHAR_SPEC_BAR_ORI31 | CHAR_BCCTRL_SERIALISED | \
			CHAR_L1D_THREAD_PRIV | CHAR_COUNT_CACHE_DIS)
/* Behaviours taken from the host when it knows them (KVM's masks)... */
#define BEHAV_FROM_HOST (BEHAV_FAVOUR_SECURITY | BEHAV_L1D_FLUSH_PR | \
			 BEHAV_BNDS_CHK_SPEC_BAR | BEHAV_FLUSH_COUNT_CACHE)
/* ...else Linux's own default. */
#define BEHAV_DEFAULT	(BEHAV_FAVOUR_SECURITY | BEHAV_L1D_FLUSH_PR | BEHAV_BNDS_CHK_SPEC_BAR)

void papr_cpu_char(const struct kvm_ppc_cpu_char *host, uint64_t *character,
		   uint64_t *behaviour)
{
	uint64_t known = host->behaviour_mask & BEHAV_FROM_HOST;

	*character = host->character & host->character_mask & CHAR_PASSED_ON;
	*behaviour = (host->behaviour & known) | (BEHAV_DEFAULT & ~known);
	/* Linux's powernv code flushes the link stack with the count cache
	 * (KVM reports no separate bit for it). */
	if (*behaviour & BEHAV_FLUSH_COUNT_CACHE)
		*behaviour |= BEHAV_FLUSH_LINK_STACK;
}

int64_t papr_h_get_cpu_characteristics(struct vcpu *vcpu, uint64_t *args)
{
	papr_cpu_char(&vcpu->vm->host_cpu_char, &args[0], &args[1]);
	return H_SUCCESS;
}
