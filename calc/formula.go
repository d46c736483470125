package calc

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// An indicator formula as the Pohon Kinerja writes it, for instance
// "((n-1) - n) / (n-1) x 100%" or "konflik yang diselesaikan dibagi jumlah
// konflik x 100 %". Its variables are either a year of a data series ("n"
// is the report year, "n-1" the year before, words around them only
// describe the series) or a phrase naming a row of a data table.

// FormulaVar is a variable of a formula.
type FormulaVar struct {
	// Year is true for a year of a data series: n − Back, so Back 0 is the
	// report year ("n") and Back 1 the year before ("n-1").
	Year bool
	Back int
	// Words are the words of the phrase, lower case: the row a named
	// variable reads, or the description around a year variable.
	Words []string
}

// String writes the variable as the formula would: "n", "n-1" or the phrase.
func (v FormulaVar) String() string {
	if v.Year {
		if v.Back == 0 {
			return "n"
		}
		return fmt.Sprintf("n-%d", v.Back)
	}
	return strings.Join(v.Words, " ")
}

// Formula is a parsed indicator formula.
type Formula struct {
	Text string
	root *fnode
}

// fnode is a node of a formula's expression tree: a number, a variable, a
// negation (op '~', left only) or a binary operation (+ − × ÷).
type fnode struct {
	op          byte // 0 number, 'v' variable, '~' negation, or + - * /
	num         decimal.Decimal
	v           FormulaVar
	left, right *fnode
}

// Limits that keep a hostile formula cheap to parse.
const (
	maxFormulaLen   = 500
	maxFormulaDepth = 40
)

// ErrFormula is wrapped by every error of ParseFormula and Eval.
var ErrFormula = errors.New("rumus tidak dapat dihitung")

// ParseFormula reads an indicator formula. "x", "×", "*", "kali" and
// "dikali" multiply; "/", "÷", ":", "dibagi" divide; "−", "dikurangi" and
// "ditambah" subtract and add; [ ] and { } are parentheses; a "%" after a
// number is dropped ("× 100 %" means "as a percentage"); a decimal comma is
// read as a decimal point; anything after "=" is an explanation and is
// ignored.
func ParseFormula(s string) (*Formula, error) {
	if len(s) > maxFormulaLen {
		return nil, fmt.Errorf("%w: rumus lebih dari %d karakter", ErrFormula, maxFormulaLen)
	}
	toks, err := lexFormula(s)
	if err != nil {
		return nil, err
	}
	p := &fparser{toks: toks}
	root, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("%w: %q tidak diharapkan di sini", ErrFormula, p.toks[p.pos].text)
	}
	return &Formula{Text: s, root: root}, nil
}

// Vars lists the formula's variables, in order of first use.
func (f *Formula) Vars() []FormulaVar {
	var out []FormulaVar
	seen := map[string]bool{}
	var walk func(n *fnode)
	walk = func(n *fnode) {
		if n == nil {
			return
		}
		if n.op == 'v' {
			k := fmt.Sprint(n.v.Year, n.v.Back, n.v.Words)
			if !seen[k] {
				seen[k] = true
				out = append(out, n.v)
			}
		}
		walk(n.left)
		walk(n.right)
	}
	walk(f.root)
	return out
}

// Eval computes the formula exactly, taking each variable's value from
// lookup. It fails when a variable has no value or a divisor is zero.
func (f *Formula) Eval(lookup func(FormulaVar) (decimal.Decimal, bool)) (decimal.Decimal, error) {
	return f.root.eval(lookup)
}

func (n *fnode) eval(lookup func(FormulaVar) (decimal.Decimal, bool)) (decimal.Decimal, error) {
	switch n.op {
	case 0:
		return n.num, nil
	case 'v':
		v, ok := lookup(n.v)
		if !ok {
			return decimal.Zero, fmt.Errorf("%w: tidak ada data untuk %q", ErrFormula, n.v.String())
		}
		return v, nil
	}
	l, err := n.left.eval(lookup)
	if err != nil {
		return l, err
	}
	if n.op == '~' {
		return l.Neg(), nil
	}
	r, err := n.right.eval(lookup)
	if err != nil {
		return r, err
	}
	switch n.op {
	case '+':
		return l.Add(r), nil
	case '-':
		return l.Sub(r), nil
	case '*':
		return l.Mul(r), nil
	}
	if r.IsZero() {
		return decimal.Zero, fmt.Errorf("%w: pembagian dengan nol", ErrFormula)
	}
	return l.DivRound(r, divPrecision), nil
}

// ftoken is a lexical token of a formula: an operator or parenthesis
// (kind is the character), a number ('0') or a variable ('v').
type ftoken struct {
	kind byte
	num  decimal.Decimal
	v    FormulaVar
	text string
}

// operatorWords are the Indonesian words for arithmetic.
var operatorWords = map[string]byte{
	"x": '*', "kali": '*', "dikali": '*', "dikalikan": '*',
	"bagi": '/', "dibagi": '/',
	"dikurangi": '-', "kurang": '-',
	"ditambah": '+', "tambah": '+',
}

// lexFormula splits a formula into tokens.
func lexFormula(s string) ([]ftoken, error) {
	rs := []rune(s)
	var toks []ftoken
	var phrase []string
	year := -1 // the Back of a year token in the open phrase
	flush := func() {
		if len(phrase) == 0 {
			return
		}
		t := ftoken{kind: 'v', text: strings.Join(phrase, " "), v: FormulaVar{Words: phrase}}
		if year >= 0 {
			t.v.Year, t.v.Back = true, year
		}
		toks = append(toks, t)
		phrase, year = nil, -1
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '=':
			i = len(rs) // the rest is a worked result
			continue
		case unicode.IsSpace(r) || r == '%':
			i++
			continue
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j])) {
				j++
			}
			w := strings.ToLower(string(rs[i:j]))
			i = j
			if op, ok := operatorWords[w]; ok {
				flush()
				toks = append(toks, ftoken{kind: op, text: w})
				continue
			}
			if w == "n" {
				if year >= 0 {
					return nil, fmt.Errorf("%w: dua tahun dalam satu besaran", ErrFormula)
				}
				back, next := yearOffset(rs, i)
				year, i = back, next
				if back > 0 {
					w = fmt.Sprintf("n-%d", back)
				}
			}
			phrase = append(phrase, w)
			continue
		}
		flush()
		switch {
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || ((rs[j] == ',' || rs[j] == '.') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]))) {
				j++
			}
			text := string(rs[i:j])
			d, err := decimal.NewFromString(strings.ReplaceAll(text, ",", "."))
			if err != nil {
				return nil, fmt.Errorf("%w: angka %q tidak terbaca", ErrFormula, text)
			}
			toks = append(toks, ftoken{kind: '0', num: d, text: text})
			i = j
		default:
			kind, ok := map[rune]byte{
				'+': '+', '-': '-', '−': '-', '–': '-', '—': '-',
				'*': '*', '×': '*', '∙': '*', '·': '*',
				'/': '/', '÷': '/', ':': '/',
				'(': '(', '[': '(', '{': '(', ')': ')', ']': ')', '}': ')',
			}[r]
			if !ok {
				return nil, fmt.Errorf("%w: tanda %q tidak dikenal", ErrFormula, string(r))
			}
			toks = append(toks, ftoken{kind: kind, text: string(r)})
			i++
		}
	}
	flush()
	return toks, nil
}

// yearOffset reads the "-1" of "n-1" (spaces allowed, any dash) after the
// "n" that ends at i. It returns the number of years back and where the
// token ends; 0 and i when no offset follows.
func yearOffset(rs []rune, i int) (int, int) {
	j := i
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	if j >= len(rs) || !strings.ContainsRune("-−–", rs[j]) {
		return 0, i
	}
	j++
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	k, back := j, 0
	for k < len(rs) && unicode.IsDigit(rs[k]) && k-j < 2 {
		back = back*10 + int(rs[k]-'0')
		k++
	}
	if k == j || (k < len(rs) && (unicode.IsDigit(rs[k]) || rs[k] == ',' || rs[k] == '.')) {
		return 0, i // "n - 100" or "n - 1,5" is arithmetic, not a year
	}
	return back, k
}

// fparser is a recursive-descent parser over a formula's tokens:
// expr = term {(+|-) term}; term = unary {(*|/) unary};
// unary = - unary | primary; primary = number | variable | ( expr ).
type fparser struct {
	toks []ftoken
	pos  int
}

func (p *fparser) peek() byte {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].kind
	}
	return 0
}

func (p *fparser) expr(depth int) (*fnode, error) {
	if depth > maxFormulaDepth {
		return nil, fmt.Errorf("%w: terlalu banyak tanda kurung", ErrFormula)
	}
	l, err := p.term(depth)
	if err != nil {
		return nil, err
	}
	for k := p.peek(); k == '+' || k == '-'; k = p.peek() {
		p.pos++
		r, err := p.term(depth)
		if err != nil {
			return nil, err
		}
		l = &fnode{op: k, left: l, right: r}
	}
	return l, nil
}

func (p *fparser) term(depth int) (*fnode, error) {
	l, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	for k := p.peek(); k == '*' || k == '/'; k = p.peek() {
		p.pos++
		r, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		l = &fnode{op: k, left: l, right: r}
	}
	return l, nil
}

func (p *fparser) unary(depth int) (*fnode, error) {
	if p.peek() == '-' {
		p.pos++
		if depth > maxFormulaDepth {
			return nil, fmt.Errorf("%w: terlalu banyak tanda minus", ErrFormula)
		}
		x, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &fnode{op: '~', left: x}, nil
	}
	return p.primary(depth)
}

func (p *fparser) primary(depth int) (*fnode, error) {
	if p.pos >= len(p.toks) {
		return nil, fmt.Errorf("%w: rumus berakhir sebelum lengkap", ErrFormula)
	}
	t := p.toks[p.pos]
	p.pos++
	switch t.kind {
	case '0':
		return &fnode{num: t.num}, nil
	case 'v':
		return &fnode{op: 'v', v: t.v}, nil
	case '(':
		x, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, fmt.Errorf("%w: kurung tidak ditutup", ErrFormula)
		}
		p.pos++
		return x, nil
	}
	return nil, fmt.Errorf("%w: %q tidak diharapkan di sini", ErrFormula, t.text)
}
