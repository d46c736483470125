// Package layout writes the workbooks lkjip hands out: the report of one
// agency (Ringkasan, Penyerapan Anggaran, Capaian Kinerja, Efisiensi,
// Alokasi per Sasaran, Pohon Kinerja, Temuan) and, later, the consolidation
// of many.
//
// layout never recomputes: every figure comes from a calc.Result. Totals,
// sisa and percentages are written as live formulas that also carry the
// value calc computed, so a viewer that does not recalculate shows the
// right number and one that does gets the same.
package layout
