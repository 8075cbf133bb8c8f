// Command asmmathbench compares, in one run, the Go binding of libmath with C calling
// the static library directly, a hand-written cgo call, and Go's own hash/crc32.
//
//	go run .            # the table (each case: best of -rounds runs of -benchtime)
//	go test -bench .    # the same cases as testing.B benchmarks
package main

import (
	"flag"
	"fmt"
	"hash/crc32"
	"os"
	"runtime"
	"testing"
	"time"

	"example.com/asmmath"
)

func crc32Of(crc uint32, b []byte) uint32 { return asmmath.CRC32(crc, b) }
func crc32Want(b []byte) uint32           { return crc32.ChecksumIEEE(b) }

type result struct {
	nsPerOp float64
	mbPerS  float64
}

type bench struct {
	group, name string
	f           func(b *testing.B)
}

// measure runs every case rounds times, round-robin, and keeps each one's fastest run:
// the least disturbed, with the disturbance spread over all cases alike.
func measure(rounds int, cases []bench) map[string]result {
	out := map[string]result{}
	for range rounds {
		for _, c := range cases {
			res := testing.Benchmark(c.f)
			ns := float64(res.T.Nanoseconds()) / float64(res.N)
			key := c.group + "/" + c.name
			if prev, ok := out[key]; ok && prev.nsPerOp <= ns {
				continue
			}
			r := result{nsPerOp: ns}
			if res.Bytes > 0 {
				r.mbPerS = float64(res.Bytes) * float64(res.N) / res.T.Seconds() / 1e6
			}
			out[key] = r
		}
	}
	return out
}

const (
	addGroup   = "add_ints, per call"
	smallGroup = "crc32, 64 bytes, per call"
	bulkGroup  = "crc32, 1 MiB, throughput"
	binding    = "asmmath"
	cDirect    = "C -> libmath.a"
	handCgo    = "hand-written cgo (noescape)"
	stdlib     = "hash/crc32 (Go standard library)"
)

func main() {
	testing.Init()
	rounds := flag.Int("rounds", 8, "runs of each case, round-robin; the fastest counts")
	benchtime := flag.Duration("benchtime", 250*time.Millisecond, "time per run")
	flag.Parse()
	if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
		panic(err)
	}
	if got, want := crc32Of(0, data(1000)), crc32Want(data(1000)); got != want {
		fmt.Fprintf(os.Stderr, "asmmath.CRC32 = %#x, want %#x\n", got, want)
		os.Exit(1)
	}
	fmt.Printf("asmmath %s, %s %s/%s, best of %d runs of %v per case\n", asmmath.Version, runtime.Version(),
		runtime.GOOS, runtime.GOARCH, *rounds, *benchtime)

	cases := []bench{
		{addGroup, binding, addIntsGo},
		{addGroup, "C", addIntsC},
		{addGroup, "pure Go (a call that is not inlined)", addIntsPure},
	}
	crcCases := []struct {
		name string
		c    crc32Case
	}{
		{binding, crc32Go},
		{cDirect, crc32C},
		{handCgo, crc32Hand},
		{"plain cgo (no hints)", crc32Plain},
		{stdlib, crc32Std},
	}
	for _, group := range []string{smallGroup, bulkGroup} {
		size := 64
		if group == bulkGroup {
			size = 1 << 20
		}
		for _, k := range crcCases {
			cases = append(cases, bench{group, k.name, sized(k.c, size)})
		}
	}
	res := measure(*rounds, cases)
	group := ""
	for _, c := range cases {
		if c.group != group {
			group = c.group
			fmt.Println("\n" + group)
		}
		r := res[c.group+"/"+c.name]
		switch c.group {
		case bulkGroup:
			fmt.Printf("  %-36s %9.0f MB/s %9.1f us/call\n", c.name, r.mbPerS, r.nsPerOp/1e3)
		case smallGroup:
			fmt.Printf("  %-36s %9.2f ns   %9.0f MB/s\n", c.name, r.nsPerOp, r.mbPerS)
		default:
			fmt.Printf("  %-36s %9.2f ns\n", c.name, r.nsPerOp)
		}
	}

	get := func(g, n string) result { return res[g+"/"+n] }
	perCall := get(smallGroup, binding).nsPerOp / get(smallGroup, cDirect).nsPerOp
	bulk := get(bulkGroup, binding).mbPerS / get(bulkGroup, cDirect).mbPerS
	hand := get(smallGroup, binding).nsPerOp / get(smallGroup, handCgo).nsPerOp
	fmt.Println("\nratios, this run")
	fmt.Printf("  crc32 64 B per call, asmmath / C          %6.2fx  (target <= 4x)   %s\n", perCall, verdict(perCall <= 4))
	fmt.Printf("  crc32 1 MiB throughput, asmmath / C       %6.1f%%  (target >= 95%%)  %s\n", 100*bulk, verdict(bulk >= 0.95))
	fmt.Printf("  crc32 64 B per call, asmmath / hand cgo   %6.2fx  (target ~1x)     %s\n", hand, verdict(hand <= 1.15))
	fmt.Printf("  add_ints per call, asmmath / C            %6.2fx  (the cgo call itself)\n",
		get(addGroup, binding).nsPerOp/get(addGroup, "C").nsPerOp)
	fmt.Printf("  crc32 1 MiB, asmmath / hash/crc32         %6.2fx\n", get(bulkGroup, binding).mbPerS/get(bulkGroup, stdlib).mbPerS)
}

func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}
