// SPDX-License-Identifier: GPL-2.0
#include "xics_user.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "../vmm/irq.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"
#include "papr.h"
#include "rtas.h"
#include "xics_kvm.h"

#define PRIO_MASKED	0xff	/* least favoured: "masked" */
#define XISR_MASK	0x00ffffffu
#define CPPR(x)		((x) >> 24)

/* One presentation controller (ICP) per vCPU = interrupt server. */
struct icp {
	uint32_t xirr;		/* CPPR << 24 | XISR of the presented interrupt */
	uint8_t pending_priority;
	uint8_t mfrr;		/* IPI priority; 0xff: none */
	bool line;		/* what the output last said */
	struct irq_line out;	/* the vCPU's external interrupt */
};

struct source {
	uint32_t server;
	uint8_t priority, saved_priority;
	bool lsi;
	bool asserted;		/* LSI input level */
	bool sent;		/* LSI: presented, awaiting EOI */
	bool rejected;		/* MSI: bounced by an ICP, to resend */
	bool masked_pending;	/* MSI: fired while masked */
};

struct xics_user {
	pthread_mutex_t lock;
	struct vm *vm;
	struct icp icp[MOLVM_MAX_VCPUS];
	struct source src[XICS_NR_IRQS];
};

static void ics_reject(struct xics_user *x, uint32_t nr);
static void ics_resend(struct xics_user *x);

static struct source *source_of(struct xics_user *x, uint32_t nr)
{
	if (nr < XICS_IRQ_BASE || nr - XICS_IRQ_BASE >= XICS_NR_IRQS)
		return NULL;
	return &x->src[nr - XICS_IRQ_BASE];
}

/* The server's vCPU external interrupt (vmm/irq.h: any thread may drive
 * it; KVM kicks the vCPU). */
static void set_line(struct xics_user *x, int server, bool on)
{
	struct icp *icp = &x->icp[server];

	if (icp->line == on)
		return;
	icp->line = on;
	irq_set_level(&icp->out, on);
}

/* Present an IPI if it beats the CPPR and whatever is pending. */
static void icp_check_ipi(struct xics_user *x, int server)
{
	struct icp *icp = &x->icp[server];
	uint32_t xisr = icp->xirr & XISR_MASK;

	if (xisr && icp->pending_priority <= icp->mfrr)
		return;
	if (icp->mfrr >= CPPR(icp->xirr))
		return;
	if (xisr)
		ics_reject(x, xisr);
	icp->xirr = (icp->xirr & ~XISR_MASK) | XICS_IPI;
	icp->pending_priority = icp->mfrr;
	set_line(x, server, true);
}

static void icp_resend(struct xics_user *x, int server)
{
	if (x->icp[server].mfrr < CPPR(x->icp[server].xirr))
		icp_check_ipi(x, server);
	ics_resend(x);
}

/* A source asks to be presented to its server at a priority. */
static void icp_irq(struct xics_user *x, int server, uint32_t nr, uint8_t priority)
{
	struct icp *icp = &x->icp[server];
	uint32_t xisr = icp->xirr & XISR_MASK;

	if (priority >= CPPR(icp->xirr) || (xisr && icp->pending_priority <= priority)) {
		ics_reject(x, nr);
		return;
	}
	if (xisr)
		ics_reject(x, xisr);
	icp->xirr = (icp->xirr & ~XISR_MASK) | nr;
	icp->pending_priority = priority;
	set_line(x, server, true);
}

static void ics_deliver(struct xics_user *x, uint32_t nr)
{
	struct source *s = source_of(x, nr);

	if (!s)
		return;
	if (s->lsi) {
		if (!s->asserted || s->sent || s->priority == PRIO_MASKED)
			return;
		s->sent = true;
	} else {
		if (s->priority == PRIO_MASKED) {
			s->masked_pending = true;
			return;
		}
		s->rejected = false;
		s->masked_pending = false;
	}
	icp_irq(x, (int)s->server, nr, s->priority);
}

/* A source's priority changed (set-xive, int-on): present what waited. */
static void ics_unmasked(struct xics_user *x, const struct source *s, uint32_t nr)
{
	if (s->priority != PRIO_MASKED && (s->lsi ? s->asserted && !s->sent : s->masked_pending))
		ics_deliver(x, nr);
}

static void ics_reject(struct xics_user *x, uint32_t nr)
{
	struct source *s = source_of(x, nr);

	if (!s)
		return;		/* an IPI stays in its MFRR */
	if (s->lsi)
		s->sent = false;
	else
		s->rejected = true;
}

static void ics_resend(struct xics_user *x)
{
	uint32_t i;

	for (i = 0; i < XICS_NR_IRQS; i++) {
		struct source *s = &x->src[i];

		if ((s->lsi && s->asserted && !s->sent) || (!s->lsi && s->rejected))
			ics_deliver(x, XICS_IRQ_BASE + i);
	}
}

int xics_user_init(struct vm *vm)
{
	struct xics_user *x = calloc(1, sizeof(*x));
	int i;

	if (!x) {
		pr_err("cannot allocate the XICS");
		return -1;
	}
	pthread_mutex_init(&x->lock, NULL);
	x->vm = vm;
	for (i = 0; i < MOLVM_MAX_VCPUS; i++) {
		x->icp[i].xirr = 0;	/* CPPR 0: everything masked until the guest says */
		x->icp[i].pending_priority = PRIO_MASKED;
		x->icp[i].mfrr = PRIO_MASKED;
		vcpu_irq_connect(vm, i, &x->icp[i].out);
	}
	for (i = 0; i < XICS_NR_IRQS; i++)
		x->src[i].priority = x->src[i].saved_priority = PRIO_MASKED;
	vm->xics_user = x;
	return 0;
}

void xics_user_free(struct vm *vm)
{
	free(vm->xics_user);
	vm->xics_user = NULL;
}

int xics_user_line(struct vm *vm, int server)
{
	int r;

	pthread_mutex_lock(&vm->xics_user->lock);
	r = vm->xics_user->icp[server].line;
	pthread_mutex_unlock(&vm->xics_user->lock);
	return r;
}

int xics_user_set_lsi(struct vm *vm, uint32_t irq)
{
	struct xics_user *x = vm->xics_user;
	struct source *s = source_of(x, irq);

	if (!s) {
		pr_err("XICS source 0x%x does not exist", irq);
		return -1;
	}
	pthread_mutex_lock(&x->lock);
	s->lsi = true;
	pthread_mutex_unlock(&x->lock);
	return 0;
}

void xics_user_set_level(struct vm *vm, uint32_t irq, int level)
{
	struct xics_user *x = vm->xics_user;
	struct source *s = source_of(x, irq);

	if (!s)
		return;
	pthread_mutex_lock(&x->lock);
	if (s->lsi) {
		s->asserted = level;
		if (level)
			ics_deliver(x, irq);
	} else if (level) {
		ics_deliver(x, irq);
	}
	pthread_mutex_unlock(&x->lock);
}

/* ---- the presentation hypercalls (PAPR; Linux icp-hv.c is the client) */

static struct xics_user *xics_of(struct vcpu *vcpu)
{
	return vcpu->vm->xics_user;
}

/* H_XIRR(): accept the presented interrupt; returns the old XIRR in r4. */
int64_t papr_h_xirr(struct vcpu *vcpu, uint64_t *args)
{
	struct xics_user *x = xics_of(vcpu);
	struct icp *icp;

	if (!x)
		return H_FUNCTION;
	pthread_mutex_lock(&x->lock);
	icp = &x->icp[vcpu->id];
	args[0] = icp->xirr;
	set_line(x, vcpu->id, false);
	icp->xirr = (uint32_t)icp->pending_priority << 24;
	icp->pending_priority = PRIO_MASKED;
	pthread_mutex_unlock(&x->lock);
	return H_SUCCESS;
}

/* H_CPPR(cppr) */
int64_t papr_h_cppr(struct vcpu *vcpu, uint64_t *args)
{
	struct xics_user *x = xics_of(vcpu);
	uint8_t cppr = (uint8_t)args[0];
	struct icp *icp;
	uint32_t old;

	if (!x)
		return H_FUNCTION;
	pthread_mutex_lock(&x->lock);
	icp = &x->icp[vcpu->id];
	old = CPPR(icp->xirr);
	icp->xirr = (icp->xirr & XISR_MASK) | (uint32_t)cppr << 24;
	if (cppr < old) {
		uint32_t xisr = icp->xirr & XISR_MASK;

		/* More favoured: a pending interrupt that no longer beats
		 * the CPPR goes back to its source. */
		if (xisr && cppr <= icp->pending_priority) {
			icp->xirr &= ~XISR_MASK;
			icp->pending_priority = PRIO_MASKED;
			set_line(x, vcpu->id, false);
			ics_reject(x, xisr);
		}
	} else if (!(icp->xirr & XISR_MASK)) {
		icp_resend(x, vcpu->id);
	}
	pthread_mutex_unlock(&x->lock);
	return H_SUCCESS;
}

/* H_EOI(xirr): restore the CPPR and end the source's interrupt. */
int64_t papr_h_eoi(struct vcpu *vcpu, uint64_t *args)
{
	struct xics_user *x = xics_of(vcpu);
	uint32_t xirr = (uint32_t)args[0], nr = xirr & XISR_MASK;
	struct source *s;
	struct icp *icp;

	if (!x)
		return H_FUNCTION;
	if (nr != XICS_IPI && nr && !source_of(x, nr))
		return H_PARAMETER;
	pthread_mutex_lock(&x->lock);
	icp = &x->icp[vcpu->id];
	icp->xirr = (icp->xirr & XISR_MASK) | (xirr & ~XISR_MASK);
	s = source_of(x, nr);
	if (s && s->lsi) {
		s->sent = false;
		if (s->asserted)
			ics_deliver(x, nr);
	}
	if (!(icp->xirr & XISR_MASK))
		icp_resend(x, vcpu->id);
	pthread_mutex_unlock(&x->lock);
	return H_SUCCESS;
}

/* H_IPI(server, mfrr) */
int64_t papr_h_ipi(struct vcpu *vcpu, uint64_t *args)
{
	struct xics_user *x = xics_of(vcpu);
	int server;

	if (!x)
		return H_FUNCTION;
	if (args[0] >= (uint64_t)vcpu->vm->nr_vcpus)
		return H_PARAMETER;
	server = (int)args[0];
	pthread_mutex_lock(&x->lock);
	x->icp[server].mfrr = (uint8_t)args[1];
	if (x->icp[server].mfrr < CPPR(x->icp[server].xirr))
		icp_check_ipi(x, server);
	pthread_mutex_unlock(&x->lock);
	return H_SUCCESS;
}

/* H_IPOLL(server) -> r4 = XIRR, r5 = MFRR, without accepting anything */
int64_t papr_h_ipoll(struct vcpu *vcpu, uint64_t *args)
{
	struct xics_user *x = xics_of(vcpu);

	if (!x)
		return H_FUNCTION;
	if (args[0] >= (uint64_t)vcpu->vm->nr_vcpus)
		return H_PARAMETER;
	pthread_mutex_lock(&x->lock);
	args[1] = x->icp[args[0]].mfrr;
	args[0] = x->icp[args[0]].xirr;
	pthread_mutex_unlock(&x->lock);
	return H_SUCCESS;
}

/* ---- the source RTAS calls (PAPR 7.3.10, "Interrupt Control") -------- */

static struct source *rtas_source(struct rtas_args *a, uint32_t nargs, uint32_t nret)
{
	struct xics_user *x = a->vcpu->vm->xics_user;

	if (!x || a->nargs != nargs || a->nret != nret || !source_of(x, a->args[0])) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return NULL;
	}
	return source_of(x, a->args[0]);
}

/* ibm,set-xive(irq, server, priority) */
void rtas_ibm_set_xive(struct rtas_args *a)
{
	struct source *s = rtas_source(a, 3, 1);
	struct xics_user *x = a->vcpu->vm->xics_user;

	if (!s)
		return;
	if (a->args[1] >= (uint32_t)a->vcpu->vm->nr_vcpus || a->args[2] > PRIO_MASKED) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	pthread_mutex_lock(&x->lock);
	s->server = a->args[1];
	s->priority = s->saved_priority = (uint8_t)a->args[2];
	ics_unmasked(x, s, a->args[0]);
	pthread_mutex_unlock(&x->lock);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

/* ibm,get-xive(irq) -> status, server, priority */
void rtas_ibm_get_xive(struct rtas_args *a)
{
	struct source *s = rtas_source(a, 1, 3);
	struct xics_user *x = a->vcpu->vm->xics_user;

	if (!s)
		return;
	pthread_mutex_lock(&x->lock);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, s->server);
	rtas_ret(a, 2, s->priority);
	pthread_mutex_unlock(&x->lock);
}

/* ibm,int-off(irq): mask, remembering the priority for ibm,int-on */
void rtas_ibm_int_off(struct rtas_args *a)
{
	struct source *s = rtas_source(a, 1, 1);
	struct xics_user *x = a->vcpu->vm->xics_user;

	if (!s)
		return;
	pthread_mutex_lock(&x->lock);
	if (s->priority != PRIO_MASKED)
		s->saved_priority = s->priority;
	s->priority = PRIO_MASKED;
	pthread_mutex_unlock(&x->lock);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

/* ibm,int-on(irq) */
void rtas_ibm_int_on(struct rtas_args *a)
{
	struct source *s = rtas_source(a, 1, 1);
	struct xics_user *x = a->vcpu->vm->xics_user;

	if (!s)
		return;
	pthread_mutex_lock(&x->lock);
	s->priority = s->saved_priority;
	ics_unmasked(x, s, a->args[0]);
	pthread_mutex_unlock(&x->lock);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}
