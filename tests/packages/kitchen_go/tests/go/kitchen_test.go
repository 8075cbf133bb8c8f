package kitchen_test

import (
	"errors"
	"testing"
	"unsafe"

	"example.com/kitchen/v2"
)

func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestHandles(t *testing.T) {
	a, err := kitchen.NewCounter(2)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	kitchen.CounterAdd(a, a) // the same handle twice: read-locked once
	if got := kitchen.CounterGet(a); got != 4 {
		t.Errorf("CounterGet = %d, want 4", got)
	}
	b, err := kitchen.CounterClone(a)
	if err != nil {
		t.Fatal(err)
	}
	kitchen.CounterAdd(b, a)
	if got := kitchen.CounterGet(b); got != 8 {
		t.Errorf("CounterGet(clone) = %d, want 8", got)
	}
	b.Close()
	if _, err := kitchen.CounterClone(b); !errors.Is(err, kitchen.ErrClosed) {
		t.Errorf("CounterClone(closed) = %v, want ErrClosed", err)
	}
	if _, err := kitchen.CounterClone(nil); !errors.Is(err, kitchen.ErrInvalidArgument) {
		t.Errorf("CounterClone(nil) = %v, want ErrInvalidArgument", err)
	}
	r := recovered(func() { kitchen.CounterAdd(a, b) })
	if err, ok := r.(error); !ok || !errors.Is(err, kitchen.ErrClosed) {
		t.Errorf("CounterAdd with a closed src panicked with %#v", r)
	}
	r = recovered(func() { kitchen.CounterGet(nil) })
	if err, ok := r.(error); !ok || !errors.Is(err, kitchen.ErrInvalidArgument) {
		t.Errorf("CounterGet(nil) panicked with %#v", r)
	}
	if _, err := kitchen.NewCounter(1<<64 - 1); !errors.Is(err, kitchen.ErrTooBig) {
		t.Errorf("NewCounter(max) = %v", err)
	}
}

func TestBlob(t *testing.T) {
	b, err := kitchen.NewBlob()
	if err != nil {
		t.Fatal(err)
	}
	p := b.UnsafePointer()
	if string(unsafe.Slice((*byte)(p), 8)) != "blobdata" {
		t.Error("blob data")
	}
	b.Close()
	if b.UnsafePointer() != nil {
		t.Error("UnsafePointer after Close")
	}
}

func TestCallbacks(t *testing.T) {
	var got []float64
	kitchen.ForEach([]float64{1.5, 2.5}, func(index int, value float64) { got = append(got, float64(index)+value) })
	if len(got) != 2 || got[0] != 1.5 || got[1] != 3.5 {
		t.Errorf("ForEach saw %v", got)
	}
	even := func(v int32) bool { return v%2 == 0 }
	if got := kitchen.Apply2(4, even, func(v int64) int64 { return v * 10 }); got != 40 {
		t.Errorf("Apply2(4) = %d", got)
	}
	if got := kitchen.Apply2(3, even, func(v int64) int64 { panic("not called") }); got != 0 {
		t.Errorf("Apply2(3) = %d", got)
	}
	if r := recovered(func() { kitchen.Apply2(4, even, func(int64) int64 { panic("g") }) }); r != "g" {
		t.Errorf("recovered %#v", r)
	}
	n, err := kitchen.CountIf([]int32{1, 2, 4}, even)
	if err != nil || n != 2 {
		t.Errorf("CountIf = %d, %v", n, err)
	}
	if _, err := kitchen.CountIf(nil, even); !errors.Is(err, kitchen.ErrBadCode) {
		t.Errorf("CountIf(nil) = %v", err)
	}
	if _, err := kitchen.CountIf([]int32{1}, nil); !errors.Is(err, kitchen.ErrInvalidArgument) {
		t.Errorf("CountIf(nil callback) = %v", err)
	}
	r := recovered(func() { _, _ = kitchen.CountIf([]int32{1}, func(int32) bool { panic(7) }) })
	if r != 7 {
		t.Errorf("recovered %#v", r)
	}
}

func TestMisc(t *testing.T) {
	if kitchen.VersionString() != "kitchen 2.1" {
		t.Error(kitchen.VersionString())
	}
	if got := unsafe.Slice((*byte)(kitchen.Table()), 4); got[3] != 4 {
		t.Errorf("Table = %v", got)
	}
	r := recovered(func() { kitchen.DoubleSize(-1) })
	if err, ok := r.(error); !ok || !errors.Is(err, kitchen.ErrInvalidArgument) {
		t.Errorf("DoubleSize(-1) panicked with %#v", r)
	}
	r = recovered(func() { kitchen.Fill(make([]byte, 256), 1) })
	if err, ok := r.(error); !ok || !errors.Is(err, kitchen.ErrInvalidArgument) {
		t.Errorf("Fill of 256 bytes (u8 length) panicked with %#v", r)
	}
	buf := make([]byte, 255)
	kitchen.Fill(buf, 9)
	if buf[254] != 9 {
		t.Error("Fill")
	}
	var e *kitchen.Error
	if _, _, err := kitchen.ParseU64(500); !errors.As(err, &e) || e.Code != 7 || e.Message != "the value is too big" {
		t.Errorf("ParseU64(500) = %#v", err)
	}
}
