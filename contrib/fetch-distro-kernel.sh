#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fetch-distro-kernel.sh - Debian 12's stock ppc64el kernel, as a user would
# boot it under molvm: the package linux-image-powerpc64le:ppc64el depends
# on (linux-image-6.1.0-N-powerpc64le), downloaded with apt-get download and
# unpacked with dpkg-deb, cached in
#
#   ${MOLVM_CACHE:-$HOME/.cache/molvm}/distro-kernel-<package>_<version>/
#     vmlinux              boot/vmlinux-* stripped (a plain ppc64le ELF)
#     modules/NAME.ko      the virtio modules a guest needs and everything
#                          they depend on (read from each module's
#                          .modinfo "depends=": the package has no
#                          modules.dep, depmod makes it at install time)
#     modules/load-order   their names, dependencies first (insmod order)
#     release              the kernel release (uname -r)
#
# Prints that directory as the last stdout line.  A cached entry costs one
# apt-cache query and no network.  If the mirror is unreachable and an
# older version is cached, that one is used (with a warning).

set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
meta=linux-image-powerpc64le:ppc64el
# What the guests load: the virtio PCI transport, disk and network.
wanted="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk virtio_net"
strip=powerpc64le-linux-gnu-strip
objcopy=powerpc64le-linux-gnu-objcopy

APT_LIB_NAME=fetch-distro-kernel
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
. "$here/apt-lib.sh"

msg() { echo "fetch-distro-kernel: $*" >&2; }

# The versioned image package the meta package points at, and its version.
resolve() {
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n 1)
	ver=
	[ -z "$pkg" ] || ver=$(apt_candidate "$pkg")
}

newest_cached() {
	ls -d "$cache"/distro-kernel-*/.stamp 2>/dev/null | LC_ALL=C sort -V | tail -n 1 | xargs -r dirname
}

resolve
if [ -z "$pkg" ] || [ -z "$ver" ]; then
	# Lists without ppc64el (the architecture was added after the last
	# update): refresh once.
	dpkg --print-foreign-architectures | grep -qx ppc64el || $SUDO dpkg --add-architecture ppc64el
	apt_update
	resolve
fi
if [ -z "$pkg" ] || [ -z "$ver" ]; then
	old=$(newest_cached)
	[ -n "$old" ] || { msg "error: apt knows no $meta"; exit 1; }
	msg "warning: apt knows no $meta; using the cached $(basename "$old")"
	echo "$old"
	exit 0
fi

name=${pkg%:ppc64el}
dir=$cache/distro-kernel-${name}_$ver
if [ -f "$dir/.stamp" ]; then
	echo "$dir"
	exit 0
fi

command -v $strip >/dev/null || { msg "error: $strip missing (contrib/setup.sh)"; exit 1; }
mkdir -p "$cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/molvm-distro-kernel.XXXXXX")
trap 'rm -rf "$tmp" "$dir.new"' EXIT INT TERM

if ! apt_download "$tmp" "$pkg=$ver"; then
	old=$(newest_cached)
	[ -n "$old" ] || { msg "error: cannot download $pkg=$ver"; exit 1; }
	msg "warning: cannot download $pkg=$ver; using the cached $(basename "$old")"
	echo "$old"
	exit 0
fi
deb=$(ls "$tmp"/*.deb)
mkdir "$tmp/x"
msg "unpacking $(basename "$deb")"
dpkg-deb -x "$deb" "$tmp/x"

rm -rf "$dir.new"
mkdir -p "$dir.new/modules"
set -- "$tmp"/x/boot/vmlinux-*
[ -f "$1" ] || { msg "error: no boot/vmlinux-* in $(basename "$deb")"; exit 1; }
release=${1##*/vmlinux-}
$strip -o "$dir.new/vmlinux" "$1"
echo "$release" >"$dir.new/release"

# Module name -> file (names use '_' where file names may use '-').
find "$tmp/x/lib/modules/$release" -name '*.ko' >"$tmp/all"
ko_of() {
	grep -E "/$(echo "$1" | sed 's/[_-]/[_-]/g')\.ko$" "$tmp/all" | head -n 1
}
deps_of() {
	$objcopy -O binary --only-section=.modinfo "$1" "$tmp/modinfo"
	tr '\0' '\n' <"$tmp/modinfo" | sed -n 's/^depends=//p' | tr ',' ' '
}
# Depth-first, dependencies before the module: the insmod order.
: >"$dir.new/modules/load-order"
add() {
	grep -qx "$1" "$dir.new/modules/load-order" && return 0
	f=$(ko_of "$1")
	[ -n "$f" ] || { msg "error: module $1 is not in the package"; exit 1; }
	for d in $(deps_of "$f"); do
		add "$d"
	done
	f=$(ko_of "$1")
	cp "$f" "$dir.new/modules/$1.ko"
	echo "$1" >>"$dir.new/modules/load-order"
}
for m in $wanted; do
	add "$m"
done

dpkg-deb -f "$deb" Package Version | paste -sd' ' >"$dir.new/.packages"
msg "$name $ver: vmlinux $(($(wc -c <"$dir.new/vmlinux") >> 20)) MiB, modules: $(paste -sd' ' "$dir.new/modules/load-order")"
rm -rf "$dir"
mv "$dir.new" "$dir"
touch "$dir/.stamp"
echo "$dir"
