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
# libraries and its unit-test framework), GLib with pcre2 and libffi (what
# libslirp needs: contrib/build-deps.sh builds it and libvncserver on top
# of this sysroot), and busybox with Debian's busybox-static configuration
# (the userland of the big-endian test hosts).
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
ppc64) triplet=powerpc64-linux-gnu qemu=qemu-ppc64-static ;;
ppc) triplet=powerpc-linux-gnu qemu=qemu-ppc-static ;;
*) echo "usage: $0 ppc64|ppc" >&2; exit 2 ;;
esac
cc=$triplet-gcc
command -v "$cc" >/dev/null || { echo "build-sysroot: $cc missing; run contrib/setup.sh" >&2; exit 1; }
kpkg=linux-source-6.1
kver=$(dpkg-query -W -f='${Version}' $kpkg 2>/dev/null || true)
[ -n "$kver" ] && [ -r /usr/src/$kpkg.tar.xz ] ||
	{ echo "build-sysroot: $kpkg missing; run contrib/setup.sh" >&2; exit 1; }

pkgs="zlib libpng1.6 json-c libevent check busybox pcre2 libffi glib2.0"
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
# The library only: no tools, no test programs.
make -j"$jobs" libpng16.la >>"$log" 2>&1 || fail "libpng build"
make install-libLTLIBRARIES install-pkgincludeHEADERS install-nodist_pkgincludeHEADERS \
	install-header-links install-library-links DESTDIR="$dest" >>"$log" 2>&1 ||
	fail "libpng install"

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
# The library and its headers only: no checkmk, no self-tests.
make -j"$jobs" -C lib >>"$log" 2>&1 && make -j"$jobs" -C src >>"$log" 2>&1 ||
	fail "check build"
make -C src install DESTDIR="$dest" >>"$log" 2>&1 &&
	make install-includeHEADERS DESTDIR="$dest" >>"$log" 2>&1 || fail "check install"

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

# GLib: pcre2 and libffi first (autotools), then GLib's meson build cut to
# libglib-2.0.a, the one library libslirp uses.  meson runs its test
# programs under qemu-user (the exe_wrapper), which answers the printf and
# stack checks a cross build cannot guess.
say "pcre2 from $(src 7)"
copy "$(src 7)" pcre2
conf --enable-pcre2-8 --disable-pcre2-16 --disable-pcre2-32 --disable-jit \
	--disable-pcre2grep-libz --disable-pcre2grep-libbz2 || fail "pcre2 configure"
make -j"$jobs" libpcre2-8.la >>"$log" 2>&1 || fail "pcre2 build"
make install-libLTLIBRARIES install-includeHEADERS install-nodist_includeHEADERS \
	install-pkgconfigDATA DESTDIR="$dest" >>"$log" 2>&1 || fail "pcre2 install"

say "libffi from $(src 8)"
copy "$(src 8)" libffi
conf --disable-docs --disable-multi-os-directory || fail "libffi configure"
make -j"$jobs" >>"$log" 2>&1 || fail "libffi build"
make install DESTDIR="$dest" >>"$log" 2>&1 || fail "libffi install"

say "glib from $(src 9)"
cat >"$work/cross.txt" <<CROSS
[binaries]
c = '$cc'
ar = '$triplet-ar'
strip = '$triplet-strip'
pkgconfig = 'pkg-config'
exe_wrapper = ['$qemu', '-L', '/usr/$triplet']
[host_machine]
system = 'linux'
cpu_family = '$arch'
cpu = '$arch'
endian = 'big'
CROSS
PKG_CONFIG_LIBDIR=$dest/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest \
	meson setup "$work/glib" "$(src 9)" --cross-file "$work/cross.txt" \
	--prefix=/usr --libdir=lib --buildtype=release --wrap-mode=nodownload \
	-Ddefault_library=static -Dc_args="$cflags" -Dtests=false -Dinstalled_tests=false \
	-Dnls=disabled -Dselinux=disabled -Dxattr=false -Dlibmount=disabled -Dman=false \
	-Dgtk_doc=false -Dlibelf=disabled -Dsysprof=disabled -Ddtrace=false \
	-Dsystemtap=false >>"$log" 2>&1 || fail "glib meson"
# libglib links GLib's internal static libraries (libcharset, and gnulib
# where the C library falls short) into itself only when it is shared: a
# static one gets their objects added here.
internal=$(ninja -C "$work/glib" -t targets all |
	sed -n 's,^\(glib/[a-z_]*/lib[a-z_]*\.a\): STATIC_LINKER$,\1,p')
ninja -C "$work/glib" -j"$jobs" glib/libglib-2.0.a $internal >>"$log" 2>&1 || fail "glib build"
# (meson makes them thin archives: ar t names their objects' paths)
internal_objs=$(cd "$work/glib" && for a in $internal; do $triplet-ar t "$a"; done)
g=$(src 9)/glib
mkdir -p "$dest/usr/include/glib-2.0/glib/deprecated" "$dest/usr/lib/glib-2.0/include"
cp "$g/glib.h" "$g/glib-unix.h" "$dest/usr/include/glib-2.0/"
cp "$g"/*.h "$dest/usr/include/glib-2.0/glib/"
rm -f "$dest/usr/include/glib-2.0/glib/glib.h" "$dest/usr/include/glib-2.0/glib/glib-unix.h"
cp "$g"/deprecated/*.h "$dest/usr/include/glib-2.0/glib/deprecated/"
cp "$work/glib/glib/glibconfig.h" "$dest/usr/lib/glib-2.0/include/"
[ "$(head -c 7 "$work/glib/glib/libglib-2.0.a")" = '!<arch>' ] || fail "glib (a thin libglib-2.0.a)"
cp "$work/glib/glib/libglib-2.0.a" "$dest/usr/lib/"
# (q, not r: r would replace a member of the same name)
[ -z "$internal_objs" ] ||
	(cd "$work/glib" && $triplet-ar qs "$dest/usr/lib/libglib-2.0.a" $internal_objs)

for f in usr/lib/libz.a usr/lib/libpng16.a usr/include/png.h usr/lib/libjson-c.a \
	usr/include/json-c/json.h usr/lib/libevent_core.a usr/lib/libevent_pthreads.a \
	usr/include/event2/event.h usr/lib/libcheck.a usr/include/check.h \
	usr/lib/libfdt.a usr/include/libfdt.h usr/lib/libpcre2-8.a usr/lib/libffi.a \
	usr/lib/libglib-2.0.a usr/include/glib-2.0/glib.h usr/lib/glib-2.0/include/glibconfig.h \
	bin/busybox; do
	[ -f "$dest/$f" ] || fail "$f missing after the build;"
done
echo "$srcs" >"$dest/.sources"
rm -rf "$out"
mv "$dest" "$out"
touch "$out/.stamp"
say "built $out in $(($(date +%s) - t0)) s"
echo "$out"
