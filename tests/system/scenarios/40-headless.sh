#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: headless molvm runs driven by
# --script on the real /dev/kvm.  A Linux pseries guest binds molvm's
# simple-framebuffer, paints bands the script checks pixel by pixel, runs
# a command typed on its console and powers off; the script's JUnit and
# TAP reports and a PNG screenshot are asserted here.  A powermac test
# guest runs the same way, and a failing script must fail molvm.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp

echo "# host: $(uname -r)"

# --- Linux on pseries ------------------------------------------------------
cat >linux.script <<'SCRIPT'
# boot, the framebuffer driver, the shell
timeout 180
wait "GUEST-READY"
wait "guest# "
send "echo sum=$((6*7))\n"
wait "sum=42"
# bands painted through /dev/fb0 by the guest (x8r8g8b8, little-endian)
wait-pixel 512 110 ff0000 0 20
expect-pixel 512 210 00ff00
expect-pixel 512 310 0000ff
expect-pixel 1000 131 ff0000
expect-pixel 1000 132 000000 40
# fbcon's text (25 characters of the 8x16 font, grey aaaaaa) in the top
# rows, and right of it nothing but black
expect-area 0 0 200 16 aaaaaa 200 64
expect-area 400 0 200 16 000000 3200 40
screendump /tmp/linux.png
# molvm asks the guest to power off (an EPOW event through RTAS)
powerdown
wait "Power off requested"
wait-exit 60
SCRIPT
start=$(date +%s)
"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-headless.cpio.gz \
	-append "console=hvc0" -display none -name linux-guest --timeout 400 \
	--script linux.script --report junit:/tmp/linux.xml </dev/null >linux.out 2>linux.err
rc=$?
echo "# linux guest: exit $rc after $(($(date +%s) - start)) s"
t_eq "linux: molvm exits 0 (script passed, guest powered off)" 0 "$rc"
t_has "linux: simplefb bound molvm's framebuffer" linux.out "guest: /proc/fb: 0 simple"
t_has "linux: fbcon runs on it" linux.out "frame buffer device"
t_has "linux: the guest ran the typed command" linux.out "sum=42"
t_has "linux: the guest took molvm's power-off request (EPOW)" linux.out "Power off requested"
t_has "linux: JUnit report has 16 tests" linux.xml '<testsuite name="linux.script" tests="16" failures="0"'
t_count "linux: JUnit report: 16 test cases" 16 linux.xml "<testcase "
t_lacks "linux: JUnit report: no failure" linux.xml "<failure"
sed 's/^/#   /' linux.xml | head -20
# PNG signature and IHDR: 1024 x 768
t_eq "linux: screendump is a PNG" "89504e470d0a1a0a" "$(od -An -tx1 -N8 linux.png | tr -d ' \n')"
t_eq "linux: screendump is 1024x768" "0000040000000300" \
	"$(od -An -tx1 -j16 -N8 linux.png | tr -d ' \n')"
grep -a -m3 "simple-framebuffer\|simplefb" linux.out | sed 's/^/#   /'

# --- powermac test guest, TAP report -------------------------------------------
cat >h32.script <<'SCRIPT'
wait "hello32: hello from a 32-bit guest via OSI" 30
wait "hello32: done"
wait-exit 30
SCRIPT
"$M" -M powermac -m 64 -kernel $G/hello32.elf -nographic --timeout 60 \
	--script h32.script --report tap:/tmp/h32.tap </dev/null >h32.out 2>h32.err
t_eq "powermac: molvm exits 0" 0 "$?"
t_has "powermac: TAP plan" h32.tap "1..3"
t_passes "powermac: 3 steps ok" 3 h32.tap
t_lacks "powermac: nothing failed" h32.tap "not ok"
printf 'expect-screen /nonexistent.png\n' >nofb.script
"$M" -M powermac -m 64 -kernel $G/hello32.elf -nographic --timeout 60 \
	--script nofb.script </dev/null >nofb.out 2>nofb.err
t_eq "powermac: a failing step makes exit code 2" 2 "$?"
t_has "powermac: the failure is in the TAP on stderr" nofb.err "not ok 1 - expect-screen /nonexistent.png"

# --- a wait that never matches: the report says so, exit code 2 ----------------
printf 'wait "no such text" 2\n' >fail.script
"$M" -M powermac -m 16 -kernel $G/hello32.elf -nographic --timeout 60 \
	--script fail.script --report junit:/tmp/fail.xml </dev/null >fail.out 2>fail.err
rc=$?
# hello32 powers off before 2 s: the step fails because the guest stopped
t_eq "failing script: exit 2" 2 "$rc"
t_has "failing script: JUnit failure" fail.xml 'failures="1"'

# --- the control socket (-qmp) on a live VM -------------------------------------
# Events: molvm waits for the client (,wait), then the guest's console
# output and its power-off arrive as events.
# (Input from a file: hello64 then need not poll ~300000 times for it.)
printf 'from-a-file\n' >q1.in
"$M" -M pseries -m 64 -kernel $G/hello64.elf -display none --timeout 120 \
	-qmp unix:/tmp/q1.sock,server,wait <q1.in >q1.out 2>q1.err &
pid=$!
$G/qmp-client /tmp/q1.sock 120 >q1.qmp
wait $pid
rc=$?
t_eq "qmp: hello64 with a control socket exits 0" 0 "$rc"
[ $rc -eq 0 ] || sed 's/^/#   /' q1.err
t_has "qmp: greeting" q1.qmp '{"QMP":{"version":'
t_has "qmp: console output arrives as CONSOLE events" q1.qmp '{"event":"CONSOLE","data":{"text":"'
t_has "qmp: power-off arrives as a SHUTDOWN event" q1.qmp \
	'{"event":"SHUTDOWN","data":{"reason":"poweroff"}'
[ -e /tmp/q1.sock ] && t_fail "qmp: socket file left behind" || t_ok "qmp: socket file removed"

# Commands on a spinning pseries guest (its framebuffer is black; it
# ignores the power-off request, so quit ends it).
printf '\110\000\000\000' >spin.bin		# "b ."
"$M" -M pseries -m 64 -kernel spin.bin -kernel-addr 0x10000 -display none --timeout 120 \
	-qmp unix:/tmp/q2.sock,server </dev/null >q2.out 2>q2.err &
pid=$!
$G/qmp-client /tmp/q2.sock 30 \
	'{"execute":"qmp_capabilities"}' \
	'{"execute":"query-status","id":"s1"}' \
	'{"execute":"screendump","arguments":{"filename":"/tmp/q2.png"},"id":"d1"}' \
	'{"execute":"sendkey","arguments":{"keys":["ctrl","alt","delete"]},"id":"k1"}' \
	'{"execute":"type","arguments":{"text":"ls -l\n"},"id":"t1"}' \
	'{"execute":"mouse_move","arguments":{"x":10,"y":20},"id":"m1"}' \
	'{"execute":"no-such-command","id":"e1"}' \
	'{"execute":"screendump","id":"e2"}' \
	'not json at all' \
	'{"execute":"system_powerdown","id":"p1"}' \
	'{"execute":"quit","id":"q1"}' >q2.qmp
wait $pid
t_eq "qmp: quit stops the VM (exit 0)" 0 "$?"
t_has "qmp: query-status" q2.qmp '{"return":{"running":true,"status":"running"},"id":"s1"}'
t_has "qmp: screendump" q2.qmp '{"return":{},"id":"d1"}'
t_has "qmp: sendkey" q2.qmp '{"return":{},"id":"k1"}'
t_has "qmp: type" q2.qmp '{"return":{},"id":"t1"}'
t_has "qmp: mouse_move" q2.qmp '{"return":{},"id":"m1"}'
t_has "qmp: unknown command" q2.qmp '"class":"CommandNotFound"'
t_has "qmp: missing argument" q2.qmp '"desc":"screendump needs '"'"'filename'"'"'"},"id":"e2"'
t_has "qmp: bad JSON gets an error, the socket stays usable" q2.qmp '{"return":{},"id":"p1"}'
t_has "qmp: quit answered" q2.qmp '{"return":{},"id":"q1"}'
t_has "qmp: SHUTDOWN after quit" q2.qmp '{"event":"SHUTDOWN","data":{"reason":"poweroff"}'
t_eq "qmp: screendump wrote a 1024x768 PNG" "89504e470d0a1a0a0000000d494844520000040000000300" \
	"$(od -An -tx1 -N24 q2.png | tr -d ' \n')"

# quit
"$M" -M powermac -m 16 -kernel spin.bin -kernel-addr 0x10000 -nographic --timeout 120 \
	-qmp unix:/tmp/q3.sock,server </dev/null >q3.out 2>q3.err &
pid=$!
$G/qmp-client /tmp/q3.sock 30 '{"execute":"quit"}' >q3.qmp
wait $pid
t_eq "qmp: quit ends molvm with 0" 0 "$?"
t_has "qmp: SHUTDOWN after quit" q3.qmp '"event":"SHUTDOWN"'
run_bad() { "$M" "$@" -kernel spin.bin -kernel-addr 0x10000 </dev/null >bad.out 2>bad.err; echo $?; }
t_eq "-qmp without server: exit 1" 1 "$(run_bad -M powermac -qmp unix:/tmp/x.sock)"
t_eq "--script missing file: exit 1" 1 "$(run_bad -M powermac -nographic --script /nonexistent)"
t_has "--script missing file: says so" bad.err "--script /nonexistent"

t_done
