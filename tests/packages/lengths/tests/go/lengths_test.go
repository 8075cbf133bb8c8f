package lengths_test

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"example.com/lengths"
)

// badArgument runs f, which must panic with an error wrapping ErrInvalidArgument, and returns
// the error's message.
func badArgument(t *testing.T, f func()) string {
	t.Helper()
	var r any
	func() {
		defer func() { r = recover() }()
		f()
	}()
	err, ok := r.(error)
	if !ok {
		t.Fatalf("panicked with %#v, want an error wrapping ErrInvalidArgument", r)
	}
	if !errors.Is(err, lengths.ErrInvalidArgument) {
		t.Fatalf("error %q does not wrap ErrInvalidArgument", err)
	}
	return err.Error()
}

func wantMessage(t *testing.T, got, want string) {
	t.Helper()
	if want += ": lengths: invalid argument"; got != want {
		t.Errorf("message\n %q, want\n %q", got, want)
	}
}

func TestTooShortBuffers(t *testing.T) {
	wantMessage(t, badArgument(t, func() { lengths.SumWords(make([]byte, 8), 3) }),
		"lengths.SumWords: data: needs 4*n = 12 bytes (n = 3), got 8")
	wantMessage(t, badArgument(t, func() { lengths.SumWords(nil, 1) }),
		"lengths.SumWords: data: needs 4*n = 4 bytes (n = 1), got 0")
	wantMessage(t, badArgument(t, func() { lengths.SumOdd([]int32{1, 2}, 2) }),
		"lengths.SumOdd: vals: needs 2*n-1 = 3 int32 values (n = 2), got 2")
	wantMessage(t, badArgument(t, func() { lengths.ScaleInPlace(make([]byte, 256), 255, 2) }),
		"lengths.ScaleInPlace: buf: needs n+2 = 257 bytes (n = 255), got 256")
	wantMessage(t, badArgument(t, func() { lengths.XorKey(make([]byte, 31)) }),
		"lengths.XorKey: key: needs 32 bytes, got 31")
	badArgument(t, func() { lengths.XorKey(nil) })
}

// sum_odd's 2*n-1 is -1 for n = 0: refused before the call, whatever the slice holds.
func TestNegativeLength(t *testing.T) {
	for _, vals := range [][]int32{nil, {}, {1, 2, 3}} {
		wantMessage(t, badArgument(t, func() { lengths.SumOdd(vals, 0) }),
			"lengths.SumOdd: vals: needs 2*n-1 = -1 int32 values (n = 0): a length cannot be negative")
	}
	wantMessage(t, badArgument(t, func() { lengths.SumWords(nil, -1) }),
		"lengths.SumWords: n is negative (-1)")
}

// 4*n overflows int for n > MaxInt/4: an error, never a wrapped length that passes the check.
func TestOverflowingLength(t *testing.T) {
	data := make([]byte, 64)
	for _, n := range []int{math.MaxInt/4 + 1, math.MaxInt/2 + 1, math.MaxInt} {
		msg := badArgument(t, func() { lengths.SumWords(data, n) })
		if !strings.Contains(msg, "data: 4*n overflows int") {
			t.Errorf("SumWords(data, %d): %q", n, msg)
		}
	}
	// The largest n that does not overflow is still far more than data holds.
	msg := badArgument(t, func() { lengths.SumWords(data, math.MaxInt/4) })
	if !strings.Contains(msg, "needs 4*n = 9223372036854775804 bytes") {
		t.Errorf("SumWords(data, MaxInt/4): %q", msg)
	}
	// The largest u32 n gives 2*n-1 = 8589934589 in int: no overflow, a too-short slice.
	msg = badArgument(t, func() { lengths.SumOdd([]int32{1}, math.MaxUint32) })
	if !strings.Contains(msg, "needs 2*n-1 = 8589934589 int32 values (n = 4294967295), got 1") {
		t.Errorf("SumOdd([1], MaxUint32): %q", msg)
	}
}

// A longer buffer is fine: the function uses only the first need elements.
func TestLongerBuffers(t *testing.T) {
	data := []byte{1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 9, 9, 9}
	if got := lengths.SumWords(data, 2); got != 3 {
		t.Errorf("SumWords(data, 2) = %d, want 3", got)
	}
	if got := lengths.SumWords(data, 0); got != 0 {
		t.Errorf("SumWords(data, 0) = %d, want 0", got)
	}
	if got := lengths.SumOdd([]int32{1, 2, 3, 1000, 1000}, 2); got != 6 {
		t.Errorf("SumOdd = %d, want 6", got)
	}
	key := make([]byte, 40)
	key[0], key[31], key[32] = 0x0f, 0xf0, 0xaa
	if got := lengths.XorKey(key); got != 0xff {
		t.Errorf("XorKey of 40 bytes = %#x, want 0xff (the 33rd byte ignored)", got)
	}
}

// bytes_mut is written in place: in the caller's own slice, only its first n+2 bytes.
func TestScaleInPlaceWritesTheCallersBytes(t *testing.T) {
	backing := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	lengths.ScaleInPlace(backing[1:], 3, 10) // n+2 = 5 bytes from backing[1]
	want := []byte{1, 20, 30, 40, 50, 60, 7, 8}
	if !bytes.Equal(backing, want) {
		t.Errorf("backing = %v, want %v", backing, want)
	}
	buf := []byte{200, 1}
	lengths.ScaleInPlace(buf, 0, 2) // wraps
	if !bytes.Equal(buf, []byte{144, 2}) {
		t.Errorf("buf = %v, want [144 2]", buf)
	}
}

func TestZeroLengthOutput(t *testing.T) {
	for _, src := range [][]byte{nil, {}, make([]byte, 0, 8)} {
		out := lengths.HexLower(src)
		if out == nil || len(out) != 0 {
			t.Errorf("HexLower(%#v) = %#v, want an empty slice", src, out)
		}
	}
}

func TestOutputsOfComputedLength(t *testing.T) {
	src := []byte{0xde, 0xad, 0xbe, 0xef, 0x01}
	out := lengths.HexLower(src)
	if string(out) != "deadbeef01" || len(out) != 2*len(src) || cap(out) != len(out) {
		t.Errorf("HexLower = %q (len %d, cap %d)", out, len(out), cap(out))
	}
	// The largest count: count+1 = 65536 values, computed in int, not in u16.
	ramp := lengths.Ramp(math.MaxUint16)
	if len(ramp) != 1<<16 || ramp[0] != 0 || ramp[len(ramp)-1] != math.MaxUint16 {
		t.Errorf("Ramp(MaxUint16) has %d values, last %d", len(ramp), ramp[len(ramp)-1])
	}
	if !slices.Equal(lengths.Ramp(0), []uint16{0}) {
		t.Errorf("Ramp(0) = %v", lengths.Ramp(0))
	}
	// Each call returns a new slice.
	a, b := lengths.Ramp(2), lengths.Ramp(2)
	a[0] = 9
	if b[0] != 0 {
		t.Error("Ramp returned shared memory")
	}
}

// The checks cost no allocation: the buffers go to C as they are.
func TestNoAllocationsOnTheFastPath(t *testing.T) {
	data := make([]byte, 4096)
	vals := make([]int32, 63)
	key := make([]byte, 32)
	cases := map[string]func(){
		"SumWords":     func() { lengths.SumWords(data, 1024) },
		"SumOdd":       func() { lengths.SumOdd(vals, 32) },
		"ScaleInPlace": func() { lengths.ScaleInPlace(data, 100, 3) },
		"XorKey":       func() { lengths.XorKey(key) },
	}
	for name, f := range cases {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { lengths.HexLower(data[:64]) }); n != 1 {
		t.Errorf("HexLower allocates %v times per call, want 1 (its result)", n)
	}
}
