// Package workbook reads an agency's spreadsheets into the model of package
// calc, and (later) writes the corrected copy of a workbook.
//
// Reading happens in three steps. A format reader turns a file into sheets
// of raw cells (stored values, types, formulas, merges, hidden rows). Table
// detection finds header rows by their words (design.md §7) and decides
// what kind of document each table is. Row mappers turn each table's rows
// into calc's model, every figure carrying its file, sheet and cell and the
// text that was typed there. Every non-empty row is either mapped or listed
// as ignored with its reason.
//
// The reader never judges: checking figures is calc's job.
package workbook
