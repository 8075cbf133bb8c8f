// Hand-written tests of the Go binding of liblengths: a module of their own that
// requires the binding through a replace directive, as an application would.
module lengthstests

go 1.24

require example.com/lengths v0.0.0

replace example.com/lengths => ../../bindings/go
