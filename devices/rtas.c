// SPDX-License-Identifier: GPL-2.0
/*
 * RTAS dispatch: the table below is the /rtas node's list of calls (one
 * property per call, value = token) and the handlers behind them.
 */
#include "rtas.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "../vmm/guest_mem.h"
#include "../vmm/log.h"
#include "../vmm/vcpu.h"
#include "../vmm/vm.h"
#include "console.h"
#include "papr.h"
#include "papr_epow.h"
#include "xics_user.h"
#include "spapr_nvram.h"
#include "spapr_phb.h"

const uint32_t rtas_blob[RTAS_BLOB_WORDS] = {
	0x7c641b78,	/* mr    r4,r3 */
	0x3c600000,	/* lis   r3,0 */
	0x6063f000,	/* ori   r3,r3,0xf000 (KVMPPC_H_RTAS) */
	0x44000022,	/* sc    1 */
	0x4e800020,	/* blr */
};

void rtas_ret(struct rtas_args *a, uint32_t i, uint32_t val)
{
	/* The block was checked to hold nret words: out-of-range i is a
	 * molvm bug, not guest input, and is dropped. */
	if (i < a->nret)
		guest_write_be32(&a->vcpu->vm->mem, a->buf + 12 + 4 * ((uint64_t)a->nargs + i), val);
}

static void rtas_display_character(struct rtas_args *a)
{
	char c;

	if (a->nargs < 1 || a->nret < 1) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	c = (char)a->args[0];
	console_write(a->vcpu->vm->con, &c, 1);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

static void rtas_get_time_of_day(struct rtas_args *a)
{
	struct timespec ts;
	struct tm tm;
	time_t t;

	if (a->nret < 8) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	t = ts.tv_sec + atomic_load(&a->vcpu->vm->rtc_offset);
	gmtime_r(&t, &tm);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, (uint32_t)tm.tm_year + 1900);
	rtas_ret(a, 2, (uint32_t)tm.tm_mon + 1);
	rtas_ret(a, 3, (uint32_t)tm.tm_mday);
	rtas_ret(a, 4, (uint32_t)tm.tm_hour);
	rtas_ret(a, 5, (uint32_t)tm.tm_min);
	rtas_ret(a, 6, (uint32_t)tm.tm_sec);
	rtas_ret(a, 7, (uint32_t)ts.tv_nsec);
}

/* The guest's clock is kept as an offset from the host's. */
static void rtas_set_time_of_day(struct rtas_args *a)
{
	struct tm tm;
	time_t t;

	if (a->nargs < 7 || a->nret < 1) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	if (a->args[1] < 1 || a->args[1] > 12 || a->args[2] < 1 || a->args[2] > 31 ||
	    a->args[3] > 23 || a->args[4] > 59 || a->args[5] > 60 ||
	    a->args[0] < 1900 || a->args[0] > 9999) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)a->args[0] - 1900;
	tm.tm_mon = (int)a->args[1] - 1;
	tm.tm_mday = (int)a->args[2];
	tm.tm_hour = (int)a->args[3];
	tm.tm_min = (int)a->args[4];
	tm.tm_sec = (int)a->args[5];
	t = timegm(&tm);
	atomic_store(&a->vcpu->vm->rtc_offset, (int64_t)t - (int64_t)time(NULL));
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

static void rtas_power_off(struct rtas_args *a)
{
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	vm_request_exit(a->vcpu->vm, MOLVM_EXIT_POWEROFF);
}

static void rtas_system_reboot(struct rtas_args *a)
{
	/* Like QEMU's -no-reboot: a reboot ends the VM. */
	pr_info("the guest asked for a reboot: stopping");
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	vm_request_exit(a->vcpu->vm, MOLVM_EXIT_POWEROFF);
}

/* event-scan and check-exception: there are never events to report. */
static void rtas_no_events(struct rtas_args *a)
{
	rtas_ret(a, 0, RTAS_OUT_NO_ERRORS);
}

/* The guest's last words: a guest calling it in a loop gets a few lines
 * printed, then a count (vmm/ratelimit.h). */
static void rtas_os_term(struct rtas_args *a)
{
	char msg[256];

	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	if (!ratelimit_allow(&a->vcpu->vm->reports.os_term))
		return;
	if (a->nargs >= 1 && guest_read_str(&a->vcpu->vm->mem, a->args[0], msg, sizeof(msg))) {
		/* The guest's text goes to our stderr: no control characters. */
		for (char *c = msg; *c; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f)
				*c = '?';
		pr_err("guest OS terminated: %s", msg);
	} else {
		pr_err("guest OS terminated");
	}
}

/* query-cpu-stopped-state(cpu) -> status, state: 0 stopped, 2 running */
static void rtas_query_cpu_stopped_state(struct rtas_args *a)
{
	struct vm *vm = a->vcpu->vm;

	if (a->nargs < 1 || a->nret < 2 || a->args[0] >= (uint32_t)vm->nr_vcpus) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, vcpu_is_running(&vm->vcpus[a->args[0]]) ? 2 : 0);
}

/*
 * start-cpu(cpu, start address, r3) -> status (PAPR 7.3.10.1): a stopped
 * CPU begins at the real address with r3 set; Linux's pseries smp.c
 * passes the hardware CPU number (our vCPU id = its interrupt server).
 */
static void rtas_start_cpu(struct rtas_args *a)
{
	struct vm *vm = a->vcpu->vm;
	uint32_t cpu = a->args[0];

	if (a->nargs < 3 || a->nret < 1 || cpu >= (uint32_t)vm->nr_vcpus ||
	    !guest_range_ok(&vm->mem, a->args[1], 4)) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	if (vcpu_request_start(&vm->vcpus[cpu], a->args[1], a->args[2])) {
		/* Already running: PAPR's "hardware error" status. */
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

/* stop-self(): the calling CPU stops until the next start-cpu. */
static void rtas_stop_self(struct rtas_args *a)
{
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	vcpu_park_self(a->vcpu);
}

/* xics: served inside KVM (KVM_PPC_RTAS_DEFINE_TOKEN) when the VM has the
 * in-kernel XICS; by molvm's XICS otherwise. */
static const struct rtas_call {
	const char *name;
	rtas_fn fn;
	bool xics;
} rtas_calls[] = {
	{ "ibm,set-xive",              rtas_ibm_set_xive, true },
	{ "ibm,get-xive",              rtas_ibm_get_xive, true },
	{ "ibm,int-off",               rtas_ibm_int_off, true },
	{ "ibm,int-on",                rtas_ibm_int_on, true },
	{ "display-character",         rtas_display_character, false },
	{ "get-time-of-day",           rtas_get_time_of_day, false },
	{ "set-time-of-day",           rtas_set_time_of_day, false },
	{ "power-off",                 rtas_power_off, false },
	{ "system-reboot",             rtas_system_reboot, false },
	{ "event-scan",                rtas_no_events, false },
	{ "check-exception",           papr_epow_check_exception, false },
	{ "ibm,os-term",               rtas_os_term, false },
	{ "query-cpu-stopped-state",   rtas_query_cpu_stopped_state, false },
	{ "start-cpu",                 rtas_start_cpu, false },
	{ "stop-self",                 rtas_stop_self, false },
	{ "ibm,read-pci-config",       spapr_phb_rtas_read_config, false },
	{ "ibm,write-pci-config",      spapr_phb_rtas_write_config, false },
	{ "nvram-fetch",               rtas_nvram_fetch, false },
	{ "nvram-store",               rtas_nvram_store, false },
};

#define NR_RTAS_CALLS (sizeof(rtas_calls) / sizeof(rtas_calls[0]))

size_t rtas_nr_calls(void)
{
	return NR_RTAS_CALLS;
}

const char *rtas_call_name(size_t i)
{
	return rtas_calls[i].name;
}

bool rtas_call_in_kernel(size_t i)
{
	return rtas_calls[i].xics;
}

rtas_fn rtas_call_fn(const char *name)
{
	size_t i;

	for (i = 0; i < NR_RTAS_CALLS; i++)
		if (!strcmp(rtas_calls[i].name, name))
			return rtas_calls[i].fn;
	return NULL;
}

bool rtas_args_read(const struct guest_mem *mem, uint64_t buf, struct rtas_args *a)
{
	uint32_t i;

	a->buf = buf;
	if (!guest_read_be32(mem, buf, &a->token) || !guest_read_be32(mem, buf + 4, &a->nargs) ||
	    !guest_read_be32(mem, buf + 8, &a->nret))
		return false;
	if (a->nargs > RTAS_MAX_ARGS || a->nret > RTAS_MAX_ARGS ||
	    !guest_range_ok(mem, buf, 12 + 4 * (uint64_t)(a->nargs + a->nret)))
		return false;
	for (i = 0; i < a->nargs; i++)
		guest_read_be32(mem, buf + 12 + 4 * i, &a->args[i]);
	return true;
}

uint32_t rtas_call_token(size_t i)
{
	return RTAS_TOKEN_BASE + (uint32_t)i;
}

int64_t papr_h_rtas(struct vcpu *vcpu, uint64_t *args)
{
	struct rtas_args a = { .vcpu = vcpu };

	if (!rtas_args_read(&vcpu->vm->mem, args[0], &a))
		return H_PARAMETER;
	if (a.token < RTAS_TOKEN_BASE || a.token - RTAS_TOKEN_BASE >= NR_RTAS_CALLS) {
		rtas_ret(&a, 0, (uint32_t)RTAS_OUT_NOT_SUPPORTED);
		return H_SUCCESS;
	}
	rtas_calls[a.token - RTAS_TOKEN_BASE].fn(&a);
	return H_SUCCESS;
}
