// SPDX-License-Identifier: GPL-2.0
/*
 * bare-kvm-loop: the smallest possible userspace hypercall handler for a
 * 64-bit big-endian guest on KVM PR.  It is the floor that molvm's
 * dispatch is measured against (make bench): a raw image at 0x10000, one
 * vCPU, and a KVM_RUN loop that answers every OSI call and PAPR hcall
 * without looking further than it must.
 *
 *   bare-kvm-loop [-32] IMAGE.bin
 *
 * -32: a 32-bit guest as molvm's powermac machine starts one (PVR of a G4
 * 7447A, MSR = ME only).
 *
 * OSI LOG_PUTC (47) prints the character, OSI EXIT (54) ends with exit
 * status 0, every other OSI call returns 0 in r3, every hcall returns
 * H_SUCCESS with r4 = 0 (H_GET_TERM_CHAR: no characters).  Any other exit
 * or any failing ioctl prints one line on stderr and ends with status 1.
 * Nothing is printed per exit: the loop is timed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/kvm.h>

#define RAM_SIZE	(64UL << 20)	/* molvm's minimum guest RAM */
#define LOAD_ADDR	0x10000UL	/* where molvm puts a raw image, = entry */
/* MSR_SF | MSR_ME (Power ISA Book III), molvm's 64-bit boot MSR. */
#define BOOT_MSR	0x8000000000001000ULL
/* -32: MSR_ME, and the 7447A's PVR (QEMU target/ppc/cpu-models.h) */
#define BOOT_MSR_32	0x1000ULL
#define PVR_7447A	0x80030102U

/* MOL osi_calls.h selectors (shared/OSI.md). */
#define OSI_LOG_PUTC	47
#define OSI_EXIT	54

/* Linux asm/hvcall.h */
#define H_SUCCESS	0

static void die(const char *what)
{
	fprintf(stderr, "bare-kvm-loop: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int xioctl(int fd, unsigned long req, void *arg, const char *name)
{
	int r = ioctl(fd, req, arg);

	if (r < 0)
		die(name);
	return r;
}

/* Read the whole image into guest RAM at LOAD_ADDR. */
static void load_image(const char *path, uint8_t *ram)
{
	struct stat st;
	size_t done = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die(path);
	if (fstat(fd, &st) < 0)
		die(path);
	if (st.st_size <= 0 || (uint64_t)st.st_size > RAM_SIZE - LOAD_ADDR) {
		fprintf(stderr, "bare-kvm-loop: %s: size %lld does not fit\n",
			path, (long long)st.st_size);
		exit(1);
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, ram + LOAD_ADDR + done, st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;	/* file shrank under us */
			die(path);
		}
		done += n;
	}
	close(fd);
}

static void enable_cap(int vcpu, uint32_t cap, const char *name)
{
	struct kvm_enable_cap ec;

	memset(&ec, 0, sizeof(ec));
	ec.cap = cap;
	xioctl(vcpu, KVM_ENABLE_CAP, &ec, name);
}

/* Say where the guest was when an unexpected exit happened. */
static void report_exit(int vcpu, const struct kvm_run *run)
{
	struct kvm_regs regs;

	fprintf(stderr, "bare-kvm-loop: unexpected exit reason %u", run->exit_reason);
	if (run->exit_reason == KVM_EXIT_MMIO)
		fprintf(stderr, " (mmio %s 0x%llx len %u)",
			run->mmio.is_write ? "write" : "read",
			(unsigned long long)run->mmio.phys_addr, run->mmio.len);
	else if (run->exit_reason == KVM_EXIT_INTERNAL_ERROR)
		fprintf(stderr, " (suberror %u)", run->internal.suberror);
	if (ioctl(vcpu, KVM_GET_REGS, &regs) == 0)
		fprintf(stderr, " at pc 0x%llx msr 0x%llx",
			(unsigned long long)regs.pc, (unsigned long long)regs.msr);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	struct kvm_userspace_memory_region mem;
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_one_reg one;
	struct kvm_run *run;
	uint64_t hior = 0;
	uint8_t *ram;
	int kvm, vm, vcpu, run_size, is32 = 0;

	if (argc == 3 && !strcmp(argv[1], "-32")) {
		is32 = 1;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: bare-kvm-loop [-32] IMAGE.bin\n");
		return 1;
	}

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	/* Type 2 = KVM_VM_PPC_PR: OSI exits exist only in PR (TESTBED.md). */
	vm = xioctl(kvm, KVM_CREATE_VM, (void *)(unsigned long)KVM_VM_PPC_PR,
		    "KVM_CREATE_VM");

	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED)
		die("mmap guest RAM");
	memset(&mem, 0, sizeof(mem));
	mem.slot = 0;
	mem.guest_phys_addr = 0;
	mem.memory_size = RAM_SIZE;
	mem.userspace_addr = (uint64_t)(uintptr_t)ram;
	xioctl(vm, KVM_SET_USER_MEMORY_REGION, &mem, "KVM_SET_USER_MEMORY_REGION");
	load_image(argv[1], ram);

	vcpu = xioctl(vm, KVM_CREATE_VCPU, (void *)0UL, "KVM_CREATE_VCPU");
	run_size = xioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, NULL, "KVM_GET_VCPU_MMAP_SIZE");
	if ((size_t)run_size < sizeof(*run)) {
		errno = EINVAL;
		die("KVM_GET_VCPU_MMAP_SIZE too small");
	}
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		die("mmap kvm_run");

	/* Both are per-vCPU: OSI `sc` and PAPR `sc 1` exit to us. */
	enable_cap(vcpu, KVM_CAP_PPC_OSI, "KVM_ENABLE_CAP(KVM_CAP_PPC_OSI)");
	/* Not for a 32-bit guest: PAPR mode needs a 64-bit CPU (KVM_RUN then
	 * fails with EINVAL), and molvm's powermac machine has none. */
	if (!is32)
		enable_cap(vcpu, KVM_CAP_PPC_PAPR, "KVM_ENABLE_CAP(KVM_CAP_PPC_PAPR)");

	/*
	 * PVR first: a fresh vCPU already has the host's PVR, which we keep,
	 * but KVM_SET_SREGS is what a real VMM does and it resets HIOR to
	 * 0xfff00000 for a 64-bit PVR (TESTBED.md), hence HIOR after it.
	 */
	xioctl(vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
	if (is32)
		sregs.pvr = PVR_7447A;
	xioctl(vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
	memset(&one, 0, sizeof(one));
	one.id = KVM_REG_PPC_HIOR;
	one.addr = (uint64_t)(uintptr_t)&hior;
	xioctl(vcpu, KVM_SET_ONE_REG, &one, "KVM_SET_ONE_REG(KVM_REG_PPC_HIOR)");

	/* A fresh vCPU's MSR is 0 (TESTBED.md): set pc and msr explicitly. */
	xioctl(vcpu, KVM_GET_REGS, &regs, "KVM_GET_REGS");
	regs.pc = LOAD_ADDR;
	regs.msr = is32 ? BOOT_MSR_32 : BOOT_MSR;
	xioctl(vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");

	for (;;) {
		if (ioctl(vcpu, KVM_RUN, NULL) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("KVM_RUN");
		}
		switch (run->exit_reason) {
		case KVM_EXIT_OSI:
			/* KVM copies gprs[] back into the guest on the next KVM_RUN. */
			switch ((uint32_t)run->osi.gprs[5]) {
			case OSI_LOG_PUTC:
				putchar((int)(run->osi.gprs[6] & 0xff));
				break;
			case OSI_EXIT:
				exit(0);	/* flushes stdout */
			default:
				run->osi.gprs[3] = 0;
				break;
			}
			break;
		case KVM_EXIT_PAPR_HCALL:
			/* ret -> r3, args[0..8] -> r4..r12 on the next KVM_RUN. */
			run->papr_hcall.ret = H_SUCCESS;
			run->papr_hcall.args[0] = 0;
			break;
		default:
			fflush(stdout);
			report_exit(vcpu, run);
			exit(1);
		}
	}
}
