// SPDX-License-Identifier: GPL-2.0
#include "papr_epow.h"

#include <stdatomic.h>
#include <string.h>

#include "../vmm/guest_mem.h"
#include "../vmm/pseries.h"
#include "../vmm/vcpu.h"
#include "rtas.h"

/* Error log layout: Linux arch/powerpc/include/asm/rtas-types.h
 * (struct rtas_error_log, rtas_ext_event_log_v6, pseries_errorlog) and
 * ras.c (struct epow_errorlog and its action codes). */
#define ELOG_VERSION_6		6
#define ELOG_SEVERITY_EVENT	(4 << 5)	/* byte1: severity, bits 0-2 */
#define ELOG_EXTENDED		0x04		/* byte1: extended log present */
#define ELOG_TYPE_EPOW		0x40
#define EXT_LOG_VALID		0x80
#define EXT_NEW_LOG		0x04
#define EXT_BIG_ENDIAN		0x02
#define EXT_FORMAT_EVENT_LOG	14
#define SECT_ID_EPOW		(('E' << 8) | 'P')
#define EPOW_SYSTEM_SHUTDOWN	3
#define EPOW_SHUTDOWN_NORMAL	1

#define HDR_LEN		8	/* rtas_error_log up to buffer[] */
#define EXT_HDR_LEN	16	/* rtas_ext_event_log_v6 up to vendor_log[] */
#define SECT_LEN	16	/* pseries_errorlog header (8) + epow data (5, padded) */
#define LOG_LEN		(HDR_LEN + EXT_HDR_LEN + SECT_LEN)

int papr_epow_init(struct vm *vm)
{
	atomic_store(&vm->pseries->epow.pending, false);
	return xics_connect(vm, EPOW_IRQ, true, &vm->pseries->epow.irq);
}

void papr_epow_request(struct vm *vm)
{
	if (!vm->pseries)
		return;
	atomic_store(&vm->pseries->epow.pending, true);
	irq_set_level(&vm->pseries->epow.irq, 1);
}

size_t papr_epow_build_log(uint8_t *b, size_t size)
{
	uint8_t *ext = b + HDR_LEN, *sect = ext + EXT_HDR_LEN;

	if (size < LOG_LEN)
		return 0;
	memset(b, 0, LOG_LEN);
	b[0] = ELOG_VERSION_6;
	b[1] = ELOG_SEVERITY_EVENT | ELOG_EXTENDED;
	b[3] = ELOG_TYPE_EPOW;
	b[7] = EXT_HDR_LEN + SECT_LEN;		/* extended_log_length, BE32 */
	ext[0] = EXT_LOG_VALID | EXT_NEW_LOG | EXT_BIG_ENDIAN;
	ext[2] = EXT_FORMAT_EVENT_LOG;
	memcpy(ext + 12, "IBM", 4);		/* company_id 'I' 'B' 'M' 0 */
	sect[0] = SECT_ID_EPOW >> 8;
	sect[1] = SECT_ID_EPOW & 0xff;
	sect[3] = SECT_LEN;			/* length, BE16 */
	sect[4] = 1;				/* section version */
	sect[8] = EPOW_SYSTEM_SHUTDOWN;		/* sensor_value: action code */
	sect[9] = EPOW_SHUTDOWN_NORMAL;		/* event_modifier */
	return LOG_LEN;
}

/* check-exception(vector, info, mask, critical, buf, len) -> status */
void papr_epow_check_exception(struct rtas_args *a)
{
	struct vm *vm = a->vcpu->vm;
	uint8_t log[LOG_LEN];
	size_t n;

	if (a->nargs < 6 || a->nret < 1) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	if (!vm->pseries || !atomic_load(&vm->pseries->epow.pending)) {
		rtas_ret(a, 0, RTAS_OUT_NO_ERRORS);
		return;
	}
	n = papr_epow_build_log(log, sizeof(log));
	if (a->args[5] < n || !guest_write(&vm->mem, a->args[4], log, n)) {
		rtas_ret(a, 0, (uint32_t)RTAS_OUT_PARAM_ERROR);
		return;
	}
	atomic_store(&vm->pseries->epow.pending, false);
	irq_set_level(&vm->pseries->epow.irq, 0);
	rtas_ret(a, 0, RTAS_OUT_SUCCESS);
}
