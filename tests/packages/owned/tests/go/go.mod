// Hand-written tests of the Go binding of tests/packages/owned: a module of their own
// that requires the binding through a replace directive, as an application would.
module ownedtests

go 1.24

require example.com/owned v0.0.0

replace example.com/owned => ../../bindings/go
