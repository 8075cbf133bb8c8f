// Hand-written tests of the Go binding of libmath: a module of their own that
// requires the binding through a replace directive, as an application would.
module asmmathtests

go 1.24

require example.com/asmmath v0.0.0

replace example.com/asmmath => ../../bindings/go
