// Package workbook reads an agency's spreadsheets into the model of package
// calc, and writes the corrected copy of a workbook (Correct).
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
//
// The corrected copy is the user's own xlsx with its wrong cells rewritten
// in place: the zip's other entries are copied raw and the edited parts
// are changed byte ranges at a time, so that nothing else changes
// (docs/correct.md).
package workbook
