#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-deps.sh [ppc64el|ppc64|ppc] - static builds of the libraries
# whose Debian .debs carry no static archive (ppc64el), or that Debian has
# no packages of at all (ppc64, ppc): libvncserver (with libvncclient, for
# the VNC test client) and libslirp.  Built from Debian 12's source
# packages (contrib/debsrc.sh) with only what molvm needs: libvncserver
# without TLS, SASL, websockets, JPEG, PNG or systemd (its built-in DES
# serves VNC password authentication; zlib comes from the sysroot),
# libslirp against the sysroot's static GLib (ppc64el: Debian's .debs,
# contrib/fetch-sysroot.sh; ppc64, ppc: built from source,
# contrib/build-sysroot.sh).  Installed into
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/deps-ARCH-KEY/{include,lib}
#
# KEY hashes this script, the source versions and the sysroot's path, so
# a change to any of them builds anew and old trees stay for branches
# that still use them.  Prints that path as its last stdout line.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
arch=${1:-ppc64el}
cflags="-O2 -fPIC"
case $arch in
ppc64el)
	triplet=powerpc64le-linux-gnu cpu=ppc64le
	# (fetch-sysroot.sh lists its files on stderr: run it only when it
	# has work to do)
	sysroot=$(MOLVM_CACHE=$cache "$here/fetch-sysroot.sh" --print-path)
	[ -f "$sysroot/.stamp-${sysroot##*-}" ] ||
		sysroot=$(MOLVM_CACHE=$cache "$here/fetch-sysroot.sh" | tail -n 1) ;;
ppc64 | ppc)
	triplet=powerpc64-linux-gnu cpu=ppc64
	[ $arch = ppc64 ] || { triplet=powerpc-linux-gnu cpu=ppc cflags="$cflags -D_FILE_OFFSET_BITS=64"; }
	sysroot=$(MOLVM_CACHE=$cache "$here/build-sysroot.sh" $arch | tail -n 1) ;;
*)
	echo "usage: $0 [ppc64el|ppc64|ppc]" >&2
	exit 2 ;;
esac
cc=$triplet-gcc
# GLib's two include directories: its headers, and glibconfig.h next to
# the library (Debian's multiarch directory, or plain lib/).
glibcfg=$(ls "$sysroot"/usr/lib/$triplet/glib-2.0/include/glibconfig.h \
	"$sysroot"/usr/lib/glib-2.0/include/glibconfig.h 2>/dev/null | head -n 1)
[ -n "$glibcfg" ] || { echo "build-deps: no GLib in $sysroot" >&2; exit 1; }
srcs=$("$here/debsrc.sh" libvncserver libslirp)
vnc_src=$(echo "$srcs" | sed -n 1p)
slirp_src=$(echo "$srcs" | sed -n 2p)
key=$({ cat "$0"; echo "$arch"; echo "$srcs"; echo "$sysroot"; } | sha256sum | cut -c1-16)
out=$cache/deps-$arch-$key
if [ -f "$out/.stamp" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/deps-$arch.lock"
flock 9
if [ -f "$out/.stamp" ]; then
	echo "$out"
	exit 0
fi
rm -rf "$out.new"
work=$(mktemp -d "${TMPDIR:-/tmp}/molvm-deps.XXXXXX")
trap 'rm -rf "$work" "$out.new"' EXIT
mkdir -p "$out.new/lib" "$out.new/include"
log=$work/build.log
fail() { tail -n 30 "$log" >&2; echo "build-deps: $1 failed" >&2; exit 1; }

# ---- libvncserver + libvncclient (CMake, cross) --------------------------------
echo "build-deps: libvncserver from $vnc_src" >&2
cat >"$work/toolchain.cmake" <<TC
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR $cpu)
set(CMAKE_C_COMPILER $cc)
set(CMAKE_FIND_ROOT_PATH $sysroot)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE $triplet)
TC
off="LZO JPEG PNG SDL GTK LIBSSH2 GNUTLS OPENSSL SYSTEMD GCRYPT FFMPEG
TIGHTVNC_FILETRANSFER WEBSOCKETS SASL EXAMPLES TESTS"
flags=""
for o in $off; do flags="$flags -DWITH_$o=OFF"; done
# shellcheck disable=SC2086
cmake -S "$vnc_src" -B "$work/vnc" -DCMAKE_TOOLCHAIN_FILE="$work/toolchain.cmake" \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="$cflags" -DBUILD_SHARED_LIBS=OFF \
	-DCMAKE_INSTALL_PREFIX="$out.new" -DCMAKE_INSTALL_LIBDIR=lib \
	-DWITH_ZLIB=ON -DWITH_THREADS=ON -DWITH_IPv6=ON $flags >"$log" 2>&1 || fail "libvncserver cmake"
cmake --build "$work/vnc" -j2 >>"$log" 2>&1 || fail "libvncserver build"
cmake --install "$work/vnc" >>"$log" 2>&1 || fail "libvncserver install"
for f in lib/libvncserver.a lib/libvncclient.a include/rfb/rfb.h include/rfb/rfbclient.h; do
	[ -f "$out.new/$f" ] || fail "libvncserver: $f missing;"
done

# ---- libslirp (its meson.build's source list, compiled directly) ---------------
echo "build-deps: libslirp from $slirp_src" >&2
ver=$(sed -n "s/^ *version *: *'\([0-9.]*\)'.*/\1/p" "$slirp_src/meson.build" | head -n 1)
maj=${ver%%.*} rest=${ver#*.}
min=${rest%%.*} mic=${rest#*.}
mkdir -p "$work/slirp" "$out.new/include/slirp"
sed -e "s/@SLIRP_MAJOR_VERSION@/$maj/" -e "s/@SLIRP_MINOR_VERSION@/$min/" \
	-e "s/@SLIRP_MICRO_VERSION@/$mic/" -e "s/@SLIRP_VERSION_STRING@/\"$ver\"/" \
	"$slirp_src/src/libslirp-version.h.in" >"$out.new/include/slirp/libslirp-version.h"
cp "$slirp_src/src/libslirp.h" "$out.new/include/slirp/"
objs=""
for s in $(sed -n "s/^ *'\(src\/[a-z0-9_]*\.c\)',*$/\1/p" "$slirp_src/meson.build"); do
	o=$work/slirp/$(basename "$s" .c).o
	$cc $cflags -DG_LOG_DOMAIN='"Slirp"' -I"$out.new/include/slirp" \
		-I"$sysroot/usr/include/glib-2.0" -I"$(dirname "$glibcfg")" \
		-c -o "$o" "$slirp_src/$s" >>"$log" 2>&1 || fail "libslirp $s"
	objs="$objs $o"
done
[ -n "$objs" ] || fail "libslirp: no sources in meson.build;"
# shellcheck disable=SC2086
$triplet-ar rcs "$out.new/lib/libslirp.a" $objs

rm -rf "$out"
mv "$out.new" "$out"
{ echo "$srcs"; echo "$sysroot"; } >"$out/.stamp"
echo "$out"
