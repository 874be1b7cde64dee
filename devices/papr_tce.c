// SPDX-License-Identifier: GPL-2.0
#include "papr_tce.h"

#include <stdatomic.h>

#include "../vmm/vcpu.h"
#include "papr.h"
#include "spapr_phb.h"

/* The VM's table and the index of the entry for I/O bus address ioba;
 * NULL when there is no such window. */
static _Atomic uint64_t *tce_table(struct vcpu *vcpu, uint64_t liobn, uint64_t ioba,
				   int64_t *index)
{
	struct spapr_phb *phb = spapr_phb_of(vcpu->vm);

	if (!phb || liobn != SPAPR_PHB_LIOBN || ioba >= SPAPR_DMA_WINDOW_SIZE)
		return NULL;
	*index = (int64_t)(ioba >> SPAPR_TCE_PAGE_SHIFT);
	return phb->tces;
}

/* H_PUT_TCE(liobn, ioba, tce) */
int64_t papr_h_put_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i;
	_Atomic uint64_t *tces = tce_table(vcpu, args[0], args[1], &i);

	if (!tces)
		return H_PARAMETER;
	atomic_store(&tces[i], args[2]);
	return H_SUCCESS;
}

/* H_GET_TCE(liobn, ioba) -> tce */
int64_t papr_h_get_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i;
	_Atomic uint64_t *tces = tce_table(vcpu, args[0], args[1], &i);

	if (!tces)
		return H_PARAMETER;
	args[0] = atomic_load(&tces[i]);
	return H_SUCCESS;
}

/* H_STUFF_TCE(liobn, ioba, tce, count): the same value in count entries */
int64_t papr_h_stuff_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i;
	_Atomic uint64_t *tces = tce_table(vcpu, args[0], args[1], &i);
	uint64_t n;

	if (!tces || args[3] > SPAPR_NR_TCES - (uint64_t)i)
		return H_PARAMETER;
	for (n = 0; n < args[3]; n++)
		atomic_store(&tces[(uint64_t)i + n], args[2]);
	return H_SUCCESS;
}
