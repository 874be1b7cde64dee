#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The scenarios' TAP helpers (tap.sh) judged on known input: each check
# below runs a helper in a subshell and compares its verdict ("ok" or
# "not ok") with the right one.  Run by "make unit".
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# verdict WANT HELPER ARGS...: the helper's first result line starts with WANT.
verdict() {
	want=$1
	shift
	got=$( (. "$here/tap.sh"; "$@") | sed -n '1s/ [0-9]* - .*//p')
	if [ "$got" = "$want" ]; then
		echo "ok - $want: $*"
	else
		echo "not ok - expected '$want', got '$got': $*"
		status=1
	fi
}

printf 'ok - one\nnot ok - two (got 0x1)\nok - three\n' >"$tmp/mixed"
printf 'guest: start\nok - one\nok - two\nguest: done\n' >"$tmp/clean"
printf 'ok 1 - wait\nok 2 - wait\nnot ok 3 - wait-exit\n' >"$tmp/script"

# A "not ok - " line is not a pass, whatever the count.
verdict "not ok" t_passes "three lines, one failed" 3 "$tmp/mixed"
verdict "not ok" t_passes "two passes, one failed" 2 "$tmp/mixed"
verdict "ok" t_passes "two passes" 2 "$tmp/clean"
verdict "not ok" t_passes "wrong count" 3 "$tmp/clean"
verdict "not ok" t_passes "script report with a failure" 3 "$tmp/script"
verdict "ok" t_count "fixed-string count" 2 "$tmp/clean" "ok - "
verdict "ok" t_has "has" "$tmp/clean" "guest: done"
verdict "not ok" t_lacks "lacks" "$tmp/mixed" "not ok"
verdict "ok" t_check "wait: there" t_wait "$tmp/clean" "guest: done\\|GUEST-EXIT" 1
verdict "not ok" t_check "wait: never there" t_wait "$tmp/clean" "GUEST-EXIT" 1
exit $status
