#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-sysroot.sh ARCH - a static sysroot for big-endian molvm, built from
# source, and print its path as the last stdout line.  ARCH:
#
#   ppc64   64-bit big-endian (PowerMac G5, big-endian POWER hosts)
#   ppc     32-bit (PowerMac G3/G4)
#
# Debian 12 ships no binary packages for either (they live in
# debian-ports), but its source packages build with the cross compilers
# (gcc-powerpc64-linux-gnu + libc6-dev-ppc64-cross, gcc-powerpc-linux-gnu +
# libc6-dev-powerpc-cross).  From Debian's sources (contrib/debsrc.sh, with
# Debian's patches): zlib, libpng1.6, json-c, libevent and check (molvm's
# libraries and its unit-test framework), and busybox with Debian's
# busybox-static configuration (the userland of the big-endian test hosts).
# libfdt comes from linux-source-6.1's scripts/dtc/libfdt (Debian's
# device-tree-compiler source is not served by the mirror).  Everything is
# static and installed under usr/ (headers, lib/*.a) and bin/busybox:
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/sysroot-ARCH-KEY
#
# KEY hashes this script, ARCH, the source versions and linux-source's
# version, so a new Debian upload or an edit here builds anew; old trees
# stay for branches that still use them.  A cache hit costs one apt-cache
# query (about a second, no network unless the index is a day old).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
arch=${1:-}
case $arch in
ppc64) triplet=powerpc64-linux-gnu ;;
ppc) triplet=powerpc-linux-gnu ;;
*) echo "usage: $0 ppc64|ppc" >&2; exit 2 ;;
esac
cc=$triplet-gcc
command -v "$cc" >/dev/null || { echo "build-sysroot: $cc missing; run contrib/setup.sh" >&2; exit 1; }
kpkg=linux-source-6.1
kver=$(dpkg-query -W -f='${Version}' $kpkg 2>/dev/null || true)
[ -n "$kver" ] && [ -r /usr/src/$kpkg.tar.xz ] ||
	{ echo "build-sysroot: $kpkg missing; run contrib/setup.sh" >&2; exit 1; }

pkgs="zlib libpng1.6 json-c libevent check busybox"
srcs=$("$here/debsrc.sh" $pkgs)
src() { echo "$srcs" | sed -n "$1p"; }
key=$({ cat "$0"; echo "$arch $kpkg $kver"; echo "$srcs"; } | sha256sum | cut -c1-16)
out=$cache/sysroot-$arch-$key
if [ -f "$out/.stamp" ]; then
	echo "$out"
	exit 0
fi

exec 9>"$cache/sysroot-$arch.lock"
flock 9
if [ -f "$out/.stamp" ]; then
	echo "$out"
	exit 0
fi
t0=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/molvm-sysroot.XXXXXX")
trap 'rm -rf "$work" "$out.new"' EXIT INT TERM
rm -rf "$out.new"
mkdir -p "$out.new/usr/include" "$out.new/usr/lib" "$out.new/bin"
dest=$out.new
log=$work/build.log
fail() { tail -n 40 "$log" >&2; echo "build-sysroot: $1 failed (log above)" >&2; exit 1; }
say() { echo "build-sysroot: $arch: [$(($(date +%s) - t0)) s] $*" >&2; }
jobs=${MOLVM_JOBS:-$(($(nproc) + 1))}
# Large-file offsets everywhere: molvm is built with _FILE_OFFSET_BITS=64,
# and libevent's ev_off_t is the C library's off_t.
cflags="-O2 -D_FILE_OFFSET_BITS=64"
# autoconf packages: cross, static, installed under usr/ of the sysroot.
conf() {
	CC=$cc AR=$triplet-ar RANLIB=$triplet-ranlib CFLAGS="$cflags" \
	CPPFLAGS="-I$dest/usr/include" LDFLAGS="-L$dest/usr/lib" \
		./configure --host=$triplet --prefix=/usr --libdir=/usr/lib \
		--disable-shared --enable-static "$@" >>"$log" 2>&1
}
# Build in a copy: the unpacked trees in the cache stay pristine.  A
# Debian patch to an autotools input (libevent's Makefile.am: -no-undefined
# for its shared libraries) would make the build rerun automake, which is
# not installed and would not change a static build: the generated files
# are dated after their inputs, so make keeps them.
copy() {
	rm -rf "$work/$2"
	cp -a "$1" "$work/$2"
	cd "$work/$2"
	if [ -f configure ]; then
		find . \( -name Makefile.am -o -name configure.ac -o -name '*.m4' \) \
			-exec touch -d '2000-01-01' {} +
	fi
}

say "zlib from $(src 1)"
copy "$(src 1)" zlib
CHOST=$triplet CC=$cc CFLAGS="$cflags" ./configure --static --prefix=/usr --libdir=/usr/lib \
	>>"$log" 2>&1 || fail "zlib configure"
make -j"$jobs" libz.a >>"$log" 2>&1 || fail "zlib build"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "zlib install"

say "libpng from $(src 2)"
copy "$(src 2)" libpng
conf --enable-powerpc-vsx=no || fail "libpng configure"
make -j"$jobs" >>"$log" 2>&1 || fail "libpng build"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "libpng install"

say "json-c from $(src 3)"
cmake -S "$(src 3)" -B "$work/json-c" -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_C_COMPILER=$cc \
	-DCMAKE_C_FLAGS="$cflags" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
	-DBUILD_STATIC_LIBS=ON -DBUILD_TESTING=OFF -DBUILD_APPS=OFF -DDISABLE_WERROR=ON \
	-DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR=lib >>"$log" 2>&1 || fail "json-c cmake"
cmake --build "$work/json-c" -j"$jobs" >>"$log" 2>&1 || fail "json-c build"
DESTDIR="$dest" cmake --install "$work/json-c" >>"$log" 2>&1 || fail "json-c install"

say "libevent from $(src 4)"
copy "$(src 4)" libevent
conf --disable-openssl --disable-samples --disable-libevent-regress --disable-debug-mode \
	--disable-doxygen-html || fail "libevent configure"
make -j"$jobs" >>"$log" 2>&1 || fail "libevent build"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "libevent install"

say "check from $(src 5)"
copy "$(src 5)" check
conf --enable-subunit=no --disable-build-docs --enable-timeout-tests=no || fail "check configure"
make -j"$jobs" >>"$log" 2>&1 || fail "check build"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "check install"

say "libfdt from $kpkg $kver"
mkdir -p "$work/libfdt"
tar -C "$work/libfdt" -xJf /usr/src/$kpkg.tar.xz $kpkg/scripts/dtc/libfdt
fdt=$work/libfdt/$kpkg/scripts/dtc/libfdt
objs=""
for c in "$fdt"/*.c; do
	o=$work/libfdt/$(basename "$c" .c).o
	$cc $cflags -I"$fdt" -c -o "$o" "$c" >>"$log" 2>&1 || fail "libfdt $(basename "$c")"
	objs="$objs $o"
done
# shellcheck disable=SC2086
$triplet-ar rcs "$dest/usr/lib/libfdt.a" $objs
cp "$fdt/libfdt.h" "$fdt/fdt.h" "$fdt/libfdt_env.h" "$dest/usr/include/"

say "busybox from $(src 6) (Debian's busybox-static configuration)"
bb=$(src 6)
mkdir -p "$work/busybox"
cat "$bb/debian/config/os/linux" "$bb/debian/config/pkg/static" >"$work/busybox/.config"
(yes "" | make -C "$work/busybox" -f "$bb/Makefile" KBUILD_SRC="$bb" \
	CROSS_COMPILE=$triplet- silentoldconfig) >>"$log" 2>&1 || fail "busybox configure"
grep -qx 'CONFIG_STATIC=y' "$work/busybox/.config" || fail "busybox: not a static configuration;"
make -C "$work/busybox" -j"$jobs" CROSS_COMPILE=$triplet- SKIP_STRIP=y \
	BB_EXTRA_VERSION="Debian $(cat "$bb/.stamp" | cut -d' ' -f2)" busybox >>"$log" 2>&1 ||
	fail "busybox build"
cp "$work/busybox/busybox" "$dest/bin/busybox"

for f in usr/lib/libz.a usr/lib/libpng16.a usr/include/png.h usr/lib/libjson-c.a \
	usr/include/json-c/json.h usr/lib/libevent_core.a usr/lib/libevent_pthreads.a \
	usr/include/event2/event.h usr/lib/libcheck.a usr/include/check.h \
	usr/lib/libfdt.a usr/include/libfdt.h bin/busybox; do
	[ -f "$dest/$f" ] || fail "$f missing after the build;"
done
echo "$srcs" >"$dest/.sources"
rm -rf "$out"
mv "$dest" "$out"
touch "$out/.stamp"
say "built $out in $(($(date +%s) - t0)) s"
echo "$out"
