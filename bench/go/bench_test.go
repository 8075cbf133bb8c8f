package main

import (
	"fmt"
	"testing"
)

func BenchmarkAddInts(b *testing.B) {
	b.Run("asmmath", addIntsGo)
	b.Run("C", addIntsC)
	b.Run("pure-Go", addIntsPure)
}

func BenchmarkCRC32(b *testing.B) {
	for _, size := range []int{64, 1 << 20} {
		b.Run(fmt.Sprintf("%dB/asmmath", size), sized(crc32Go, size))
		b.Run(fmt.Sprintf("%dB/C", size), sized(crc32C, size))
		b.Run(fmt.Sprintf("%dB/hand-cgo", size), sized(crc32Hand, size))
		b.Run(fmt.Sprintf("%dB/plain-cgo", size), sized(crc32Plain, size))
		b.Run(fmt.Sprintf("%dB/hash-crc32", size), sized(crc32Std, size))
	}
}

// The benchmarks must compute the right thing.
func TestCasesAgree(t *testing.T) {
	buf := data(1000)
	want := crc32Want(buf)
	for name, f := range map[string]func(uint32, []byte) uint32{"asmmath": crc32Of, "hand": handCRC32, "plain": plainCRC32} {
		if got := f(0, buf); got != want {
			t.Errorf("%s: %#x, want %#x", name, got, want)
		}
	}
	if cCRC32Loop(buf, 1) != want {
		t.Error("C loop")
	}
	if cAddIntsLoop(4) != 0+1+2+3 {
		t.Error("C add loop")
	}
}
