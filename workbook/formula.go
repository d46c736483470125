package workbook

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Formulas without a stored result. Some generators write a formula and no
// result; a viewer that does not recalculate shows 0 or nothing, and a
// naive reader takes the total as blank. lkjip evaluates such formulas:
// exactly, in decimals, when they are arithmetic (+ - * / and parentheses)
// over numbers, cells and ranges with SUM, ROUND and friends; otherwise
// through a fallback (excelize's float64 calculator, for .xlsx), rounded to
// Excel's 15 digits. A formula that cannot be evaluated is left as text
// ("=SUM(…)"), which the checks report as not a number: never as 0.

// evalLimit bounds the work one file's formulas may cost (cells visited).
const evalLimit = 2_000_000

// maxEvalDepth bounds how deep formulas may refer to formula cells that
// wait for evaluation (each level is a few stack frames). Cells are
// evaluated top to bottom, so a running total down a column is shallow;
// only a chain that refers downwards, cell after cell, goes deep.
const maxEvalDepth = 10_000

// maxNesting bounds parentheses inside one formula (Excel allows 64
// levels of functions).
const maxNesting = 256

// fallbackFunc evaluates a formula cell by other means; ok is false when
// it cannot.
type fallbackFunc func(sheetName string, row, col int) (value string, ok bool)

// evaluateFormulas gives every formula cell without a stored result its
// value. Cells keep NoCache, so the checks report formula-no-cache.
func evaluateFormulas(sheets []*sheet, fallback fallbackFunc) {
	e := &evaluator{sheets: map[string]*sheet{}, fallback: fallback, memo: map[cellKey]evalValue{}, busy: map[cellKey]bool{}}
	for _, s := range sheets {
		e.sheets[strings.ToLower(s.Name)] = s
	}
	for _, s := range sheets {
		for i, row := range s.Rows {
			for j, c := range row {
				if !c.NoCache || c.Kind != cellEmpty {
					continue
				}
				v := e.cellValue(s, i+1, j+1)
				switch {
				case v.err != "":
					c.Kind, c.Text = cellText, "="+c.Formula
				case v.isNum:
					c.Kind, c.Text = cellNumber, excelPrecision(v.num).String()
				case v.text != "":
					c.Kind, c.Text = cellText, v.text
				}
				row[j] = c
			}
		}
	}
}

type cellKey struct {
	s        *sheet
	row, col int
}

// evalValue is a formula value: a number, a text, or an error.
type evalValue struct {
	num   decimal.Decimal
	isNum bool
	text  string
	err   string
	blank bool
}

type evaluator struct {
	sheets   map[string]*sheet
	fallback fallbackFunc
	memo     map[cellKey]evalValue
	busy     map[cellKey]bool // cells being evaluated: a cycle is an error
	steps    int
}

// cellValue is the value of one cell, evaluating it when it is a formula
// without a stored result.
func (e *evaluator) cellValue(s *sheet, row, col int) evalValue {
	e.steps++
	if e.steps > evalLimit {
		return evalValue{err: "#LIMIT!"}
	}
	c := s.at(row, col)
	if !(c.NoCache && c.Kind == cellEmpty) {
		return storedValue(c)
	}
	k := cellKey{s, row, col}
	if v, ok := e.memo[k]; ok {
		return v
	}
	if e.busy[k] {
		return evalValue{err: "#CYCLE!"}
	}
	if len(e.busy) >= maxEvalDepth {
		return evalValue{err: "#DEPTH!"} // not kept: a shallower path may still evaluate it
	}
	e.busy[k] = true
	p := &formulaParser{e: e, s: s, src: c.Formula}
	v, ok := p.parse()
	if !ok && e.fallback != nil && e.fallbackSafe(s, c.Formula) {
		if text, fok := e.fallback(s.Name, row, col); fok {
			v = parsedResult(text)
			ok = true
		}
	}
	if !ok {
		v = evalValue{err: "#UNSUPPORTED!"}
	}
	delete(e.busy, k)
	e.memo[k] = v
	return v
}

// storedValue is a stored cell's value as a formula sees it.
func storedValue(c cell) evalValue {
	switch c.Kind {
	case cellEmpty:
		return evalValue{blank: true, isNum: true}
	case cellNumber:
		d, err := decimal.NewFromString(c.Text)
		if err != nil {
			return evalValue{err: "#VALUE!"}
		}
		return evalValue{num: d, isNum: true}
	case cellError:
		return evalValue{err: c.Text}
	case cellBool:
		if c.Text == "1" || strings.EqualFold(c.Text, "true") {
			return evalValue{num: decimal.NewFromInt(1), isNum: true, text: "TRUE"}
		}
		return evalValue{num: decimal.Zero, isNum: true, text: "FALSE"}
	}
	return evalValue{text: c.Text}
}

// parsedResult reads a fallback's result.
func parsedResult(text string) evalValue {
	if strings.HasPrefix(text, "#") {
		return evalValue{err: text}
	}
	if n, ok := storedNumber(text); ok {
		d, _ := decimal.NewFromString(n)
		return evalValue{num: d, isNum: true}
	}
	return evalValue{text: text}
}

// formulaParser evaluates one formula by recursive descent:
//
//	cmp    = expr [ ("=" | "<>" | "<" | ">" | "<=" | ">=") expr ]
//	expr   = term { ("+" | "-") term }
//	term   = unary { ("*" | "/") unary }
//	unary  = { "+" | "-" } power
//	power  = atom [ "%" ]
//	atom   = number | string | ref | range | call | "(" expr ")"
//
// A range is allowed only as a function argument. Anything else (text
// joined with &, comparisons, unknown functions, names) stops the parse,
// and the fallback takes over.
type formulaParser struct {
	e    *evaluator
	s    *sheet
	src  string
	pos  int
	nest int // open parentheses
}

func (p *formulaParser) parse() (evalValue, bool) {
	p.src = strings.TrimPrefix(strings.TrimSpace(p.src), "=")
	v, ok := p.cmp()
	p.space()
	if !ok || p.pos != len(p.src) {
		return evalValue{}, false
	}
	return v, true
}

func (p *formulaParser) space() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

func (p *formulaParser) peek() byte {
	p.space()
	if p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}

// cmp evaluates a comparison to 1 (true) or 0 (false), for IF.
func (p *formulaParser) cmp() (evalValue, bool) {
	v, ok := p.expr()
	if !ok {
		return v, false
	}
	p.space()
	var op string
	for _, o := range []string{"<>", "<=", ">=", "=", "<", ">"} {
		if strings.HasPrefix(p.src[p.pos:], o) {
			op = o
			break
		}
	}
	if op == "" {
		return v, true
	}
	p.pos += len(op)
	w, ok := p.expr()
	if !ok {
		return v, false
	}
	if v.err != "" {
		return v, true
	}
	if w.err != "" {
		return w, true
	}
	x, okX := scalar(v)
	y, okY := scalar(w)
	if !okX || !okY {
		return evalValue{}, false // comparing text: left to the fallback
	}
	c := x.Cmp(y)
	truth := map[string]bool{"=": c == 0, "<>": c != 0, "<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0}[op]
	if truth {
		return evalValue{num: decimal.NewFromInt(1), isNum: true, text: "TRUE"}, true
	}
	return evalValue{num: decimal.Zero, isNum: true, text: "FALSE"}, true
}

func (p *formulaParser) expr() (evalValue, bool) {
	v, ok := p.term()
	for ok {
		op := p.peek()
		if op != '+' && op != '-' {
			break
		}
		p.pos++
		var w evalValue
		if w, ok = p.term(); ok {
			v = arith(v, w, op)
		}
	}
	return v, ok
}

func (p *formulaParser) term() (evalValue, bool) {
	v, ok := p.unary()
	for ok {
		op := p.peek()
		if op != '*' && op != '/' {
			break
		}
		p.pos++
		var w evalValue
		if w, ok = p.unary(); ok {
			v = arith(v, w, op)
		}
	}
	return v, ok
}

func (p *formulaParser) unary() (evalValue, bool) {
	switch p.peek() {
	case '-':
		p.pos++
		v, ok := p.unary()
		return arith(evalValue{num: decimal.Zero, isNum: true}, v, '-'), ok
	case '+':
		p.pos++
		return p.unary()
	}
	v, ok := p.atom()
	if ok && p.peek() == '%' {
		p.pos++
		v = arith(v, evalValue{num: decimal.NewFromInt(100), isNum: true}, '/')
	}
	return v, ok
}

// arith applies an operator; text that is not a number gives #VALUE!, as
// in a spreadsheet.
func arith(a, b evalValue, op byte) evalValue {
	if a.err != "" {
		return a
	}
	if b.err != "" {
		return b
	}
	x, okA := scalar(a)
	y, okB := scalar(b)
	if !okA || !okB {
		return evalValue{err: "#VALUE!"}
	}
	switch op {
	case '+':
		return evalValue{num: x.Add(y), isNum: true}
	case '-':
		return evalValue{num: x.Sub(y), isNum: true}
	case '*':
		return evalValue{num: x.Mul(y), isNum: true}
	}
	if y.IsZero() {
		return evalValue{err: "#DIV/0!"}
	}
	return evalValue{num: x.DivRound(y, 20), isNum: true}
}

// scalar is a value as a number: blank is 0; text only when it is a
// whole number ("1500"). "1.500" is 1.5 to an English spreadsheet and 1500
// to an Indonesian one, so lkjip does not guess: it is an error.
func scalar(v evalValue) (decimal.Decimal, bool) {
	if v.isNum {
		return v.num, true
	}
	t := strings.TrimPrefix(strings.TrimSpace(v.text), "-")
	if t == "" || len(t) > 30 || strings.Trim(t, "0123456789") != "" {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(strings.TrimSpace(v.text))
	return d, err == nil
}

func (p *formulaParser) atom() (evalValue, bool) {
	switch c := p.peek(); {
	case c == '(':
		p.pos++
		if p.nest++; p.nest > maxNesting {
			return evalValue{}, false
		}
		v, ok := p.cmp()
		if !ok || p.peek() != ')' {
			return v, false
		}
		p.pos++
		p.nest--
		return v, true
	case c == '"':
		end := strings.IndexByte(p.src[p.pos+1:], '"')
		if end < 0 {
			return evalValue{}, false
		}
		v := evalValue{text: p.src[p.pos+1 : p.pos+1+end]}
		p.pos += end + 2
		return v, true
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		d, err := decimal.NewFromString(p.src[start:p.pos])
		return evalValue{num: d, isNum: true}, err == nil
	}
	if name, ok := p.funcName(); ok {
		if p.nest++; p.nest > maxNesting {
			return evalValue{}, false
		}
		v, ok := p.call(name)
		p.nest--
		return v, ok
	}
	refs, ok := p.reference()
	if !ok || refs.isRange() {
		return evalValue{}, false
	}
	return p.e.cellValue(refs.s, refs.r1, refs.c1), true
}

// funcName reads a function name followed by "(".
func (p *formulaParser) funcName() (string, bool) {
	p.space()
	i := p.pos
	for i < len(p.src) && (p.src[i] >= 'A' && p.src[i] <= 'Z' || p.src[i] >= 'a' && p.src[i] <= 'z' || p.src[i] == '.' || p.src[i] >= '0' && p.src[i] <= '9' && i > p.pos) {
		i++
	}
	if i == p.pos || i >= len(p.src) || p.src[i] != '(' {
		return "", false
	}
	name := strings.ToUpper(p.src[p.pos:i])
	p.pos = i + 1
	return strings.TrimPrefix(name, "_XLFN."), true
}

// call evaluates the functions lkjip computes exactly.
func (p *formulaParser) call(name string) (evalValue, bool) {
	var args [][]evalValue // each argument's values (a range gives many)
	var isRange []bool
	for p.peek() != ')' {
		if len(args) > 0 {
			if p.peek() != ',' && p.peek() != ';' {
				return evalValue{}, false
			}
			p.pos++
		}
		start := p.pos
		if refs, ok := p.reference(); ok && refs.isRange() && (p.peek() == ',' || p.peek() == ';' || p.peek() == ')') {
			vals, ok := p.rangeValues(refs)
			if !ok {
				return evalValue{}, false
			}
			args, isRange = append(args, vals), append(isRange, true)
			continue
		}
		p.pos = start
		v, ok := p.cmp()
		if !ok {
			return evalValue{}, false
		}
		args, isRange = append(args, []evalValue{v}), append(isRange, false)
	}
	p.pos++ // ")"
	switch name {
	case "SUM":
		return sumOf(args, isRange), true
	case "SUBTOTAL":
		if len(args) < 2 || len(args[0]) != 1 {
			return evalValue{}, false
		}
		if n, ok := scalar(args[0][0]); !ok || !(n.Equal(decimal.NewFromInt(9)) || n.Equal(decimal.NewFromInt(109))) {
			return evalValue{}, false
		}
		return sumOf(args[1:], isRange[1:]), true
	case "ROUND", "ROUNDUP", "ROUNDDOWN":
		if len(args) != 2 || isRange[0] || isRange[1] {
			return evalValue{}, false
		}
		x, ok1 := scalar(args[0][0])
		n, ok2 := scalar(args[1][0])
		if args[0][0].err != "" {
			return args[0][0], true
		}
		if !ok1 || !ok2 || n.Abs().GreaterThan(decimal.NewFromInt(30)) {
			return evalValue{err: "#VALUE!"}, true
		}
		places := int32(n.IntPart())
		switch name {
		case "ROUNDUP":
			return evalValue{num: roundAway(x, places), isNum: true}, true
		case "ROUNDDOWN":
			return evalValue{num: x.Truncate(places), isNum: true}, true
		}
		return evalValue{num: x.Round(places), isNum: true}, true // half away from zero, as Excel
	case "IF":
		if len(args) < 2 || len(args) > 3 || isRange[0] || isRange[1] || len(args) == 3 && isRange[2] {
			return evalValue{}, false
		}
		cond := args[0][0]
		if cond.err != "" {
			return cond, true
		}
		x, ok := scalar(cond)
		if !ok {
			return evalValue{err: "#VALUE!"}, true
		}
		if !x.IsZero() {
			return args[1][0], true
		}
		if len(args) == 3 {
			return args[2][0], true
		}
		return evalValue{num: decimal.Zero, isNum: true, text: "FALSE"}, true
	case "ABS":
		if len(args) != 1 || isRange[0] {
			return evalValue{}, false
		}
		x, ok := scalar(args[0][0])
		if !ok {
			return evalValue{err: "#VALUE!"}, true
		}
		return evalValue{num: x.Abs(), isNum: true}, true
	}
	return evalValue{}, false
}

// roundAway rounds away from zero.
func roundAway(x decimal.Decimal, places int32) decimal.Decimal {
	t := x.Truncate(places)
	if t.Equal(x) {
		return t
	}
	step := decimal.New(1, -places)
	if x.IsNegative() {
		return t.Sub(step)
	}
	return t.Add(step)
}

// sumOf adds numbers: in a range, text and blanks are skipped (as SUM does
// in a spreadsheet); a direct argument must be a number.
func sumOf(args [][]evalValue, isRange []bool) evalValue {
	total := decimal.Zero
	for i, vals := range args {
		for _, v := range vals {
			if v.err != "" {
				return v
			}
			if isRange[i] {
				if v.isNum && !v.blank && v.text == "" {
					total = total.Add(v.num)
				}
				continue
			}
			x, ok := scalar(v)
			if !ok {
				return evalValue{err: "#VALUE!"}
			}
			total = total.Add(x)
		}
	}
	return evalValue{num: total, isNum: true}
}

// refRange is a reference: one cell or a rectangle, on a sheet.
type refRange struct {
	s              *sheet
	r1, c1, r2, c2 int
}

func (r refRange) isRange() bool { return r.r1 != r.r2 || r.c1 != r.c2 }

// reference reads "C5", "$C$5", "C5:C9", "Sheet2!C5" or "'Data 1'!C5:D9".
func (p *formulaParser) reference() (refRange, bool) {
	p.space()
	s := p.s
	rest := p.src[p.pos:]
	if strings.HasPrefix(rest, "'") {
		end := strings.Index(rest[1:], "'!")
		if end < 0 {
			return refRange{}, false
		}
		name := strings.ReplaceAll(rest[1:1+end], "''", "'")
		if s = p.e.sheets[strings.ToLower(name)]; s == nil {
			return refRange{}, false
		}
		p.pos += end + 3
	} else if i := strings.IndexByte(rest, '!'); i > 0 && strings.IndexAny(rest[:i], "(),+-*/:; ") < 0 {
		if s = p.e.sheets[strings.ToLower(rest[:i])]; s == nil {
			return refRange{}, false
		}
		p.pos += i + 1
	}
	r1, c1, ok := p.cellRef()
	if !ok {
		return refRange{}, false
	}
	r2, c2 := r1, c1
	if p.pos < len(p.src) && p.src[p.pos] == ':' {
		p.pos++
		if r2, c2, ok = p.cellRef(); !ok {
			return refRange{}, false
		}
	}
	return refRange{s, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}

// cellRef reads "$C$5".
func (p *formulaParser) cellRef() (int, int, bool) {
	i := p.pos
	if i < len(p.src) && p.src[i] == '$' {
		i++
	}
	col := 0
	start := i
	for i < len(p.src) && (p.src[i] >= 'A' && p.src[i] <= 'Z' || p.src[i] >= 'a' && p.src[i] <= 'z') && i-start < 3 {
		ch := p.src[i] &^ 0x20
		col = col*26 + int(ch-'A'+1)
		i++
	}
	if i == start {
		return 0, 0, false
	}
	if i < len(p.src) && p.src[i] == '$' {
		i++
	}
	ds := i
	for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' && i-ds < 8 {
		i++
	}
	row, err := strconv.Atoi(p.src[ds:i])
	if err != nil || row < 1 || col < 1 {
		return 0, 0, false
	}
	p.pos = i
	return row, col, true
}

// rangeValues lists the values of a range, within the sheet's extent.
func (p *formulaParser) rangeValues(r refRange) ([]evalValue, bool) {
	var out []evalValue
	for row := r.r1; row <= min(r.r2, r.s.rowCount()); row++ {
		for col := r.c1; col <= min(r.c2, len(r.s.row(row))); col++ {
			v := p.e.cellValue(r.s, row, col)
			if v.err == "#LIMIT!" {
				return nil, false
			}
			if !v.blank {
				out = append(out, v)
			}
		}
	}
	return out, true
}
