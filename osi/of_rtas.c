// SPDX-License-Identifier: GPL-2.0
/*
 * RTAS on the powermac machine, as MOL had it: /rtas of oftree.nw lists
 * the calls with MOL's tokens (0xabcdef01...), the /rtas instance's
 * instantiate-rtas method writes an eight-instruction stub at the
 * physical address the client chose (OpenBIOS arch/ppc/mol/methods.c
 * rtas_instantiate copied start.S of_rtas_start there), and that stub
 * makes the OSI call OF_RTAS with r6 = the argument block (physical:
 * RTAS runs with translation off), which molvm serves (MOL
 * src/drivers/rtas.c osip_of_rtas): a call matches its token AND MOL's
 * argument counts.  Where MOL only logged a call, molvm does what the
 * call says (power-off powers off, the clock is the VM's) or, for
 * set-indicator and the power-on timer, accepts it like MOL.  PCI
 * configuration space (CHRP's config address: bus << 16 | devfn << 8 |
 * register) goes to the machine's host bridge (vm->pci), any bus it has
 * (Grackle: itself and the 21154 on bus 0, mac-io, MOL's functions and
 * the -drive disks on bus 1); no bridge, no bus or no function there
 * answers "hardware error" and all ones, as an empty bus reads.
 */
#include <string.h>

#include "../devices/rtas.h"
#include "../vmm/pci.h"
#include "../vmm/vm.h"
#include "of_client.h"
#include "of_fw.h"
#include "osi.h"
#include "osi_devices.h"

static void rtas_success(struct rtas_args *a)
{
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}

static void rtas_no_errors(struct rtas_args *a)
{
	rtas_ret(a, 0, RTAS_OUT_NO_ERRORS);
}

/* One access to the config address's bus/devfn/register through the
 * machine's host bridge: false when there is none or nobody answers. */
static bool pci_config(struct rtas_args *a, uint32_t len, uint32_t *val, bool is_write)
{
	struct pci_host *h = a->vcpu->vm->pci;
	uint32_t addr = a->args[0];

	return h && pci_host_config(h, (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff, len,
				    val, is_write);
}

/* read-pci-config ( config-addr size -- status value ) */
static void read_pci_config(struct rtas_args *a)
{
	uint32_t val;

	if (!pci_config(a, a->args[1], &val, false)) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_HW_ERROR);
		rtas_ret(a, 1, 0xffffffff);
		return;
	}
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
	rtas_ret(a, 1, val);
}

/* write-pci-config ( config-addr size value -- status ) */
static void write_pci_config(struct rtas_args *a)
{
	uint32_t val = a->args[2];

	rtas_ret(a, 0, pci_config(a, a->args[1], &val, true) ? RTAS_OUT_SUCCESS :
							       (uint32_t)RTAS_OUT_HW_ERROR);
}

/* nvram-fetch / nvram-store ( offset buf length -- status actual ) */
static void nvram_xfer(struct rtas_args *a, bool store)
{
	struct osi_devices *d = a->vcpu->vm->osi;
	const struct guest_mem *mem = &a->vcpu->vm->mem;
	uint32_t offs = a->args[0], buf = a->args[1], len = a->args[2];
	bool ok;

	if (offs > OSI_NVRAM_BYTES || len > OSI_NVRAM_BYTES - offs) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		rtas_ret(a, 1, 0);
		return;
	}
	ok = store ? guest_read(mem, buf, d->nvram + offs, len) :
		     guest_write(mem, buf, d->nvram + offs, len);
	rtas_ret(a, 0, ok ? RTAS_OUT_SUCCESS : (uint32_t)RTAS_OUT_PARAM_ERROR);
	rtas_ret(a, 1, ok ? len : 0);
}

static void nvram_fetch(struct rtas_args *a)
{
	nvram_xfer(a, false);
}

static void nvram_store(struct rtas_args *a)
{
	nvram_xfer(a, true);
}

/* mol-src/mollib/oftrees/oftree.nw /rtas, with MOL's rtab counts */
static const struct pmac_rtas_call {
	const char *name;
	uint32_t token, nargs, nret;
	rtas_fn fn;			/* NULL: devices/rtas.c's call of that name */
} calls[] = {
	{ "restart-rtas",		0xabcdef01, 0, 1, rtas_success },
	{ "nvram-fetch",		0xabcdef02, 3, 2, nvram_fetch },
	{ "nvram-store",		0xabcdef03, 3, 2, nvram_store },
	{ "get-time-of-day",		0xabcdef04, 0, 8, NULL },
	{ "set-time-of-day",		0xabcdef05, 7, 1, NULL },
	{ "set-time-for-power-on",	0xabcdef06, 7, 1, rtas_success },
	{ "event-scan",			0xabcdef07, 4, 1, rtas_no_errors },
	{ "check-exception",		0xabcdef08, 6, 1, rtas_no_errors },
	{ "read-pci-config",		0xabcdef09, 2, 2, read_pci_config },
	{ "write-pci-config",		0xabcdef0a, 3, 1, write_pci_config },
	{ "set-indicator",		0xabcdef0c, 3, 1, rtas_success },
	{ "power-off",			0xabcdef12, 2, 1, NULL },
	{ "system-reboot",		0xabcdef15, 0, 1, NULL },
	{ "get-time-for-power-on",	0xabcdef1e, 1, 1, rtas_success },
};

#define NR_CALLS (sizeof(calls) / sizeof(calls[0]))

size_t pmac_rtas_nr_calls(void)
{
	return NR_CALLS;
}

const char *pmac_rtas_call_name(size_t i)
{
	return calls[i].name;
}

uint32_t pmac_rtas_call_token(size_t i)
{
	return calls[i].token;
}

/* OF_RTAS(block): 0, or -1 (nothing done) for a malformed block or a
 * call molvm does not know with these counts (status -3 when it has one) */
uint32_t osi_of_rtas(struct vcpu *vcpu, uint64_t *gpr)
{
	struct rtas_args a = { .vcpu = vcpu };
	size_t i;

	if (!rtas_args_read(&vcpu->vm->mem, osi_arg(gpr, 0), &a))
		return OSI_ERR;
	for (i = 0; i < NR_CALLS; i++) {
		rtas_fn fn = calls[i].fn ? calls[i].fn : rtas_call_fn(calls[i].name);

		if (calls[i].token != a.token || calls[i].nargs != a.nargs ||
		    calls[i].nret != a.nret || !fn)
			continue;
		fn(&a);
		return 0;
	}
	rtas_ret(&a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
	return OSI_ERR;
}

/* instantiate-rtas ( rtas-base -- rtas-entry ): the stub at the physical
 * address the client claimed for it ("rtas-size" bytes) */
static uint32_t m_instantiate(struct of_call *c, struct of_instance *in, const uint32_t *sa,
			      uint32_t nsa, uint32_t *sr)
{
	uint32_t stub[OF_STUB_WORDS], base = sa[0];
	size_t i;

	(void)in, (void)nsa;
	if (base & 3 || !guest_range_ok(&c->vm->mem, base, sizeof(stub)))
		return OF_THROW;
	of_osi_stub(OSI_OF_RTAS, stub);
	for (i = 0; i < OF_STUB_WORDS; i++)
		guest_write_be32(&c->vm->mem, base + 4 * i, stub[i]);
	c->fw->rtas_base = base;
	sr[0] = base;
	return 0;
}

const struct of_method of_rtas_methods[] = {
	{ "instantiate-rtas", 1, m_instantiate },
	{ "instantiate", 1, m_instantiate },	/* MOL's OpenBIOS offered both */
	{ NULL, 0, NULL },
};
