#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# System tests: boot the POWER8 KVM-PR test host and run the scenarios in
# it against the cross-built molvm and the test guests.  Exit 0 only when
# every scenario passed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
files="$B/ppc64le/molvm $top/tests/system/tap.sh"
for g in hello32 hello64 bench64; do
	files="$files $B/guests/$g.elf $B/guests/$g.bin"
done
for f in $files; do
	[ -f "$f" ] || { echo "system tests: $f is missing (make cross guests)" >&2; exit 1; }
done

status=0
for scenario in "${@:-$top/tests/system/foundation.sh}"; do
	echo "=== system scenario $(basename "$scenario")"
	# shellcheck disable=SC2086
	"$top/contrib/testhost/run.sh" --timeout 900 "$scenario" $files
	rc=$?
	echo "=== $(basename "$scenario"): exit $rc"
	[ $rc -eq 0 ] || status=1
done
exit $status
