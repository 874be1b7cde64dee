#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch-sysroot.sh - unpack the ppc64el libraries molvm links against (and
# the busybox the test host boots) into a private sysroot:
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/sysroot-ppc64el
#
# Why not just `apt-get install libfdt-dev:ppc64el`: multiarch installs break
# whenever the ppc64el and amd64 copies of a library differ in version (they
# must be co-installable), which happens routinely between mirror syncs.
# Downloading the .debs and extracting them with dpkg-deb side-steps dpkg's
# database entirely; molvm links the static archives from there.
#
# Prints the sysroot path as its last stdout line.

set -eu

cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
arch=ppc64el
triplet=powerpc64le-linux-gnu

# Debian 12 (bookworm) names.  libevent-dev's .a files need nothing from the
# runtime packages at link time, but the runtime packages carry the shared
# objects the .so symlinks of -dev point to, so the sysroot stays coherent
# for anyone who wants to link dynamically.  GLib (static, with PCRE2) is
# for libslirp, which contrib/build-deps.sh builds from Debian's source.
packages="libfdt-dev libfdt1
libevent-dev libevent-2.1-7 libevent-core-2.1-7 libevent-pthreads-2.1-7
libevent-extra-2.1-7 busybox-static
libjson-c-dev libjson-c5 libpng-dev libpng16-16 zlib1g-dev zlib1g
libglib2.0-dev libglib2.0-0 libpcre2-dev libpcre2-8-0"

# Files the rest of the project relies on; checked after every extraction.
required="usr/lib/$triplet/libfdt.a
usr/lib/$triplet/libevent_core.a
usr/lib/$triplet/libevent_pthreads.a
usr/include/libfdt.h
usr/include/event2/event.h
usr/lib/$triplet/libjson-c.a
usr/include/json-c/json.h
usr/lib/$triplet/libpng16.a
usr/include/png.h
usr/lib/$triplet/libz.a
usr/lib/$triplet/libglib-2.0.a
usr/lib/$triplet/glib-2.0/include/glibconfig.h
usr/include/glib-2.0/glib.h
usr/lib/$triplet/libpcre2-8.a
bin/busybox"

# The sysroot's directory is named after its package list, so trees with
# different lists (branches not yet merged) sharing one cache never undo
# each other's sysroot.  The stamp marks a finished extraction: present,
# nothing to do (and no network).  "--print-path" prints the directory
# and does nothing else (the Makefile's SYSROOT).
key=$(printf '%s\n' $packages | sha256sum | cut -c1-16)
sysroot=$cache/sysroot-ppc64el-$key
stamp=$sysroot/.stamp-$key
if [ "${1:-}" = --print-path ]; then
	echo "$sysroot"
	exit 0
fi

report() {
	for f in $required; do
		echo "fetch-sysroot: $sysroot/$f" >&2
	done
	echo "$sysroot"
}

if [ -f "$stamp" ]; then
	report
	exit 0
fi

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
APT_LIB_NAME=fetch-sysroot
here=$(cd "$(dirname "$0")" && pwd)
. "$here/apt-lib.sh"

if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
	echo "fetch-sysroot: adding dpkg architecture $arch" >&2
	$SUDO dpkg --add-architecture "$arch"
fi
# Always refresh: the lists may predate the architecture being added, and a
# stale list points at .debs the mirror no longer has.
apt_update

tmp=$(mktemp -d "${TMPDIR:-/tmp}/molvm-sysroot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# shellcheck disable=SC2046
apt_download "$tmp" $(for p in $packages; do echo "$p:$arch"; done)

# Extract into a fresh directory and swap it in, so a failure half-way
# never leaves a sysroot that looks complete.
rm -rf "$sysroot.new"
mkdir -p "$sysroot.new"
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$sysroot.new"
done

for f in $required; do
	if [ ! -e "$sysroot.new/$f" ]; then
		echo "fetch-sysroot: error: $f missing after extraction" >&2
		exit 1
	fi
done

# Record exactly which versions went in, for bug reports.
for deb in "$tmp"/*.deb; do
	dpkg-deb -f "$deb" Package Version | paste -sd' '
done >"$sysroot.new/.packages"

rm -rf "$sysroot"
mv "$sysroot.new" "$sysroot"
touch "$stamp"
report
