/* SPDX-License-Identifier: GPL-2.0 */
/*
 * molvm's Open Firmware inside: the per-VM state (vm->osi->of) and one
 * client-interface call, shared by the files that serve its services:
 *   of_client.c    the argument array, the service table, tree services
 *   of_instance.c  ihandles: open, close, read, write, seek, *-to-path
 *   of_memory.c    claim, release and the mmu/memory methods
 *   of_methods.c   call-method, interpret
 *   of_rtas.c      RTAS: instantiate-rtas and the OF_RTAS OSI call
 */
#ifndef MOLVM_OF_FW_H
#define MOLVM_OF_FW_H

#include <stdbool.h>
#include <stdint.h>

#include "../vmm/range_set.h"
#include "prom.h"

struct vm;
struct ppc32_mmu;

#define OF_MAX_INSTANCES	32
#define OF_MAX_CELLS		16	/* arguments, and results, of one call */

enum of_inst_type {
	OF_INST_FREE,
	OF_INST_CONSOLE,	/* the console: read = its input, write = its output */
	OF_INST_DISK,		/* a -drive image (an ABLK unit), whole */
	OF_INST_DISPLAY,	/* a display node with a framebuffer ("address") */
	OF_INST_MEMORY,		/* /memory: claim, release */
	OF_INST_MMU,		/* the CPU: claim, release, map, unmap, translate */
	OF_INST_RTAS,		/* /rtas: instantiate-rtas */
	OF_INST_NVRAM,		/* an nvram node: the machine's NVRAM bytes */
};

struct of_instance {
	enum of_inst_type type;
	uint16_t gen;			/* bumped at close: stale ihandles fail */
	uint32_t phandle;
	char args[PROM_ARGS_MAX];	/* the ":args" it was opened with */
	int unit;			/* disk: ABLK unit */
	uint64_t pos;			/* disk: position */
};

struct of_fw {
	struct of_instance inst[OF_MAX_INSTANCES];
	struct range_set phys, virt;	/* claimed RAM, claimed address space */
	uint64_t ram;
	uint64_t start_ns;		/* milliseconds count from here */
	uint32_t console_ph;		/* the node stdout/stdin are open on */
	bool maps;			/* the client runs on the firmware's HTAB (an
					 * OF client): claim keeps it 1:1 */
	bool quiesced;
	uint32_t rtas_base;		/* instantiate-rtas put its stub here (0: not yet) */
};

struct of_call {
	struct vm *vm;
	struct of_fw *fw;
	struct prom prom;		/* the tree, seen through the client's view */
	const struct ppc32_mmu *mmu;	/* the client's MMU; NULL: not known */
	uint32_t nargs, nret;
	uint32_t a[OF_MAX_CELLS];	/* arguments */
	uint32_t r[OF_MAX_CELLS];	/* results, r[0] first (0 unless set) */
	bool flush;			/* a translation changed under the guest's TLB */
};

#define OF_ERR		((uint32_t)-1)
#define OF_TRUE		((uint32_t)-1)	/* Forth's true */

/*
 * A method of an instance, for call-method: sa[0..nsa) are the stack
 * arguments (sa[0] the top of the stack), results go to sr[0..] (sr[0]
 * the top); returns the catch result (0: no throw).
 */
struct of_method {
	const char *name;
	uint32_t nargs;			/* stack arguments it needs at least */
	uint32_t (*fn)(struct of_call *c, struct of_instance *in, const uint32_t *sa,
		       uint32_t nsa, uint32_t *sr);
};
#define OF_THROW	((uint32_t)-1)	/* what a failing method throws */

/* of_instance.c */
struct of_instance *of_instance(struct of_fw *fw, uint32_t ih);
/* Take a slot for an instance of type on phandle: its ihandle, 0 if full. */
uint32_t of_instance_new(struct of_fw *fw, enum of_inst_type type, uint32_t phandle,
			 const char *args);
void of_svc_open(struct of_call *c);
void of_svc_close(struct of_call *c);
void of_svc_read(struct of_call *c);
void of_svc_write(struct of_call *c);
void of_svc_seek(struct of_call *c);
void of_svc_instance_to_package(struct of_call *c);
void of_svc_instance_to_path(struct of_call *c);
extern const struct of_method of_disk_methods[];
extern const struct of_method of_display_methods[];
extern const struct of_method of_nvram_methods[];

/* of_memory.c */
void of_svc_claim(struct of_call *c);
void of_svc_release(struct of_call *c);
extern const struct of_method of_mmu_methods[];
extern const struct of_method of_memory_methods[];
/* Keep /memory "available" in step with the claims. */
void of_update_available(struct of_call *c);

/* of_methods.c */
void of_svc_call_method(struct of_call *c);
void of_svc_interpret(struct of_call *c);

/* of_rtas.c */
extern const struct of_method of_rtas_methods[];

#endif
