/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Asking a pseries guest to power off, as PAPR platforms do: an EPOW
 * (environmental and power warning) event.  molvm raises the interrupt
 * of /event-sources/epow-events; the guest's handler calls RTAS
 * check-exception, which returns an error log whose EPOW section says
 * "system shutdown, normal" (Linux: arch/powerpc/platforms/pseries/ras.c,
 * ras_epow_interrupt -> rtas_parse_epow_errlog -> orderly_poweroff).
 */
#ifndef MOLVM_PAPR_EPOW_H
#define MOLVM_PAPR_EPOW_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "../vmm/irq.h"
#include "xics.h"

struct vm;
struct rtas_args;

/* The event source's XICS number (below the PHB's, ../devices/spapr_phb.h). */
#define EPOW_IRQ	(XICS_IRQ_BASE + 0x10)

/* Per VM (struct pseries) */
struct papr_epow {
	atomic_bool pending;		/* a power-off request not yet fetched */
	struct irq_line irq;		/* level, while pending */
};

/* Make the source level-sensitive (machine setup). */
int papr_epow_init(struct vm *vm);
/* Request a power-off: raise the EPOW interrupt (any thread). */
void papr_epow_request(struct vm *vm);
/* RTAS check-exception: the pending event's log, or "no errors". */
void papr_epow_check_exception(struct rtas_args *a);

/* The error log (big-endian, PAPR "RTAS error log" v6 with one EPOW
 * section) into buf; returns its length, 0 if size is too small. */
size_t papr_epow_build_log(uint8_t *buf, size_t size);

#endif
