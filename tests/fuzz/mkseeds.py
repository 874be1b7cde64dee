#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hand-written seeds for the harnesses whose input is a format (QMP JSON,
--script text, ELF and ROM images).  The other seeds in corpus/ are inputs
the fuzzers found, minimised with libFuzzer's -merge=1.  Run from
tests/fuzz/ to rewrite these files: python3 mkseeds.py"""
import os
import struct


def put(harness, name, data):
    d = os.path.join("corpus", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# -qmp: one client's whole conversation
qmp = {
    "caps": '{"execute":"qmp_capabilities"}\n{"execute":"query-status","id":1}\n',
    "keys": '{"execute":"sendkey","arguments":{"keys":["ctrl","alt","delete"]}}\n'
            '{"execute":"sendkey","arguments":{"keys":[{"type":"qcode","data":"a"}]}}\n',
    "type": '{"execute":"type","arguments":{"text":"Hello, World!\\n"}}\n',
    "mouse": '{"execute":"mouse_move","arguments":{"x":10,"y":20}}\n'
             '{"execute":"mouse_move","arguments":{"dx":-5}}\n'
             '{"execute":"mouse_button","arguments":{"button":"left","down":true}}\n'
             '{"execute":"mouse_button","arguments":{"button":"right"}}\n',
    "console": '{"execute":"console-write","arguments":{"text":"ls\\r"},"id":"x"}\n',
    "screendump": '{"execute":"screendump","arguments":{"filename":"/dev/null"}}\n',
    "power": '{"execute":"system_powerdown"}{"execute":"quit"}\n',
    "bad": '{"execute":42}\n{"arguments":[]}\n{"execute":"nope"}\n{"execute": "type", "argu\n'
           'not json at all\n[1,2,3]\n"str"\n',
}
for k, v in qmp.items():
    put("qmp", k, v)

# --script: a script, a NUL, then guest console output (u8 lengths * 4)
script = {
    "wait": 'timeout 5\nwait "login:"\nsend "root\\n"\nwait "# " 3\nwait-exit 2\n',
    "input": 'type "hello"\nsendkey ctrl-alt-delete\nmouse_move 10 20\nmouse_button left\n'
             'sleep 0.5\npowerdown\nquit\n',
    "screen": 'screendump /dev/null\nexpect-screen /nonexistent.png 2 10\n'
              'expect-pixel 1 2 ff00ff 3\nwait-pixel 0 0 000000 0 1\n'
              'expect-area 0 0 8 8 ffffff 4 1\n# comment\n',
}
for k, v in script.items():
    put("script", k, b"\x00" + v.encode() + b"\x00\x04login:  # \x00")

# loader: byte 0 picks ELF (0), raw (1) or ROM (2)
def elf(bits, big, entry, paddr, payload):
    e = ">" if big else "<"
    if bits == 32:
        ident = b"\x7fELF" + bytes([1, 2 if big else 1, 1]) + bytes(9)
        ehdr = ident + struct.pack(e + "HHIIIIIHHHHHH", 2, 20, 1, entry, 52, 0, 0, 52, 32, 1,
                                   40, 0, 0)
        phdr = struct.pack(e + "IIIIIIII", 1, 84, paddr, paddr, len(payload), len(payload) + 64,
                           5, 4)
    else:
        ident = b"\x7fELF" + bytes([2, 2 if big else 1, 1]) + bytes(9)
        ehdr = ident + struct.pack(e + "HHIQQQIHHHHHH", 2, 21, 1, entry, 64, 0, 0, 64, 56, 1,
                                   64, 0, 0)
        phdr = struct.pack(e + "IIQQQQQQ", 1, 5, 120, paddr, paddr, len(payload),
                           len(payload) + 64, 8)
    return ehdr + phdr + payload


code = bytes.fromhex("7c0802a6 48000000 4e800020".replace(" ", ""))
put("loader", "elf32be", b"\x00" + elf(32, True, 0x10000, 0x10000, code))
put("loader", "elf64be", b"\x00" + elf(64, True, 0x10000, 0x10000, code))
put("loader", "elf64le", b"\x00" + elf(64, False, 0xc000000000010000, 0x10000, code))
put("loader", "raw", b"\x01\x00\x01\x00\x00" + code)
chrp = (b"<CHRP-BOOT>\n<COMPATIBLE>\nMacRISC MacRISC2\n</COMPATIBLE>\n"
        b"<BOOT-SCRIPT>\n</BOOT-SCRIPT>\n</CHRP-BOOT>\n")
rom = chrp.ljust(16384, b"\x00") + elf(32, True, 0x10000, 0x10000, code) + b"prcl" + bytes(64)
put("loader", "rom", b"\x02" + rom)

# Open Firmware (fuzz_prom.c): one OF_INTERFACE call per service of
# osi_prom.c, then PROM_IFACE and PROM_PATH_IFACE calls.  A service added
# later is learnt by the fuzzer from the table's strcmp; these seeds only
# give the known ones a head start.
def cell(v):
    return bytes([0x80]) + struct.pack(">I", v)


def of_call(name, args, nret=1, op=4):
    # op 4 (5: translation on), args at 0x1000, name at 0x2000, nargs, nret, how (0: at)
    return (bytes([op]) + struct.pack(">II", 0x1000, 0x2000) + bytes([len(args), nret, 0])
            + name.encode() + b"\0" + b"".join(cell(a) for a in args))


def put_str(at, text):
    return bytes([1]) + struct.pack(">I", at) + text.encode() + b"\0"


root_child = 1   # phandles are small numbers in the machine's tree
services = {
    "peer": [0], "child": [1], "parent": [2], "getproplen": [1, 0x3000],
    "getprop": [1, 0x3000, 0x4000, 64], "nextprop": [1, 0x3100, 0x4000],
    "setprop": [1, 0x3000, 0x4000, 8], "finddevice": [0x3200],
    "package-to-path": [2, 0x4000, 128],
}
for name, args in services.items():
    put("prom", "of-" + name,
        put_str(0x3000, "name") + put_str(0x3100, "") + put_str(0x3200, "/cpus") + of_call(name, args))
prom_iface = b"".join(bytes([2, what]) + cell(ph) + cell(0x3000) + cell(0x4000) + cell(64)
                      for what in range(10) for ph in (1, 2))
put("prom", "prom-iface", put_str(0x3000, "name") + prom_iface)
put("prom", "path-iface", put_str(0x3200, "/pci@80000000/mol-blk") + bytes([3, 0x80, 17]) +
    cell(0x3200) + put_str(0x3300, "/new/node@1") + bytes([3, 0x80, 16]) + cell(0x3300))


# The client's other services, with translation on (op 5): a disk opened
# and read, memory claimed, the mmu's methods, /rtas instantiated, then
# RTAS calls through OF_RTAS (op 6: block address, how, token index,
# nargs, nret, args).
IH_MMU, IH_FIRST_FREE = 0x6f000102, 0x6f000105
client = [
    ("disk", put_str(0x3200, "hd:0") + of_call("open", [0x3200], op=5) +
     of_call("seek", [IH_FIRST_FREE, 0, 512], op=5) + of_call("read", [IH_FIRST_FREE, 0x4000, 1024], op=5) +
     of_call("instance-to-path", [IH_FIRST_FREE, 0x4000, 128], op=5) +
     of_call("close", [IH_FIRST_FREE], op=5)),
    ("claim", of_call("claim", [0x40000, 0x2000, 0], op=5) + of_call("claim", [0, 0x1000, 0x1000], op=5) +
     of_call("release", [0x40000, 0x2000], op=5)),
    ("mmu", put_str(0x3300, "translate") + put_str(0x3400, "map") + put_str(0x3500, "unmap") +
     of_call("call-method", [0x3300, IH_MMU, 0x40000], 4, op=5) +
     of_call("call-method", [0x3400, IH_MMU, 2, 0x1000, 0x50000000, 0x40000], 1, op=5) +
     of_call("call-method", [0x3500, IH_MMU, 0x1000, 0x50000000], 1, op=5)),
    ("rtas", put_str(0x3200, "/rtas") + put_str(0x3300, "instantiate-rtas") +
     of_call("open", [0x3200], op=5) + of_call("call-method", [0x3300, IH_FIRST_FREE, 0x60000], 2, op=5) +
     b"".join(bytes([6]) + struct.pack(">I", 0x7000) + bytes([0, i, n, r]) +
              b"".join(cell(0x6000) for _ in range(n))
              for i, n, r in ((3, 0, 8), (1, 3, 2), (8, 2, 2), (11, 2, 1)))),
    ("misc", of_call("milliseconds", [], op=5) + of_call("interpret", [0x3200], 2, op=5) +
     of_call("quiesce", [], 0, op=5) + of_call("test", [0x2000], op=5)),
]
for name, data in client:
    put("prom", "client-" + name, data)

# ROM patches (fuzz_nwrom.c): MOL's two patterns in code, with other
# words around them; byte 0 picks the timebase.
add_bug = [0x7c7d1b78, 0x7c9c2378, 0x7cc33378, 0x7c864214, 0x80b10000, 0x38a500e8]
timer = [0x7d0000a6, 0x5507045e, 0x7ce00124, 0x4c00012c, 0x38e00000, 0x3c80000f, 0x6084ffff,
         0x98830c00, 0x7c0006ac, 0x98830a00, 0x7c0006ac, 0x7c9603a6, 0x4c00012c, 0x7cb602a6,
         0x2c050000, 0x4181fff8, 0x7c0004ac, 0x88830a00, 0x7c0006ac, 0x88a30800, 0x7c0006ac,
         0x88c30a00, 0x7c0006ac, 0x7c043040, 0x40a2ffe4, 0x5085442e, 0x7ca500d0, 0x54a5043e,
         0x7c053840, 0x7ca72b78, 0x4082ff9c, 0x7ca32b78, 0x7d000124, 0x4c00012c, 0x4e800020]
def words(ws):
    return b"".join(struct.pack(">I", w) for w in ws)
nop = [0x60000000] * 3
put("nwrom", "both", b"\x00" + words(nop + add_bug + nop + timer + add_bug + nop))
put("nwrom", "timer-slow-tb", b"\x04" + words(timer + nop) + b"\x7c\x86")
put("nwrom", "add-unaligned", b"\x01\x00\x00" + words(add_bug + add_bug))

# The old OSI_ENET interface (fuzz_enet.c): OPEN with mol-enet-0's id,
# START, frames for the NIC's MAC and broadcast queued, status, read,
# send, multicast, then ENET2 started (frames go to its ring) and stopped.
def enet(pick, idfix, *args):
    args = list(args) + [0] * (5 - len(args))   # the harness reads five
    return bytes([1, pick, idfix]) + b"".join(bytes([0x40]) + struct.pack(">I", a) if a > 0x3f
                                            else bytes([a]) for a in args)
def frame(kind, n):
    return bytes([2, kind]) + struct.pack(">H", n) + bytes(range(n % 256)) + bytes(max(0, n - 256))
put("enet", "driver",
    enet(0, 0) + enet(4, 0, 1) + frame(0, 60) + frame(1, 1514) + frame(2, 100) + enet(3, 0) +
    enet(7, 0, 0x8000) + enet(7, 0, 0) + enet(2, 0, 0x9000) + enet(8, 0, 0x8000, 60) +
    enet(5, 0, 0x9000) + enet(6, 0, 0x9000) + enet(4, 0, 0) + bytes([3, 0]) + frame(0, 60) +
    bytes([3, 1]) + frame(0, 60) + enet(4, 0, 2) + enet(1, 0))

# PAPR (fuzz_papr.c): an HPTE written, then H_READ (one, and four with
# H_READ_4), H_CLEAR_REF, H_CLEAR_MOD; RTAS nvram-store then nvram-fetch.
# Byte 0 odd: KVM's XICS (molvm's own is not set up).
def hcall(pick, *args):
    args = list(args) + [0] * (9 - len(args))
    return bytes([1, pick, 0]) + b"".join(struct.pack(">Q", a) for a in args)
def rtas_call(index, *args):
    return (bytes([2]) + struct.pack(">I", 0x3000) + bytes([0, index, len(args), 2]) +
            b"".join(struct.pack(">I", a) for a in args) + bytes([0]))
H_READ_4 = 1 << (63 - 26)
put("papr", "hpt",
    b"\x01" + bytes([4]) + struct.pack(">HQQ", 8, 0x4000000000001, 0x1234000 | 0x180) +
    hcall(13, 0, 8) + hcall(13, H_READ_4, 9) + hcall(14, 0, 8, 0x4000000000001) +
    hcall(15, 0, 8, 0x4000000000001) + hcall(13, 0, 1 << 40))
put("papr", "nvram",
    b"\x01" + bytes([0]) + struct.pack(">I", 0x5000) + bytes([8]) + b"molvm nv" +
    rtas_call(18, 0x100, 0x5000, 8) + rtas_call(17, 0x100, 0x6000, 8) +
    rtas_call(17, 0xfff0, 0x6000, 0x20) + rtas_call(18, 0, 0xffffff00, 0x1000))

# The framebuffer tracker (fuzz_fb.c): a 32 bpp 200x50 frame, pixels
# written, looked at a band (one tile row's budget, then the smallest,
# then all) and whole; an 8 bpp frame with a palette entry, a mode change
# to 565 in the middle of a look, video off.
def fb_mode(fmt, w, h, stride):
    return bytes([0, fmt]) + struct.pack(">HHH", w, h, stride)
def fb_band(budget, row=None):
    return (bytes([3]) + struct.pack(">I", budget) +
            (bytes([1]) + struct.pack(">H", row) if row is not None else bytes([0])))
put("fb", "bands",
    fb_mode(4, 200, 50, 800) + bytes([1]) + struct.pack(">I", 40 * 800 + 20) + bytes([16]) +
    bytes(range(1, 17)) + fb_band(200 * 16, 0) + fb_band(1) + fb_band(0xffffffff) + bytes([4]))
put("fb", "modes",
    fb_mode(1, 100, 20, 100) + bytes([2, 5]) + struct.pack(">I", 0xff0000) + fb_band(1600, 0) +
    fb_mode(3, 300, 200, 600) + fb_band(4800) + fb_band(4800, 1) + fb_mode(0, 0, 0, 0) +
    fb_band(1) + bytes([4]))
