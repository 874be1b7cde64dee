#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run.sh SECONDS NAME...   run each harness build/fuzz/fuzz-NAME for SECONDS
# run.sh --smoke NAME...   run each briefly, starting from the committed seeds
# run.sh --merge NAME...   add to the committed seeds the inputs of the working
#                          corpus that reach code the seeds do not (-merge=1)
#
# Each harness starts from tests/fuzz/corpus/NAME (the committed seeds) and
# its working corpus build/fuzz/corpus/NAME (kept between runs: what earlier
# runs found); new inputs go to the working corpus only.  Runs under
# nice -n 10 (the machine is shared), FUZZ_JOBS harnesses at once (default:
# one per CPU).  Prints per harness: executions, coverage (libFuzzer's
# "cov", edges), corpus size, crashes; a crash's input is saved as
# build/fuzz/crashes/NAME-crash-*.  Exit 1 if anything crashed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build/fuzz
mkdir -p "$B/crashes" "$B/logs" "$B/smoke-logs"
# Where a run's logs, table rows and crash reports go: a smoke run's apart
# (make check's smoke run must not write over a long run's in the same tree).
logs_of() { if [ "$1" = 1 ]; then echo "$B/smoke-logs"; else echo "$B/logs"; fi; }
# one SMOKE SECONDS NAME: run one harness (SMOKE=1: a smoke run); its table
# row goes to LOGS/NAME.row, what a crash left to LOGS/NAME.crash (LOGS:
# logs_of SMOKE).
one() {
	smoke=$1 seconds=$2 name=$3
	bin=$B/fuzz-$name
	seeds=$top/tests/fuzz/corpus/$name
	work=$B/corpus/$name
	L=$(logs_of $smoke)
	log=$L/$name.log
	rm -f "$L/$name.row" "$L/$name.crash"
	if [ $smoke = 1 ]; then
		# Smoke runs start from the seeds alone, so make check does the
		# same work on every machine.
		work=$B/smoke/$name
		rm -rf "$work"
	fi
	mkdir -p "$work" "$seeds"
	# (libFuzzer's slow-unit-* inputs are not findings: a unit slower
	# than 10 s by the clock, which a loaded machine makes of any unit)
	before=$(ls "$B/crashes" | grep -v "^$name-slow-unit-" | grep -c "^$name-" || true)
	# -timeout: an input that runs for 10 s is an unbounded loop (a
	# finding, like a crash); -rss_limit_mb: so is unbounded memory.
	nice -n 10 "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$B/crashes/$name-" \
		"$work" "$seeds" >"$log" 2>&1
	rc=$?
	after=$(ls "$B/crashes" | grep -v "^$name-slow-unit-" | grep -c "^$name-" || true)
	crashes=$((after - before))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
	corp=$(ls "$work" | wc -l)
	[ $rc -ne 0 ] && [ $crashes -eq 0 ] && crashes=1	# died without an artifact
	if [ $crashes -ne 0 ]; then
		{ grep -A 30 -m 1 'ERROR: \|==ERROR\|runtime error\|deadly signal\|Timeout\|out-of-memory' \
			"$log" | head -n 40 | sed 's/^/#   /'
		  ls "$B/crashes" | grep "^$name-" | tail -n 3 | sed "s|^|#   input: $B/crashes/|"
		} >"$L/$name.crash"
	fi
	echo "$name ${execs:-?} ${cov:-?} $corp $crashes" >"$L/$name.row"
}
if [ "${1:-}" = --one ]; then
	shift
	one "$@"
	exit 0
fi

smoke=0
if [ "${1:-}" = --merge ]; then
	shift
	for name in "$@"; do
		mkdir -p "$top/tests/fuzz/corpus/$name"
		nice -n 10 "$B/fuzz-$name" -merge=1 "$top/tests/fuzz/corpus/$name" \
			"$B/corpus/$name" >"$B/logs/$name-merge.log" 2>&1 ||
			{ echo "fuzz: merging $name failed (see $B/logs/$name-merge.log)" >&2; exit 1; }
		echo "$name: $(ls "$top/tests/fuzz/corpus/$name" | wc -l) seeds," \
			"$(du -sk "$top/tests/fuzz/corpus/$name" | cut -f1) KiB"
	done
	exit 0
fi
if [ "${1:-}" = --smoke ]; then
	smoke=1
	seconds=${FUZZ_SMOKE_SECONDS:-3}
else
	seconds=${1:?usage: run.sh SECONDS|--smoke NAME...}
fi
shift

# The harnesses are independent processes: FUZZ_JOBS of them (default: one
# per CPU) run at once, so "make fuzz FUZZ_SECONDS=600" over 15 harnesses
# takes 15 x 600 s / FUZZ_JOBS.
for name in "$@"; do
	[ -x "$B/fuzz-$name" ] || { echo "fuzz: $B/fuzz-$name is missing (make build-fuzzers)" >&2; exit 1; }
done
printf '%s\n' "$@" | xargs -P "${FUZZ_JOBS:-$(nproc)}" -I NAME "$0" --one $smoke "$seconds" NAME

L=$(logs_of $smoke)
total_execs=0 total_crashes=0 status=0
printf '%-14s %12s %8s %8s %8s\n' harness executions cov corpus crashes
for name in "$@"; do
	# (no row: the harness's run did not finish, which counts as a crash)
	row=$(cat "$L/$name.row" 2>/dev/null) || row="$name ? ? ? 1"
	read -r _ execs cov corp crashes <<EOF
$row
EOF
	printf '%-14s %12s %8s %8s %8s\n' "$name" "$execs" "$cov" "$corp" "$crashes"
	case $execs in *[!0-9]*|'') ;; *) total_execs=$((total_execs + execs)) ;; esac
	total_crashes=$((total_crashes + crashes))
	if [ "$crashes" != 0 ]; then
		status=1
		cat "$L/$name.crash" 2>/dev/null
	fi
done
printf '%-14s %12s %8s %8s %8s\n' total "$total_execs" "" "" "$total_crashes"
exit $status
