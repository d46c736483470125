// Package calc is the domain of lkjip: the model of what an agency's
// spreadsheets say (budget tree, performance tree, Perjanjian Kinerja,
// indicator results, efficiency and allocation tables), every computation on
// it, every cross-document check, and the catalogue of rules that findings
// cite.
//
// calc reads no files and writes none. Readers (package workbook) build an
// Agency in which every figure remembers the cell it came from and what was
// typed there; Analyze recomputes everything from the lowest level up and
// returns a Result whose findings name those cells. Writers (package layout,
// the CLI) only present a Result.
//
// Amounts are exact decimals (shopspring/decimal) from input to output.
package calc
