package calc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// FormulaValue is an indicator's Pohon Kinerja formula evaluated from the
// agency's data tables (design: the potential-conflict counts give
// (10 − 7) / 10 × 100 = 30).
type FormulaValue struct {
	Formula string          // as the Pohon Kinerja writes it
	Src     Ref             // the Pohon Kinerja cell that names the indicator
	Value   decimal.Decimal // exact
	Data    []Ref           // the data tables read
	// Inputs says which figure each variable took, for messages:
	// "n-1 = 10 (2019), n = 7 (2020)".
	Inputs string
}

// formulaStopWords carry no meaning for choosing a data table.
var formulaStopWords = map[string]bool{
	"persentase": true, "prosentase": true, "presentase": true, "jumlah": true, "data": true,
	"tahun": true, "yang": true, "dan": true, "di": true, "dari": true, "per": true, "atau": true,
	"angka": true, "rasio": true, "tingkat": true, "indeks": true, "nilai": true, "total": true,
	"kabupaten": true, "kota": true, "kasus": true,
}

// significantWords are a text's words that can tell data tables apart.
func significantWords(texts ...string) map[string]bool {
	out := map[string]bool{}
	for _, t := range texts {
		for _, w := range strings.Fields(NormalizeName(t)) {
			if len(w) >= 3 && !formulaStopWords[w] && strings.Trim(w, "0123456789") != "" {
				out[w] = true
			}
		}
	}
	return out
}

// evalFormula evaluates an indicator's formula from the data tables of a.
// Year variables read the data table that has a column for every year
// needed and shares the most words with the indicator (a tie is
// ambiguous, and no shared word is no match); each year's value is the sum
// of the table's rows in that column (leaves are the truth), or its total
// row when it has no rows. Named variables read the data row with that
// label in the report year's column.
func evalFormula(a *Agency, node *PohonNode, indicator string) (FormulaValue, error) {
	fv := FormulaValue{Formula: node.Formula, Src: node.IndikatorRef()}
	f, err := ParseFormula(node.Formula)
	if err != nil {
		return fv, err
	}
	vars := f.Vars()
	hints := []string{indicator}
	maxBack := -1
	for _, v := range vars {
		if v.Year {
			maxBack = max(maxBack, v.Back)
			hints = append(hints, v.String())
		}
	}
	var series *DataTable
	year := a.Year
	if maxBack >= 0 {
		series, year, err = seriesTable(a, year, maxBack, significantWords(hints...))
		if err != nil {
			return fv, err
		}
		fv.Data = append(fv.Data, series.Src)
	}
	var inputs []string
	seen := map[string]bool{}
	value, err := f.Eval(func(v FormulaVar) (decimal.Decimal, bool) {
		var d decimal.Decimal
		var ok bool
		var where string
		if v.Year {
			d, ok = columnValue(series, strconv.Itoa(year-v.Back))
			where = strconv.Itoa(year - v.Back)
		} else {
			var t *DataTable
			t, d, ok = namedValue(a, v, year)
			if ok {
				fv.Data = append(fv.Data, t.Src)
				where = t.Title
			}
		}
		if ok && !seen[v.String()] {
			seen[v.String()] = true
			inputs = append(inputs, fmt.Sprintf("%s = %s (%s)", v, FormatID(d, amountPlaces(d)), where))
		}
		return d, ok
	})
	if err != nil {
		return fv, err
	}
	fv.Value = value
	fv.Inputs = strings.Join(inputs, ", ")
	return fv, nil
}

// seriesTable chooses the data table holding a yearly series for an
// indicator, and the year that is n.
func seriesTable(a *Agency, year, maxBack int, hints map[string]bool) (*DataTable, int, error) {
	var best *DataTable
	bestYear, bestScore, tie := 0, 0, false
	for i := range a.Data {
		t := &a.Data[i]
		n := year
		if n == 0 {
			for _, c := range t.Columns {
				if y, err := strconv.Atoi(c); err == nil {
					n = max(n, y)
				}
			}
		}
		if !hasYears(t, n, maxBack) {
			continue
		}
		texts := []string{t.Title}
		texts = append(texts, t.Columns...)
		for _, r := range t.Rows {
			texts = append(texts, r.Label)
		}
		score := 0
		for w := range significantWords(texts...) {
			if hints[w] {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, bestYear, bestScore, tie = t, n, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	switch {
	case best == nil:
		return nil, 0, fmt.Errorf("%w: tidak ada tabel data dengan kolom %s yang sesuai dengan indikator ini", ErrFormula, yearsText(year, maxBack))
	case tie:
		return nil, 0, fmt.Errorf("%w: lebih dari satu tabel data cocok; tidak jelas mana yang dimaksud", ErrFormula)
	}
	return best, bestYear, nil
}

// yearsText names the year columns a formula needs: "tahun 2020 dan 2021",
// or "tahun n-1 dan n" when the report year is unknown.
func yearsText(year, maxBack int) string {
	var ys []string
	for b := maxBack; b >= 0; b-- {
		switch {
		case year > 0:
			ys = append(ys, strconv.Itoa(year-b))
		case b > 0:
			ys = append(ys, fmt.Sprintf("n-%d", b))
		default:
			ys = append(ys, "n")
		}
	}
	if len(ys) == 1 {
		return "tahun " + ys[0]
	}
	return "tahun " + strings.Join(ys[:len(ys)-1], ", ") + " dan " + ys[len(ys)-1]
}

// hasYears reports whether t has a column for every year from n-maxBack
// to n.
func hasYears(t *DataTable, n, maxBack int) bool {
	for b := 0; b <= maxBack; b++ {
		if columnIndex(t, strconv.Itoa(n-b)) < 0 {
			return false
		}
	}
	return true
}

func columnIndex(t *DataTable, col string) int {
	for i, c := range t.Columns {
		if c == col {
			return i
		}
	}
	return -1
}

// columnValue is the sum of a data table's rows in one column, or its
// total row's figure when it has no rows; false when a figure is not a
// number.
func columnValue(t *DataTable, col string) (decimal.Decimal, bool) {
	i := columnIndex(t, col)
	if i < 0 {
		return decimal.Zero, false
	}
	if len(t.Rows) == 0 {
		if t.Total == nil || i >= len(t.Total.Values) || !t.Total.Values[i].Present() {
			return decimal.Zero, false
		}
		return t.Total.Values[i].Value(), true
	}
	var sum decimal.Decimal
	for _, r := range t.Rows {
		if i >= len(r.Values) {
			continue
		}
		switch v := r.Values[i]; v.Kind {
		case Number:
			sum = sum.Add(v.Value())
		case Invalid:
			return decimal.Zero, false
		}
	}
	return sum, true
}

// namedValue finds the one data row labelled as the variable and returns
// its figure for the year (or its only figure).
func namedValue(a *Agency, v FormulaVar, year int) (*DataTable, decimal.Decimal, bool) {
	want := NormalizeName(v.String())
	var found *DataTable
	var value decimal.Decimal
	for i := range a.Data {
		t := &a.Data[i]
		rows := t.Rows
		if t.Total != nil {
			rows = append(rows[:len(rows):len(rows)], *t.Total)
		}
		for _, r := range rows {
			if NormalizeName(r.Label) != want {
				continue
			}
			col := 0
			if len(r.Values) > 1 {
				col = columnIndex(t, strconv.Itoa(year))
			}
			if col < 0 || col >= len(r.Values) || !r.Values[col].Present() {
				continue
			}
			if found != nil {
				return nil, decimal.Zero, false // ambiguous
			}
			found, value = t, r.Values[col].Value()
		}
	}
	return found, value, found != nil
}
