// Package layout writes the workbooks lkjip hands out: the report of one
// agency (Ringkasan, Penyerapan Anggaran, Capaian Kinerja, Efisiensi,
// Alokasi per Sasaran, Pohon Kinerja, Temuan) and, later, the consolidation
// of many.
//
// layout never recomputes: every figure comes from a calc.Result. Totals,
// sisa, percentages, predicates and the summary are written as live
// formulas that also carry the value calc computed (formula), so a viewer
// that does not recalculate shows the right number and one that does gets
// the same; tests check both with excelize's calculator and with
// LibreOffice. Numbers cross into cells in one place (num).
//
// A finding is shown on every report cell that shows the figure it
// concerns: cells built with from(cell, src) are matched with the
// findings' Src, filled with the colour of the worst severity and given a
// comment (at most maxComments per sheet). The Temuan sheet links each
// finding to that cell and, when Options.Links says where the input file
// is, to the input cell itself ("dpa.xlsx#'Realisasi'!D22", relative to
// the report).
//
// Sheets are streamed (sheetWriter over excelize's StreamWriter).
// Everything that is not a cell (merges, comments, links, conditional
// formats, charts, page setup) is added before the sheet's stream is
// flushed, because excelize writes those parts of a streamed sheet only
// then; sheet properties that precede the rows (fit to page, outline
// direction, column widths, panes) are set in openSheet before any row.
// The budget tree is written while it is walked, so memory grows with the
// findings, not with the rows. The rows of Penyerapan Anggaran, the one
// sheet that grows with the agency, are serialised by rowStream (what
// StreamWriter.SetRow writes, without its per-cell cost), compressed as
// they are written on the other cores into a temporary file, and spliced
// into the sheet's XML when the file is saved. Saving
// goes through zipWriter (save): straight to the destination, each part
// deflated in 1 MiB blocks on every core, instead of excelize assembling
// the whole file in memory.
//
// Helpers meant for every workbook of this package: styles (newStyles,
// flagged, places), sheetWriter (openSheet, next, nextAt, nextCells for
// rows of unboxed cells, across, link, merge, finish with a page), the
// cell constructors txt, val and formula, the reference builders cellRef,
// ref, refList, appendSum, sumOn, percentOf,
// and predicate bands (predikatBands, predikatFormula, bandFormats).
//
// Limits: a formula longer than Excel's 8192 characters (a parent with
// more than about 1200 non-adjacent children) is written as its value
// alone; amounts beyond 15 significant digits lose their last digits in a
// cell (the JSON output stays exact).
package layout
