// SPDX-License-Identifier: GPL-2.0
/* Compare molvm's KVM ABI declarations with the real PowerPC kernel header. */
#include <stdio.h>

extern const unsigned long long abi_real[], abi_mine[];
extern const char *const abi_names[];
#define NR (sizeof(names_for_count) / sizeof(names_for_count[0]))

static const char *const names_for_count[] = {
#define ABI(x) #x,
#include "abi_list.h"
};

int main(void)
{
	unsigned int i, bad = 0;

	for (i = 0; i < NR; i++)
		if (abi_real[i] != abi_mine[i]) {
			printf("MISMATCH %s: kernel 0x%llx, molvm 0x%llx\n", abi_names[i],
			       abi_real[i], abi_mine[i]);
			bad++;
		}
	printf("abi_check: %u entries, %u mismatches\n", (unsigned int)NR, bad);
	return bad != 0;
}
