package asmmath_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"
	"testing"

	"example.com/asmmath"
)

// Eight goroutines call every kind of function at once; -race watches the Go side.
func TestEightGoroutines(t *testing.T) {
	const goroutines, rounds = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- worker(g, rounds)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func worker(g, rounds int) error {
	data := make([]byte, 1024+g)
	for i := range data {
		data[i] = byte(i*31 + g)
	}
	wantCRC, wantSHA := crc32.ChecksumIEEE(data), sha256.Sum256(data)
	for r := range rounds {
		if got := asmmath.CRC32(0, data); got != wantCRC {
			return fmt.Errorf("goroutine %d: CRC32 = %#x, want %#x", g, got, wantCRC)
		}
		if asmmath.SHA256(data) != wantSHA {
			return fmt.Errorf("goroutine %d: SHA256 differs", g)
		}
		if got := asmmath.AddInts(int64(g), int64(r)); got != int64(g+r) {
			return fmt.Errorf("goroutine %d: AddInts = %d", g, got)
		}
		if _, err := asmmath.SafeDivide(int64(r), 0); !errors.Is(err, asmmath.ErrDivisionByZero) {
			return fmt.Errorf("goroutine %d: SafeDivide: %v", g, err)
		}
		values := []int64{int64(g), int64(r), 3}
		if got := asmmath.SumWithCallback(values, func(v int64) int64 { return v * 2 }); got != 2*int64(g+r+3) {
			return fmt.Errorf("goroutine %d: SumWithCallback = %d", g, got)
		}
		if r%10 == 0 {
			b, err := asmmath.NewBuffer(64 + r)
			if err != nil {
				return err
			}
			copy(b.Bytes(), data)
			if asmmath.CRC32(0, b.Bytes()) != crc32.ChecksumIEEE(data[:64+r]) {
				return fmt.Errorf("goroutine %d: buffer CRC differs", g)
			}
			if err := b.Close(); err != nil {
				return err
			}
		}
		if r%50 == 0 {
			if recovered(func() {
				asmmath.SumWithCallback(values, func(int64) int64 { panic(g) })
			}) != g {
				return fmt.Errorf("goroutine %d: a callback panic got lost or crossed goroutines", g)
			}
		}
	}
	return nil
}

// One buffer shared by eight goroutines, written to disjoint ranges.
func TestSharedBuffer(t *testing.T) {
	b, err := asmmath.NewBuffer(8 * 128)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := b.Bytes()[g*128 : (g+1)*128]
			for i := range part {
				part[i] = byte(g)
			}
			asmmath.ReverseBytes(part)
		}()
	}
	wg.Wait()
	for i, c := range b.Bytes() {
		if c != byte(i/128) {
			t.Fatalf("byte %d is %d", i, c)
		}
	}
}
