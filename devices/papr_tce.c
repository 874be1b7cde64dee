// SPDX-License-Identifier: GPL-2.0
#include "papr_tce.h"

#include <stdatomic.h>

#include "papr.h"

#define NR_TCES (SPAPR_DMA_WINDOW_SIZE >> SPAPR_TCE_PAGE_SHIFT)

static _Atomic uint64_t tces[NR_TCES];

/* Index of the entry for I/O bus address ioba, or -1. */
static int64_t tce_index(uint64_t liobn, uint64_t ioba)
{
	if (liobn != SPAPR_PHB_LIOBN || ioba >= SPAPR_DMA_WINDOW_SIZE)
		return -1;
	return (int64_t)(ioba >> SPAPR_TCE_PAGE_SHIFT);
}

/* H_PUT_TCE(liobn, ioba, tce) */
int64_t papr_h_put_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i = tce_index(args[0], args[1]);

	(void)vcpu;
	if (i < 0)
		return H_PARAMETER;
	atomic_store(&tces[i], args[2]);
	return H_SUCCESS;
}

/* H_GET_TCE(liobn, ioba) -> tce */
int64_t papr_h_get_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i = tce_index(args[0], args[1]);

	(void)vcpu;
	if (i < 0)
		return H_PARAMETER;
	args[0] = atomic_load(&tces[i]);
	return H_SUCCESS;
}

/* H_STUFF_TCE(liobn, ioba, tce, count): the same value in count entries */
int64_t papr_h_stuff_tce(struct vcpu *vcpu, uint64_t *args)
{
	int64_t i = tce_index(args[0], args[1]);
	uint64_t n;

	(void)vcpu;
	if (i < 0 || args[3] > NR_TCES - (uint64_t)i)
		return H_PARAMETER;
	for (n = 0; n < args[3]; n++)
		atomic_store(&tces[(uint64_t)i + n], args[2]);
	return H_SUCCESS;
}
