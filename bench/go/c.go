package main

// The baselines in C and in hand-written cgo. math_* resolve to the static library that
// package asmmath links (its symbols are hidden, which only keeps them from being exported).

/*
#cgo CFLAGS: -O2 -I${SRCDIR}/../../bindings/go
#include <stdint.h>
#include "asmmath.h"

// C calling the static library directly, n times.
static int64_t c_add_ints_loop(int64_t n) {
	int64_t acc = 0;
	for (int64_t i = 0; i < n; i++) acc = math_add_ints(acc, i);
	return acc;
}

static uint32_t c_crc32_loop(const uint8_t *data, size_t len, int64_t n) {
	uint32_t crc = 0;
	for (int64_t i = 0; i < n; i++) crc = math_crc32(crc, data, len);
	return crc;
}

// The same function under another name, so that cgo calls it without the hints.
static uint32_t plain_crc32(uint32_t crc, const uint8_t *data, size_t len) {
	return math_crc32(crc, data, len);
}

#cgo noescape c_add_ints_loop
#cgo nocallback c_add_ints_loop
#cgo noescape c_crc32_loop
#cgo nocallback c_crc32_loop
#cgo noescape math_crc32
#cgo nocallback math_crc32
*/
import "C"

import "unsafe"

func cAddIntsLoop(n int) int64 {
	return int64(C.c_add_ints_loop(C.int64_t(n)))
}

func cCRC32Loop(data []byte, n int) uint32 {
	p := (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(data)))
	return uint32(C.c_crc32_loop(p, C.size_t(len(data)), C.int64_t(n)))
}

// handCRC32 is what a careful hand-written cgo binding does: a direct call with the
// noescape and nocallback hints.
func handCRC32(crc uint32, data []byte) uint32 {
	p := (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(data)))
	return uint32(C.math_crc32(C.uint32_t(crc), p, C.size_t(len(data))))
}

// plainCRC32 is a direct cgo call without the hints.
func plainCRC32(crc uint32, data []byte) uint32 {
	p := (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(data)))
	return uint32(C.plain_crc32(C.uint32_t(crc), p, C.size_t(len(data))))
}
