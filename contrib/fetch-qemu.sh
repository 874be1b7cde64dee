#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch-qemu.sh - Debian 12's QEMU for ppc64el, packed to run inside the
# test host as the reference VMM of `make bench`:
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/qemu-ppc64el-<version>/qemu.cpio.gz
#
# a gzip'd newc archive to append to the test host's initramfs (the kernel
# unpacks concatenated archives) holding /usr/bin/qemu-system-ppc64, every
# shared library it needs (the DT_NEEDED closure, read with readelf, from
# the .debs of qemu-system-ppc:ppc64el and its Depends), the dynamic loader
# and the firmware a pseries guest needs (vof.bin, slof.bin from
# qemu-system-data).  Nothing is installed: apt-get download + dpkg-deb.
# Cached by QEMU's package version; prints the archive path last.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
arch=ppc64el
triplet=powerpc64le-linux-gnu
readelf=$triplet-readelf
firmware="vof.bin slof.bin"

APT_LIB_NAME=fetch-qemu
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
. "$here/apt-lib.sh"

msg() { echo "fetch-qemu: $*" >&2; }

ver=$(apt_candidate "qemu-system-ppc:$arch")
if [ -z "$ver" ]; then
	dpkg --print-foreign-architectures | grep -qx "$arch" || $SUDO dpkg --add-architecture "$arch"
	apt_update
	ver=$(apt_candidate "qemu-system-ppc:$arch")
fi
[ -n "$ver" ] || { msg "error: apt knows no qemu-system-ppc:$arch"; exit 1; }
dir=$cache/qemu-ppc64el-$(echo "$ver" | tr ':+~' '___')
out=$dir/qemu.cpio.gz
if [ -f "$dir/.stamp" ]; then
	echo "$out"
	exit 0
fi
command -v $readelf >/dev/null || { msg "error: $readelf missing (contrib/setup.sh)"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/molvm-qemu.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The Depends closure of the ppc64el packages (architecture-independent ones
# other than qemu-system-data carry no code QEMU loads).
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
	--no-breaks --no-replaces --no-enhances "qemu-system-ppc:$arch" 2>/dev/null |
	sed -n "s/^\([a-z0-9][^ <>]*:$arch\)\$/\1/p" | sort -u >"$tmp/pkgs"
echo qemu-system-data >>"$tmp/pkgs"
msg "qemu-system-ppc $ver: $(wc -l <"$tmp/pkgs") packages"
mkdir "$tmp/debs" "$tmp/x" "$tmp/root"
# shellcheck disable=SC2046
apt_download "$tmp/debs" $(cat "$tmp/pkgs")
for deb in "$tmp"/debs/*.deb; do
	dpkg-deb -x "$deb" "$tmp/x"
done

# Keep the binary and its DT_NEEDED closure, found in the usual places.
x=$tmp/x
libdirs="lib/$triplet usr/lib/$triplet lib64 usr/lib"
find_lib() {
	for d in $libdirs; do
		[ -e "$x/$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
keep() {	# keep PATH: copy it (and, for a symlink, its target) into root
	mkdir -p "$tmp/root/$(dirname "$1")"
	cp -a "$x/$1" "$tmp/root/$1"
	if [ -L "$x/$1" ]; then
		t=$(readlink "$x/$1")
		case $t in
		/*) keep "${t#/}" ;;
		*) keep "$(dirname "$1")/$t" ;;
		esac
	fi
}
: >"$tmp/seen"
needed() {	# needed PATH: keep PATH and, recursively, its libraries
	grep -qx "$1" "$tmp/seen" && return 0
	echo "$1" >>"$tmp/seen"
	keep "$1"
	for lib in $($readelf -d "$x/$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		p=$(find_lib "$lib") || { msg "error: $lib (needed by $1) not in the packages"; exit 1; }
		needed "$p"
	done
}
needed usr/bin/qemu-system-ppc64
interp=$($readelf -l "$x/usr/bin/qemu-system-ppc64" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
[ -n "$interp" ] || { msg "error: no program interpreter in qemu-system-ppc64"; exit 1; }
keep "${interp#/}"	# the loader (a symlink into lib/; it needs nothing)
for f in $firmware; do
	[ -e "$x/usr/share/qemu/$f" ] || { msg "error: $f not in qemu-system-data"; exit 1; }
	keep "usr/share/qemu/$f"
done

mkdir -p "$dir"
(cd "$tmp/root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -6n >"$out.tmp"
mv "$out.tmp" "$out"
for deb in "$tmp"/debs/*.deb; do
	dpkg-deb -f "$deb" Package Version | paste -sd' '
done >"$dir/.packages"
msg "$(wc -l <"$tmp/seen") files, $(($(wc -c <"$out") >> 20)) MiB: $out"
touch "$dir/.stamp"
echo "$out"
