package calc

// The JSON form of a Result (design.md §4), the contract of
// `lkjip check --format json` and POST /api/check. Decimals are strings,
// exact. Fields may be added; none may be renamed.

// JSONResult is the top-level JSON document.
type JSONResult struct {
	Agency   string        `json:"agency"`
	Year     int           `json:"year"`
	Inputs   []JSONInput   `json:"inputs"`
	Totals   JSONAmounts   `json:"totals"`
	Groups   []JSONNode    `json:"groups"`
	Programs []JSONNode    `json:"programs"`
	Sasaran  []JSONSasaran `json:"sasaran"`
	Counts   Count         `json:"counts"`
	Findings []JSONFinding `json:"findings"`
	// Settings are the settings the analysis used, in config-file form.
	Settings Config `json:"settings"`
}

// JSONInput is one file read.
type JSONInput struct {
	File    string        `json:"file"`
	Tables  []JSONTable   `json:"tables"`
	Ignored []JSONIgnored `json:"ignored"`
	Hidden  []JSONHidden  `json:"hidden"`
}

// JSONHidden is a hidden row or column that was read all the same: row is
// 0 for a column, column "" for a row.
type JSONHidden struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Text   string `json:"text,omitempty"`
}

// JSONTable is a table found in a file.
type JSONTable struct {
	Sheet string `json:"sheet"`
	Kind  string `json:"kind"`
	Range string `json:"range"`
}

// JSONIgnored is an input row that was not mapped, with the reason.
type JSONIgnored struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Reason string `json:"reason"`
	Text   string `json:"text,omitempty"`
}

// JSONAmounts is anggaran, realisasi and their percentage.
type JSONAmounts struct {
	Anggaran  string `json:"anggaran"`
	Realisasi string `json:"realisasi"`
	Sisa      string `json:"sisa"`
	Persen    string `json:"persen"`
}

// JSONNode is a budget row with its children: programs hold kegiatan,
// kegiatan hold sub-kegiatan.
type JSONNode struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Source string `json:"source"`
	JSONAmounts
	Kegiatan    []JSONNode `json:"kegiatan,omitempty"`
	SubKegiatan []JSONNode `json:"sub_kegiatan,omitempty"`
}

// JSONSasaran is a sasaran's performance.
type JSONSasaran struct {
	Name       string          `json:"name"`
	Indikator  []JSONIndikator `json:"indikator"`
	Programs   []string        `json:"programs"`
	Anggaran   string          `json:"anggaran"`
	Realisasi  string          `json:"realisasi"`
	Capaian    string          `json:"capaian,omitempty"`
	Penyerapan string          `json:"penyerapan"`
	Efisiensi  string          `json:"efisiensi,omitempty"`
	Alokasi    string          `json:"alokasi"`
	// Predikat is the band of Capaian; EfisiensiKategori what Efisiensi
	// means under the method in use ("efisien", "kurang efisien" …).
	Predikat          string `json:"predikat,omitempty"`
	EfisiensiKategori string `json:"efisiensi_kategori,omitempty"`
}

// JSONIndikator is an indicator's target, realisation and computed capaian.
type JSONIndikator struct {
	Name      string `json:"name"`
	Target    string `json:"target"`
	Realisasi string `json:"realisasi"`
	Capaian   string `json:"capaian"`
	Polarity  string `json:"polarity"`
	Predikat  string `json:"predikat,omitempty"`
	Source    string `json:"source"`
	// PolaritySource says where the polarity came from.
	PolaritySource string `json:"polarity_source"`
	// CapaianCapped is the capaian limited to the configured cap (only
	// with a cap set).
	CapaianCapped string `json:"capaian_capped,omitempty"`
	// Formula is the indicator's Pohon Kinerja formula; FormulaValue its
	// value over the data tables (FormulaInputs the figures used), or
	// FormulaNote why it could not be evaluated.
	Formula       string `json:"formula,omitempty"`
	FormulaValue  string `json:"formula_value,omitempty"`
	FormulaInputs string `json:"formula_inputs,omitempty"`
	FormulaNote   string `json:"formula_note,omitempty"`
}

// JSONFinding is one finding, at its cell.
type JSONFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Subject  string `json:"subject"`
	Reported string `json:"reported"`
	Computed string `json:"computed"`
	Message  string `json:"message"`
}

// JSON builds the JSON form of the result.
func (r *Result) JSON() JSONResult {
	out := JSONResult{
		Agency:   r.Agency.Name,
		Year:     r.Agency.Year,
		Inputs:   []JSONInput{},
		Totals:   jsonAmounts(r.Totals),
		Groups:   []JSONNode{},
		Programs: []JSONNode{},
		Sasaran:  []JSONSasaran{},
		Counts:   CountFindings(r.Findings),
		Findings: []JSONFinding{},
		Settings: r.Settings.Config(),
	}
	for _, in := range r.Agency.Inputs {
		ji := JSONInput{File: in.File, Tables: []JSONTable{}, Ignored: []JSONIgnored{}, Hidden: []JSONHidden{}}
		for _, t := range in.Tables {
			ji.Tables = append(ji.Tables, JSONTable{Sheet: t.Sheet, Kind: string(t.Kind), Range: t.Range})
		}
		for _, ig := range in.Ignored {
			ji.Ignored = append(ji.Ignored, JSONIgnored{Sheet: ig.Sheet, Row: ig.Row, Reason: ig.Reason, Text: ig.Text})
		}
		for _, h := range in.Hidden {
			ji.Hidden = append(ji.Hidden, JSONHidden{Sheet: h.Sheet, Row: h.Row, Column: ColumnName(h.Col), Text: h.Text})
		}
		out.Inputs = append(out.Inputs, ji)
	}
	for _, g := range r.Groups {
		out.Groups = append(out.Groups, jsonNode(g, false))
	}
	for _, p := range r.Programs {
		out.Programs = append(out.Programs, jsonNode(p, true))
	}
	for _, s := range r.Sasaran {
		js := JSONSasaran{
			Name:       s.Name,
			Indikator:  []JSONIndikator{},
			Programs:   []string{},
			Anggaran:   jsonAmount(s.Amounts.Anggaran),
			Realisasi:  jsonAmount(s.Amounts.Realisasi),
			Penyerapan: jsonPercent(s.Penyerapan()),
			Alokasi:    jsonPercent(s.Alokasi),
		}
		if s.HasCapaian {
			js.Capaian = jsonPercent(s.Capaian)
			js.Predikat = r.Predikat(s.Capaian)
		}
		if s.HasCapaian || r.Settings.Efficiency == EfficiencyRasio && len(s.Programs) > 0 {
			js.Efisiensi = jsonPercent(s.Efisiensi)
			js.EfisiensiKategori = EfficiencyLabel(r.Settings.Efficiency, s.Efisiensi)
		}
		for _, p := range s.Programs {
			js.Programs = append(js.Programs, p.Name)
		}
		for _, ind := range s.Indikator {
			ji := JSONIndikator{
				Name:           ind.Name,
				Target:         figureJSON(ind.Target),
				Realisasi:      figureJSON(ind.Realisasi),
				Polarity:       ind.Polarity.String(),
				Source:         ind.Src.String(),
				PolaritySource: ind.PolarityFrom,
				FormulaNote:    ind.FormulaNote,
			}
			if ind.HasCapaian {
				ji.Capaian = jsonPercent(ind.Capaian)
				ji.Predikat = r.Predikat(ind.Capaian)
				if r.Settings.CapaianCap.IsPositive() {
					ji.CapaianCapped = jsonPercent(ind.Capped)
				}
			}
			if ind.HasFormula {
				ji.Formula = ind.Formula.Formula
				ji.FormulaValue = jsonPercent(ind.Formula.Value)
				ji.FormulaInputs = ind.Formula.Inputs
			}
			js.Indikator = append(js.Indikator, ji)
		}
		out.Sasaran = append(out.Sasaran, js)
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, JSONFinding{
			Rule: string(f.Rule), Severity: f.Severity.String(),
			File: f.Src.File(), Sheet: f.Src.Sheet(), Cell: f.Src.Cell(),
			Subject: f.Subject, Reported: f.Reported, Computed: f.Computed, Message: f.Message,
		})
	}
	return out
}

func jsonAmounts(a Amounts) JSONAmounts {
	return JSONAmounts{
		Anggaran:  jsonAmount(a.Anggaran),
		Realisasi: jsonAmount(a.Realisasi),
		Sisa:      jsonAmount(a.Sisa()),
		Persen:    jsonPercent(a.Persen()),
	}
}

// jsonNode writes a budget row; with children set, a program carries its
// kegiatan and a kegiatan its sub-kegiatan.
func jsonNode(n *Node, children bool) JSONNode {
	j := JSONNode{Code: n.Code, Name: n.Name, Source: n.Src.String(), JSONAmounts: jsonAmounts(n.Sum())}
	if !children {
		return j
	}
	for _, ch := range n.Children {
		switch ch.Level {
		case LevelKegiatan:
			j.Kegiatan = append(j.Kegiatan, jsonNode(ch, true))
		case LevelSubKegiatan:
			j.SubKegiatan = append(j.SubKegiatan, jsonNode(ch, false))
		}
	}
	return j
}

// figureJSON is a typed figure's exact value, or "" when it holds none.
func figureJSON(f Figure) string {
	if !f.Present() {
		return ""
	}
	return f.Value().String()
}
