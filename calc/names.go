package calc

import (
	"slices"
	"strings"
	"unicode"
)

// NormalizeName reduces a program, kegiatan or indicator name to the form in
// which two documents' spellings are compared (design.md §5): lower case,
// invisible characters removed, "&" read as "dan", "Prog." as "Program",
// leading numbering and punctuation dropped, spaces collapsed.
func NormalizeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			return -1
		case r == '&':
			return '&'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToLower(r)
		default:
			return ' '
		}
	}, s)
	words := strings.Fields(strings.ReplaceAll(s, "&", " dan "))
	for len(words) > 0 && isNumbering(words[0]) {
		words = words[1:]
	}
	for i, w := range words {
		switch w {
		case "prog":
			words[i] = "program"
		case "keg":
			words[i] = "kegiatan"
		}
	}
	return strings.Join(words, " ")
}

// isNumbering reports whether a leading word is list numbering ("1", "a", "iv")
// rather than part of the name.
func isNumbering(w string) bool {
	if w == "" {
		return false
	}
	if strings.Trim(w, "0123456789") == "" {
		return true
	}
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

// NormalizeCode reduces a hierarchical code to compare segment by segment
// with leading zeros and stray spaces ignored: "2.16.01 " and "2.16.1" are
// the same code.
func NormalizeCode(code string) string {
	segs := strings.FieldsFunc(code, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	for i, s := range segs {
		t := strings.TrimLeft(s, "0")
		if t == "" {
			t = "0"
		}
		segs[i] = strings.ToLower(t)
	}
	return strings.Join(segs, ".")
}

// levenshtein is the edit distance between two rune slices.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Bounds on the cost of comparing names, whose edit distance takes time
// in the product of their lengths: a name longer than maxNameRunes (no
// program or indicator is named at such length; a hostile file can make
// thousands) is only ever equal or unlike another, and near matching in
// one MatchNames is skipped when the lengths of its unmatched names,
// multiplied, pass maxNameWork (about a second of work).
const (
	maxNameRunes = 500
	maxNameWork  = 200_000_000
)

// distance is the edit distance of two names, or, when either is longer
// than maxNameRunes, 0 for equal names and the longer length otherwise.
func distance(a, b []rune) int {
	if len(a) > maxNameRunes || len(b) > maxNameRunes {
		if string(a) == string(b) {
			return 0
		}
		return max(len(a), len(b))
	}
	return levenshtein(a, b)
}

// Similarity scores two names from 0 (nothing alike) to 1 (the same after
// normalisation), as 1 − edit distance / length of the longer.
func Similarity(a, b string) float64 {
	ra, rb := []rune(NormalizeName(a)), []rune(NormalizeName(b))
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	return 1 - float64(distance(ra, rb))/float64(n)
}

// Thresholds for name matching. A near match is a typing slip: at most
// nearEdits edits, or one per nearPerEdit characters in longer names. A
// suggestion is offered for an unmatched name when the best candidate is at
// least suggestMin alike.
const (
	nearEdits   = 2
	nearPerEdit = 25
	suggestMin  = 0.6
)

// nearDistance reports whether d edits between two normalised names make
// a typing slip: at most nearEdits, or one per nearPerEdit characters.
func nearDistance(d int, a, b string) bool {
	n := max(len([]rune(a)), len([]rune(b)))
	return d <= max(nearEdits, n/nearPerEdit)
}

// NearNames reports whether two names are the same or differ only by a
// typing slip, after normalisation.
func NearNames(a, b string) bool {
	na, nb := NormalizeName(a), NormalizeName(b)
	return nearDistance(distance([]rune(na), []rune(nb)), na, nb)
}

// IsCode reports whether a code is hierarchical ("2.16.01", "5.1.02"),
// as opposed to list numbering ("1", "a"): only such codes identify a
// program or kegiatan across documents.
func IsCode(code string) bool {
	return strings.Contains(NormalizeCode(code), ".")
}

// Named is anything with a name (and optionally a code) taking part in
// matching across documents.
type Named struct {
	Code string
	Name string
}

// NameMatch pairs an item of one list with an item of another. Exact is
// true when the two names agree after normalisation; ByCode when the pair
// was made by code.
type NameMatch struct {
	A, B   int
	Exact  bool
	ByCode bool
	Score  float64
}

// NameMatching is the result of matching list A against list B: pairs, and
// for each unmatched item of A the best unmatched candidate in B (or -1).
type NameMatching struct {
	Pairs      []NameMatch
	UnmatchedA []int
	UnmatchedB []int
	Suggest    map[int]NameMatch // by index in A
}

// MatchNames matches two lists of names: codes first where both have
// hierarchical ones (IsCode), then exact normalised names, then near matches (typing slips) from the
// closest pair down. Every other item is left unmatched, with the closest
// remaining candidate offered as a suggestion when it is alike enough.
func MatchNames(a, b []Named) NameMatching {
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	var m NameMatching
	pair := func(i, j int, exact, byCode bool, score float64) {
		usedA[i], usedB[j] = true, true
		m.Pairs = append(m.Pairs, NameMatch{A: i, B: j, Exact: exact, ByCode: byCode, Score: score})
	}
	na := make([]string, len(a))
	nb := make([]string, len(b))
	for i := range a {
		na[i] = NormalizeName(a[i].Name)
	}
	for j := range b {
		nb[j] = NormalizeName(b[j].Name)
	}
	// Codes first, then exact names.
	for i := range a {
		if !IsCode(a[i].Code) {
			continue
		}
		for j := range b {
			if !usedB[j] && IsCode(b[j].Code) && NormalizeCode(a[i].Code) == NormalizeCode(b[j].Code) {
				pair(i, j, na[i] == nb[j], true, Similarity(a[i].Name, b[j].Name))
				break
			}
		}
	}
	for i := range a {
		if usedA[i] {
			continue
		}
		for j := range b {
			if !usedB[j] && na[i] == nb[j] {
				pair(i, j, true, false, 1)
				break
			}
		}
	}
	// Near matches, closest first.
	type cand struct {
		i, j, d int
		score   float64
	}
	var cands []cand
	workA, workB := 0, 0
	for i := range a {
		if !usedA[i] {
			workA += min(len(na[i]), maxNameRunes)
		}
	}
	for j := range b {
		if !usedB[j] {
			workB += min(len(nb[j]), maxNameRunes)
		}
	}
	if workA*workB <= maxNameWork { // else no near matching: see maxNameWork
		for i := range a {
			if usedA[i] {
				continue
			}
			for j := range b {
				if usedB[j] {
					continue
				}
				ra, rb := []rune(na[i]), []rune(nb[j])
				d := distance(ra, rb)
				n := max(len(ra), len(rb))
				score := 1.0
				if n > 0 {
					score = 1 - float64(d)/float64(n)
				}
				cands = append(cands, cand{i, j, d, score})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int { return x.d - y.d })
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] {
			continue
		}
		if nearDistance(c.d, na[c.i], nb[c.j]) {
			pair(c.i, c.j, false, false, c.score)
		}
	}
	// Suggestions for what is left.
	m.Suggest = map[int]NameMatch{}
	slices.SortStableFunc(cands, func(x, y cand) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return 0
	})
	taken := make([]bool, len(b))
	for _, c := range cands {
		if usedA[c.i] || usedB[c.j] || taken[c.j] || c.score < suggestMin {
			continue
		}
		if _, done := m.Suggest[c.i]; done {
			continue
		}
		m.Suggest[c.i] = NameMatch{A: c.i, B: c.j, Score: c.score}
		taken[c.j] = true
	}
	for i := range a {
		if !usedA[i] {
			m.UnmatchedA = append(m.UnmatchedA, i)
		}
	}
	for j := range b {
		if !usedB[j] {
			m.UnmatchedB = append(m.UnmatchedB, j)
		}
	}
	slices.SortFunc(m.Pairs, func(x, y NameMatch) int { return x.A - y.A })
	return m
}

// Suggested reports whether item j of B was offered as a suggestion for some
// unmatched item of A.
func (m NameMatching) Suggested(j int) bool {
	for _, s := range m.Suggest {
		if s.B == j {
			return true
		}
	}
	return false
}

// PairOf returns the match for item i of A, if any.
func (m NameMatching) PairOf(i int) (NameMatch, bool) {
	for _, p := range m.Pairs {
		if p.A == i {
			return p, true
		}
	}
	return NameMatch{}, false
}
