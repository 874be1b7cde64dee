#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fdt-canon.sh DTB: print a device tree blob as the lines the pm32 test
# guest prints from what it reads over OSI PROM_IFACE:
#     T <path> <property> = <byte> <byte> ...
# nodes depth first in tree order, properties in tree order, bytes in
# lower-case hex without leading zeros.  Uses dtc's fdtget only, so it is
# independent of molvm's code.  Runs on the build machine (dtc is there).
set -eu
dtb=$1

node() {
	path=$1
	for prop in $(fdtget -p "$dtb" "$path"); do
		printf 'T %s %s =' "$path" "$prop"
		for b in $(fdtget -t bx "$dtb" "$path" "$prop"); do
			printf ' %s' "$b"
		done
		printf '\n'
	done
	for child in $(fdtget -l "$dtb" "$path"); do
		if [ "$path" = / ]; then
			(node "/$child")
		else
			(node "$path/$child")
		fi
	done
}
node /
