# SPDX-License-Identifier: GPL-2.0
#
# make                 molvm for this machine (build/native/molvm)
# make ARCH=ppc64le    static molvm for a ppc64le KVM host (build/ppc64le/molvm)
# make ARCH=ppc64      static big-endian molvm: PowerMac G5, BE POWER (build/ppc64/)
# make ARCH=ppc        static 32-bit molvm: PowerMac G3/G4 (build/ppc/molvm)
# make check           all tests: unit (also under ASan+UBSan), then system
#                      tests on real KVM PR in the POWER8 test host
# make demo            boot the test guests under molvm in the test host
# make bench           hypercall round trips: molvm vs a bare KVM_RUN loop
# make setup           install what the build and tests need (Debian 12)
# make install         molvm, its man page and examples under $(DESTDIR)$(PREFIX)
# make dist            molvm-VERSION.tar.gz: the sources, buildable on their own

ARCH      ?= native
BUILD     := build/$(ARCH)
CACHE     ?= $(HOME)/.cache/molvm
SYSROOT   ?= $(shell MOLVM_CACHE=$(CACHE) contrib/fetch-sysroot.sh --print-path)

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS    ?= -O2 -g
# "override": flags given on the command line (make unit-asan) are added
# to, not replaced, so warnings and dependency files stay on.  Disk images
# may exceed 2 GiB on 32-bit hosts too: 64-bit off_t everywhere.
override CFLAGS += -std=gnu11 $(WARN) -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -MMD -MP

# How the unit tests run: natively, or a cross-built binary under qemu-user.
RUN       :=
ifeq ($(ARCH),native)
CC        ?= cc
LIBS      := $(shell pkg-config --libs libevent_core libevent_pthreads) -lfdt -lpthread
override CFLAGS += $(shell pkg-config --cflags libevent_core json-c libpng)
LIBS      += $(shell pkg-config --libs json-c libpng) -lm
override CFLAGS += $(shell pkg-config --cflags slirp)
LIBS      += $(shell pkg-config --libs slirp)
VNC_CFLAGS := $(shell pkg-config --cflags libvncserver)
VNC_LIBS  := $(shell pkg-config --libs libvncserver)
VNCCLIENT_LIBS := $(shell pkg-config --libs libvncclient)
CHECK_LIBS := $(shell pkg-config --libs check)
# The SDL display back end (one file, ui/sdl/display_sdl.c, registered by
# a constructor): built natively, left out of the static ppc64le molvm,
# which runs on hosts without a display.
DISPLAY_SDL ?= 1
else ifeq ($(ARCH),ppc64le)
CC        := powerpc64le-linux-gnu-gcc
MULTIARCH := powerpc64le-linux-gnu
override CFLAGS += -isystem $(SYSROOT)/usr/include -isystem $(SYSROOT)/usr/include/$(MULTIARCH)
override LDFLAGS += -L$(SYSROOT)/usr/lib/$(MULTIARCH)
LIBS      := -levent_pthreads -levent_core -lfdt -ljson-c -lpng16 -lz
ifeq ($(SDL_SYSROOT),)
override LDFLAGS += -static
LIBS      += -lm -lpthread
DISPLAY_SDL := 0
else
# make cross-sdl: molvm with the SDL window, for the test host's virtual X
# display (contrib/fetch-xdisplay.sh: SDL_SYSROOT).  SDL2's X11 back end
# dlopens the X libraries, which a static binary cannot, so SDL2 and libc
# are linked dynamically against Debian's ppc64el builds (run with their
# loader, packed beside them) and molvm's other libraries statically as
# in the plain cross build: -Bstatic from the first -l on, -Bdynamic again
# for SDL, libc and libm.
DISPLAY_SDL := 1
SDL_LIBDIRS := $(SDL_SYSROOT)/usr/lib/$(MULTIARCH):$(SDL_SYSROOT)/lib/$(MULTIARCH):$(SDL_SYSROOT)/usr/lib/$(MULTIARCH)/pulseaudio
override LDFLAGS += -Wl,-Bstatic
SDL_CFLAGS := -isystem $(SDL_SYSROOT)/usr/include/SDL2 -isystem $(SDL_SYSROOT)/usr/include/$(MULTIARCH) -D_REENTRANT
SDL_LIBS  := -Wl,-Bdynamic -L$(SDL_SYSROOT)/usr/lib/$(MULTIARCH) -lSDL2 -Wl,-rpath-link,$(SDL_LIBDIRS) \
	     -lm -lpthread
endif
# libvncserver and libslirp: static builds from Debian's sources
# (contrib/build-deps.sh, cached); the .debs have no static archives.
DEPS      := $(shell MOLVM_CACHE=$(CACHE) contrib/build-deps.sh | tail -n 1)
VNC_CFLAGS := -isystem $(DEPS)/include
VNC_LIBS  := -L$(DEPS)/lib -lvncserver -lz
override CFLAGS += -isystem $(DEPS)/include/slirp
LIBS      := -L$(DEPS)/lib -lslirp -lglib-2.0 -lpcre2-8 $(LIBS)
VNCCLIENT_LIBS := -L$(DEPS)/lib -lvncclient -lz
else ifneq ($(filter ppc64 ppc,$(ARCH)),)
# Big-endian hosts: PowerMac G5 and BE POWER (ppc64), G3/G4 (ppc).  Debian
# 12 has no binary packages for them; contrib/build-sysroot.sh builds the
# libraries (GLib among them, and Check, for the unit tests) from Debian's
# sources, contrib/build-deps.sh libvncserver and libslirp on top.
CC        := $(if $(filter ppc64,$(ARCH)),powerpc64-linux-gnu-gcc,powerpc-linux-gnu-gcc)
RUN       := $(if $(filter ppc64,$(ARCH)),qemu-ppc64-static,qemu-ppc-static)
XSYSROOT  := $(shell MOLVM_CACHE=$(CACHE) contrib/build-sysroot.sh $(ARCH) | tail -n 1)
ifeq ($(XSYSROOT),)
$(error contrib/build-sysroot.sh $(ARCH) failed)
endif
override CFLAGS += -isystem $(XSYSROOT)/usr/include
override LDFLAGS += -static -L$(XSYSROOT)/usr/lib
DEPS      := $(shell MOLVM_CACHE=$(CACHE) contrib/build-deps.sh $(ARCH) | tail -n 1)
VNC_CFLAGS := -isystem $(DEPS)/include
VNC_LIBS  := -L$(DEPS)/lib -lvncserver -lz
VNCCLIENT_LIBS := -L$(DEPS)/lib -lvncclient -lz
override CFLAGS += -isystem $(DEPS)/include/slirp
LIBS      := -L$(DEPS)/lib -lslirp -lglib-2.0 -lpcre2-8 \
	     -levent_pthreads -levent_core -lfdt -ljson-c -lpng16 -lz -lm -lpthread
# 32-bit PowerPC has no 8-byte atomic instructions: GCC calls libatomic.
ifeq ($(ARCH),ppc)
LIBS      += -latomic
endif
CHECK_LIBS := -lcheck -lrt -lm -lpthread
DISPLAY_SDL := 0
else
$(error ARCH must be native, ppc64le, ppc64 or ppc)
endif

.DEFAULT_GOAL := all

# The version (contrib/version.sh: git, or VERSION in a release tarball)
# reaches the code through a generated header, rewritten only when it
# changes so that a new commit rebuilds one file.
VERSION   := $(shell contrib/version.sh)
VERSION_H := $(BUILD)/gen/version.h
override CFLAGS += -I$(BUILD)/gen
$(VERSION_H): FORCE
	@mkdir -p $(@D)
	$(Q)printf '#define MOLVM_VERSION "%s"\n' '$(VERSION)' >$@.tmp && \
		{ cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }
$(BUILD)/vmm/cli.o: $(VERSION_H)

# Everything but main() goes into a library the unit tests link too.
LIB_SRCS  := $(wildcard vmm/*.c devices/*.c osi/*.c fdt/*.c ui/*.c)
LIB_SRCS  := $(filter-out vmm/main.c,$(LIB_SRCS))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
ifeq ($(DISPLAY_SDL),1)
SDL_OBJS  := $(BUILD)/ui/sdl/display_sdl.o $(BUILD)/ui/sdl/audio_sdl.o
ifeq ($(SDL_SYSROOT),)
SDL_LIBS  := $(shell pkg-config --libs sdl2)
SDL_CFLAGS := $(shell pkg-config --cflags sdl2)
endif
endif
# The VNC back end (ui/vnc/, libvncserver) registers itself the same way;
# every build has it.
VNC_OBJS  := $(BUILD)/ui/vnc/display_vnc.o
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/%.o)

.PHONY: kernels check-host install install-test dist sysfiles all check unit unit-asan ui-test bench-sdl abi system guests cross cross-be cross-sdl demo bench setup clean \
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

$(BUILD)/ui/vnc/%.o: ui/vnc/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) $(CC) $(CFLAGS) $(VNC_CFLAGS) -c -o $@ $<

$(BUILD)/libmolvm.a: $(LIB_OBJS)
	$(call say,AR,$@) $(AR) rcs $@ $^

# glibc's static-link notes about getaddrinfo and gethostbyname (libevent's
# DNS helpers, libvncserver's and molvm's address lookups: numeric
# addresses need no NSS modules) are filtered, with the "in function" line
# before each; any other linker output stays.
# (molvm-sdl: make cross-sdl, the static build's objects linked with SDL.)
$(BUILD)/molvm $(BUILD)/molvm-sdl: $(BUILD)/vmm/main.o $(SDL_OBJS) $(VNC_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) rm -f $@; $(CC) $(LDFLAGS) -o $@ $^ $(VNC_LIBS) $(LIBS) $(SDL_LIBS) 2>&1 | \
		{ grep -v 'statically linked applications requires\|: in function .' || true; }; test -x $@

$(BUILD)/unit-tests: $(UNIT_OBJS) $(VNC_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(VNC_LIBS) $(LIBS)

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

# The VNC display against a real client (libvncclient): tests/ui/.
$(BUILD)/vnc-client: tests/ui/vnc_client.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) rm -f $@; $(CC) $(CFLAGS) $(VNC_CFLAGS) $(LDFLAGS) -o $@ $< $(VNCCLIENT_LIBS) $(LIBS) 2>&1 | \
		{ grep -v 'statically linked applications requires\|: in function .' || true; }; test -x $@
$(BUILD)/vnc-display-test: $(BUILD)/tests/ui/vnc_display_test.o $(VNC_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(VNC_LIBS) $(LIBS)

$(BUILD)/sdl-audio-test: $(BUILD)/tests/ui/sdl_audio_test.o $(SDL_OBJS) $(BUILD)/libmolvm.a
	$(call say,LD,$@) $(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(SDL_LIBS)

bench-sdl: $(BUILD)/bench-sdl
	tests/ui/with-xvfb.sh $(BUILD)/bench-sdl

ui-test: $(BUILD)/sdl-window-test $(BUILD)/vnc-display-test $(BUILD)/vnc-client $(BUILD)/sdl-audio-test
	tests/ui/with-xvfb.sh $(BUILD)/sdl-window-test
	$(BUILD)/sdl-audio-test
	$(BUILD)/vnc-display-test $(BUILD)/vnc-client

setup:
	contrib/setup.sh

# ---- installing and releasing ------------------------------------------------

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/molvm
EXAMPLES  := $(wildcard contrib/examples/*)
install: $(BUILD)/molvm
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)/examples
	install -m 755 $(BUILD)/molvm $(DESTDIR)$(BINDIR)/molvm
	sed -e 's|@VERSION@|$(VERSION)|' -e 's|@DOCDIR@|$(DOCDIR)|' contrib/man/molvm.1 \
		>$(DESTDIR)$(MANDIR)/man1/molvm.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/molvm.1
	install -m 644 README.md LICENSE $(DESTDIR)$(DOCDIR)/
	cp $(EXAMPLES) $(DESTDIR)$(DOCDIR)/examples/

# The tracked files of HEAD (what is committed: uncommitted changes are
# not in it, nor in its version) plus VERSION, under molvm-VERSION/.
DIST_VERSION := $(VERSION:%-dirty=%)
DIST      := molvm-$(DIST_VERSION)
dist:
	@mkdir -p build
	$(Q)rm -rf build/$(DIST) && mkdir -p build/$(DIST) && \
		git archive --format=tar HEAD | tar -x -C build/$(DIST) && \
		echo '$(DIST_VERSION)' >build/$(DIST)/VERSION && \
		tar -C build -czf build/$(DIST).tar.gz $(DIST) && rm -rf build/$(DIST)
	@echo "build/$(DIST).tar.gz"

# make install into a scratch root, the man page against --help, and a
# build of the dist tarball on its own (tests/install/check.sh).
install-test: $(BUILD)/molvm
	tests/install/check.sh

# (Cross-built: under qemu-user, molvm itself as well when a test runs it.)
unit: $(BUILD)/unit-tests $(BUILD)/molvm
	MOLVM="$(strip $(RUN) $(abspath $(BUILD))/molvm)" $(RUN) $(BUILD)/unit-tests
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

# molvm with SDL for ppc64le and the helper that closes its window as a
# window manager would and reads its pixels (tests/ui/xwin.c), against
# Debian's ppc64el SDL2
# and Xlib (contrib/fetch-xdisplay.sh, cached; its path in
# build/xdisplay.path): for 17-sdl-storm, whose test host gets the
# packed X display appended to its initramfs.  The objects are the static
# build's (the same flags): only the link and ui/sdl/ are new.
cross-sdl: build/xdisplay.path
	$(MAKE) ARCH=ppc64le SDL_SYSROOT="$$(cat $<)/sysroot" \
		build/ppc64le/molvm-sdl build/ppc64le/xwin
build/xdisplay.path: FORCE
	@mkdir -p $(@D)
	$(Q)x=$$(MOLVM_CACHE=$(CACHE) contrib/fetch-xdisplay.sh | tail -n 1) && [ -f "$$x/xdisplay.cpio" ] && \
		{ echo "$$x" | cmp -s - $@ || echo "$$x" >$@; }
$(BUILD)/xwin: tests/ui/xwin.c
	@mkdir -p $(@D)
	$(call say,CC,$@) $(CC) $(CFLAGS) -isystem $(SDL_SYSROOT)/usr/include -o $@ $< \
		-L$(SDL_SYSROOT)/usr/lib/$(MULTIARCH) -lX11 -Wl,-rpath-link,$(SDL_LIBDIRS)

# Big-endian molvm: ppc64 (the BE POWER8 and G5 test hosts), ppc (the G4).
cross-be:
	$(MAKE) ARCH=ppc64 build/ppc64/molvm
	$(MAKE) ARCH=ppc build/ppc/molvm

# Extra files the system scenarios need in the test host go to
# build/sysfiles/ (each feature adds its rule as a prerequisite here).
# One initramfs per guest script: tests/system/guest/NAME.sh ->
# build/sysfiles/linux-NAME.cpio.gz
# (distro*.sh are the stock kernel's, below.)
LINUX_GUEST_INITRDS := $(patsubst tests/system/guest/%.sh,build/sysfiles/linux-%.cpio.gz,\
			 $(filter-out tests/system/guest/distro%,$(wildcard tests/system/guest/*.sh)))
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

# Files only one scenario needs go to build/sysfiles/SCENARIO/ (see
# tests/system/run.sh).  Debian's stock kernel (contrib/fetch-distro-kernel.sh,
# cached by package version) and its virtio modules for 60-distro; the
# path of the unpacked package is rewritten only when it changes.
DISTRO    := build/sysfiles/60-distro
sysfiles: $(DISTRO)/vmlinux-distro $(DISTRO)/linux-distro.cpio.gz $(DISTRO)/distro-release
build/distro-kernel.path: FORCE
	@mkdir -p $(@D)
	$(Q)d=$$(contrib/fetch-distro-kernel.sh | tail -n 1) && [ -d "$$d" ] && \
		{ echo "$$d" | cmp -s - $@ || echo "$$d" >$@; }
$(DISTRO)/vmlinux-distro: build/distro-kernel.path
	@mkdir -p $(@D)
	$(call say,CP,$@) cp "$$(cat $<)/vmlinux" $@
$(DISTRO)/distro-release: build/distro-kernel.path
	@mkdir -p $(@D)
	$(Q)cp "$$(cat $<)/release" $@
$(DISTRO)/linux-distro.cpio.gz: tests/system/guest/distro.sh contrib/guest/mkguestinitrd.sh \
				build/distro-kernel.path
	@mkdir -p $(@D)
	$(call say,INITRD,$@) contrib/guest/mkguestinitrd.sh $@ $< \
		"$$(cat build/distro-kernel.path)/modules=opt/modules" 2>/dev/null

# 17-sdl-storm: molvm with SDL and the window helper (make cross-sdl), and the packed X display appended to that scenario's test
# host's initramfs (tests/system/run.sh: *.initrd-append; a link to the
# cached archive).
SDLSTORM  := build/sysfiles/17-sdl-storm
sysfiles: $(SDLSTORM)/molvm-sdl
$(SDLSTORM)/molvm-sdl: FORCE
	$(Q)$(MAKE) -s cross-sdl
	@mkdir -p $(@D)
	$(Q)for f in molvm-sdl xwin; do \
		cmp -s build/ppc64le/$$f $(@D)/$$f || cp build/ppc64le/$$f $(@D)/$$f; done
	$(Q)ln -sfn "$$(cat build/xdisplay.path)/xdisplay.cpio" $(@D)/xdisplay.initrd-append

# powermac: the tree molvm --dump-dtb writes for the pm32 guest (its image
# is claimed in /memory "available"), and its canonical listing (dtc's
# fdtget), which the pm32 guest's OSI tree walk must reproduce.
PM_SYSFILES := build/sysfiles/powermac-64m.dtb build/sysfiles/powermac-64m.tree \
	       build/sysfiles/powermac-of32.tree \
	       build/sysfiles/ablk-test.img build/sysfiles/synthetic-macos.rom
sysfiles: $(PM_SYSFILES)
build/sysfiles/powermac-64m.dtb: build/native/molvm build/guests/pm32.elf
	@mkdir -p $(@D)
	$(call say,DTB,$@) build/native/molvm -M powermac -cpu 7447a -m 64 -kernel build/guests/pm32.elf \
		--dump-dtb $@
build/sysfiles/powermac-64m.tree: build/sysfiles/powermac-64m.dtb tests/system/fdt-canon.sh
	$(call say,GEN,$@) tests/system/fdt-canon.sh $< >$@
# The tree the of32 guest walks through the client interface (one disk).
build/sysfiles/powermac-of32.tree: build/native/molvm build/guests/of32.elf tests/system/fdt-canon.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@) build/native/molvm -M powermac,firmware=of -m 64 \
		-kernel build/guests/of32.elf -drive file=/nonexistent.img --dump-dtb $@.dtb && \
		tests/system/fdt-canon.sh $@.dtb >$@ && rm $@.dtb
build/guests/of32.elf:
	$(MAKE) -C tests/guests O=$(CURDIR)/build/guests $(CURDIR)/build/guests/of32.elf
# A synthetic NewWorld "Mac OS ROM": the CHRP-BOOT header, a test guest
# as its ELF image at 0x4000, then 64 KiB standing in for the compressed
# toolbox (starting "prcl").  (Real ROMs cannot be shipped.)
define make-rom
	@mkdir -p $(@D)
	$(call say,GEN,$@) { printf '<CHRP-BOOT>\n<COMPATIBLE>\nMacRISC MacRISC2 MacRISC3\n</COMPATIBLE>\n<DESCRIPTION>\nmolvm synthetic test ROM\n</DESCRIPTION>\n<BOOT-SCRIPT>\n</BOOT-SCRIPT>\n</CHRP-BOOT>\n'; } >$@.tmp && \
		truncate -s 16384 $@.tmp && \
		powerpc-linux-gnu-objcopy --strip-all $< $@.elf && cat $@.elf >>$@.tmp && rm $@.elf && \
		perl -e 'print "prcl"; print chr($$_ * 7 & 0xff) for 1..65532' >>$@.tmp && mv $@.tmp $@
endef
# -rom with the pm32 guest (20-powermac)
build/sysfiles/synthetic-macos.rom: build/guests/pm32.elf
	$(make-rom)
# The Mac OS boot of 60-macos: macrom32 as the ROM's ELF image, as a file
# (-rom), on a blessed HFS disk made by hfsutils (the ROM search) and on an
# HFS+ CD made by xorriso (an Apple partition map, as Apple's CDs have)
MACOS_SYSFILES := build/sysfiles/macrom.rom build/sysfiles/macos-hd.img \
		  build/sysfiles/macos-cd.iso
sysfiles: $(MACOS_SYSFILES)
build/sysfiles/macrom.rom: build/guests/macrom32.elf
	$(make-rom)
build/guests/macrom32.elf:
	$(MAKE) -C tests/guests O=$(CURDIR)/build/guests $(CURDIR)/build/guests/macrom32.elf
build/sysfiles/macos-hd.img: build/sysfiles/macrom.rom
	$(call say,HFS,$@) rm -rf $@.home && mkdir -p $@.home && export HOME=$(CURDIR)/$@.home && \
		dd if=/dev/zero of=$@.tmp bs=1M count=8 2>/dev/null && \
		hformat -l 'Macintosh HD' $@.tmp >/dev/null && hmkdir ':System Folder' && \
		hcopy -r $< ':System Folder:Mac OS ROM' && \
		hattrib -t tbxi -c chrp ':System Folder:Mac OS ROM' && \
		hcopy -r /etc/hostname ':System Folder:Finder' && \
		hattrib -t FNDR -c MACS ':System Folder:Finder' && \
		hcopy -r /etc/hostname ':System Folder:System' && \
		hattrib -t zsys -c MACS ':System Folder:System' && \
		hattrib -b ':System Folder' && humount >/dev/null && rm -rf $@.home && mv $@.tmp $@
build/sysfiles/macos-cd.iso: build/sysfiles/macrom.rom
	$(call say,ISO,$@) rm -rf $@.root && mkdir -p '$@.root/System Folder' && \
		cp $< '$@.root/System Folder/Mac OS ROM' && \
		xorriso -as mkisofs -quiet -hfsplus -hfsplus-file-creator-type chrp tbxi \
			'/System Folder/Mac OS ROM' -hfs-bless-by p '/System Folder' -V MOLVM_CD \
			-o $@.tmp $@.root 2>/dev/null && rm -rf $@.root && mv $@.tmp $@
build/guests/pm32.elf:
	$(MAKE) -C tests/guests O=$(CURDIR)/build/guests $(CURDIR)/build/guests/pm32.elf

# 1 MiB disk image for the ABLK test: sector n = "SECT", n (BE32), 504 x (n & 0xff)
build/sysfiles/ablk-test.img:
	@mkdir -p $(@D)
	$(call say,GEN,$@) perl -e 'print pack("a4N", "SECT", $$_) . (chr($$_ & 0xff) x 504) for 0..2047' >$@

# The stock 32-bit PowerMac Linux (60-powermac-linux, make demo
# MACHINE=powermac): pmac32_defconfig plus the project's fragment
# (build-kernel.sh ppc32, also the G4 test host's kernel) and a static
# ppc32 busybox (build-sysroot.sh ppc) for each tests/system/guest32/NAME.sh.
LINUX32_GUEST_INITRDS := $(patsubst tests/system/guest32/%.sh,build/sysfiles/linux32-%.cpio,\
			   $(wildcard tests/system/guest32/*.sh))
sysfiles: build/sysfiles/vmlinux-pmac32 $(LINUX32_GUEST_INITRDS)
build/sysfiles/vmlinux-pmac32: FORCE
	@mkdir -p $(dir $@)
	$(Q)k=$$(contrib/testhost/build-kernel.sh ppc32 | tail -n 1) && \
		{ cmp -s "$$k" $@ || cp "$$k" $@; }
build/sysfiles/linux32-%.cpio: tests/system/guest32/%.sh contrib/guest/mkguestinitrd.sh
	@mkdir -p $(dir $@)
	$(call say,INITRD,$@) bb=$$(contrib/build-sysroot.sh ppc | tail -n 1)/bin/busybox && \
		MOLVM_BUSYBOX=$$bb contrib/guest/mkguestinitrd.sh $@ $< 2>/dev/null

# The big-endian Linux guest (55-linux-be): the big-endian kernel
# (build-kernel.sh ppc64, also the BE and G5 test hosts' kernel) and a
# static /init, the guest's whole userland.
sysfiles: build/sysfiles/vmlinux-be build/sysfiles/linux-be.cpio.gz
build/sysfiles/vmlinux-be: FORCE
	@mkdir -p $(dir $@)
	$(Q)k=$$(contrib/testhost/build-kernel.sh ppc64 | tail -n 1) && \
		{ cmp -s "$$k" $@ || cp "$$k" $@; }
build/sysfiles/linux-be.cpio.gz: tests/system/guest/be-init.c
	@mkdir -p $(dir $@) build/guest-be/root/proc build/guest-be/root/sys build/guest-be/root/dev
	$(call say,INITRD,$@) powerpc64-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 \
		-D_GNU_SOURCE -o build/guest-be/root/init $< && \
		(cd build/guest-be/root && printf '%s\n' dev init proc sys | \
		 cpio -o -H newc -R 0:0 --quiet) | gzip -9n >$@

sysfiles: build/sysfiles/qmp-client build/sysfiles/ctlprobe build/sysfiles/vnc-client build/sysfiles/wavcheck
# The sound test's WAV analyser (the test host has no sox), and the
# guest's tone player (bare ALSA ioctls; the guest has no alsa-lib).
build/sysfiles/wavcheck: tests/system/wavcheck.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -o $@ $<
build/alsa-tone: tests/system/alsa_tone.c tests/guests/cosine48.h
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -o $@ $<
build/sysfiles/linux-sound.cpio.gz: tests/system/guest/sound.sh build/alsa-tone contrib/guest/mkguestinitrd.sh
	@mkdir -p $(dir $@)
	$(call say,INITRD,$@) contrib/guest/mkguestinitrd.sh $@ $< build/alsa-tone 2>/dev/null
# The VNC test client (libvncclient), static for the test host.
build/sysfiles/vnc-client: tests/ui/vnc_client.c FORCE
	$(Q)$(MAKE) -s ARCH=ppc64le build/ppc64le/vnc-client
	@mkdir -p $(dir $@)
	$(Q)cmp -s build/ppc64le/vnc-client $@ || cp build/ppc64le/vnc-client $@

# A control-socket client for the scenarios (busybox has none).
build/sysfiles/qmp-client: tests/system/qmp_client.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -D_GNU_SOURCE -o $@ $<

# Runs molvm under a hostile guest and times its control plane.
build/sysfiles/ctlprobe: tests/system/ctlprobe.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@) powerpc64le-linux-gnu-gcc -static -O2 $(WARN) -std=gnu11 -D_GNU_SOURCE -o $@ $< -lpthread

# Every system scenario boots its own test host, an emulated machine with
# one CPU (one QEMU thread), so SYSTEM_JOBS of them run at once (default:
# one per CPU); each one's output is printed whole when it ends (make -O).
#   make system [SCENARIOS="tests/system/scenarios/20-x.sh ..."]
#                       on the LE POWER8 test host
#   make system-hosts   on the other test hosts, each with the scenarios
#                       that fit it: the big-endian POWER8 and the PowerMac
#                       G5 (64-bit, BE molvm), the G4 (32-bit molvm,
#                       powermac only); make system-HOST runs one of them
#   make system-all     both, in one pool (what make check runs)
SYSTEM_JOBS ?= $(shell nproc)
SCENARIOS ?= $(wildcard tests/system/scenarios/*.sh)
HOST_SCENARIOS_powernv8-be := 10-foundation 20-powermac 50-linux
HOST_SCENARIOS_g5 := 10-foundation 20-powermac
HOST_SCENARIOS_g4 := 20-powermac 25-powermac-state
TEST_HOSTS := powernv8-be g5 g4
# A run is system-run/HOST/SCENARIO.  The longest ones start first, so
# that the pool does not end with one of them running alone.
SLOW_RUNS := system-run/powernv8-le/60-distro system-run/powernv8-le/60-powermac-linux \
	     system-run/g4/20-powermac system-run/powernv8-le/16-storm
le_runs = $(patsubst tests/system/scenarios/%.sh,system-run/powernv8-le/%,$(SCENARIOS))
host_runs = $(foreach h,$(1),$(HOST_SCENARIOS_$(h):%=system-run/$(h)/%))
slow_first = $(filter $(SLOW_RUNS),$(1)) $(filter-out $(SLOW_RUNS),$(1))
run_pool = $(MAKE) -k -j$(SYSTEM_JOBS) -Otarget $(call slow_first,$(1)) && \
	echo "=== these system scenarios passed: $(patsubst system-run/%,%,$(1))"
system-run/%: FORCE
	tests/system/run.sh --host $(word 1,$(subst /, ,$*)) \
		tests/system/scenarios/$(word 2,$(subst /, ,$*)).sh
.PHONY: system system-hosts system-all $(TEST_HOSTS:%=system-%)
system: cross guests sysfiles
	$(call run_pool,$(le_runs))
system-hosts: cross-be guests sysfiles
	$(call run_pool,$(call host_runs,$(TEST_HOSTS)))
$(TEST_HOSTS:%=system-%): system-%: cross-be guests sysfiles
	$(call run_pool,$(call host_runs,$*))
system-all: cross cross-be guests sysfiles
	$(call run_pool,$(le_runs) $(call host_runs,$(TEST_HOSTS)))

# The test hosts' and Linux guests' kernels (build-kernel.sh, cached),
# niced: make check builds them beside the unit tests, which leave a CPU
# idle most of the time.  All three at once, so that one's serial steps
# (unpacking, configuring, the vmlinux links) overlap the others' compiles.
# (MAKEFLAGS would hand the kernel's own make this make's job server and
# output mode.)
kernels:
	$(Q)pids=""; for t in ppc64le ppc64 ppc32; do \
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL MOLVM_JOBS=$$(nproc) nice -n 10 \
			contrib/testhost/build-kernel.sh $$t >/dev/null & pids="$$pids $$!"; \
	done; rc=0; for p in $$pids; do wait $$p || rc=1; done; exit $$rc

# molvm's KVM ABI declarations against the real PowerPC <linux/kvm.h>, for
# each host kind: ppc64le, big-endian ppc64, 32-bit ppc.
abi:
	$(MAKE) -C tests/abi run ARCH=ppc64le O=$(CURDIR)/build/ppc64le
	$(MAKE) -C tests/abi run ARCH=ppc64 O=$(CURDIR)/build/ppc64
	$(MAKE) -C tests/abi run ARCH=ppc O=$(CURDIR)/build/ppc

check: setup
	$(MAKE) -j2 check-host kernels
	$(MAKE) system-all
# The tests that run on this machine, one after the other; then what the
# system tests boot (molvm for each test host, the test guests), built
# while the kernels still are.
check-host:
	$(MAKE) unit
	$(MAKE) unit-asan
	$(MAKE) ARCH=ppc64 unit
	$(MAKE) ARCH=ppc unit
	$(MAKE) fuzz-smoke
	$(MAKE) ui-test
	$(MAKE) install-test
	$(MAKE) abi
	$(MAKE) cross
	$(MAKE) cross-sdl
	$(MAKE) cross-be
	$(MAKE) guests

demo: setup cross guests sysfiles
	tests/system/demo.sh

# make bench also boots Debian's stock kernel under QEMU 7.2 for ppc64el
# (contrib/fetch-qemu.sh: an archive appended to the test host's initramfs;
# its path in build/qemu.path) and under molvm.
BENCH_FILES := build/bench/linux-distro-bench.cpio.gz build/qemu.path
build/bench/linux-distro-bench.cpio.gz: tests/system/guest/distro-bench.sh \
					contrib/guest/mkguestinitrd.sh build/distro-kernel.path
	@mkdir -p $(@D)
	$(call say,INITRD,$@) contrib/guest/mkguestinitrd.sh $@ $< \
		"$$(cat build/distro-kernel.path)/modules=opt/modules" 2>/dev/null
build/qemu.path: FORCE
	@mkdir -p $(@D)
	$(Q)q=$$(contrib/fetch-qemu.sh | tail -n 1) && [ -f "$$q" ] && \
		{ echo "$$q" | cmp -s - $@ || echo "$$q" >$@; }

bench: setup cross guests sysfiles $(BENCH_FILES)
	$(MAKE) bench-sdl
	tests/system/bench.sh

clean:
	rm -rf build

-include $(wildcard $(BUILD)/tests/ui/*.d $(BUILD)/bench/*.d $(BUILD)/tests/fuzz/*.d) $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) \
	 $(BUILD)/vmm/main.d $(SDL_OBJS:.o=.d) $(VNC_OBJS:.o=.d)
