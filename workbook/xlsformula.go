package workbook

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"lkjip/calc"
)

// formulaUnknown stands for a .xls formula whose tokens lkjip does not
// decode: the cell is still known to hold a formula, and its stored result
// is used.
const formulaUnknown = "(rumus)"

// biffFuncs names the built-in functions a formula may call: index →
// name and fixed argument count (-1 for a variable count).
var biffFuncs = map[uint16]struct {
	name string
	args int
}{
	0: {"COUNT", -1}, 1: {"IF", -1}, 4: {"SUM", -1}, 5: {"AVERAGE", -1}, 6: {"MIN", -1}, 7: {"MAX", -1},
	24: {"ABS", 1}, 25: {"INT", 1}, 27: {"ROUND", 2}, 36: {"AND", -1}, 37: {"OR", -1},
	212: {"ROUNDUP", 2}, 213: {"ROUNDDOWN", 2}, 344: {"SUBTOTAL", -1}, 345: {"SUMIF", -1},
}

// decodeFormula turns a BIFF8 formula (its parsed tokens, in reverse
// Polish order) into A1 text for the cell at row, col, as far as lkjip
// reads it: numbers, strings, references, ranges, arithmetic and common
// functions. Anything else gives formulaUnknown.
func (r *biffReader) decodeFormula(rgce []byte, row, col int) string {
	var st []string
	pop := func(n int) ([]string, bool) {
		if n < 0 || n > len(st) {
			return nil, false
		}
		args := append([]string(nil), st[len(st)-n:]...)
		st = st[:len(st)-n]
		return args, true
	}
	binOps := map[byte]string{0x03: "+", 0x04: "-", 0x05: "*", 0x06: "/", 0x07: "^", 0x08: "&",
		0x09: "<", 0x0A: "<=", 0x0B: "=", 0x0C: ">=", 0x0D: ">", 0x0E: "<>", 0x11: ":"}
	for p := 0; p < len(rgce); {
		ptg := rgce[p]
		p++
		need := func(n int) bool { return p+n <= len(rgce) }
		if op, ok := binOps[ptg]; ok {
			a, ok := pop(2)
			if !ok {
				return formulaUnknown
			}
			st = append(st, a[0]+op+a[1])
			continue
		}
		base := ptg
		if ptg >= 0x20 {
			base = 0x20 + ptg&0x1F // the same token in any class
		}
		switch base {
		case 0x12, 0x13, 0x14, 0x15: // unary plus, minus, percent, parentheses
			a, ok := pop(1)
			if !ok {
				return formulaUnknown
			}
			st = append(st, [...]string{"+" + a[0], "-" + a[0], a[0] + "%", "(" + a[0] + ")"}[base-0x12])
		case 0x16: // missing argument
			st = append(st, "")
		case 0x17: // string
			if !need(2) {
				return formulaUnknown
			}
			s, used, ok := shortXLString(rgce[p:])
			if !ok {
				return formulaUnknown
			}
			st = append(st, strconv.Quote(s))
			p += used
		case 0x19: // attribute: only a one-argument SUM matters
			if !need(3) {
				return formulaUnknown
			}
			flags := rgce[p]
			switch {
			case flags&0x04 != 0: // choose: a jump table
				n := int(binary.LittleEndian.Uint16(rgce[p+1:]))
				p += 3 + 2*(n+1)
				continue
			case flags&0x10 != 0:
				a, ok := pop(1)
				if !ok {
					return formulaUnknown
				}
				st = append(st, "SUM("+a[0]+")")
			}
			p += 3
		case 0x1C, 0x1D: // error, boolean
			if !need(1) {
				return formulaUnknown
			}
			if base == 0x1C {
				st = append(st, biffError(rgce[p]))
			} else {
				st = append(st, boolText(rgce[p] != 0))
			}
			p++
		case 0x1E: // integer
			if !need(2) {
				return formulaUnknown
			}
			st = append(st, strconv.Itoa(int(binary.LittleEndian.Uint16(rgce[p:]))))
			p += 2
		case 0x1F: // number
			if !need(8) {
				return formulaUnknown
			}
			f := math.Float64frombits(binary.LittleEndian.Uint64(rgce[p:]))
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return formulaUnknown
			}
			st = append(st, excelPrecision(decimal.NewFromFloat(f)).String())
			p += 8
		case 0x21, 0x22: // function, fixed or variable arguments
			n, idx := 0, uint16(0)
			if base == 0x21 {
				if !need(2) {
					return formulaUnknown
				}
				idx = binary.LittleEndian.Uint16(rgce[p:])
				p += 2
			} else {
				if !need(3) {
					return formulaUnknown
				}
				n, idx = int(rgce[p]&0x7F), binary.LittleEndian.Uint16(rgce[p+1:])&0x7FFF
				p += 3
			}
			fn, ok := biffFuncs[idx]
			if !ok {
				return formulaUnknown
			}
			if base == 0x21 {
				if fn.args < 0 {
					return formulaUnknown
				}
				n = fn.args
			}
			a, ok := pop(n)
			if !ok {
				return formulaUnknown
			}
			st = append(st, fn.name+"("+strings.Join(a, ",")+")")
		case 0x24, 0x2C: // reference, absolute or relative to the cell
			if !need(4) {
				return formulaUnknown
			}
			st = append(st, biffRef(rgce[p:], row, col, base == 0x2C))
			p += 4
		case 0x25, 0x2D: // area
			if !need(8) {
				return formulaUnknown
			}
			st = append(st, biffArea(rgce[p:], row, col, base == 0x2D))
			p += 8
		case 0x29: // the wrapper around a reference subexpression
			if !need(2) {
				return formulaUnknown
			}
			p += 2
		case 0x3A, 0x3B: // 3-D reference or area: another sheet
			if !need(2) {
				return formulaUnknown
			}
			sheetName := r.xtiSheet(int(binary.LittleEndian.Uint16(rgce[p:])))
			p += 2
			var ref string
			if base == 0x3A {
				if !need(4) {
					return formulaUnknown
				}
				ref = biffRef(rgce[p:], row, col, false)
				p += 4
			} else {
				if !need(8) {
					return formulaUnknown
				}
				ref = biffArea(rgce[p:], row, col, false)
				p += 8
			}
			if sheetName == "" {
				return formulaUnknown
			}
			st = append(st, "'"+strings.ReplaceAll(sheetName, "'", "''")+"'!"+ref)
		default:
			return formulaUnknown
		}
	}
	if len(st) != 1 {
		return formulaUnknown
	}
	return st[0]
}

// xtiSheet names the sheet an EXTERNSHEET index points to.
func (r *biffReader) xtiSheet(i int) string {
	if i < 0 || i >= len(r.xti) {
		return ""
	}
	s := r.xti[i]
	if s < 0 || s >= len(r.sheets) {
		return ""
	}
	return r.sheets[s].name
}

// biffRef writes a cell reference (row, then column with its relative
// flags). In a shared formula (relative true) a relative part is an
// offset from the cell.
func biffRef(b []byte, row, col int, relative bool) string {
	rw := int(binary.LittleEndian.Uint16(b))
	cw := binary.LittleEndian.Uint16(b[2:])
	return refText(rw, cw, row, col, relative)
}

func biffArea(b []byte, row, col int, relative bool) string {
	r1, r2 := int(binary.LittleEndian.Uint16(b)), int(binary.LittleEndian.Uint16(b[2:]))
	c1, c2 := binary.LittleEndian.Uint16(b[4:]), binary.LittleEndian.Uint16(b[6:])
	return refText(r1, c1, row, col, relative) + ":" + refText(r2, c2, row, col, relative)
}

func refText(rw int, cw uint16, row, col int, relative bool) string {
	c := int(cw & 0xFF)
	rowRel, colRel := cw&0x8000 != 0, cw&0x4000 != 0
	r := rw + 1
	if relative && rowRel {
		r = (row - 1 + int(int16(uint16(rw)))) & 0xFFFF
		r++
	}
	if relative && colRel {
		c = (col - 1 + int(int8(uint8(cw&0xFF)))) & 0xFF
	}
	var b strings.Builder
	if !colRel {
		b.WriteByte('$')
	}
	b.WriteString(calc.ColumnName(c + 1))
	if !rowRel {
		b.WriteByte('$')
	}
	b.WriteString(strconv.Itoa(r))
	return b.String()
}
