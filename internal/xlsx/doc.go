// Package xlsx is a streaming reader of .xlsx and .xlsm worksheets, built
// for lkjip's needs and no more: the sheets in order with their state, the
// document properties, shared strings, which cell formats are percentages,
// and each sheet's cells as stored (raw values, types, formulas with
// shared formulas expanded, whether a formula's result was stored), merged
// ranges, hidden rows and columns.
//
// It reads a sheet's XML once, as a stream, with a small hand-written
// tokenizer, so memory does not grow with the sheet, and every cost a file
// could inflate is capped (Limits): bytes unpacked, rows, columns, cells,
// the shared-string table's size and count, the length of one tag or text,
// and the depth of nesting. Errors are in Bahasa Indonesia and say what
// was wrong and where, for the one-line messages lkjip shows.
package xlsx
