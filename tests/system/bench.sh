#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: one boot of the test host running bench-scenario.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
# 4 GiB: QEMU's 1 GiB guest and its libraries (build/qemu.path, an archive
# appended to the initramfs) next to molvm's.
exec "$top/contrib/testhost/run.sh" --timeout 7200 --mem 4G \
	--initrd-append "$(cat "$B/qemu.path")" "$top/tests/system/bench-scenario.sh" \
	"$B/ppc64le/molvm" "$B/ppc64le/bare-kvm-loop" "$B/guests/bench64.bin" "$B/guests/bench32.bin" \
	"$B/sysfiles/vmlinux" "$B/sysfiles/linux-boot.cpio.gz" \
	"$B/sysfiles/60-distro/vmlinux-distro" "$B/bench/linux-distro-bench.cpio.gz"
