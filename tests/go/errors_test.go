package asmmath_test

import (
	"errors"
	"math"
	"testing"

	"example.com/asmmath"
)

func TestErrorsMatchSentinels(t *testing.T) {
	_, err := asmmath.SafeDivide(1, 0)
	if !errors.Is(err, asmmath.ErrDivisionByZero) {
		t.Fatalf("SafeDivide(1, 0) = %v, want ErrDivisionByZero", err)
	}
	if errors.Is(err, asmmath.ErrOverflow) {
		t.Errorf("%v matches ErrOverflow", err)
	}
	var e *asmmath.Error
	if !errors.As(err, &e) {
		t.Fatalf("%T is not an *asmmath.Error", err)
	}
	if e.Code != 1 || e.Message != "division by zero" {
		t.Errorf("got code %d, message %q", e.Code, e.Message)
	}
	if got := err.Error(); got != "asmmath: division by zero" {
		t.Errorf("Error() = %q", got)
	}
	if e.Message != asmmath.ErrDivisionByZero.Message {
		t.Errorf("the library says %q, the sentinel %q", e.Message, asmmath.ErrDivisionByZero.Message)
	}

	_, err = asmmath.SafeDivide(math.MinInt64, -1)
	if !errors.Is(err, asmmath.ErrOverflow) {
		t.Errorf("SafeDivide(MinInt64, -1) = %v, want ErrOverflow", err)
	}
	if q, err := asmmath.SafeDivide(-7, 2); err != nil || q != -3 {
		t.Errorf("SafeDivide(-7, 2) = %d, %v", q, err)
	}
}

func TestWrappedErrorsStillMatch(t *testing.T) {
	_, err := asmmath.Fibonacci(94)
	wrapped := errors.Join(errors.New("context"), err)
	if !errors.Is(wrapped, asmmath.ErrOverflow) {
		t.Errorf("%v does not match ErrOverflow", wrapped)
	}
	if errors.Is(wrapped, asmmath.ErrEmptyInput) {
		t.Errorf("%v matches ErrEmptyInput", wrapped)
	}
}

func TestFibonacciRange(t *testing.T) {
	a, b := uint64(0), uint64(1)
	for n := uint32(0); n <= 93; n++ {
		got, err := asmmath.Fibonacci(n)
		if err != nil || got != a {
			t.Fatalf("Fibonacci(%d) = %d, %v, want %d", n, got, err, a)
		}
		a, b = b, a+b
	}
	for _, n := range []uint32{94, 1000, math.MaxUint32} {
		if _, err := asmmath.Fibonacci(n); !errors.Is(err, asmmath.ErrOverflow) {
			t.Errorf("Fibonacci(%d): %v, want ErrOverflow", n, err)
		}
	}
}

func TestMaxI64Empty(t *testing.T) {
	for _, values := range [][]int64{nil, {}, make([]int64, 0, 8)} {
		if _, err := asmmath.MaxI64(values); !errors.Is(err, asmmath.ErrEmptyInput) {
			t.Errorf("MaxI64(%#v): %v, want ErrEmptyInput", values, err)
		}
	}
	values := []int64{math.MinInt64, -1, math.MaxInt64, 0}
	if got, err := asmmath.MaxI64(values); err != nil || got != math.MaxInt64 {
		t.Errorf("MaxI64 = %d, %v", got, err)
	}
	if got, _ := asmmath.MaxI64(values[:2]); got != -1 {
		t.Errorf("MaxI64 of a subslice = %d, want -1", got)
	}
}

func TestRandomU64(t *testing.T) {
	first, err := asmmath.RandomU64()
	if errors.Is(err, asmmath.ErrUnsupportedCPU) {
		t.Skip("this CPU has no RDRAND")
	}
	if err != nil {
		t.Fatalf("RandomU64: %v", err)
	}
	for range 8 {
		next, err := asmmath.RandomU64()
		if err != nil {
			t.Fatalf("RandomU64: %v", err)
		}
		if next != first {
			return
		}
	}
	t.Errorf("RandomU64 returned %#x nine times", first)
}
