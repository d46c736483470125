package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"

	"lkjip/calc"
	"lkjip/internal/batch"
	"lkjip/layout"
)

// rekapOutcome is one processed consolidation.
type rekapOutcome struct {
	json, workbook []byte
}

// consolidate reads many agencies' files from one upload and writes the
// consolidation workbook and JSON, within the job limits. An unreadable
// file does not stop the others: it is listed in the result.
func (s *Server) consolidate(w http.ResponseWriter, r *http.Request) (*rekapOutcome, error) {
	files, release, err := s.admit(w, r, s.cfg.MaxRekapFiles)
	if err != nil {
		return nil, err
	}
	return job(r.Context(), s.cfg.JobTimeout, release, func(ctx context.Context) (*rekapOutcome, error) {
		sources := make([]batch.Source, len(files))
		for i, f := range files {
			sources[i] = batch.Source{Name: f.Name, Data: f.Data}
		}
		opt := batch.DefaultOptions()
		opt.Read, opt.Settings = s.cfg.Read, s.cfg.Settings
		opt.Workers = 1 // one job slot, one core
		con, err := batch.Consolidate(ctx, sources, opt)
		if err != nil {
			return nil, err
		}
		if len(con.Agencies) == 0 {
			return nil, &httpError{http.StatusUnprocessableEntity, noAgencyMessage(con)}
		}
		var jb, wb bytes.Buffer
		if err := calc.EncodeConsolidationJSON(&jb, con); err != nil {
			return nil, err
		}
		if err := layout.Consolidation(ctx, con, &wb, layout.Options{Now: time.Now()}); err != nil {
			return nil, err
		}
		return &rekapOutcome{json: jb.Bytes(), workbook: wb.Bytes()}, nil
	})
}

// noAgencyMessage explains a consolidation in which no file could be used.
func noAgencyMessage(con *calc.Consolidation) string {
	msg := "Tidak ada berkas yang dapat direkap."
	for _, e := range con.Failed() {
		msg += fmt.Sprintf(" %s: %s.", e.File, e.Reason)
	}
	return msg
}

// rekap handles the consolidation form.
func (s *Server) rekap(w http.ResponseWriter, r *http.Request) {
	o, err := s.consolidate(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	token, err := s.store.put(map[string][]byte{fileRekapJSON: o.json, fileRekap: o.workbook})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/rekap/"+token, http.StatusSeeOther)
}

// rekapResult shows a stored consolidation.
func (s *Server) rekapResult(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	p, err := s.store.path(token, fileRekapJSON)
	if err != nil {
		s.pageError(w, r, &httpError{http.StatusNotFound, errNoResult.Error() + "; silakan unggah ulang."})
		return
	}
	var res calc.JSONConsolidation
	if err := readJSONFile(p, &res); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.pages.render(w, http.StatusOK, "rekap", rekapPage{Token: token, R: res, TTL: s.cfg.ResultTTL})
}

// apiConsolidate returns the consolidation workbook.
func (s *Server) apiConsolidate(w http.ResponseWriter, r *http.Request) {
	o, err := s.consolidate(w, r)
	if err != nil {
		s.apiError(w, err)
		return
	}
	if r.URL.Query().Get("format") == "json" {
		w.Header().Set("Content-Type", jsonType)
		w.Write(o.json)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileRekap+`"`)
	w.Write(o.workbook)
}
