#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: molvm's VNC display on the real KVM,
# seen by a real client (vnc-client, on libvncclient).  A Linux pseries
# guest paints bands on molvm's framebuffer and the client reads them over
# TCP on localhost; a second guest reads its virtio-input device while
# the client, on a password-protected Unix socket, types keys and moves and
# clicks the pointer, and the guest must get exactly those evdev records.
# Bad input (a port in use, an unreadable password file, a malformed
# spec) gets one line and exit 1.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up

# --- pixels over TCP, localhost:5900 ------------------------------------------------
"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-headless.cpio.gz \
	-append "console=hvc0" -display vnc=:0 -qmp unix:/tmp/q1.sock,server \
	--timeout 300 </dev/null >v1.out 2>v1.err &
pid=$!
t_wait v1.out "guest: bands painted" 180 || echo "# 'guest: bands painted' not seen in 180 s"
$G/vnc-client 127.0.0.1:5900 size 1024 768 \
	wait-pixel 512 110 ff0000 60 wait-pixel 512 210 00ff00 wait-pixel 512 310 0000ff \
	wait-pixel 1000 131 ff0000 >v1.vnc 2>&1
t_eq "tcp: vnc-client passed every step" 0 "$?"
sed 's/^/#   /' v1.vnc
t_has "tcp: the client sees a 1024x768 frame" v1.vnc "ok - vnc-client: frame size 1024x768"
t_has "tcp: the red band the guest painted" v1.vnc "ok - vnc-client: pixel 512,110 is ff0000"
t_has "tcp: the blue band" v1.vnc "ok - vnc-client: pixel 512,310 is 0000ff"
t_check "tcp: listening on 127.0.0.1:5900 only" grep -q "0100007F:170C 00000000:0000 0A" /proc/net/tcp
grep -i ":170C" /proc/net/tcp | sed 's/^/#   /'

# The port is taken: a second molvm says so in one line, exit 1.
run inuse -M pseries -m 256 -kernel $G/vmlinux -display vnc=:0 --timeout 30
t_eq "port in use: exit 1" 1 "$rc"
t_has "port in use: the message says it" inuse.err "vnc=127.0.0.1:5900: cannot listen: Address already in use"
t_eq "port in use: one line on stderr" 1 "$(wc -l <inuse.err)"
$G/qmp-client /tmp/q1.sock 30 '{"execute":"quit"}' >/dev/null
wait $pid
t_eq "tcp: molvm quits with 0" 0 "$?"

# --- keys and pointer over a password-protected Unix socket -----------------------
printf 'molvm-pw\n' >pw
printf 'not-it\n' >badpw
"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-vinput.cpio.gz \
	-append "console=hvc0 vinput_n=19" -vnc unix:/tmp/vnc.sock,password-file=/tmp/pw \
	--timeout 300 </dev/null >v2.out 2>v2.err &
pid=$!
t_wait v2.out "GUEST-VINPUT-READY\|GUEST-EXIT" 180 ||
	echo "# 'GUEST-VINPUT-READY\|GUEST-EXIT' not seen in 180 s"
$G/vnc-client --password-file badpw --expect-auth-failure /tmp/vnc.sock >v2a.vnc 2>&1
t_eq "unix: a wrong password is refused" 0 "$?"
# 19 records: a (4), Shift+b (8), move to 512,384 (3), a click there (4:
# the unchanged position is not reported again by the guest's input core)
$G/vnc-client --password-file pw /tmp/vnc.sock size 1024 768 \
	key a type B move 512 384 click >v2.vnc 2>&1
t_eq "unix: vnc-client passed every step" 0 "$?"
sed 's/^/#   /' v2.vnc
wait $pid
rc=$?
t_eq "unix: the guest powers off, molvm exits 0" 0 "$rc"
t_has "unix: the guest read all 19 records" v2.out "GUEST-VINPUT-BYTES=456"
got=$(tr -d '\r' <v2.out | grep '^GUEST-EV ' | cut -d' ' -f2- | tr '\n' ',')
t_eq "keysym a: KEY_A (30) press and release" "1 30 1,0 0 0,1 30 0,0 0 0," \
	"$(echo "$got" | cut -d, -f1-4),"
t_eq "B: KEY_LEFTSHIFT (42) around KEY_B (48)" \
	"1 42 1,0 0 0,1 48 1,0 0 0,1 48 0,0 0 0,1 42 0,0 0 0," "$(echo "$got" | cut -d, -f5-12),"
t_eq "pointer to 512,384 of 1024x768: ABS_X/ABS_Y scaled to 0..32767" \
	"3 0 16399,3 1 16404,0 0 0," "$(echo "$got" | cut -d, -f13-15),"
t_eq "click: BTN_LEFT (272) press and release" "1 272 1,0 0 0,1 272 0,0 0 0," \
	"$(echo "$got" | cut -d, -f16-19),"
t_check "unix: the socket is removed at exit" test ! -e /tmp/vnc.sock
t_lacks "unix: molvm reports no error" v2.err "error"

# --- bad input -----------------------------------------------------------------
run nopw -M pseries -m 256 -kernel $G/vmlinux -display vnc=:1,password-file=/nonexistent --timeout 30
t_eq "unreadable password file: exit 1" 1 "$rc"
t_has "unreadable password file: says which and why" nopw.err \
	"password-file /nonexistent: No such file or directory"
t_eq "unreadable password file: one line" 1 "$(wc -l <nopw.err)"
run badspec -M pseries -m 256 -kernel $G/vmlinux -display vnc=localhost --timeout 30
t_eq "vnc=localhost (no display number): exit 1" 1 "$rc"
t_has "vnc=localhost: says what is wrong" badspec.err "no display number"
t_eq "vnc=localhost: one line" 1 "$(wc -l <badspec.err)"

t_done
