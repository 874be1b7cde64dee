#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check.sh - molvm as an installed tool (make install-test):
#   make install DESTDIR=... PREFIX=/usr puts the binary, the man page and
#   the examples where they belong; the binary there says its version;
#   the man page renders without warnings and names every option that
#   --help lists; make dist makes a tarball that builds and runs on its
#   own, outside git, and says the same version.
# TAP output; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/molvm-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else nok "$desc"; fi; }

version=$(contrib/version.sh)
root=$tmp/root
make -s install DESTDIR="$root" PREFIX=/usr >"$tmp/install.log" 2>&1
check "make install DESTDIR=... PREFIX=/usr" test $? -eq 0
check "binary in /usr/bin" test -x "$root/usr/bin/molvm"
check "man page in /usr/share/man/man1" test -f "$root/usr/share/man/man1/molvm.1"
check "examples in /usr/share/doc/molvm/examples" test -f "$root/usr/share/doc/molvm/examples/boot.script"
check "README and LICENSE in /usr/share/doc/molvm" \
	test -f "$root/usr/share/doc/molvm/README.md" -a -f "$root/usr/share/doc/molvm/LICENSE"
out=$("$root/usr/bin/molvm" --version)
check "molvm --version says 'molvm $version' ($out)" test "$out" = "molvm $version"
case $version in
*-g[0-9a-f]*) ok "the version names the git commit ($version)" ;;
*) nok "the version names the git commit ($version)" ;;
esac

man=$root/usr/share/man/man1/molvm.1
check "the man page carries the version" grep -q "molvm $version" "$man"
check "no unreplaced @...@ in the man page" sh -c "! grep -q '@[A-Z]*@' '$man'"
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$man" >"$tmp/man.txt" 2>"$tmp/man.err"
check "man -l renders it" test -s "$tmp/man.txt"
groff -man -Tutf8 -ww -z "$man" >"$tmp/groff.err" 2>&1
check "groff -ww: no warnings" test ! -s "$tmp/groff.err"
sed 's/^/# /' "$tmp/groff.err"
# Every option --help lists ("  -x", "  --xx", "-a, -b") is in the man page.
"$root/usr/bin/molvm" --help | grep -oE '^  (-[-a-zA-Z]+)(, -[-a-zA-Z]+)?' |
	grep -oE '\-[-a-zA-Z]+' | sort -u >"$tmp/opts"
missing=""
while read -r o; do
	# the man page spells each dash \-
	grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man" || missing="$missing $o"
done <"$tmp/opts"
check "the man page has every option of --help ($(wc -l <"$tmp/opts") options)${missing:+; missing:$missing}" \
	test -z "$missing"
check "--help lists at least 25 options" test "$(wc -l <"$tmp/opts")" -ge 25

# make dist: a tarball that builds on its own (no git, no build/ tree).
make -s dist >"$tmp/dist.log" 2>&1
check "make dist" test $? -eq 0
# (the tarball holds HEAD: a -dirty tree's changes are not in it)
dversion=${version%-dirty}
tarball=build/molvm-$dversion.tar.gz
check "tarball $tarball" test -f "$tarball"
mkdir "$tmp/src"
tar -C "$tmp/src" -xzf "$tarball"
d=$tmp/src/molvm-$dversion
check "the tarball unpacks to molvm-VERSION/ with a VERSION file" test -f "$d/VERSION"
check "no build products in the tarball" test ! -e "$d/build"
# Outside any git tree: GIT_CEILING_DIRECTORIES stops git looking upwards.
GIT_CEILING_DIRECTORIES=$tmp/src make -C "$d" -s -j2 >"$tmp/distbuild.log" 2>&1
check "the unpacked tarball builds (make)" test $? -eq 0
tail -5 "$tmp/distbuild.log" | sed 's/^/# /'
out=$("$d/build/native/molvm" --version 2>&1)
check "its molvm --version says 'molvm $dversion'" test "$out" = "molvm $dversion"

echo "1..$n"
echo "install-test: $((n - failed)) passed, $failed failed"
[ $failed -eq 0 ]
