module kitchentests

go 1.24

require example.com/kitchen/v2 v2.0.0

replace example.com/kitchen/v2 => ../../bindings/go
