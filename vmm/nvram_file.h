/* SPDX-License-Identifier: GPL-2.0 */
/* The -nvram FILE image of either machine (vmm/nvram_file.c). */
#ifndef MOLVM_NVRAM_FILE_H
#define MOLVM_NVRAM_FILE_H

#include <stdint.h>

/* Read FILE into buf: 0 done, 1 no such file (buf untouched: the caller's
 * fresh image), -1 error printed (not a regular file of exactly size bytes,
 * unreadable). */
int nvram_file_load(const char *path, uint8_t *buf, uint32_t size);

/* Write buf to FILE (created 0600 if missing) and fsync it: 0, or -1 with
 * the error printed. */
int nvram_file_save(const char *path, const uint8_t *buf, uint32_t size);

#endif
