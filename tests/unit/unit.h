/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MOLVM_UNIT_H
#define MOLVM_UNIT_H

#include <check.h>

#include "../../vmm/vm.h"

Suite *guest_mem_suite(void);
Suite *loader_suite(void);
Suite *cli_suite(void);
Suite *osi_suite(void);
Suite *osi_devices_suite(void);
Suite *osi_prom_suite(void);
Suite *osi_video_suite(void);
Suite *osi_ablk_suite(void);
Suite *osi_input_suite(void);
Suite *osi_enet2_suite(void);
Suite *nwrom_suite(void);
Suite *papr_suite(void);
Suite *papr_mmu_suite(void);
Suite *vcpu_suite(void);
Suite *console_suite(void);
Suite *abi_suite(void);
Suite *fdt_suite(void);
Suite *rtas_suite(void);
Suite *xics_suite(void);
Suite *virtio_suite(void);
Suite *virtio_input_suite(void);
Suite *cli_dev_suite(void);
Suite *ui_pixels_suite(void);
Suite *ui_control_suite(void);
Suite *powermac_cpu_suite(void);
Suite *fdt_powermac_suite(void);
Suite *audio_suite(void);
Suite *net_suite(void);
Suite *virtio_snd_suite(void);
Suite *osi_sound_suite(void);
Suite *pci_suite(void);
Suite *ratelimit_suite(void);
Suite *ppc32_mmu_suite(void);
Suite *of_client_suite(void);
Suite *hfs_suite(void);
Suite *osi_enet_suite(void);

/*
 * A VM with RAM and a console whose output goes to a pipe, no KVM: what
 * the hypercall handlers need.  fake_vm_output() returns what the guest
 * printed so far.
 */
struct fake_vm {
	struct vm vm;
	struct vm_config cfg;
	int out_pipe[2];
	int in_pipe[2];
};

void fake_vm_init(struct fake_vm *f, uint64_t ram);
void fake_vm_destroy(struct fake_vm *f);
size_t fake_vm_output(struct fake_vm *f, char *buf, size_t max);

#endif
