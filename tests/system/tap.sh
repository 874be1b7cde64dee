# SPDX-License-Identifier: GPL-2.0
# TAP helpers for scenarios running inside the test host (busybox sh).
T_PASS=0
T_FAIL=0
T_XFAIL=0

# The test host (contrib/testhost/run.sh --host), from its /proc/cpuinfo:
#   HOST_PVR    its PVR, 0x%08x
#   HOST_CPU64  the 64-bit CPU model it runs natively, which its pseries
#               guests get (POWER8, 970fx on the G5); empty on a 32-bit host
#   PM_CPU, PM_PVR   the powermac machine's default CPU there: molvm's
#               default follows the host, so a G4 host's own, else 7447a
#   HOST_BITS   32 or 64: the host kernel's word size (uname -m)
HOST_BITS=64
case $(uname -m) in ppc64*) ;; *) HOST_BITS=32 ;; esac
HOST_PVR=$(sed -n 's/^revision.*(pvr \([0-9a-f]*\) \([0-9a-f]*\)).*/0x\1\2/p' /proc/cpuinfo | head -n 1)
case $HOST_PVR in
0x004d*) HOST_CPU64=POWER8 ;;
0x003c*) HOST_CPU64=970fx ;;
0x0039*) HOST_CPU64=970 ;;
*) HOST_CPU64= ;;
esac
# HOST_NO_PAPR  why PAPR guests cannot run on this host, or empty
HOST_NO_PAPR=
case $HOST_PVR in
0x0039* | 0x003c* | 0x0044*)
	HOST_NO_PAPR="QEMU 7.2's 970 has no hypervisor mode (MSR[HV] is not in its msr_mask), so a KVM PR guest's sc 1 aborts QEMU (powerpc_set_excp_state assertion; contrib/testhost/README.md)" ;;
esac
PM_CPU=7447a PM_PVR=0x80030102
case $HOST_PVR in
0x000c*) PM_CPU=7400 PM_PVR=$HOST_PVR ;;
0x8003*) PM_CPU=7447a PM_PVR=$HOST_PVR ;;
esac

t_ok() { T_PASS=$((T_PASS + 1)); echo "ok $((T_PASS + T_FAIL + T_XFAIL)) - $*"; }
t_fail() { T_FAIL=$((T_FAIL + 1)); echo "not ok $((T_PASS + T_FAIL + T_XFAIL)) - $*"; }
# t_xfail DESC REASON: a check known to fail on this host, and why: a TAP
# TODO line, not counted as a failure, never silent.
t_xfail() {
	T_XFAIL=$((T_XFAIL + 1))
	echo "not ok $((T_PASS + T_FAIL + T_XFAIL)) - $1 # TODO expected failure: $2"
}

# run NAME ARGS...: molvm ($M) with ARGS; its stdout in NAME.out, stderr in
# NAME.err, exit code in $rc.  stdin comes from $STDIN (default /dev/null).
run() {
	name=$1
	shift
	"$M" "$@" <"${STDIN:-/dev/null}" >"$name.out" 2>"$name.err"
	rc=$?
	echo "# molvm $* -> exit $rc"
}

# t_check DESC COMMAND...: passes when COMMAND succeeds.
t_check() {
	desc=$1
	shift
	if "$@"; then t_ok "$desc"; else t_fail "$desc"; fi
}

# t_eq DESC EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"; else t_fail "$1 (expected '$2', got '$3')"; fi
}

# busybox grep stops reading a line at a NUL byte, and guests may print
# any byte: search a copy without NULs.
_nonul() { tr -d '\000' <"$1"; }

# t_has DESC FILE FIXED-STRING: the file contains the string.
t_has() {
	if _nonul "$2" | grep -qF -- "$3"; then t_ok "$1"; else
		t_fail "$1 ('$3' not in $2)"
		sed 's/^/#   /' "$2" | head -40
	fi
}

# t_lacks DESC FILE FIXED-STRING
t_lacks() {
	if _nonul "$2" | grep -qF -- "$3"; then
		t_fail "$1 ('$3' found in $2)"
		sed 's/^/#   /' "$2" | head -40
	else t_ok "$1"; fi
}

# t_count DESC N FILE FIXED-STRING: exactly N lines contain the string.
# (Not for counting passes: "ok - " is also in every "not ok - " line.)
t_count() {
	n=$(_nonul "$3" | grep -cF -- "$4")
	t_eq "$1" "$2" "$n"
}

# t_passes DESC N FILE: a guest's or script's TAP-style lines: exactly N
# lines start with "ok " and none with "not ok".
t_passes() {
	n=$(_nonul "$3" | grep -c '^ok ')
	bad=$(_nonul "$3" | grep -c '^not ok')
	t_eq "$1" "$2 passed, 0 failed" "$n passed, $bad failed"
}

# t_wait FILE PATTERN SEC: true once PATTERN (grep's basic regular
# expression) is in FILE, looked for every 0.1 s; false after SEC seconds.
t_wait() {
	_n=0
	while ! grep -q -- "$2" "$1" 2>/dev/null; do
		[ $_n -ge $(($3 * 10)) ] && return 1
		sleep 0.1
		_n=$((_n + 1))
	done
}

t_done() {
	echo "1..$((T_PASS + T_FAIL + T_XFAIL))"
	echo "$T_PASS passed, $T_FAIL failed, $T_XFAIL expected failures"
	[ "$T_FAIL" -eq 0 ]
}

# host_tap_up NAME: wait (up to 10 s) for the tap molvm creates, then give
# the host's end 192.168.77.1/24 and bring it up.
host_tap_up() {
	_n=0
	while [ ! -e /sys/class/net/$1 ] && [ $_n -lt 100 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	ip addr add 192.168.77.1/24 dev $1
	ip link set $1 up
}
