#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# setup.sh - install every Debian 12 package that building and testing molvm
# needs, then fetch the private ppc64el sysroot (contrib/fetch-sysroot.sh).
#
# Idempotent: when dpkg already reports every package installed, apt is not
# touched at all (CI machines are often reused, and apt-get update is the
# slowest part).  Needs root (CI and developer machines run as root);
# otherwise it uses sudo if present.

set -eu

here=$(cd "$(dirname "$0")" && pwd)

packages="
make gcc libc6-dev git ca-certificates pkg-config
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
gcc-powerpc-linux-gnu gcc-powerpc64-linux-gnu
libc6-dev-powerpc-cross libc6-dev-ppc64-cross meson ninja-build
qemu-system-ppc
linux-source-6.1 flex bison bc libssl-dev libelf-dev patch
libfdt-dev libevent-dev check libsdl2-dev device-tree-compiler
cpio gzip xz-utils busybox-static file util-linux coreutils
qemu-user-static
libjson-c-dev libpng-dev xvfb xdotool x11-apps xauth
libvncserver-dev libslirp-dev cmake dpkg-dev debian-archive-keyring
hfsutils xorriso
clang libclang-rt-14-dev llvm-14
"
# Why the less obvious ones are here:
#   linux-source-6.1 flex bison bc libssl-dev libelf-dev: the test-host
#     kernel (KVM PR) is built from source, Debian ships no PR-capable one.
#   util-linux: flock(1) serialises concurrent kernel builds.
#   busybox-static (amd64): handy on the build host; the test host's busybox
#     comes from the ppc64el sysroot.
#   qemu-user-static: runs the cross-built ABI check (tests/abi) and the
#     big-endian unit tests here.
#   libc6-dev-powerpc-cross libc6-dev-ppc64-cross meson ninja-build: the
#     big-endian sysroots are built from Debian's source packages
#     (contrib/debsrc.sh, contrib/build-sysroot.sh; GLib builds with meson,
#     json-c and libvncserver with CMake).
#   libfdt-dev libevent-dev check libsdl2-dev: native (amd64) builds of
#     the parts of molvm that can be unit-tested on the build machine.
#   libjson-c-dev libpng-dev: the control socket's JSON and screendump's
#     PNG (the ppc64el copies come from fetch-sysroot.sh).
#   libvncserver-dev libslirp-dev: VNC and user networking in the native
#     build; cmake dpkg-dev debian-archive-keyring: their static ppc64el
#     builds from Debian's source packages (contrib/build-deps.sh).
#   hfsutils xorriso: Mac disk and CD images made by software nobody here
#     wrote, for the HFS/HFS+ ROM search (hformat/hcopy/hattrib -b: HFS;
#     xorriso -hfsplus: an HFS+ CD behind an Apple partition map; Debian 12
#     has no hfsprogs).
#   xvfb xdotool x11-apps xauth: the SDL display test (make ui-test) runs
#     a real window on a virtual X server, grabs it with xwd and types
#     into it with xdotool.
#   clang libclang-rt-14-dev llvm-14: the libFuzzer harnesses (make fuzz,
#     make fuzz-smoke): clang with its fuzzer, ASan and UBSan runtimes,
#     and llvm-symbolizer for readable crash reports.

SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "setup.sh: must run as root (or have sudo)" >&2
		exit 1
	}
	SUDO=sudo
fi

missing=
for p in $packages; do
	# dpkg-query prints "install ok installed" only for fully set-up packages.
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "setup.sh: installing:$missing"
	# A mirror caught mid-sync fails an index now and then: retried, then
	# the install is tried anyway with whatever lists did arrive.
	APT_LIB_NAME=setup.sh
	. "$here/apt-lib.sh"
	apt_update
	# --no-install-recommends keeps qemu from pulling in a desktop's worth
	# of GUI and audio packages.
	$SUDO env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends $packages
else
	echo "setup.sh: all packages already installed"
fi

exec "$here/fetch-sysroot.sh"
