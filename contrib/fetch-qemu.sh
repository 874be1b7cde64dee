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
# qemu-system-data).  Nothing is installed: apt-get download + dpkg-deb
# (contrib/debpack-lib.sh).
# Cached by QEMU's package version; prints the archive path last.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MOLVM_CACHE:-$HOME/.cache/molvm}
firmware="vof.bin slof.bin"

# shellcheck disable=SC2034 # both read by apt-lib.sh
APT_LIB_NAME=fetch-qemu SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
. "$here/apt-lib.sh"
. "$here/debpack-lib.sh"
arch=$DP_ARCH

ver=$(debpack_version qemu-system-ppc)
dir=$cache/qemu-ppc64el-$(echo "$ver" | tr ':+~' '___')
out=$dir/qemu.cpio.gz
if [ -f "$dir/.stamp" ]; then
	echo "$out"
	exit 0
fi

debpack_start
# The Depends closure of the ppc64el packages (architecture-independent ones
# other than qemu-system-data carry no code QEMU loads).
pkgs="$(debpack_depends "qemu-system-ppc:$arch") qemu-system-data"
apt_msg "qemu-system-ppc $ver: $(echo "$pkgs" | wc -w) packages"
# shellcheck disable=SC2086
debpack_fetch $pkgs
debpack_needed usr/bin/qemu-system-ppc64
debpack_loader usr/bin/qemu-system-ppc64
for f in $firmware; do
	debpack_keep "usr/share/qemu/$f"
done
mkdir -p "$dir"
debpack_pack "$out" gzip
debpack_list "$dir/.packages"
touch "$dir/.stamp"
echo "$out"
