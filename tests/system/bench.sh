#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: one boot of the test host running bench-scenario.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
exec "$top/contrib/testhost/run.sh" --timeout 1800 "$top/tests/system/bench-scenario.sh" \
	"$B/ppc64le/molvm" "$B/ppc64le/bare-kvm-loop" "$B/guests/bench64.bin" "$B/guests/bench32.bin" \
	"$B/sysfiles/vmlinux" "$B/sysfiles/linux-boot.cpio.gz"
