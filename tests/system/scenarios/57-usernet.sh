#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the POWER8 test host: user-mode networking (-netdev user,
# libslirp) on the real KVM, no tap and no privileges.  A Linux pseries
# guest gets its address by DHCP, fetches files from an httpd in the test
# host through the NAT, and serves a file the test host fetches through
# hostfwd.  Bad input (a malformed hostfwd, a port in use) is one line and
# exit 1.
. /opt/molvm/tap.sh
M=/opt/molvm/molvm
G=/opt/molvm
cd /tmp
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up

mkdir -p www
echo "hello-from-the-test-host" >www/hello.txt
dd if=/dev/urandom of=www/blob bs=65536 count=16 2>/dev/null
httpd -p 127.0.0.1:8080 -h /tmp/www

"$M" -M pseries -m 512 -kernel $G/vmlinux -initrd $G/linux-usernet.cpio.gz \
	-append "console=hvc0" -display none --timeout 300 \
	-netdev user,id=n0,hostfwd=tcp:127.0.0.1:18080-:80,hostfwd=tcp:127.0.0.1:18081-:81 \
	</dev/null >un.out 2>un.err &
pid=$!
n=0
while ! grep -q "GUEST-SERVING\|GUEST-EXIT" un.out 2>/dev/null && [ $n -lt 1800 ]; do
	sleep 0.1
	n=$((n + 1))
done
echo "# guest serving after $((n / 10)) s"
wget -q -O guest.txt http://127.0.0.1:18080/guest.txt
t_eq "hostfwd: the test host fetched the guest's file" "served-by-the-guest" "$(cat guest.txt 2>/dev/null)"
echo "done-$$" | nc 127.0.0.1 18081
wait $pid
t_eq "molvm exits 0 (the guest powered off)" 0 "$?"
t_has "DHCP: the guest got 10.0.2.15/24" un.out "GUEST-ADDR: inet 10.0.2.15/24"
t_has "DHCP: the default route is slirp's router" un.out "GUEST-ROUTE: default via 10.0.2.2"
t_has "DHCP: slirp's DNS" un.out "GUEST-DNS: 10.0.2.3"
t_has "NAT: wget of the host's file" un.out "GUEST-WGET-RC=0"
t_has "NAT: its content" un.out "GUEST-GOT=hello-from-the-test-host"
t_has "NAT: 1 MiB intact" un.out "GUEST-BLOB-MD5=$(md5sum <www/blob | cut -d' ' -f1)"
t_has "hostfwd: the guest got the host's word on port 81" un.out "GUEST-DONE=done-$$"
t_lacks "molvm reports no error" un.err "error"
grep -a 'GUEST-' un.out | sed 's/^/#   /'

# --- bad input ---------------------------------------------------------------------
run badfwd -M pseries -m 256 -kernel $G/vmlinux -display none --timeout 30 \
	-netdev user,hostfwd=tcp::80
t_eq "malformed hostfwd: exit 1" 1 "$rc"
t_has "malformed hostfwd: says what is expected" badfwd.err \
	"hostfwd=tcp::80 is not [tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT"
t_eq "malformed hostfwd: one line" 1 "$(wc -l <badfwd.err)"
httpd -f -p 127.0.0.1:18090 -h /tmp/www &
ncpid=$!
sleep 0.5
run inuse -M pseries -m 256 -kernel $G/vmlinux -display none --timeout 30 \
	-netdev user,hostfwd=tcp:127.0.0.1:18090-:80
kill $ncpid 2>/dev/null
t_eq "hostfwd port in use: exit 1" 1 "$rc"
t_has "hostfwd port in use: says so" inuse.err "hostfwd=tcp:127.0.0.1:18090: cannot listen there: Address already in use"
t_eq "hostfwd port in use: one line" 1 "$(wc -l <inuse.err)"

# --- powermac: ENET2 on the user-mode network ---------------------------------------
# A connection to a hostfwd port: slirp asks for the guest's MAC (enet32
# answers the ARP request through the TX rings), then sends the SYN, and
# retransmits it (enet32 never answers TCP): three events for enet32.
"$M" -M powermac -m 64 -kernel $G/enet32.elf -netdev user,hostfwd=tcp:127.0.0.1:18095-:7 \
	--timeout 90 </dev/null >pmnet.out 2>pmnet.err &
pid=$!
for i in $(seq 1 300); do
	grep -q "enet32: ready" pmnet.out 2>/dev/null && break
	sleep 0.1
done
echo hello | nc -w 10 127.0.0.1 18095 >/dev/null 2>&1 &
wait $pid
t_eq "powermac: enet32 exits 0" 0 "$?"
t_has "powermac: slirp's ARP request for the guest, answered through ENET2" pmnet.out \
	"enet32: arp request from 10.0.2.2"
t_has "powermac: the forwarded connection's SYN reached the guest" pmnet.out \
	"enet32: ipv4 proto 6 from 10.0.2.2 port"
t_has "powermac: ... to the forwarded port 7" pmnet.out "to port 7 SYN"
grep -a "enet32:" pmnet.out | sed 's/^/#   /'
t_done
