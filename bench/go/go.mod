// The Go binding's benchmark: `go run .` prints the comparison table,
// `go test -bench .` runs the same cases as testing.B benchmarks.
module asmmathbench

go 1.24

require example.com/asmmath v0.0.0

replace example.com/asmmath => ../../bindings/go
