#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test host: the bench64 guest (10,000 OSI calls, then
# 10,000 PAPR hcalls, timed by the guest's own timebase) under a bare
# KVM_RUN loop and under molvm, alternating, several rounds.  Prints the
# per-call cost under each and the ratio molvm / bare, from the medians.
G=/opt/molvm
ROUNDS=${ROUNDS:-5}
cd /tmp
tb_hz=$(awk '/^timebase/ { print $3; exit }' /proc/cpuinfo)
[ -n "$tb_hz" ] || { echo "bench: no timebase frequency in /proc/cpuinfo"; exit 1; }

: >bare.txt
: >molvm.txt
i=0
while [ $i -lt "$ROUNDS" ]; do
	$G/bare-kvm-loop $G/bench64.bin >>bare.txt 2>&1 || { cat bare.txt; exit 1; }
	$G/molvm -M pseries -m 64 -kernel $G/bench64.bin -kernel-addr 0x10000 \
		--timeout 120 </dev/null >>molvm.txt 2>&1 || { cat molvm.txt; exit 1; }
	i=$((i + 1))
done

# median TB ticks for KIND (osi|hcall) in FILE
median() {
	grep "^bench: $1 " "$2" | sed 's/.*tb=//' | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

status=0
for kind in osi hcall; do
	b=$(median $kind bare.txt)
	m=$(median $kind molvm.txt)
	if [ -z "$b" ] || [ -z "$m" ]; then
		echo "bench: no $kind result"; status=1; continue
	fi
	awk -v b="$b" -v m="$m" -v hz="$tb_hz" -v k="$kind" -v r="$ROUNDS" 'BEGIN {
		printf "bench: %-5s round trip: bare KVM_RUN loop %.2f us, molvm %.2f us, ratio molvm/bare %.3f (median of %d runs x 10000 calls)\n",
			k, b / hz * 1e6 / 10000, m / hz * 1e6 / 10000, m / b, r }'
done
exit $status
