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
screendump /tmp/linux.png
send "exit\n"
wait "GUEST-EXIT=0"
wait-exit 60
SCRIPT
start=$(date +%s)
"$M" -M pseries -m 512 -kernel $G/linux-guest.vmlinux -initrd $G/headless-guest.cpio.gz \
	-append "console=hvc0" -display none -name linux-guest --timeout 400 \
	--script linux.script --report junit:/tmp/linux.xml </dev/null >linux.out 2>linux.err
rc=$?
echo "# linux guest: exit $rc after $(($(date +%s) - start)) s"
t_eq "linux: molvm exits 0 (script passed, guest powered off)" 0 "$rc"
t_has "linux: simplefb bound molvm's framebuffer" linux.out "guest: /proc/fb: 0 simple"
t_has "linux: the guest ran the typed command" linux.out "sum=42"
t_has "linux: JUnit report has 14 tests" linux.xml '<testsuite name="linux.script" tests="14" failures="0"'
t_count "linux: JUnit report: 14 test cases" 14 linux.xml "<testcase "
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
t_count "powermac: 3 steps ok" 3 h32.tap "ok "
t_lacks "powermac: nothing failed" h32.tap "not ok"
printf 'screendump /tmp/none.png\n' >nofb.script
"$M" -M powermac -m 64 -kernel $G/hello32.elf -nographic --timeout 60 \
	--script nofb.script </dev/null >nofb.out 2>nofb.err
t_eq "powermac: a failing step makes exit code 2" 2 "$?"
t_has "powermac: the failure is in the TAP on stderr" nofb.err "not ok 1 - screendump /tmp/none.png"

# --- a wait that never matches: the report says so, exit code 2 ----------------
printf 'wait "no such text" 2\n' >fail.script
"$M" -M powermac -m 16 -kernel $G/hello32.elf -nographic --timeout 60 \
	--script fail.script --report junit:/tmp/fail.xml </dev/null >fail.out 2>fail.err
rc=$?
# hello32 powers off before 2 s: the step fails because the guest stopped
t_eq "failing script: exit 2" 2 "$rc"
t_has "failing script: JUnit failure" fail.xml 'failures="1"'

t_done
