#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot the test host and, in it, the Linux guest under molvm;
# at a terminal you get the guest's shell.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
exec "$top/contrib/testhost/run.sh" --interactive --timeout 1800 \
	"$top/tests/system/demo-scenario.sh" \
	"$B/ppc64le/molvm" "$B/sysfiles/vmlinux" "$B/sysfiles/linux-demo.cpio.gz"
