// gen-units prints test vectors for src/report/gofmt.ts: the output of Go's
// fmt verbs (the ones pprof's text reports rely on) for a list of tricky
// float64, int64 and string inputs, as JSON on stdout.
//
// Regenerate with:
//
//	go run test/vectors/gen-units.go > test/vectors/gofmt.json
//
// Standard library only. Floats are given by their IEEE-754 bits (hex) so the
// JSON carries them exactly, including -0, NaN and subnormals.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"runtime"
	"strconv"
)

// Every format here is applied to every entry of fixedFloats.
var floatFormats = []string{
	"%g", "%v", "%e", "%f", "%G", "%E",
	"%.2f", "%5.2f", "%.1f", "%.0f", "%.3f", "%08.3f", "%-9.2f|", "%+.2f", "% .2f",
	"%5.2g", "%.2g", "%.3g", "%.1g", "%.0g", "%.6g", "%.10g", "%.17g", "%12g", "%-12g|", "%+g", "% g", "%010g",
	"%.0e", "%.3e", "%.20e", "%12.4e",
}

// Random values only go through these (keeps the file small).
var randomFormats = []string{"%g", "%e", "%.2f", "%5.2g", "%.3g", "%.17g"}

var intFormats = []string{"%d", "%v", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%.0d", "%8.3d", "%+06d", "%-06d|"}

var stringFormats = []string{"%s", "%v", "%10s", "%-10s|", "%.2s", "%05s", "%5s%%", "%1s"}

func fixedFloats() []float64 {
	vs := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, 3.5, -2.5,
		0.125, 0.375, 0.625, 1.125, 2.675, 1.005, 1.015, 1.025, 0.045,
		99.995, 99.95, 99.949999, 99.9500001, 100.05, 100.0500001, 99.5, 0.99996, 9.995, 9.9999, 0.95, 0.995,
		1e-7, 1.5e-7, -1e-7, 1e-5, 1e-4, 0.0001234, 0.000123, 0.00012345, 0.0009995,
		123456, 1234567, 123456789, 1e6, 999999.5, 1e15, 1e16, 1e20, 1e21, 1e22, 1e100, 1.5e300,
		5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 4.9406564584124654e-320,
		0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 12.5, 0.05, 0.005, 0.015, 0.025, 4.35, 1.2, 3600,
		512.0098, 1536.0 / 1024, 1.23456789e-9, 7.0 / 1024 / 1024, 2.0 / 3600,
		-99.995, -0.004, -0.005, -0.0051, -1234.5678, -1e21,
		math.Inf(1), math.Inf(-1), math.NaN(),
	}
	return vs
}

func randomFloats(n int) []float64 {
	r := rand.New(rand.NewSource(20240601))
	var vs []float64
	for len(vs) < n {
		var v float64
		switch len(vs) % 3 {
		case 0: // any finite bit pattern
			v = math.Float64frombits(r.Uint64())
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
		case 1: // values of the size pprof prints: a few digits, varied scale
			v = r.Float64() * math.Pow(10, float64(r.Intn(16)-8))
		default: // sample-value ratios like value/1024 or value/1e6
			v = float64(r.Int63n(1<<40)) / []float64{1024, 1 << 20, 1e3, 1e6, 1e9, 3.6e12}[r.Intn(6)]
		}
		if r.Intn(4) == 0 {
			v = -v
		}
		vs = append(vs, v)
	}
	return vs
}

type floatCase struct {
	Bits string   `json:"bits"` // IEEE-754 bits, 16 hex digits
	Out  []string `json:"out"`  // aligned with the format list
}

type textCase struct {
	Value string   `json:"value"`
	Out   []string `json:"out"`
}

// sprintfArg is one argument of a mixed Sprintf case: exactly one field is set.
type sprintfArg struct {
	S *string `json:"s,omitempty"`
	F *string `json:"f,omitempty"` // float64 bits
	D *string `json:"d,omitempty"` // int64, decimal
}

type sprintfCase struct {
	Format string       `json:"format"`
	Args   []sprintfArg `json:"args"`
	Out    string       `json:"out"`
}

func bitsOf(v float64) string { return fmt.Sprintf("%016x", math.Float64bits(v)) }

func floatCases(vs []float64, formats []string) []floatCase {
	cs := make([]floatCase, 0, len(vs))
	for _, v := range vs {
		c := floatCase{Bits: bitsOf(v)}
		for _, f := range formats {
			c.Out = append(c.Out, fmt.Sprintf(f, v))
		}
		cs = append(cs, c)
	}
	return cs
}

func mixed(format string, args ...interface{}) sprintfCase {
	c := sprintfCase{Format: format, Out: fmt.Sprintf(format, args...)}
	for _, a := range args {
		switch x := a.(type) {
		case string:
			c.Args = append(c.Args, sprintfArg{S: &x})
		case float64:
			b := bitsOf(x)
			c.Args = append(c.Args, sprintfArg{F: &b})
		case int64:
			d := strconv.FormatInt(x, 10)
			c.Args = append(c.Args, sprintfArg{D: &d})
		default:
			panic(fmt.Sprintf("unsupported arg %T", a))
		}
	}
	return c
}

func main() {
	ints := []int64{0, 1, -1, 7, 42, -42, 12345, 123456, -123456, 1 << 40, math.MaxInt64, math.MinInt64}
	strs := []string{"", "a", "flat", "1.20s", "512.01kB", "μs", "日本語テキスト", "a longer string than ten"}

	var intCases, strCases []textCase
	for _, v := range ints {
		c := textCase{Value: strconv.FormatInt(v, 10)}
		for _, f := range intFormats {
			c.Out = append(c.Out, fmt.Sprintf(f, v))
		}
		intCases = append(intCases, c)
	}
	for _, v := range strs {
		c := textCase{Value: v}
		for _, f := range stringFormats {
			c.Out = append(c.Out, fmt.Sprintf(f, v))
		}
		strCases = append(strCases, c)
	}

	sprintfCases := []sprintfCase{
		mixed("%10s %5s%% %5s%% %10s %5s%%", "flat", "flat", "sum", "cum", "cum"),
		mixed("%10s %s %s %10s %s  %s%s", "1.20s", "24.55%", "24.55%", "3.40s", "69.67%", "main.work", " (inline)"),
		mixed("%5.2f%%", 24.554), mixed("%5.2g%%", 0.0123), mixed("%5.2g%%", 0.5), mixed("%5.2g%%", 0.000012),
		mixed("Dropped %d %s (%s <= %s)", int64(12), "nodes", "cum", "0.01s"),
		mixed("Showing top %d nodes out of %d", int64(10), int64(57)),
		mixed("%s: %v %v %v", "mix", 1e6, int64(1000000), "x"),
		mixed("%.1f%s (%s):\t %s", 1536.5, "kB", " 0.5%", "tag"),
		mixed("100%% of %g", 0.25),
	}

	out := map[string]interface{}{
		"go":            runtime.Version(),
		"floatFormats":  floatFormats,
		"floats":        floatCases(fixedFloats(), floatFormats),
		"randomFormats": randomFormats,
		"randomFloats":  floatCases(randomFloats(150), randomFormats),
		"intFormats":    intFormats,
		"ints":          intCases,
		"stringFormats": stringFormats,
		"strings":       strCases,
		"sprintf":       sprintfCases,
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
