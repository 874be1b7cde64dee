#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# version.sh - molvm's version string, printed on stdout:
#   a release tarball (make dist) carries it in the file VERSION;
#   a git checkout gives BASE-N-gHASH[-dirty] (N commits, HASH of HEAD);
#   anything else gives BASE-unknown.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
base=0.1
if [ -f "$top/VERSION" ]; then
	cat "$top/VERSION"
	exit 0
fi
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	n=$(git -C "$top" rev-list --count HEAD)
	h=$(git -C "$top" rev-parse --short=12 HEAD)
	d=$(git -C "$top" diff --quiet HEAD -- 2>/dev/null || echo -dirty)
	echo "$base-$n-g$h$d"
else
	echo "$base-unknown"
fi
