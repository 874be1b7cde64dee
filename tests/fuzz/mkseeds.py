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


def of_call(name, args, nret=1):
    # op 4, args at 0x1000, name at 0x2000, nargs, nret, how (0: at)
    return (bytes([4]) + struct.pack(">II", 0x1000, 0x2000) + bytes([len(args), nret, 0])
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
