/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A linear framebuffer for pseries guests: guest-physical memory in its
 * own KVM memslot, described to the guest by a device-tree
 * "simple-framebuffer" node (Documentation/devicetree/bindings/display/
 * simple-framebuffer.yaml) that Linux's simplefb driver (CONFIG_FB_SIMPLE)
 * binds, and to molvm's displays through ui/framebuffer.h.
 */
#ifndef MOLVM_SIMPLEFB_H
#define MOLVM_SIMPLEFB_H

#include <stdbool.h>
#include <stdint.h>

#include "../ui/framebuffer.h"

struct vm;

/* Guest-physical base: above the largest RAM pseries allows (64 GiB). */
#define SIMPLEFB_BASE	0x2000000000ULL
#define SIMPLEFB_WIDTH	1024
#define SIMPLEFB_HEIGHT	768

struct simplefb {
	uint64_t gpa, size;
	uint32_t width, height, stride;
	const char *format;		/* simplefb's name for the pixel format */
	uint8_t *host;
	struct framebuffer fb;
};

/* Allocate the pixels and set vm->fb (no KVM needed: --dump-dtb).  A
 * little-endian guest writes "x8r8g8b8" words in its byte order. */
int simplefb_create(struct vm *vm, struct simplefb *sfb);
/* Map the pixels into the guest (after KVM_CREATE_VM). */
int simplefb_map(struct vm *vm, struct simplefb *sfb);

#endif
