#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [--host NAME] [SCENARIO...]: system tests.  Each scenario (default:
# every tests/system/scenarios/*.sh, in name order) runs in its own boot of
# a KVM-PR test host (contrib/testhost/run.sh --host NAME; default the LE
# POWER8, powernv8-le), against molvm built for that host (ppc64le,
# ppc64 for powernv8-be and g5, ppc for g4) and the test guests.  The test
# host's /opt/molvm/ holds: molvm, bare-kvm-loop (when built for that
# host), tap.sh, every build/guests/*.elf and *.bin, every file under
# build/sysfiles/ (extra inputs that make targets prepare, e.g. a Linux
# guest's initramfs), and the files under build/sysfiles/NAME/ for
# scenario NAME only.  Exit 0 only when every scenario passed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
host=powernv8-le
if [ "${1:-}" = --host ]; then
	host=${2:?--host needs a name}
	shift 2
fi
case $host in
powernv8-le) arch=ppc64le ;;
powernv8-be | g5) arch=ppc64 ;;
g4) arch=ppc ;;
*) echo "system tests: unknown host '$host'" >&2; exit 1 ;;
esac
files="$B/$arch/molvm $top/tests/system/tap.sh"
[ -f "$B/$arch/bare-kvm-loop" ] && files="$files $B/$arch/bare-kvm-loop"
for f in "$B"/guests/*.elf "$B"/guests/*.bin "$B"/sysfiles/*; do
	# The PowerMac hosts run no Linux guest: their initramfs is unpacked
	# by an emulated 970 or G4, so the guest kernels stay out.
	case $host:$(basename "$f") in
	g[45]:vmlinux* | g[45]:linux*.cpio*) continue ;;
	esac
	[ -f "$f" ] && files="$files $f"
done
for f in $files; do
	[ -f "$f" ] || { echo "system tests: $f is missing (make cross guests)" >&2; exit 1; }
done

if [ $# -eq 0 ]; then
	set -- "$top"/tests/system/scenarios/*.sh
fi

status=0 failed=""
suffix=""
[ $host = powernv8-le ] || suffix="-$host"
for scenario in "$@"; do
	base=$(basename "$scenario" .sh)
	name=$base$suffix
	echo "=== system scenario $name (host $host)"
	# Files only this scenario needs: build/sysfiles/NAME/ (e.g. a
	# distribution kernel), so that the other boots stay small.
	# NAME.initrd-append there is a newc archive (a big tree, made once
	# and cached: contrib/fetch-xdisplay.sh's) appended to the initramfs.
	own="" append=""
	for f in "$B/sysfiles/$base"/*; do
		case $f in
		*.initrd-append) append="--initrd-append $f" ;;
		*) [ -f "$f" ] && own="$own $f" ;;
		esac
	done
	# shellcheck disable=SC2086
	TESTHOST_LOG=$B/system-$name.log \
		"$top/contrib/testhost/run.sh" --host $host --timeout 900 $append "$scenario" $files $own
	rc=$?
	echo "=== $name: exit $rc (console log: build/system-$name.log)"
	[ $rc -eq 0 ] || { status=1; failed="$failed $name"; }
done
[ $status -eq 0 ] && echo "=== all system scenarios passed" ||
	echo "=== FAILED system scenarios:$failed"
exit $status
