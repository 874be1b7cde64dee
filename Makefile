# SPDX-License-Identifier: GPL-2.0
#
# make                 molvm for this machine (build/native/molvm)
# make ARCH=ppc64le    static molvm for a ppc64le KVM host (build/ppc64le/molvm)
# make check           all tests: unit (also under ASan+UBSan), then system
#                      tests on real KVM PR in the POWER8 test host
# make demo            boot the test guests under molvm in the test host
# make bench           hypercall round trips: molvm vs a bare KVM_RUN loop
# make setup           install what the build and tests need (Debian 12)

ARCH      ?= native
BUILD     := build/$(ARCH)
CACHE     ?= $(HOME)/.cache/molvm
SYSROOT   ?= $(shell MOLVM_CACHE=$(CACHE) contrib/fetch-sysroot.sh --print-path)

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS    ?= -O2 -g
# "override": flags given on the command line (make unit-asan) are added
# to, not replaced, so warnings and dependency files stay on.
override CFLAGS += -std=gnu11 $(WARN) -D_GNU_SOURCE -MMD -MP

ifeq ($(ARCH),native)
CC        ?= cc
LIBS      := $(shell pkg-config --libs libevent_core libevent_pthreads) -lfdt -lpthread
override CFLAGS += $(shell pkg-config --cflags libevent_core json-c libpng)
LIBS      += $(shell pkg-config --libs json-c libpng) -lm
# The SDL display back end (one file, ui/sdl/display_sdl.c, registered by
# a constructor): built natively, left out of the static ppc64le molvm,
# which runs on hosts without a display.
DISPLAY_SDL ?= 1
else ifeq ($(ARCH),ppc64le)
CC        := powerpc64le-linux-gnu-gcc
MULTIARCH := powerpc64le-linux-gnu
override CFLAGS += -isystem $(SYSROOT)/usr/include -isystem $(SYSROOT)/usr/include/$(MULTIARCH)
override LDFLAGS += -static -L$(SYSROOT)/usr/lib/$(MULTIARCH)
LIBS      := -levent_pthreads -levent_core -lfdt -ljson-c -lpng16 -lz -lm -lpthread
DISPLAY_SDL := 0
else
$(error ARCH must be native or ppc64le)
endif

# Everything but main() goes into a library the unit tests link too.
LIB_SRCS  := $(wildcard vmm/*.c devices/*.c osi/*.c fdt/*.c ui/*.c)
LIB_SRCS  := $(filter-out vmm/main.c,$(LIB_SRCS))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
ifeq ($(DISPLAY_SDL),1)
SDL_OBJS  := $(BUILD)/ui/sdl/display_sdl.o
SDL_LIBS  := $(shell pkg-config --libs sdl2)
SDL_CFLAGS := $(shell pkg-config --cflags sdl2)
endif
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/%.o)

.PHONY: sysfiles all check unit unit-asan ui-test bench-sdl abi system guests cross demo bench setup clean \
	fuzz fuzz-smoke fuzz-merge fuzzers build-fuzzers
all: $(BUILD)/molvm

# Quiet by default; "make V=1" shows the commands.
Q         := $(if $(V),,@)
say        = $(if $(V),,@echo "  $(1) $(2)";)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) $(CC) $(CFLAGS) -c -o $@ $<

# (SDL_CFLAGS apart: "make unit-asan" sets CFLAGS on the command line.)
$(BUILD)/ui/sdl/%.o: ui/sdl/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) $(CC) $(CFLAGS) $(SDL_CFLAGS) -c -o $@ $<

$(BUILD)/libmolvm.a: $(LIB_OBJS)
	$(call say,AR,$@) $(AR) rcs $@ $^

# glibc's static-link notes about getaddrinfo (libevent's unused DNS
# helpers) are filtered; any other linker output stays.
$(BUILD)/molvm: $(BUILD)/vmm/main.o $(SDL_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) rm -f $@; $(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(SDL_LIBS) 2>&1 | \
		{ grep -v 'statically linked applications requires\|in function .evutil\|in function .test_for_getaddrinfo' || true; }; test -x $@

$(BUILD)/unit-tests: $(UNIT_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs check)

# ---- tests -----------------------------------------------------------------

# The SDL display on a real (virtual) X server: window pixels through xwd,
# input through xdotool (tests/ui/).
$(BUILD)/sdl-window-test: $(BUILD)/tests/ui/sdl_window_test.o $(SDL_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(SDL_LIBS)
$(BUILD)/tests/ui/%.o: tests/ui/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) $(CC) $(CFLAGS) $(SDL_CFLAGS) -c -o $@ $<

# make bench's display part: SDL frames/s at 1024x768x32 (bench/sdl_fps.c).
$(BUILD)/bench-sdl: $(BUILD)/bench/sdl_fps.o $(SDL_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(SDL_LIBS)
$(BUILD)/bench/sdl_fps.o: bench/sdl_fps.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) $(CC) $(CFLAGS) $(SDL_CFLAGS) -c -o $@ $<

bench-sdl: $(BUILD)/bench-sdl
	tests/ui/with-xvfb.sh $(BUILD)/bench-sdl

ui-test: $(BUILD)/sdl-window-test
	tests/ui/with-xvfb.sh $(BUILD)/sdl-window-test

setup:
	contrib/setup.sh

unit: $(BUILD)/unit-tests $(BUILD)/molvm
	MOLVM=$(BUILD)/molvm $(BUILD)/unit-tests
	$(Q)tests/system/tap-selftest.sh >$(BUILD)/tap-selftest.log || \
		{ cat $(BUILD)/tap-selftest.log; exit 1; }

# The same unit tests under AddressSanitizer and UBSan, in their own tree.
unit-asan:
	$(MAKE) ARCH=native BUILD=build/asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" unit

# libFuzzer harnesses over the guest boundaries (tests/fuzz/), built with
# clang, ASan and UBSan in their own tree; "make fuzz FUZZ_SECONDS=N" runs
# each for N seconds (niced), "make fuzz-smoke" briefly on the committed
# seed corpus (part of make check).
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all
fuzzers: $(FUZZ_NAMES:%=$(BUILD)/fuzz-%)
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/harness.o
$(BUILD)/fuzz-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/harness.o $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)
build-fuzzers:
	$(MAKE) ARCH=native BUILD=build/fuzz CC=clang CFLAGS="-O1 -g $(FUZZ_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" fuzzers
fuzz: build-fuzzers
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)
fuzz-smoke: build-fuzzers
	tests/fuzz/run.sh --smoke $(FUZZ_NAMES)
# What "make fuzz" found that the committed seeds do not reach, added to them.
fuzz-merge: build-fuzzers
	tests/fuzz/run.sh --merge $(FUZZ_NAMES)

GUESTS    := $(CURDIR)/build/guests
guests:
	$(MAKE) -C tests/guests O=$(GUESTS)

cross:
	$(MAKE) ARCH=ppc64le build/ppc64le/molvm
	$(MAKE) -C bench O=$(CURDIR)/build/ppc64le

# Extra files the system scenarios need in the test host go to
# build/sysfiles/ (each feature adds its rule as a prerequisite here).
# One initramfs per guest script: tests/system/guest/NAME.sh ->
# build/sysfiles/linux-NAME.cpio.gz
LINUX_GUEST_INITRDS := $(patsubst tests/system/guest/%.sh,build/sysfiles/linux-%.cpio.gz,\
			 $(wildcard tests/system/guest/*.sh))
sysfiles: build/sysfiles/vmlinux $(LINUX_GUEST_INITRDS)

# The Linux guest kernel is the test host's own vmlinux (it has
# PPC_PSERIES, HVC_CONSOLE, KVM_GUEST and virtio); copied when it changes.
build/sysfiles/vmlinux: FORCE
	@mkdir -p $(dir $@)
	$(Q)k=$$(contrib/testhost/build-kernel.sh | tail -n 1) && \
		{ cmp -s "$$k" $@ || cp "$$k" $@; }

build/sysfiles/linux-%.cpio.gz: tests/system/guest/%.sh contrib/guest/mkguestinitrd.sh
	@mkdir -p $(dir $@)
	$(call say,INITRD,$@) contrib/guest/mkguestinitrd.sh $@ $< 2>/dev/null
FORCE:

# powermac: the tree molvm --dump-dtb writes, and its canonical listing
# (dtc's fdtget), which the pm32 guest's OSI tree walk must reproduce.
PM_SYSFILES := build/sysfiles/powermac-64m.dtb build/sysfiles/powermac-64m.tree \
	       build/sysfiles/ablk-test.img build/sysfiles/synthetic-macos.rom
sysfiles: $(PM_SYSFILES)
build/sysfiles/powermac-64m.dtb: build/native/molvm
	@mkdir -p $(@D)
	$(call say,DTB,$@) build/native/molvm -M powermac -m 64 --dump-dtb $@
build/sysfiles/powermac-64m.tree: build/sysfiles/powermac-64m.dtb tests/system/fdt-canon.sh
	$(call say,GEN,$@) tests/system/fdt-canon.sh $< >$@
# A synthetic NewWorld "Mac OS ROM" for -rom: the CHRP-BOOT header, the
# pm32 guest as its ELF image at 0x4000, then 64 KiB standing in for the
# compressed toolbox.  (Real ROMs cannot be shipped.)
build/sysfiles/synthetic-macos.rom: build/guests/pm32.elf
	@mkdir -p $(@D)
	$(call say,GEN,$@) { printf '<CHRP-BOOT>\n<COMPATIBLE>\nMacRISC MacRISC2 MacRISC3\n</COMPATIBLE>\n<DESCRIPTION>\nmolvm synthetic test ROM\n</DESCRIPTION>\n<BOOT-SCRIPT>\n</BOOT-SCRIPT>\n</CHRP-BOOT>\n'; } >$@.tmp && \
		truncate -s 16384 $@.tmp && \
		powerpc-linux-gnu-objcopy --strip-all $< $@.elf && cat $@.elf >>$@.tmp && rm $@.elf && \
		perl -e 'print "prcl"; print chr($$_ * 7 & 0xff) for 1..65532' >>$@.tmp && mv $@.tmp $@
build/guests/pm32.elf:
	$(MAKE) -C tests/guests O=$(CURDIR)/build/guests $(CURDIR)/build/guests/pm32.elf

# 1 MiB disk image for the ABLK test: sector n = "SECT", n (BE32), 504 x (n & 0xff)
build/sysfiles/ablk-test.img:
	@mkdir -p $(@D)
	$(call say,GEN,$@) perl -e 'print pack("a4N", "SECT", $$_) . (chr($$_ & 0xff) x 504) for 0..2047' >$@

sysfiles: build/sysfiles/qmp-client build/sysfiles/ctlprobe
# A control-socket client for the scenarios (busybox has none).
build/sysfiles/qmp-client: tests/system/qmp_client.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -D_GNU_SOURCE -o $@ $<

# Runs molvm under a hostile guest and times its control plane.
build/sysfiles/ctlprobe: tests/system/ctlprobe.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -D_GNU_SOURCE -o $@ $< -lpthread

# make system [SCENARIOS="tests/system/scenarios/20-x.sh ..."]
system: cross guests sysfiles
	tests/system/run.sh $(SCENARIOS)

# molvm's KVM ABI declarations against the real PowerPC <linux/kvm.h>
abi:
	$(MAKE) -C tests/abi run O=$(CURDIR)/build/ppc64le

check: setup
	$(MAKE) unit
	$(MAKE) unit-asan
	$(MAKE) fuzz-smoke
	$(MAKE) ui-test
	$(MAKE) abi
	$(MAKE) system

demo: setup cross guests sysfiles
	tests/system/demo.sh

bench: setup cross guests sysfiles
	$(MAKE) bench-sdl
	tests/system/bench.sh

clean:
	rm -rf build

-include $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(BUILD)/vmm/main.d $(SDL_OBJS:.o=.d) \
	 $(wildcard $(BUILD)/tests/fuzz/*.d)
