// SPDX-License-Identifier: GPL-2.0
#include "simplefb.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "../vmm/kvm.h"
#include "../vmm/log.h"
#include "../vmm/vm.h"

int simplefb_create(struct vm *vm, struct simplefb *sfb)
{
	void *p;

	memset(sfb, 0, sizeof(*sfb));
	sfb->gpa = SIMPLEFB_BASE;
	sfb->width = SIMPLEFB_WIDTH;
	sfb->height = SIMPLEFB_HEIGHT;
	sfb->stride = SIMPLEFB_WIDTH * 4;
	/* A memslot is whole pages. */
	sfb->size = ((uint64_t)sfb->stride * sfb->height + 0xffff) & ~0xffffULL;
	/* simplefb formats name the bits of a native-endian word
	 * (include/linux/platform_data/simplefb.h): x8r8g8b8 is bytes
	 * b g r x in a little-endian guest and x r g b in a big-endian one. */
	sfb->format = "x8r8g8b8";
	p = mmap(NULL, sfb->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		pr_err("cannot allocate the %llu KiB framebuffer: %s",
		       (unsigned long long)(sfb->size >> 10), strerror(errno));
		return -1;
	}
	sfb->host = p;
	fb_init(&sfb->fb);
	fb_set_mode(&sfb->fb, vm->kernel_little_endian ? FB_XRGB8888_LE : FB_XRGB8888_BE,
		    sfb->width, sfb->height, sfb->stride, sfb->host);
	vm->fb = &sfb->fb;
	return 0;
}

int simplefb_map(struct vm *vm, struct simplefb *sfb)
{
	return kvm_add_memory(vm, sfb->gpa, sfb->size, sfb->host);
}
