// SPDX-License-Identifier: GPL-2.0
/*
 * The vCPU loop: KVM_RUN, then one table lookup by exit reason.  Every
 * reason the table does not name ends the VM with the registers printed.
 */
#include "vcpu.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>

#include "../devices/papr.h"
#include "../osi/osi.h"
#include "kvm.h"
#include "log.h"
#include "machine.h"
#include "mmio.h"

/* SIGUSR1 only interrupts KVM_RUN; see vcpu_kick(). */
#define KICK_SIGNAL SIGUSR1

#define MSR_PR 0x4000ULL	/* problem state: guest user mode (Power ISA) */

/*
 * KVM PR exits for any `sc` with the OSI magic in r3/r4, whatever the
 * privilege (book3s_pr.c): a call from guest user mode is served only as
 * the machine's policy says (osi_user_allowed); one that is not comes back
 * with its registers as they were.  The MSR costs one KVM_GET_REGS per
 * OSI call.
 */
static enum exit_action exit_osi(struct vcpu *vcpu)
{
	struct kvm_ppc_regs regs;
	uint32_t sel = (uint32_t)vcpu->run->u.osi.gprs[5];

	if (vcpu->fd >= 0 &&
	    (ioctl(vcpu->fd, KVM_GET_REGS, &regs) < 0 ||
	     ((regs.msr & MSR_PR) && !osi_user_allowed(vcpu->vm, sel)))) {
		if (ratelimit_allow(&vcpu->vm->reports.osi_user))
			pr_info("vCPU %d: OSI call from guest user mode ignored (selector %u)",
				vcpu->id, sel);
		return EXIT_CONTINUE;
	}
	vcpu->osi_msr = vcpu->fd >= 0 ? regs.msr : 0;
	osi_dispatch(vcpu, vcpu->run->u.osi.gprs);
	return EXIT_CONTINUE;
}

static enum exit_action exit_papr_hcall(struct vcpu *vcpu)
{
	struct kvm_ppc_run *run = vcpu->run;

	run->u.papr_hcall.ret = (uint64_t)papr_dispatch(vcpu, run->u.papr_hcall.nr,
						       run->u.papr_hcall.args);
	return EXIT_CONTINUE;
}

static enum exit_action exit_mmio(struct vcpu *vcpu)
{
	struct kvm_ppc_run *run = vcpu->run;
	uint32_t len = run->u.mmio.len;
	bool done = mmio_dispatch(vcpu, run->u.mmio.phys_addr, run->u.mmio.data, len,
				  run->u.mmio.is_write);

	/* -D: the access and its bytes (a read's as the device answered) */
	if (debug_log) {
		char hex[2 * sizeof(run->u.mmio.data) + 1];
		uint32_t i;

		for (i = 0; i < len && i < sizeof(run->u.mmio.data); i++)
			snprintf(hex + 2 * i, 3, "%02x", run->u.mmio.data[i]);
		hex[2 * i] = 0;
		pr_debug("vcpu%d mmio %s 0x%llx %s%s", vcpu->id, run->u.mmio.is_write ? "w" : "r",
			 (unsigned long long)run->u.mmio.phys_addr, hex, done ? "" : " unassigned");
	}
	if (done)
		return EXIT_CONTINUE;
	/* Like an empty bus: reads float high, writes vanish. */
	if (!run->u.mmio.is_write)
		memset(run->u.mmio.data, 0xff, sizeof(run->u.mmio.data));
	if (ratelimit_allow(&vcpu->vm->reports.mmio))
		pr_info("vCPU %d: %s of %u bytes at unassigned address 0x%llx ignored",
			vcpu->id, run->u.mmio.is_write ? "write" : "read", len,
			(unsigned long long)run->u.mmio.phys_addr);
	return EXIT_CONTINUE;
}

static enum exit_action exit_dcr(struct vcpu *vcpu)
{
	struct kvm_ppc_run *run = vcpu->run;

	/* DCRs exist on 4xx embedded cores only: no device answers here. */
	if (!run->u.dcr.is_write)
		run->u.dcr.data = 0;
	if (ratelimit_allow(&vcpu->vm->reports.dcr))
		pr_info("vCPU %d: DCR %s of 0x%x ignored", vcpu->id,
			run->u.dcr.is_write ? "write" : "read", run->u.dcr.dcrn);
	return EXIT_CONTINUE;
}

static enum exit_action exit_system_event(struct vcpu *vcpu)
{
	uint32_t type = vcpu->run->u.system_event.type;

	if (type == KVM_SYSTEM_EVENT_SHUTDOWN) {
		vm_request_exit(vcpu->vm, MOLVM_EXIT_POWEROFF);
		return EXIT_STOP;
	}
	pr_err("vCPU %d: system event %u (reset is not supported)", vcpu->id, type);
	vm_request_exit(vcpu->vm, MOLVM_EXIT_ERROR);
	return EXIT_STOP;
}

static enum exit_action exit_fatal(struct vcpu *vcpu)
{
	struct kvm_ppc_run *run = vcpu->run;

	switch (run->exit_reason) {
	case KVM_EXIT_INTERNAL_ERROR:
		pr_err("vCPU %d: KVM internal error, suberror %u", vcpu->id,
		       run->u.internal.suberror);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		pr_err("vCPU %d: KVM failed to enter the guest (reason 0x%llx)", vcpu->id,
		       (unsigned long long)run->u.fail_entry.hardware_entry_failure_reason);
		break;
	case KVM_EXIT_SHUTDOWN:
		pr_err("vCPU %d: guest shut down unexpectedly", vcpu->id);
		break;
	default:
		pr_err("vCPU %d: unhandled KVM exit reason %u", vcpu->id, run->exit_reason);
		break;
	}
	kvm_vcpu_dump(vcpu);
	vm_request_exit(vcpu->vm, MOLVM_EXIT_ERROR);
	return EXIT_STOP;
}

static enum exit_action (*const exit_handlers[KVM_EXIT_NR])(struct vcpu *) = {
	[KVM_EXIT_OSI]            = exit_osi,
	[KVM_EXIT_PAPR_HCALL]     = exit_papr_hcall,
	[KVM_EXIT_MMIO]           = exit_mmio,
	[KVM_EXIT_DCR]            = exit_dcr,
	[KVM_EXIT_SYSTEM_EVENT]   = exit_system_event,
	[KVM_EXIT_SHUTDOWN]       = exit_fatal,
	[KVM_EXIT_INTERNAL_ERROR] = exit_fatal,
	[KVM_EXIT_FAIL_ENTRY]     = exit_fatal,
};

enum exit_action vcpu_handle_exit(struct vcpu *vcpu)
{
	uint32_t reason = vcpu->run->exit_reason;
	enum exit_action (*fn)(struct vcpu *) = NULL;

	if (reason < KVM_EXIT_NR)
		fn = exit_handlers[reason];
	if (!fn)
		fn = exit_fatal;
	if (debug_log)
		pr_debug("vcpu%d exit %u", vcpu->id, reason);
	return fn(vcpu);
}

void vcpu_init(struct vcpu *vcpu)
{
	memset(vcpu, 0, sizeof(*vcpu));
	vcpu->fd = -1;
	pthread_mutex_init(&vcpu->lock, NULL);
	pthread_mutex_init(&vcpu->irq_lock, NULL);
	pthread_cond_init(&vcpu->cond, NULL);
}

int vcpu_request_start(struct vcpu *vcpu, uint64_t pc, uint64_t r3)
{
	int r = -1;

	pthread_mutex_lock(&vcpu->lock);
	if (!vcpu->running && !vcpu->start_pending) {
		vcpu->start_pending = true;
		vcpu->start_pc = pc;
		vcpu->start_r3 = r3;
		pthread_cond_signal(&vcpu->cond);
		r = 0;
	}
	pthread_mutex_unlock(&vcpu->lock);
	return r;
}

void vcpu_park_self(struct vcpu *vcpu)
{
	pthread_mutex_lock(&vcpu->lock);
	vcpu->running = false;
	pthread_mutex_unlock(&vcpu->lock);
}

bool vcpu_is_running(struct vcpu *vcpu)
{
	bool r;

	pthread_mutex_lock(&vcpu->lock);
	r = vcpu->running || vcpu->start_pending;
	pthread_mutex_unlock(&vcpu->lock);
	return r;
}

void vcpu_wake_parked(struct vcpu *vcpu)
{
	pthread_mutex_lock(&vcpu->lock);
	pthread_cond_broadcast(&vcpu->cond);
	pthread_mutex_unlock(&vcpu->lock);
}

/*
 * A parked vCPU sleeps here until started (0) or the VM stops (-1).  The
 * start state is that of RTAS start-cpu (PAPR R1-7.2.6; QEMU's
 * spapr_rtas.c): the machine's entry MSR, the given PC and r3, and the
 * partition's interrupt endianness.
 */
int vcpu_sync_endianness(struct vcpu *vcpu)
{
	bool le = atomic_load(&vcpu->vm->interrupts_le);

	if (le == vcpu->le_applied)
		return 0;
	if (vcpu->fd >= 0 && kvm_vcpu_set_one_reg(vcpu, KVM_REG_PPC_LPCR, le ? LPCR_ILE : 0)) {
		pr_err("vCPU %d: setting LPCR: %s", vcpu->id, strerror(errno));
		return -1;
	}
	vcpu->le_applied = le;
	return 0;
}

static int wait_for_start(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	uint64_t pc, r3;

	pthread_mutex_lock(&vcpu->lock);
	while (!vcpu->start_pending && !vm_stopping(vm))
		pthread_cond_wait(&vcpu->cond, &vcpu->lock);
	pc = vcpu->start_pc;
	r3 = vcpu->start_r3;
	pthread_mutex_unlock(&vcpu->lock);
	if (vm_stopping(vm))
		return -1;
	vcpu->le_applied = !atomic_load(&vm->interrupts_le);	/* force a write */
	if (kvm_vcpu_reset(vcpu, pc, vm->cfg->machine->msr, r3) || vcpu_sync_endianness(vcpu)) {
		vm_request_exit(vm, MOLVM_EXIT_ERROR);
		return -1;
	}
	pthread_mutex_lock(&vcpu->lock);
	vcpu->start_pending = false;
	vcpu->running = true;
	pthread_mutex_unlock(&vcpu->lock);
	return 0;
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *vcpu = arg;
	struct vm *vm = vcpu->vm;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, KICK_SIGNAL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	while (!vm_stopping(vm)) {
		if (!vcpu->running && wait_for_start(vcpu))
			break;
		if (vcpu_sync_endianness(vcpu)) {
			vm_request_exit(vm, MOLVM_EXIT_ERROR);
			break;
		}
		if (ioctl(vcpu->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				vcpu->run->immediate_exit = 0;
				continue;
			}
			pr_err("vCPU %d: KVM_RUN: %s", vcpu->id, strerror(errno));
			kvm_vcpu_dump(vcpu);
			vm_request_exit(vm, MOLVM_EXIT_ERROR);
			break;
		}
		if (vcpu_handle_exit(vcpu) == EXIT_STOP)
			break;
	}
	return NULL;
}

static void kick_handler(int sig)
{
	(void)sig;
}

void vcpu_signals_init(void)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler;	/* no SA_RESTART: KVM_RUN must return */
	sigaction(KICK_SIGNAL, &sa, NULL);
	/* Blocked everywhere but in vCPU threads, which unblock it. */
	sigemptyset(&set);
	sigaddset(&set, KICK_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

int vcpu_start(struct vcpu *vcpu)
{
	char name[16];		/* a thread name's limit, with its NUL */
	int r = pthread_create(&vcpu->thread, NULL, vcpu_thread, vcpu);

	if (r) {
		pr_err("vCPU %d: cannot start thread: %s", vcpu->id, strerror(r));
		return -1;
	}
	snprintf(name, sizeof(name), "vcpu%d", vcpu->id);
	pthread_setname_np(vcpu->thread, name);
	vcpu->thread_started = true;
	return 0;
}

void vcpu_kick(struct vcpu *vcpu)
{
	/* immediate_exit covers a kick that lands just before KVM_RUN. */
	if (vcpu->run)
		vcpu->run->immediate_exit = 1;
	if (vcpu->thread_started)
		pthread_kill(vcpu->thread, KICK_SIGNAL);
}
