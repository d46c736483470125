package layout

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"lkjip/calc"
)

// sourced is a report cell that shows a figure read from an input cell
// (src): the figure itself, or what lkjip computed in its place. Findings
// on src are shown on it.
type sourced struct {
	excelize.Cell
	src calc.Ref
}

// from marks c as showing the figure read from src.
func from(c excelize.Cell, src calc.Ref) sourced { return sourced{c, src} }

// marks shows findings on the report cells that show the figure they
// concern: a finding's Src is the input cell, and every report cell built
// with the same Src (by from, or a rowCell's src) gets the fill of the finding's severity and a comment
// with its message. The first report cell showing a finding is its place
// in the report, which the Temuan sheet links to.
//
// A sheet gets at most maxComments comments: excelize adds each one in
// time proportional to those already there. Cells beyond that are still
// highlighted, and Temuan still lists and links them.
type marks struct {
	f        *excelize.File
	st       *styles
	findings []calc.Finding
	bySrc    map[calc.Ref][]int
	rows     []bool   // rows[r]: findings sit on row r of some input; has's quick no
	places   []string // per finding: "'Sheet'!D12", or "" when no cell shows it
	comments map[string]int
}

// maxComments is the most finding comments one sheet gets.
const maxComments = 2000

func newMarks(f *excelize.File, st *styles, findings []calc.Finding) *marks {
	m := &marks{f: f, st: st, findings: findings, bySrc: map[calc.Ref][]int{},
		places: make([]string, len(findings)), comments: map[string]int{}}
	for i, fd := range findings {
		if fd.Src.Cell() != "" {
			m.bySrc[fd.Src] = append(m.bySrc[fd.Src], i)
			for len(m.rows) <= int(fd.Src.Row) { // a cell's row is positive
				m.rows = append(m.rows, false)
			}
			m.rows[fd.Src.Row] = true
		}
	}
	return m
}

// has reports whether findings sit on src (false on a nil marks). Most
// cells have none, and a look at rows saves hashing their source.
func (m *marks) has(src calc.Ref) bool {
	return m != nil && uint(src.Row) < uint(len(m.rows)) && m.rows[src.Row] && len(m.bySrc[src]) > 0
}

// apply returns the style of the cell at sheet!cell, which shows the
// figure read from src: style itself, or, when findings sit on src, style
// highlighted, with a comment added.
func (m *marks) apply(sheet, cell string, src calc.Ref, style int) (int, error) {
	idx := m.bySrc[src]
	if len(idx) == 0 {
		return style, nil
	}
	worst := calc.Info
	for _, i := range idx {
		worst = max(worst, m.findings[i].Severity)
		if m.places[i] == "" {
			m.places[i] = quoteSheet(sheet) + "!" + cell
		}
	}
	style = m.st.flagged(style, worst)
	if m.comments[sheet] >= maxComments {
		return style, nil
	}
	runs := []excelize.RichTextRun{{Text: "lkjip:", Font: &excelize.Font{Bold: true}}}
	lines := 1
	for _, i := range idx {
		fd := m.findings[i]
		text := fmt.Sprintf("\n[%s · %s] %s", fd.Severity.Label(), fd.Rule, fd.Message)
		runs = append(runs, excelize.RichTextRun{Text: text})
		lines += wrappedLines(text, commentWidth/8, 0)
	}
	m.comments[sheet]++
	err := m.f.AddComment(sheet, excelize.Comment{
		Cell: cell, Author: "lkjip", Paragraph: runs,
		Width: commentWidth, Height: uint(min(lines*16+12, 400)),
	})
	if err != nil {
		return style, fmt.Errorf("comment on %s: %w", cell, err)
	}
	return style, nil
}

// commentWidth is the width of a finding's comment box, in pixels.
const commentWidth = 360

// place is where the report shows finding i: a sheet-qualified cell, or ""
// when no report cell shows its figure.
func (m *marks) place(i int) string { return m.places[i] }

// placeLabel is a place as people read it: "Penyerapan Anggaran!D12".
func placeLabel(place string) string {
	sheet, cell, ok := strings.Cut(place, "!")
	if !ok {
		return place
	}
	sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
	return sheet + "!" + cell
}
