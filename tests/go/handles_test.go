package asmmath_test

import (
	"errors"
	"hash/crc32"
	"math"
	"runtime"
	"sync"
	"testing"
	"unsafe"

	"example.com/asmmath"
)

func TestBufferIsZeroCopy(t *testing.T) {
	b, err := asmmath.NewBuffer(64)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Len() != 64 {
		t.Fatalf("Len = %d", b.Len())
	}
	data := b.Bytes()
	if len(data) != 64 || cap(data) != 64 {
		t.Fatalf("len %d cap %d: appending must not write past the C memory", len(data), cap(data))
	}
	for i, c := range data {
		if c != 0 {
			t.Fatalf("byte %d is %d: the buffer is not zeroed", i, c)
		}
	}
	for i := range data {
		data[i] = byte(i)
	}
	again := b.Bytes()
	if unsafe.SliceData(again) != unsafe.SliceData(data) {
		t.Error("Bytes returned different memory: it copies")
	}
	if again[63] != 63 {
		t.Error("a write through Bytes was lost")
	}
	if got, want := asmmath.CRC32(0, b.Bytes()), crc32.ChecksumIEEE(data); got != want {
		t.Errorf("CRC32 over the buffer = %#x, want %#x", got, want)
	}
	asmmath.ReverseBytes(b.Bytes())
	if data[0] != 63 || data[63] != 0 {
		t.Error("ReverseBytes on the buffer's memory did not reverse it")
	}
}

func TestBufferUseAfterClose(t *testing.T) {
	b, err := asmmath.NewBuffer(8)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatalf("second Close: %v, want nil (Close is idempotent)", err)
	}
	if got := b.Bytes(); got != nil {
		t.Errorf("Bytes after Close = %v, want nil", got)
	}
	if got := b.Len(); got != 0 {
		t.Errorf("Len after Close = %d, want 0", got)
	}
}

func TestNilBuffer(t *testing.T) {
	var b *asmmath.Buffer
	if err := b.Close(); err != nil {
		t.Errorf("Close of a nil *Buffer: %v", err)
	}
	if b.Bytes() != nil || b.Len() != 0 {
		t.Error("a nil *Buffer is not empty")
	}
}

func TestNewBufferBadSizes(t *testing.T) {
	for _, size := range []int{-1, math.MinInt} {
		b, err := asmmath.NewBuffer(size)
		if !errors.Is(err, asmmath.ErrInvalidArgument) || b != nil {
			t.Errorf("NewBuffer(%d) = %v, %v, want ErrInvalidArgument", size, b, err)
		}
	}
	b, err := asmmath.NewBuffer(math.MaxInt)
	if !errors.Is(err, asmmath.ErrOutOfMemory) || b != nil {
		t.Errorf("NewBuffer(MaxInt) = %v, %v, want ErrOutOfMemory", b, err)
	}
	var e *asmmath.Error
	if !errors.As(err, &e) || e.Message != "out of memory" {
		t.Errorf("NewBuffer(MaxInt): %#v", err)
	}
}

func TestEmptyBuffer(t *testing.T) {
	b, err := asmmath.NewBuffer(0)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Len() != 0 || len(b.Bytes()) != 0 {
		t.Errorf("Len %d, Bytes %v", b.Len(), b.Bytes())
	}
	if asmmath.CRC32(7, b.Bytes()) != 7 {
		t.Error("CRC32 of an empty buffer changed the CRC")
	}
}

// Buffers dropped without Close are freed by their cleanup: nothing to see but no crash,
// and (run under valgrind or with a heap profile) no leak.
func TestBufferCleanup(t *testing.T) {
	for range 1000 {
		if _, err := asmmath.NewBuffer(1 << 10); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.GC()
}

// Close waits for the calls using the buffer, so closing from one goroutine while
// others read it is safe: each reader sees the whole buffer or nothing.
func TestBufferCloseWhileInUse(t *testing.T) {
	for range 20 {
		b, err := asmmath.NewBuffer(256)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 100 {
					n := b.Len()
					if n != 0 && n != 256 {
						t.Errorf("Len = %d", n)
						return
					}
					if data := b.Bytes(); data != nil && len(data) != 256 {
						t.Errorf("len(Bytes()) = %d", len(data))
						return
					}
				}
			}()
		}
		if err := b.Close(); err != nil {
			t.Error(err)
		}
		wg.Wait()
		if b.Len() != 0 {
			t.Error("Len after Close")
		}
	}
}
