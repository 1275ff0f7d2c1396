/*
 * CRC-32 (IEEE 802.3, the zlib polynomial, reflected 0xEDB88320) of the
 * tensors in dpt's per-step messages (lib/wire/crc32.ts), the value zlib's
 * crc32() gives. On x86 CPUs with PCLMULQDQ the bulk of a buffer is folded
 * 64 bytes at a time by carry-less multiplication (the method of Intel's
 * "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ", with the
 * constants Chromium's zlib and Linux use for this polynomial); the rest,
 * and other CPUs, go a byte at a time through a table.
 */
#ifndef DPT_CRC32_H
#define DPT_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Sets up the table and looks for PCLMULQDQ; call once before dpt_crc32. */
void dpt_crc32_init(void);
/* crc32 of p[0..n) continuing from `crc` (0 for a fresh one), as zlib's crc32(crc, p, n). */
uint32_t dpt_crc32(uint32_t crc, const uint8_t *p, size_t n);
/* 1 when the folding path is in use. */
int dpt_crc32_folding(void);

#endif
