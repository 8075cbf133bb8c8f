package owned_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"example.com/owned"
)

// The binding copies each string into Go memory, then frees the C string itself.
func TestDescribe(t *testing.T) {
	if got := owned.Describe(7); got != "n=7" {
		t.Errorf("Describe(7) = %q, want %q", got, "n=7")
	}
	if got := owned.Describe(4294967295); got != "n=4294967295" {
		t.Errorf("Describe(4294967295) = %q, want %q", got, "n=4294967295")
	}
}

func TestLabel(t *testing.T) {
	if got := owned.Label(3); got != "label 3 ✓" {
		t.Errorf("Label(3) = %q, want %q", got, "label 3 ✓")
	}
	// NULL is "", as for every C string result, and is not given to the releaser.
	if got := owned.Label(-1); got != "" {
		t.Errorf("Label(-1) = %q, want \"\"", got)
	}
}

// Each non-NULL string is released exactly once; a NULL one never.
func TestLabelReleasesOnce(t *testing.T) {
	before := owned.Released()
	for n := int32(0); n < 10; n++ {
		owned.Label(n)
		if got := owned.Released() - before; got != uint64(n)+1 {
			t.Fatalf("after Label(%d): released grew by %d, want %d", n, got, n+1)
		}
	}
	before = owned.Released()
	owned.Label(-1)
	if got := owned.Released() - before; got != 0 {
		t.Errorf("Label(-1): released grew by %d, want 0", got)
	}
}

func TestLabelEightGoroutines(t *testing.T) {
	const goroutines, rounds = 8, 1000
	before := owned.Released()
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				want := "label " + strconv.Itoa(g*rounds+i) + " ✓"
				if got := owned.Label(int32(g*rounds + i)); got != want {
					t.Errorf("Label(%d) = %q, want %q", g*rounds+i, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := owned.Released() - before; got != goroutines*rounds {
		t.Errorf("released grew by %d, want %d", got, goroutines*rounds)
	}
}

// The releaser is the binding's business: the package exports no Release, and its docs do
// not present one. The binding's sources are where the replace directive points.
func TestReleaserIsNotPublic(t *testing.T) {
	dir := filepath.Join("..", "..", "bindings", "go")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	exported := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.IsExported() {
				exported[fn.Name.Name] = true
			}
		}
		if strings.Contains(string(src), "func Release(") || strings.Contains(string(src), "// Release ") {
			t.Errorf("%s declares or documents Release", name)
		}
	}
	for _, want := range []string{"Describe", "Label", "Released"} {
		if !exported[want] {
			t.Errorf("the binding exports no %s", want)
		}
	}
	if exported["Release"] {
		t.Error("the binding exports Release, the releaser it calls itself")
	}
}
