#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo [MACHINE=powermac]: boot the test host and, in it, the Linux
# guest under molvm (the 64-bit pseries guest, or the 32-bit PowerMac
# Linux); at a terminal you get the guest's shell.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
case ${MACHINE:-pseries} in
pseries) append="" ;;
powermac) append="demo.machine=powermac" ;;
*) echo "make demo: MACHINE must be pseries or powermac" >&2; exit 2 ;;
esac
exec "$top/contrib/testhost/run.sh" --interactive --timeout 1800 --append "$append" \
	"$top/tests/system/demo-scenario.sh" \
	"$B/ppc64le/molvm" "$B/sysfiles/vmlinux" "$B/sysfiles/linux-demo.cpio.gz" \
	"$B/sysfiles/vmlinux-pmac32" "$B/sysfiles/linux32-demo.cpio"
