/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RTAS for PAPR guests.  The guest calls a five-instruction blob that
 * turns the call into the KVMPPC_H_RTAS hypercall with r4 = the guest
 * real address of the argument block: big-endian words
 * { token, nargs, nret, args[nargs], rets[nret] } (PAPR; QEMU
 * hw/ppc/spapr_rtas.c; kvmtool powerpc/spapr_rtas.c).
 */
#ifndef MOLVM_RTAS_H
#define MOLVM_RTAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcpu;
struct guest_mem;

#define KVMPPC_H_RTAS		0xf000	/* Linux arch/powerpc/include/asm/hvcall.h */
#define RTAS_TOKEN_BASE		0x2000	/* QEMU and kvmtool start here */
#define RTAS_MAX_ARGS		16

/* Status codes (PAPR, "RTAS call status") */
#define RTAS_OUT_SUCCESS	0
#define RTAS_OUT_NO_ERRORS	1
#define RTAS_OUT_HW_ERROR	(-1)
#define RTAS_OUT_BUSY		(-2)
#define RTAS_OUT_PARAM_ERROR	(-3)
#define RTAS_OUT_NOT_SUPPORTED	(-3)

/* The guest-side blob: mr r4,r3; lis r3,0; ori r3,r3,0xf000; sc 1; blr */
#define RTAS_BLOB_WORDS 5
extern const uint32_t rtas_blob[RTAS_BLOB_WORDS];

/* One call in progress: arguments already checked against guest RAM. */
struct rtas_args {
	struct vcpu *vcpu;
	uint64_t buf;		/* guest address of the block */
	uint32_t token, nargs, nret;
	uint32_t args[RTAS_MAX_ARGS];
};

/* Return rets[i]; i = 0 is the status word. */
void rtas_ret(struct rtas_args *a, uint32_t i, uint32_t val);

typedef void (*rtas_fn)(struct rtas_args *a);

/* The handler of a call by its /rtas name, NULL if molvm has none: for
 * machines whose RTAS has other tokens (powermac, osi/of_rtas.c). */
rtas_fn rtas_call_fn(const char *name);
/* Read a block's header and arguments at buf (nargs, nret at most
 * RTAS_MAX_ARGS, the whole block in RAM): false if it is malformed. */
bool rtas_args_read(const struct guest_mem *mem, uint64_t buf, struct rtas_args *a);

size_t rtas_nr_calls(void);
const char *rtas_call_name(size_t i);
uint32_t rtas_call_token(size_t i);
bool rtas_call_in_kernel(size_t i);

int64_t papr_h_rtas(struct vcpu *vcpu, uint64_t *args);

#endif
