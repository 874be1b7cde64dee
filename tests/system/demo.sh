#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: boot the test host and run the demo scenario, console shown.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$top/build
exec "$top/contrib/testhost/run.sh" --timeout 900 "$top/tests/system/demo-scenario.sh" \
	"$B/ppc64le/molvm" "$B/guests/hello32.elf" "$B/guests/hello64.elf"
