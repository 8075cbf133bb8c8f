package asmmath_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"testing"

	"example.com/asmmath"
)

func TestSumWithCallback(t *testing.T) {
	var seen []int64
	got := asmmath.SumWithCallback([]int64{1, 2, 3}, func(v int64) int64 {
		seen = append(seen, v)
		return v * 10
	})
	if got != 60 {
		t.Errorf("sum = %d, want 60", got)
	}
	if fmt.Sprint(seen) != "[1 2 3]" {
		t.Errorf("the callback saw %v, want [1 2 3] in order", seen)
	}
	// The sum wraps, as the manifest says.
	if got := asmmath.SumWithCallback([]int64{math.MaxInt64, 1}, func(v int64) int64 { return v }); got != math.MinInt64 {
		t.Errorf("wrapping sum = %d", got)
	}
}

func TestSumWithCallbackEmpty(t *testing.T) {
	calls := 0
	count := func(v int64) int64 { calls++; return v }
	for _, values := range [][]int64{nil, {}, make([]int64, 0, 4)} {
		if got := asmmath.SumWithCallback(values, count); got != 0 {
			t.Errorf("sum of %#v = %d", values, got)
		}
	}
	if calls != 0 {
		t.Errorf("the callback ran %d times for empty input", calls)
	}
}

// recovered runs f and returns what it panicked with.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestPanicInCallbackIsRaisedInTheCaller(t *testing.T) {
	calls := 0
	r := recovered(func() {
		asmmath.SumWithCallback([]int64{1, 2, 3, 4}, func(v int64) int64 {
			calls++
			if v == 2 {
				panic("boom")
			}
			return v
		})
		t.Error("SumWithCallback returned normally")
	})
	if r != "boom" {
		t.Fatalf("recovered %#v, want \"boom\"", r)
	}
	if calls != 2 {
		t.Errorf("the callback ran %d times, want 2: none after the panic", calls)
	}
	// The library and the binding are still usable afterwards.
	if got := asmmath.SumWithCallback([]int64{5}, func(v int64) int64 { return v + 1 }); got != 6 {
		t.Errorf("after a panic: %d", got)
	}
}

func TestPanicValuesSurvive(t *testing.T) {
	sentinel := errors.New("callback failed")
	r := recovered(func() {
		asmmath.SumWithCallback([]int64{1}, func(int64) int64 { panic(fmt.Errorf("wrapped: %w", sentinel)) })
	})
	if err, ok := r.(error); !ok || !errors.Is(err, sentinel) {
		t.Errorf("recovered %#v, want an error wrapping the sentinel", r)
	}
	r = recovered(func() {
		asmmath.SumWithCallback([]int64{1}, func(int64) int64 { panic(nil) })
	})
	if _, ok := r.(*runtime.PanicNilError); !ok {
		t.Errorf("panic(nil) came back as %#v", r)
	}
	r = recovered(func() {
		asmmath.SumWithCallback([]int64{1}, func(int64) int64 {
			var m map[string]int
			m["x"] = 1 // a runtime error, not an explicit panic
			return 0
		})
	})
	if _, ok := r.(runtime.Error); !ok {
		t.Errorf("a runtime error came back as %#v", r)
	}
}

func TestNilCallback(t *testing.T) {
	r := recovered(func() { asmmath.SumWithCallback([]int64{1}, nil) })
	err, ok := r.(error)
	if !ok || !errors.Is(err, asmmath.ErrInvalidArgument) {
		t.Errorf("recovered %#v, want an error wrapping ErrInvalidArgument", r)
	}
}

func TestReentrantCallbacks(t *testing.T) {
	// A callback may call back into the library, including functions that take callbacks.
	got := asmmath.SumWithCallback([]int64{1, 2, 3}, func(v int64) int64 {
		inner := asmmath.SumWithCallback([]int64{v, v}, func(w int64) int64 { return w * w })
		return inner + int64(asmmath.CRC32(0, nil))
	})
	if got != 2*(1+4+9) {
		t.Errorf("nested sum = %d", got)
	}
	// A panic in the inner callback unwinds through the outer one, in Go only.
	r := recovered(func() {
		asmmath.SumWithCallback([]int64{1}, func(v int64) int64 {
			return asmmath.SumWithCallback([]int64{v}, func(int64) int64 { panic("inner") })
		})
	})
	if r != "inner" {
		t.Errorf("recovered %#v, want \"inner\"", r)
	}
}

func TestCallbackSeesGoroutineStack(t *testing.T) {
	// Deep recursion inside the callback makes the goroutine stack grow (and move)
	// while C frames are below it; the values the C side reads must not be affected.
	var deep func(n int) int64
	deep = func(n int) int64 {
		var pad [256]byte
		if n == 0 {
			return int64(pad[0])
		}
		return deep(n-1) + int64(pad[n%256])
	}
	values := []int64{1, 2, 3, 4, 5, 6, 7, 8}
	got := asmmath.SumWithCallback(values, func(v int64) int64 { return v + deep(2000) })
	if got != 36 {
		t.Errorf("sum = %d, want 36", got)
	}
}

// runtime.Goexit (t.FailNow) inside a callback ends the goroutine: the C frames below
// it are abandoned, the goroutine's deferred calls run, and the library stays usable.
func TestGoexitInCallback(t *testing.T) {
	done := make(chan struct{})
	after := false
	go func() {
		defer close(done)
		asmmath.SumWithCallback([]int64{1, 2}, func(int64) int64 { runtime.Goexit(); return 0 })
		after = true
	}()
	<-done
	if after {
		t.Error("the goroutine went on after Goexit")
	}
	if got := asmmath.SumWithCallback([]int64{1, 2}, func(v int64) int64 { return v }); got != 3 {
		t.Errorf("after Goexit: %d", got)
	}
}
