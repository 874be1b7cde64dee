// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../devices/console.h"
#include "../../vmm/machine.h"
#include "../../vmm/vcpu.h"
#include "unit.h"

void fake_vm_init(struct fake_vm *f, uint64_t ram)
{
	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(pipe(f->out_pipe), 0);
	ck_assert_int_eq(pipe(f->in_pipe), 0);
	fcntl(f->out_pipe[0], F_SETFL, O_NONBLOCK);
	f->cfg.machine = machine_find("pseries");
	vm_init(&f->vm, &f->cfg);
	ck_assert_int_eq(guest_mem_alloc(&f->vm.mem, ram), 0);
	/* No event loop: input arrives through console_input(). */
	f->vm.con = console_create(NULL, -1, f->out_pipe[1], NULL, NULL);
	ck_assert_ptr_nonnull(f->vm.con);
	f->vm.nr_vcpus = 1;
	f->vm.vcpus[0].vm = &f->vm;
}

void fake_vm_destroy(struct fake_vm *f)
{
	console_destroy(f->vm.con);
	guest_mem_free(&f->vm.mem);
	close(f->out_pipe[0]);
	close(f->out_pipe[1]);
	close(f->in_pipe[0]);
	close(f->in_pipe[1]);
}

size_t fake_vm_output(struct fake_vm *f, char *buf, size_t max)
{
	ssize_t n = read(f->out_pipe[0], buf, max - 1);

	if (n < 0)
		n = 0;
	buf[n] = 0;
	return (size_t)n;
}

int main(void)
{
	SRunner *sr = srunner_create(guest_mem_suite());
	int failed;

	srunner_add_suite(sr, loader_suite());
	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, osi_suite());
	srunner_add_suite(sr, osi_devices_suite());
	srunner_add_suite(sr, osi_prom_suite());
	srunner_add_suite(sr, osi_video_suite());
	srunner_add_suite(sr, osi_ablk_suite());
	srunner_add_suite(sr, osi_input_suite());
	srunner_add_suite(sr, osi_enet2_suite());
	srunner_add_suite(sr, nwrom_suite());
	srunner_add_suite(sr, papr_suite());
	srunner_add_suite(sr, papr_mmu_suite());
	srunner_add_suite(sr, vcpu_suite());
	srunner_add_suite(sr, console_suite());
	srunner_add_suite(sr, abi_suite());
	srunner_add_suite(sr, fdt_suite());
	srunner_add_suite(sr, rtas_suite());
	srunner_add_suite(sr, xics_suite());
	srunner_add_suite(sr, virtio_suite());
	srunner_add_suite(sr, virtio_input_suite());
	srunner_add_suite(sr, cli_dev_suite());
	srunner_add_suite(sr, ui_pixels_suite());
	srunner_add_suite(sr, ui_control_suite());
	srunner_add_suite(sr, powermac_cpu_suite());
	srunner_add_suite(sr, fdt_powermac_suite());
	srunner_add_suite(sr, audio_suite());
	srunner_add_suite(sr, net_suite());
	srunner_add_suite(sr, virtio_snd_suite());
	srunner_add_suite(sr, osi_sound_suite());
	srunner_add_suite(sr, pci_suite());
	srunner_add_suite(sr, ratelimit_suite());
	srunner_add_suite(sr, ppc32_mmu_suite());
	srunner_add_suite(sr, of_client_suite());
	srunner_add_suite(sr, hfs_suite());
	srunner_add_suite(sr, osi_enet_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
