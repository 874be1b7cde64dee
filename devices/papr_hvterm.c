// SPDX-License-Identifier: GPL-2.0
/*
 * The PAPR virtual terminal (hvterm, Linux's hvc_vio): up to 16 bytes per
 * call, packed big-endian into two registers, the first byte in the most
 * significant byte (PAPR; Linux arch/powerpc/platforms/pseries/hvconsole.c).
 */
#include <stdint.h>

#include "../vmm/be.h"
#include "../vmm/vm.h"
#include "console.h"
#include "papr.h"

#define HVTERM_MAX 16

/* H_GET_TERM_CHAR(termno) -> count, bytes 0-7, bytes 8-15 */
int64_t papr_h_get_term_char(struct vcpu *vcpu, uint64_t *args)
{
	uint8_t buf[HVTERM_MAX] = { 0 };
	size_t n;

	if (args[0] != PAPR_VTERM_NO)
		return H_PARAMETER;
	n = console_read(vcpu->vm->con, buf, sizeof(buf));
	args[0] = n;
	args[1] = be64_load(buf);
	args[2] = be64_load(buf + 8);
	return H_SUCCESS;
}

/* H_PUT_TERM_CHAR(termno, count, bytes 0-7, bytes 8-15) */
int64_t papr_h_put_term_char(struct vcpu *vcpu, uint64_t *args)
{
	uint8_t buf[HVTERM_MAX];

	if (args[0] != PAPR_VTERM_NO || args[1] > HVTERM_MAX)
		return H_PARAMETER;
	be64_store(buf, args[2]);
	be64_store(buf + 8, args[3]);
	console_write(vcpu->vm->con, buf, (size_t)args[1]);
	return H_SUCCESS;
}
