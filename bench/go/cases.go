package main

import (
	"hash/crc32"
	"testing"

	"example.com/asmmath"
)

var (
	sinkI64 int64
	sinkU32 uint32
)

// data returns size bytes of a fixed pattern.
func data(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i*131 + 7)
	}
	return b
}

//go:noinline
func pureAdd(a, b int64) int64 { return a + b }

func addIntsGo(b *testing.B) {
	acc := int64(0)
	for i := range b.N {
		acc = asmmath.AddInts(acc, int64(i))
	}
	sinkI64 = acc
}

func addIntsC(b *testing.B) {
	sinkI64 = cAddIntsLoop(b.N)
}

func addIntsPure(b *testing.B) {
	acc := int64(0)
	for i := range b.N {
		acc = pureAdd(acc, int64(i))
	}
	sinkI64 = acc
}

// crc32Case is one way to compute the CRC-32 of a buffer, repeated b.N times.
type crc32Case func(b *testing.B, data []byte)

func crc32Go(b *testing.B, data []byte) {
	crc := uint32(0)
	for range b.N {
		crc = asmmath.CRC32(crc, data)
	}
	sinkU32 = crc
}

func crc32C(b *testing.B, data []byte) {
	sinkU32 = cCRC32Loop(data, b.N)
}

func crc32Hand(b *testing.B, data []byte) {
	crc := uint32(0)
	for range b.N {
		crc = handCRC32(crc, data)
	}
	sinkU32 = crc
}

func crc32Plain(b *testing.B, data []byte) {
	crc := uint32(0)
	for range b.N {
		crc = plainCRC32(crc, data)
	}
	sinkU32 = crc
}

func crc32Std(b *testing.B, data []byte) {
	crc := uint32(0)
	for range b.N {
		crc = crc32.Update(crc, crc32.IEEETable, data)
	}
	sinkU32 = crc
}

// sized runs a CRC-32 case over size bytes, with b.SetBytes for MB/s.
func sized(c crc32Case, size int) func(b *testing.B) {
	buf := data(size)
	return func(b *testing.B) {
		b.SetBytes(int64(size))
		c(b, buf)
	}
}
