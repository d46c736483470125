package layout

import (
	"lkjip/calc"
)

// pohon writes the performance tree, normalised and grouped by level, with
// whether each program and kegiatan was found in the DPA: "Ya" links to its
// row on Penyerapan Anggaran, "Tidak" stands out.
func (rp *report) pohon() error {
	st := rp.st
	w, err := rp.open(SheetPohon, 11, 48, 40, 24, 10, 22)
	if err != nil {
		return err
	}
	if err := rp.heading(w, "Pohon Kinerja",
		"Tingkat", "Nama", "Indikator", "Formula", "Ada di DPA", "Sumber"); err != nil {
		return err
	}
	var walk func(n *calc.PohonNode, depth int) error
	walk = func(n *calc.PohonNode, depth int) error {
		row := w.row + 1
		inDPA, target := txt(st.center, ""), ""
		if n.Level >= calc.PohonProgram {
			inDPA = txt(st.missing, "Tidak")
			if d := rp.r.PohonDPA[n]; d != nil {
				inDPA = txt(st.linkCenter, "Ya")
				if dr, ok := rp.nodeRow[d]; ok {
					target = ref(SheetPenyerapan, "B", dr)
				}
			}
		}
		name := n.Name
		if n.Code != "" {
			name = n.Code + " " + name
		}
		if _, err := w.nextAt(depth, txt(st.text, n.Level.Label()), from(txt(st.indent[min(depth, len(st.indent)-1)], name), n.Src),
			txt(st.wrap, n.Indikator), txt(st.wrap, n.Formula), inDPA, txt(st.wrap, n.Src.String())); err != nil {
			return err
		}
		if target != "" {
			if err := w.link(cellRef("E", row), target, false); err != nil {
				return err
			}
		}
		for _, c := range n.Children {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for _, root := range rp.r.Agency.Pohon {
		if err := walk(root, 0); err != nil {
			return err
		}
	}
	return w.finish(rp.page(true))
}
