// re2-oracle answers for Go's regexp package (standard library only): it is
// the reference the RE2 translator of pprof-ts (src/query/re2.ts) is checked
// against, the way go tool pprof compiles -focus, -ignore, -tagfocus, ...
//
//	go run test/helpers/re2-oracle.go < cases.json
//
// reads a JSON array of {"pattern": "...", "inputs": ["...", ...]} and writes
// one JSON array of {"pattern", "error"} (regexp.Compile's message, "" when it
// compiles), "matches" (MatchString of each input) and "found" (the text of
// the leftmost match, FindStringIndex, or null) in the same order.
//
//	go run test/helpers/re2-oracle.go -tables > src/query/re2-tables.ts
//
// prints the Unicode facts the translator needs from this Go version: the
// simple case-folding orbits (unicode.SimpleFold), the category and script
// names \p{...} accepts, and which of them have fold tables.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

type query struct {
	Pattern string   `json:"pattern"`
	Inputs  []string `json:"inputs"`
}

type answer struct {
	Pattern string    `json:"pattern"`
	Error   string    `json:"error"`
	Matches []bool    `json:"matches"`
	Found   []*string `json:"found"`
}

func main() {
	tables := flag.Bool("tables", false, "print the Unicode tables as TypeScript")
	flag.Parse()
	if *tables {
		printTables()
		return
	}
	var qs []query
	if err := json.NewDecoder(os.Stdin).Decode(&qs); err != nil {
		fmt.Fprintln(os.Stderr, "re2-oracle:", err)
		os.Exit(1)
	}
	out := make([]answer, 0, len(qs))
	for _, q := range qs {
		a := answer{Pattern: q.Pattern, Matches: []bool{}, Found: []*string{}}
		re, err := regexp.Compile(q.Pattern)
		if err != nil {
			a.Error = err.Error()
		} else {
			for _, in := range q.Inputs {
				a.Matches = append(a.Matches, re.MatchString(in))
				var found *string
				if loc := re.FindStringIndex(in); loc != nil {
					text := in[loc[0]:loc[1]]
					found = &text
				}
				a.Found = append(a.Found, found)
			}
		}
		out = append(out, a)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "re2-oracle:", err)
		os.Exit(1)
	}
}

func b36(n int) string { return strconv.FormatInt(int64(n), 36) }

// printTables writes the orbits as runs: "start,stride,count,offsets" where
// each orbit of the run is start+i*stride plus the offsets (base 36, offsets
// separated by '.', may be negative), runs separated by ';'.
func printTables() {
	type orbit struct {
		first int
		offs  string
	}
	var orbits []orbit
	for c := rune(0); c <= unicode.MaxRune; c++ {
		f := unicode.SimpleFold(c)
		if f == c {
			continue
		}
		// Only from the smallest member of each orbit (SimpleFold cycles upwards, then wraps).
		min := c
		for g := f; g != c; g = unicode.SimpleFold(g) {
			if g < min {
				min = g
			}
		}
		if min != c {
			continue
		}
		var offs []string
		for g := f; g != c; g = unicode.SimpleFold(g) {
			offs = append(offs, b36(int(g-c)))
		}
		orbits = append(orbits, orbit{int(c), strings.Join(offs, ".")})
	}
	var runs []string
	prev := 0
	for i := 0; i < len(orbits); {
		j := i + 1
		stride := 0
		if j < len(orbits) && orbits[j].offs == orbits[i].offs {
			stride = orbits[j].first - orbits[i].first
			for j < len(orbits) && orbits[j].offs == orbits[i].offs && orbits[j].first-orbits[j-1].first == stride {
				j++
			}
		}
		runs = append(runs, fmt.Sprintf("%s,%s,%s,%s", b36(orbits[i].first-prev), b36(stride), b36(j-i), orbits[i].offs))
		prev = orbits[i].first
		i = j
	}
	keys := func(m map[string]*unicode.RangeTable) string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return strings.Join(ks, " ")
	}
	fmt.Printf(`/**
 * Unicode facts of Go's regexp (%s, Unicode %s) for the RE2 translator,
 * printed by `+"`go run test/helpers/re2-oracle.go -tables`"+`: do not edit by hand.
 */

/**
 * Simple case-folding orbits (the runes (?i) makes equivalent), as runs
 * "start delta,stride,count,offsets" in base 36; see re2-charset.ts.
 */
export const FOLD_ORBITS = '%s';

/** General categories \p{...} accepts (Go has no Cn; its C is Cc|Cf|Co|Cs). */
export const CATEGORIES = '%s';

/** Scripts \p{...} accepts. */
export const SCRIPTS = '%s';

/** Categories and scripts that (?i) widens (the others are closed under folding). */
export const FOLDED_GROUPS = '%s %s';
`, runtime.Version(), unicode.Version, strings.Join(runs, ";"), keys(unicode.Categories), keys(unicode.Scripts),
		keys(unicode.FoldCategory), keys(unicode.FoldScript))
}
