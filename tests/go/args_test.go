package asmmath_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"testing"

	"example.com/asmmath"
)

// Nil and empty slices are passed as (NULL, 0): never &b[0] of an empty slice.
func TestNilAndEmptySlices(t *testing.T) {
	if got := asmmath.CRC32(0, nil); got != 0 {
		t.Errorf("CRC32(0, nil) = %#x", got)
	}
	if got := asmmath.CRC32(0xCBF43926, []byte{}); got != 0xCBF43926 {
		t.Errorf("CRC32 of empty input changed the CRC: %#x", got)
	}
	empty := sha256.Sum256(nil)
	for _, data := range [][]byte{nil, {}, make([]byte, 0, 16)} {
		if asmmath.SHA256(data) != empty {
			t.Errorf("SHA256(%#v) is not the digest of nothing", data)
		}
		asmmath.ReverseBytes(data)
	}
}

func TestSlicesAreNotCopied(t *testing.T) {
	data := []byte("0123456789")
	asmmath.ReverseBytes(data[2:6])
	if string(data) != "0154326789" {
		t.Errorf("ReverseBytes(data[2:6]) left %q", data)
	}
	if asmmath.CRC32(0, data[3:7]) != crc32.ChecksumIEEE(data[3:7]) {
		t.Error("CRC32 of a subslice differs")
	}
}

func TestAgainstTheStandardLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 1<<16+123)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	sizes := []int{0, 1, 7, 8, 15, 16, 31, 63, 64, 65, 127, 255, 256, 257, 1000, 4096, 1 << 16, len(buf)}
	for _, n := range sizes {
		for _, off := range []int{0, 1, 3} {
			if off+n > len(buf) {
				continue
			}
			data := buf[off : off+n]
			if got, want := asmmath.CRC32(0, data), crc32.ChecksumIEEE(data); got != want {
				t.Errorf("CRC32 of %d bytes at offset %d = %#x, want %#x", n, off, got, want)
			}
			if got, want := asmmath.SHA256(data), sha256.Sum256(data); got != want {
				t.Errorf("SHA256 of %d bytes at offset %d = %x, want %x", n, off, got, want)
			}
		}
	}
	// Chaining: the CRC of a||b continues from the CRC of a.
	a, b := buf[:1000], buf[1000:5000]
	if asmmath.CRC32(asmmath.CRC32(0, a), b) != crc32.ChecksumIEEE(buf[:5000]) {
		t.Error("chained CRC32 differs")
	}
}

func TestScalars(t *testing.T) {
	if got := asmmath.AddInts(math.MaxInt64, 1); got != math.MinInt64 {
		t.Errorf("AddInts wraps to %d", got)
	}
	if got := asmmath.MultiplyDoubles(1.5, 4); got != 6 {
		t.Errorf("MultiplyDoubles = %v", got)
	}
	if got := asmmath.MultiplyDoubles(math.Inf(1), 0); !math.IsNaN(got) {
		t.Errorf("Inf * 0 = %v, want NaN", got)
	}
	p := asmmath.MakePoint(3, -4)
	if p != (asmmath.Point{X: 3, Y: -4}) {
		t.Errorf("MakePoint = %+v", p)
	}
	if d := asmmath.PointDistance(asmmath.Point{}, p); d != 5 {
		t.Errorf("PointDistance = %v", d)
	}
	if d := asmmath.PointDistance(asmmath.Point{X: math.NaN()}, p); !math.IsNaN(d) {
		t.Errorf("distance to NaN = %v", d)
	}
}

// Bad arguments the type system lets through get an error (or, from functions that
// return none, a panic with an error) wrapping ErrInvalidArgument: never a crash.
// Wrong types do not compile, and no Go output can be too short: [32]byte is returned.
func TestBadArguments(t *testing.T) {
	if _, err := asmmath.NewBuffer(-5); !errors.Is(err, asmmath.ErrInvalidArgument) {
		t.Errorf("NewBuffer(-5): %v", err)
	}
	r := recovered(func() { asmmath.SumWithCallback(nil, nil) })
	if err, ok := r.(error); !ok || !errors.Is(err, asmmath.ErrInvalidArgument) {
		t.Errorf("SumWithCallback(nil, nil) panicked with %#v", r)
	}
	digest := asmmath.SHA256([]byte("abc"))
	if len(digest) != 32 || !bytes.HasPrefix(digest[:], []byte{0xba, 0x78}) {
		t.Errorf("SHA256(abc) = %x", digest)
	}
}

// The fast paths allocate nothing: slices go to C in place, and with #cgo noescape the
// [32]byte output and the out<T> results stay on the stack.
func TestNoAllocations(t *testing.T) {
	data := make([]byte, 4096)
	values := []int64{3, 1, 2}
	var digest [32]byte
	cases := map[string]func(){
		"AddInts":      func() { asmmath.AddInts(1, 2) },
		"CRC32":        func() { asmmath.CRC32(0, data) },
		"SHA256":       func() { digest = asmmath.SHA256(data) },
		"ReverseBytes": func() { asmmath.ReverseBytes(data) },
		"SafeDivide":   func() { _, _ = asmmath.SafeDivide(7, 2) },
		"MaxI64":       func() { _, _ = asmmath.MaxI64(values) },
		"MakePoint":    func() { asmmath.PointDistance(asmmath.MakePoint(1, 2), asmmath.Point{}) },
	}
	for name, f := range cases {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
	_ = digest
}
