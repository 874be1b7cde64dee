#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the test host: molvm's SDL window on the real KVM PR while a
# hostile guest storms its devices.  Debian's Xvfb is the X server,
# xdotool types, xwin (tests/ui/xwin.c) reads the window's pixels and
# closes it as a window manager would (WM_DELETE_WINDOW); molvm is built
# with SDL against Debian's ppc64el SDL2 (make cross-sdl;
# contrib/fetch-xdisplay.sh packs the X side).
#   storm64 -append "storm window" (-smp 2): one vCPU kicks 32 MiB disk
#   reads and resets the disk's ring, the other republishes network frames
#   for ever; between its rounds the guest repaints a band of the
#   framebuffer (the window keeps uploading), reports each key virtio-input
#   brings it and polls RTAS check-exception for a power-off request.
# Checked: the keys typed in the window reach the guest, in order, pressed
# and released; the window's pixels keep changing and are not all black;
# the first close asks the guest to power off (the EPOW event reaches it;
# it ignores it; molvm says a second close quits); the second close quits
# molvm with exit 0.  The times (key typed -> seen by the guest, each
# close -> molvm's answer, first close -> request seen by the guest,
# second close -> exit) are printed, not asserted.  Then molvm with the
# window again, stopped by SIGTERM 3 s into the storm through ctlprobe:
# exit 143, the time to the exit printed.
. /opt/molvm/tap.sh
G=/opt/molvm
M=$G/molvm-sdl
cd /tmp || exit 1
[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
export DISPLAY=:0

# us SEC.USEC: microseconds.  "1" before the six fraction digits: no
# octal for leading zeros.
us() {
	echo $((${1%.*} * 1000000 + 1${1#*.} - 1000000))
}
# shellcheck disable=SC3028 # busybox ash has EPOCHREALTIME
now_us() {
	us "$EPOCHREALTIME"
}
# ms_between US1 US2 (negative when US2 came first: a key's line can
# arrive before xdotool has finished exiting)
ms_between() {
	d=$(($2 - $1))
	s=""
	[ $d -lt 0 ] && { s=-; d=$((-d)); }
	echo "$s$((d / 1000)).$((d / 100 % 10))"
}
ms_since() {
	ms_between "$1" "$(now_us)"
}
# molvm's console and stderr reach their files a line at a time with the
# time each line arrived (a shell loop, no process per line), so the
# times below need no polling, which would take the test host's one CPU
# from what is timed.
# shellcheck disable=SC3028
stamp() {
	while IFS= read -r l; do
		echo "$EPOCHREALTIME $l"
	done
}
# seen_at FILE TEXT: when TEXT first arrived (microseconds), or nothing
seen_at() {
	t=$(grep -m 1 -F "$2" "$1" 2>/dev/null | cut -d' ' -f1)
	[ -n "$t" ] && us "$t"
}

t0=$(now_us)
Xvfb :0 -screen 0 1024x768x24 -nolisten tcp >xvfb.log 2>&1 &
xpid=$!
n=0
while [ ! -e /tmp/.X11-unix/X0 ] && [ $n -lt 600 ]; do
	usleep 100000
	n=$((n + 1))
done
t_check "Xvfb (Debian's, ppc64el) serves display :0" [ -e /tmp/.X11-unix/X0 ]
echo "# Xvfb up after $(ms_since "$t0") ms"
[ -e /tmp/.X11-unix/X0 ] || { sed 's/^/#   /' xvfb.log; t_done; exit 1; }

truncate -s 64M storm.img
mkfifo out.fifo err.fifo
stamp <out.fifo >vm.out &
stamps=$!
stamp <err.fifo >vm.err &
stamps="$stamps $!"
t0=$(now_us)
"$M" -M pseries -smp 2 -m 256 -drive file=storm.img -netdev tap,ifname=sdl0 \
	-display sdl -name sdlstorm -kernel $G/storm64.elf -append "storm window" \
	--timeout 280 </dev/null >out.fifo 2>err.fifo &
pid=$!
wid=""
if t_wait vm.out "storm64: storming" 120; then
	n=0
	while [ -z "$wid" ] && [ $n -lt 100 ]; do
		wid=$(xdotool search --name '^sdlstorm' 2>search.err | head -n 1)
		[ -n "$wid" ] || usleep 100000
		n=$((n + 1))
	done
fi
t_check "molvm opens its SDL window while the guest storms (window $wid)" [ -n "$wid" ]
echo "# window and storm up after $(ms_since "$t0") ms"
if [ -z "$wid" ]; then
	kill "$pid"
	xdotool search --name . getwindowname %@ 2>&1 | sed 's/^/#   windows: /'
	sed 's/^/#   /' search.err xvfb.log vm.out vm.err | tail -40
	t_done
	exit 1
fi

# Keys: the pointer in the window (no window manager: the focus follows
# it), then a, b, c; each one's release must reach the guest.
xdotool mousemove --window "$wid" 200 200
# The times are from xdotool's return (its own run, a dynamically linked
# program starting under TCG, is printed apart); the guest looks for keys
# once per storm round.
for k in a:30 b:48 c:46; do
	t=$(now_us)
	xdotool key "${k%:*}"
	t1=$(now_us)
	t_wait vm.out "storm64: key ${k#*:} 0" 30 &&
		echo "# key ${k%:*}: typed -> seen by the guest $(ms_between "$t1" "$(seen_at vm.out "storm64: key ${k#*:} 0")") ms after xdotool returned (xdotool ran $(((t1 - t) / 1000)) ms)"
done
got=$(tr -d '\r' <vm.out | sed -n 's/^[0-9.]* storm64: key //p' | paste -sd, -)
t_eq "keys a, b, c typed in the window reach the storming guest (press, release)" \
	"30 1,30 0,48 1,48 0,46 1,46 0" "$got"

# The window keeps showing what the guest draws: a column of its pixels
# read 6 times, 300 ms apart.
$G/xwin watch "$wid" 6 300 >watch.out
sed 's/^/# /' watch.out
changed=$(sed -n 's/.* \([0-9]*\) changed.*/\1/p' watch.out)
lit=$(sed -n 's/.* \([0-9]*\) pixels not black.*/\1/p' watch.out)
t_check "the window keeps refreshing while the guest storms (the column changed ${changed:-?} of 5 times)" \
	[ "${changed:-0}" -ge 1 ]
t_check "... and shows the guest's bands (${lit:-?} pixels of the column not black)" [ "${lit:-0}" -gt 0 ]

# The first close asks the guest to power off; the guest ignores it.
# (The times are from when the X server had the close: xwin prints it.)
sent=$($G/xwin close "$wid")
t_eq "xwin sends WM_DELETE_WINDOW" 0 "$?"
t=${sent##* }
[ -n "$t" ] || t=$(now_us)
t_wait vm.out "storm64: power-off requested" 60 &&
	t_wait vm.err "window closed: asking the guest" 5 &&
	echo "# first close -> molvm's answer (its line on stderr) $(ms_between "$t" "$(seen_at vm.err "window closed: asking the guest")") ms, the guest sees the power-off request $(ms_between "$t" "$(seen_at vm.out "storm64: power-off requested")") ms after it was sent"
t_has "closing the window asks the guest to power off (EPOW)" vm.out "storm64: power-off requested"
t_has "... and molvm says a second close quits" vm.err "close it again to quit"
t_check "the guest ignores it: molvm still runs" kill -0 "$pid"

# The second close quits.
sent=$($G/xwin close "$wid")
t=${sent##* }
[ -n "$t" ] || t=$(now_us)
wait "$pid"
rc=$?
t_exit=$(now_us)
echo "# second close -> molvm's answer (its line on stderr) $(ms_between "$t" "$(seen_at vm.err "window closed again: quitting")") ms, its exit $(ms_between "$t" "$t_exit") ms after it was sent"
# shellcheck disable=SC2086
wait $stamps	# the stamping loops: their files are complete
t_eq "closing the window again quits molvm (exit 0)" 0 "$rc"
t_has "... and molvm says why" vm.err "window closed again: quitting"
t_lacks "molvm reports no internal error" vm.err "KVM_RUN"
[ "$rc" = 0 ] || { sed 's/^/#   /' vm.out | tail -20; sed 's/^/#   /' vm.err | tail -20; }

# SIGTERM with the window open while the guest storms, the exit timed as
# 16-storm times it (tests/system/ctlprobe.c: from the signal to the
# exit, seen through a pidfd), 3 s after the storm began.
$G/ctlprobe --out term.out --err term.err --wait-for "storm64: storming" --after 3 \
	--stop term -- "$M" -M pseries -smp 2 -m 256 -drive file=storm.img \
	-netdev tap,ifname=sdl1 -display sdl -name sdlterm -kernel $G/storm64.elf \
	-append "storm window" --timeout 120 >term.probe
rc=$?
sed 's/^/# /' term.probe
t_eq "SIGTERM with the window open during the storm stops molvm (exit 143)" 143 "$rc"
echo "# window open, storm64 storming: SIGTERM -> exit in $(sed -n 's/.*exit_after_ms=\([0-9.]*\).*/\1/p' term.probe) ms"
[ "$rc" = 143 ] || sed 's/^/#   /' term.err | tail -20
kill "$xpid" 2>/dev/null
t_done
