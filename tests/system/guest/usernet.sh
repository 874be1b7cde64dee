#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Linux guest of scenario 57-usernet: its NIC is on molvm's user-mode
# network (-netdev user, libslirp).  It gets its address by DHCP
# (busybox udhcpc), fetches files from the test host's httpd through the
# NAT (10.0.2.2 is the host), then serves a file on port 80 for the test
# host to fetch through hostfwd, and waits for the host's "done" on port
# 81 (also forwarded) before it powers off.
ip link set lo up
ip link set eth0 up
cat >/tmp/dhcp.sh <<'SCRIPT'
#!/bin/sh
# busybox udhcpc's hook: $ip, $mask (prefix length), $router, $dns
case $1 in
bound|renew)
	ip addr add "$ip/${mask:-24}" dev "$interface"
	[ -z "$router" ] || ip route add default via "$router"
	echo "$dns" >/tmp/dns
	;;
esac
SCRIPT
chmod 755 /tmp/dhcp.sh
udhcpc -i eth0 -n -q -t 10 -T 3 -s /tmp/dhcp.sh 2>&1 | sed 's/^/GUEST-UDHCPC: /'
echo "GUEST-ADDR: $(ip -4 addr show eth0 | grep -o 'inet [0-9./]*')"
echo "GUEST-ROUTE: $(ip route | grep default)"
echo "GUEST-DNS: $(cat /tmp/dns 2>/dev/null)"
wget -q -O /tmp/hello http://10.0.2.2:8080/hello.txt
echo "GUEST-WGET-RC=$?"
echo "GUEST-GOT=$(cat /tmp/hello)"
wget -q -O /tmp/blob http://10.0.2.2:8080/blob
echo "GUEST-BLOB-MD5=$(md5sum </tmp/blob | cut -d' ' -f1)"
mkdir -p /tmp/www
echo "served-by-the-guest" >/tmp/www/guest.txt
httpd -p 80 -h /tmp/www
# Listening before the host is told to send.
nc -l -p 81 >/tmp/done &
nc=$!
sleep 1
echo "GUEST-SERVING"
i=0
while kill -0 $nc 2>/dev/null && [ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $nc 2>/dev/null
echo "GUEST-DONE=$(cat /tmp/done)"
exit 0
