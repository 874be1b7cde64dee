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

# --- powermac: the OSI round trip of a 32-bit guest (molvm -M powermac vs the
# bare loop in 32-bit mode), and ABLK throughput reading a 32 MiB image
# through the request ring (4 KiB and 64 KiB requests) against a raw read
# of the same file on the host.
if [ -f $G/bench32.bin ]; then
	dd if=/dev/zero of=/tmp/bench.img bs=1M count=32 2>/dev/null
	: >bare32.txt
	: >pm.txt
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		$G/bare-kvm-loop -32 $G/bench32.bin >>bare32.txt 2>&1 || { cat bare32.txt; exit 1; }
		$G/molvm -M powermac -m 64 -kernel $G/bench32.bin -kernel-addr 0x10000 \
			-drive file=/tmp/bench.img --timeout 300 </dev/null >>pm.txt 2>&1 ||
			{ cat pm.txt; exit 1; }
		i=$((i + 1))
	done
	b=$(median osi32 bare32.txt)
	m=$(median osi32 pm.txt)
	awk -v b="$b" -v m="$m" -v hz="$tb_hz" -v r="$ROUNDS" 'BEGIN {
		printf "bench: osi32 round trip (powermac): bare KVM_RUN loop %.2f us, molvm %.2f us, ratio molvm/bare %.3f (median of %d runs x 10000 calls)\n",
			b / hz * 1e6 / 10000, m / hz * 1e6 / 10000, m / b, r }'
	# raw read speed of the image: 8 reads of 32 MiB, timed by /proc/uptime
	now_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
	t0=$(now_cs)
	for i in 1 2 3 4 5 6 7 8; do dd if=/tmp/bench.img of=/dev/null bs=64k 2>/dev/null; done
	t1=$(now_cs)
	raw=$(awk -v cs=$((t1 - t0)) 'BEGIN { if (cs < 1) cs = 1; printf "%.1f", 8 * 32 * 1048576 / (cs / 100) / 1e6 }')
	for size in 4096 65536; do
		grep "^bench: ablk size=$size " pm.txt | sed 's/.*bytes=\([0-9]*\) tb=\([0-9]*\)/\2 \1/' |
			sort -n | awk -v hz="$tb_hz" -v raw="$raw" -v s=$size '
			{ t[NR] = $1; b = $2 }
			END { if (!NR) { print "bench: no ablk result"; exit 1 }
				m = t[int((NR + 1) / 2)]; mbs = b / (m / hz) / 1e6
				printf "bench: ABLK read, %d KiB requests: %.1f MB/s; raw read of the image file %.1f MB/s; ratio %.3f (median of %d runs)\n",
					s / 1024, mbs, raw, mbs / raw, NR }' || status=1
	done
fi

# --- Linux guests.  run_guest TAG CMD...: CMD (a VMM booting a guest whose
# init prints GUEST-UPTIME and powers off) in the background; appends
# "TAG uptime-at-init wall-ms VmHWM-KiB" to results.txt, and the guest's
# GUEST-DD lines (disk runs) to dd.txt as "TAG bs bytes centiseconds".
# The VMM's peak RSS is sampled from /proc while it runs (VmHWM only grows).
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# (GUEST- lines are matched anywhere in a line: the kernel's early console
# can leave half a line, such as its banner, in front of init's first one)
run_guest() {
	tag=$1
	shift
	t0=$(now_ms)
	"$@" </dev/null >guest.out 2>&1 &
	pid=$!
	hwm=0
	while kill -0 $pid 2>/dev/null; do
		h=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null)
		[ -n "$h" ] && hwm=$h
		sleep 0.2
	done
	wait $pid
	rc=$?
	t1=$(now_ms)
	up=$(sed -n 's/.*GUEST-UPTIME=//p' guest.out | tr -d '\r')
	[ $rc -eq 0 ] && [ -n "$up" ] || { echo "bench: $tag failed (exit $rc)"; tail -n 40 guest.out; return 1; }
	echo "$tag $up $((t1 - t0)) $hwm" >>results.txt
	sed -n "s/.*GUEST-DD bs=\([0-9]*\) bytes=\([0-9]*\) cs=\([0-9]*\).*/$tag \1 \2 \3/p" guest.out |
		tr -d '\r' >>dd.txt
}
# med TAG FIELD: median of a results.txt field (2 uptime, 3 wall, 4 hwm) over TAG's runs
med() {
	awk -v t="$1" -v f="$2" '$1 == t { v[++n] = $f }
	END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
	      if (n) print v[int((n + 1) / 2)] }' results.txt
}
: >results.txt
: >dd.txt

# The test kernel with the /hypervisor node (PV magic page) and without
# (-no-pv), alternating.
K=$G/vmlinux
I=$G/linux-boot.cpio.gz
if [ -f "$K" ]; then
	i=0
	while [ $i -lt 5 ]; do
		run_guest pv $G/molvm -M pseries -m 512 -kernel $K -initrd $I \
			-append "console=hvc0 quiet" --timeout 300 || status=1
		run_guest nopv $G/molvm -M pseries -m 512 -kernel $K -initrd $I \
			-append "console=hvc0 quiet" --timeout 300 -no-pv || status=1
		i=$((i + 1))
	done
	awk -v p="$(med pv 2)" -v n="$(med nopv 2)" -v pw="$(med pv 3)" -v nw="$(med nopv 3)" \
	    -v rss="$(awk '($1 == "pv" || $1 == "nopv") && $4 > m { m = $4 } END { print m + 0 }' results.txt)" 'BEGIN {
		printf "bench: Linux boot to init: with /hypervisor %.2f s, without %.2f s, speed-up %.2fx (guest uptime, median of 5)\n", p, n, n / p
		printf "bench: Linux boot + power-off wall time: with /hypervisor %.2f s, without %.2f s, speed-up %.2fx\n", pw / 1000, nw / 1000, nw / pw
		printf "bench: molvm peak RSS for a 512 MiB Linux guest: %.1f MiB\n", rss / 1024
	}'
fi

# --- Debian's stock kernel (the initramfs loads its virtio modules for the
# disk runs), side by side with QEMU 7.2 + KVM PR in the same test host:
# same kernel, same initramfs, 1 GiB, 1 vCPU, alternating, ROUNDS_QEMU
# rounds.  Boot runs: start to the guest's power-off; disk runs: the guest
# reads a 64 MiB virtio disk with dd at 4 KiB and 1 MiB, its page cache
# dropped first (the image is in the test host's tmpfs for both).
# QEMU's pseries needs, with KVM PR: kvm-type=PR, the spapr caps KVM PR
# cannot provide off or "broken", 4 KiB HPT pages, and a first NUMA node
# no larger than 256 MiB (its RMA must fit its VRMA cap), x-vof for the
# device tree without SLOF (TESTBED.md).
DK=$G/vmlinux-distro
DI=$G/linux-distro-bench.cpio.gz
Q=/usr/bin/qemu-system-ppc64
ROUNDS_QEMU=${ROUNDS_QEMU:-3}
if [ -f "$DK" ] && [ -x $Q ]; then
	dd if=/dev/urandom of=/tmp/bench64.img bs=1M count=64 2>/dev/null
	# (run_guest starts these in a background subshell; exec makes the
	# subshell the VMM, so that run_guest's $! and VmHWM are the VMM's)
	qemu() {	# qemu APPEND [QEMU ARGS...]
		app=$1
		shift
		exec $Q -enable-kvm -M pseries,kvm-type=PR,x-vof=on,usb=off,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off,cap-htm=off,cap-fwnmi=off,cap-hpt-max-page-size=4096,cap-large-decr=off \
			-cpu host -vga none -nographic -nic none -no-reboot \
			-m 1G -object memory-backend-ram,id=m0,size=256M -numa node,memdev=m0 \
			-object memory-backend-ram,id=m1,size=768M -numa node,memdev=m1 \
			-kernel $DK -initrd $DI -append "$app" "$@"
	}
	molvm() {	# molvm APPEND [MOLVM ARGS...]
		app=$1
		shift
		exec $G/molvm -M pseries -m 1G -kernel $DK -initrd $DI -append "$app" --timeout 600 "$@"
	}
	i=0
	while [ $i -lt "$ROUNDS_QEMU" ]; do
		run_guest m-boot molvm "console=hvc0 quiet" || status=1
		run_guest q-boot qemu "console=hvc0 quiet" || status=1
		run_guest m-disk molvm "console=hvc0 quiet bench.dd=1" \
			-drive file=/tmp/bench64.img,format=raw || status=1
		run_guest q-disk qemu "console=hvc0 quiet bench.dd=1" \
			-drive file=/tmp/bench64.img,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0 ||
			status=1
		i=$((i + 1))
	done
	awk -v mw="$(med m-boot 3)" -v qw="$(med q-boot 3)" -v mu="$(med m-boot 2)" -v qu="$(med q-boot 2)" \
	    -v mh="$(med m-boot 4)" -v qh="$(med q-boot 4)" -v r="$ROUNDS_QEMU" 'BEGIN {
		if (!mw || !qw) { print "bench: no molvm/QEMU boot result"; exit 1 }
		printf "bench: stock kernel, molvm vs QEMU 7.2 (median of %d, 1 GiB, 1 vCPU):\n", r
		printf "bench:   wall time start to power-off: molvm %.2f s, QEMU %.2f s, ratio molvm/QEMU %.2f\n", mw / 1000, qw / 1000, mw / qw
		printf "bench:   guest uptime at init:         molvm %.2f s, QEMU %.2f s, ratio molvm/QEMU %.2f\n", mu, qu, mu / qu
		printf "bench:   VMM peak RSS (VmHWM):         molvm %.1f MiB, QEMU %.1f MiB, ratio molvm/QEMU %.2f\n", mh / 1024, qh / 1024, mh / qh
	}' || status=1
	for bs in 4096 1048576; do
		awk -v bs=$bs -v r="$ROUNDS_QEMU" '
		$2 == bs { v = $3 / ($4 / 100) / 1e6; if ($1 == "m-disk") m[++nm] = v; else q[++nq] = v }
		function med(a, n,   i, j, x) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
			return a[int((n + 1) / 2)] }
		END { if (!nm || !nq) { print "bench: no disk result for bs " bs; exit 1 }
			mm = med(m, nm); qq = med(q, nq)
			printf "bench:   virtio disk read in the guest, 64 MiB, %s blocks: molvm %.1f MB/s, QEMU %.1f MB/s, ratio molvm/QEMU %.2f\n",
				bs == 4096 ? "4 KiB" : "1 MiB", mm, qq, mm / qq }' dd.txt || status=1
	done

	# The PV gain on the stock kernel: with /hypervisor and without.
	i=0
	while [ $i -lt "$ROUNDS_QEMU" ]; do
		run_guest s-pv molvm "console=hvc0 quiet" || status=1
		run_guest s-nopv molvm "console=hvc0 quiet" -no-pv || status=1
		i=$((i + 1))
	done
	awk -v p="$(med s-pv 2)" -v n="$(med s-nopv 2)" -v r="$ROUNDS_QEMU" 'BEGIN {
		printf "bench: stock kernel boot to init under molvm: with /hypervisor %.2f s, without %.2f s, speed-up %.2fx (median of %d; its magic-page self-test fails, see README)\n", p, n, n / p, r }'
elif [ -f "$DK" ]; then
	echo "bench: no QEMU in the test host (contrib/fetch-qemu.sh): side-by-side skipped"
	status=1
fi
exit $status
