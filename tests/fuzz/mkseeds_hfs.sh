#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Seeds for fuzz_hfs.c: real volumes, each as the harness reads its input
# (what, size, then the image's non-zero 512-byte blocks as chunks): an
# HFS disk from hfsutils with a blessed System Folder (blessed 'tbxi'
# search), the same unblessed (the full "Mac OS ROM" search), the HFS one
# as a drive (the ROM search), and an HFS+ CD from xorriso behind an
# Apple partition map (the map, and the search).  Run from tests/fuzz/.
set -eu
out=$(pwd)/corpus/hfs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
cd "$tmp"
export HOME=$tmp		# hfsutils keeps its current volume in ~/.hcwd
printf '<CHRP-BOOT>' >rom.bin
seq 1 600 >>rom.bin
echo finder >f
hfs() {	# image bless
	dd if=/dev/zero of="$1" bs=1k count=800 2>/dev/null
	hformat -l 'Macintosh HD' "$1" >/dev/null
	hmkdir ':System Folder'
	hcopy -r rom.bin ':System Folder:Mac OS ROM'
	hattrib -t tbxi -c chrp ':System Folder:Mac OS ROM'
	hcopy -r f ':System Folder:Finder'
	hattrib -t FNDR -c MACS ':System Folder:Finder'
	hcopy -r f ':System Folder:System'
	hattrib -t zsys -c MACS ':System Folder:System'
	[ "$2" = 0 ] || hattrib -b ':System Folder'
	humount >/dev/null
}
hfs blessed.img 1
hfs plain.img 0
mkdir -p 'cdroot/System Folder'
cp rom.bin 'cdroot/System Folder/Mac OS ROM'
cp f 'cdroot/System Folder/Finder'
xorriso -as mkisofs -hfsplus -hfsplus-file-creator-type chrp tbxi \
	'/System Folder/Mac OS ROM' -hfs-bless-by p '/System Folder' -V MACOS \
	-o cd.iso cdroot 2>/dev/null
python3 - "$out" <<'PY'
import struct, sys
out = sys.argv[1]
def seed(name, img, what):
    d = open(img, "rb").read()
    size = 0
    while (64 * 1024) << size < len(d):
        size += 1
    chunks, i = [], 0
    while i < len(d):
        if any(d[i:i + 512]):
            j = i
            while j < len(d) and any(d[j:j + 512]) and j - i < 65024:
                j += 512
            chunks.append(struct.pack(">IH", i, len(d[i:j])) + d[i:j])
            i = j
        else:
            i += 512
    open(f"{out}/seed-{name}", "wb").write(bytes([what, size]) + b"".join(chunks))
seed("hfs-blessed", "blessed.img", 0)
seed("hfs-search", "plain.img", 1)
seed("hfs-drive", "blessed.img", 2)
seed("cd-map", "cd.iso", 3)
seed("cd-drive", "cd.iso", 2)
PY
ls -l "$out"
