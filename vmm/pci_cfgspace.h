/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A PCI function that is config space and nothing else: a type 0 or 1
 * header in bytes, and which bits of each byte a guest write may change.
 * The bridges' own functions (grackle.c: the MPC106, the 21154) and MOL's
 * paravirtual functions (devices/mol_pci.c) are such functions.  Callers
 * serialise accesses (the host bridge's lock).
 */
#ifndef MOLVM_PCI_CFGSPACE_H
#define MOLVM_PCI_CFGSPACE_H

#include "pci.h"

struct pci_cfgspace {
	struct pci_function fn;		/* first: fn's address is the function's */
	uint8_t cfg[PCI_CFG_SIZE], wmask[PCI_CFG_SIZE];
};

/* Vendor, device, revision and the 24-bit class code (class << 16 |
 * subclass << 8 | prog-if) in a zeroed header; the command register's
 * I/O, memory and bus-master bits, the cache line size and the latency
 * timer writable; no BARs, no interrupt pin. */
void pci_cfgspace_init(struct pci_cfgspace *c, const char *name, uint16_t vendor,
		       uint16_t device, uint8_t rev, uint32_t class_code);

/* The header's bytes through the write mask: false for an access
 * pci_cfg_ok refuses.  A function with registers of its own (mac-io)
 * embeds a pci_cfgspace and calls these from its own ops. */
bool pci_cfgspace_read(struct pci_cfgspace *c, uint32_t off, uint32_t len, uint32_t *val);
bool pci_cfgspace_write(struct pci_cfgspace *c, uint32_t off, uint32_t len, uint32_t val);

/* A config access the PCI spec allows: 1, 2 or 4 bytes, naturally
 * aligned, inside the 256-byte space. */
bool pci_cfg_ok(uint32_t off, uint32_t len);

#endif
