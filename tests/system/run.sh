#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [SCENARIO...]: system tests.  Each scenario (default: every
# tests/system/scenarios/*.sh, in name order) runs in its own boot of the
# POWER8 KVM-PR test host, against the cross-built molvm and the test
# guests.  The test host's /opt/molvm/ holds: molvm, bare-kvm-loop, tap.sh,
# every build/guests/*.elf and *.bin, and every file under build/sysfiles/
# (extra inputs that make targets prepare, e.g. a Linux guest's initramfs),
# and the files under build/sysfiles/NAME/ for scenario NAME only.
# Exit 0 only when every scenario passed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
files="$B/ppc64le/molvm $B/ppc64le/bare-kvm-loop $top/tests/system/tap.sh"
for f in "$B"/guests/*.elf "$B"/guests/*.bin "$B"/sysfiles/*; do
	[ -f "$f" ] && files="$files $f"
done
for f in $files; do
	[ -f "$f" ] || { echo "system tests: $f is missing (make cross guests)" >&2; exit 1; }
done

if [ $# -eq 0 ]; then
	set -- "$top"/tests/system/scenarios/*.sh
fi

status=0 failed=""
for scenario in "$@"; do
	name=$(basename "$scenario" .sh)
	echo "=== system scenario $name"
	# Files only this scenario needs: build/sysfiles/NAME/ (e.g. a
	# distribution kernel), so that the other boots stay small.
	own=""
	for f in "$B/sysfiles/$name"/*; do
		[ -f "$f" ] && own="$own $f"
	done
	# shellcheck disable=SC2086
	TESTHOST_LOG=$B/system-$name.log \
		"$top/contrib/testhost/run.sh" --timeout 900 "$scenario" $files $own
	rc=$?
	echo "=== $name: exit $rc (console log: build/system-$name.log)"
	[ $rc -eq 0 ] || { status=1; failed="$failed $name"; }
done
[ $status -eq 0 ] && echo "=== all system scenarios passed" ||
	echo "=== FAILED system scenarios:$failed"
exit $status
