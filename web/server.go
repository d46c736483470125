package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"lkjip/calc"
	"lkjip/layout"
	"lkjip/workbook"
)

// Server is the upload service.
type Server struct {
	cfg   Config
	log   *slog.Logger
	jobs  *limiter
	store *store
	pages *pages
	mux   *http.ServeMux
}

// New builds a server. Close releases its storage.
func New(cfg Config, log *slog.Logger) (*Server, error) {
	st, err := newStore(cfg.TempDir, cfg.ResultTTL)
	if err != nil {
		return nil, err
	}
	pg, err := newPages()
	if err != nil {
		st.close()
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, store: st, pages: pg,
		jobs: newLimiter(cfg.MaxJobs, cfg.MaxQueue, cfg.QueueWait)}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("POST /periksa", s.check)
	s.mux.HandleFunc("GET /hasil/{token}", s.result)
	s.mux.HandleFunc("GET /unduh/{token}/{file}", s.download)
	s.mux.HandleFunc("POST /api/check", s.apiCheck)
	s.mux.HandleFunc("POST /api/report", s.apiReport)
	s.mux.HandleFunc("POST /api/correct", s.apiCorrect)
	s.mux.HandleFunc("POST /rekap", s.rekap)
	s.mux.HandleFunc("GET /rekap/{token}", s.rekapResult)
	s.mux.HandleFunc("POST /api/consolidate", s.apiConsolidate)
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	s.mux.HandleFunc("/", s.notFound)
	return s, nil
}

// Handler is the service's HTTP handler, with security headers and
// request logging.
func (s *Server) Handler() http.Handler { return s.logged(secured(s.mux)) }

// Close deletes every stored result.
func (s *Server) Close() error { return s.store.close() }

// ListenAndServe serves until ctx is cancelled (SIGTERM), then stops taking
// requests, lets the running ones finish (up to drain), and returns.
func (s *Server) ListenAndServe(ctx context.Context, drain time.Duration) error {
	srv := &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		WriteTimeout:      s.cfg.QueueWait + s.cfg.JobTimeout + time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	sweep := time.NewTicker(time.Minute)
	defer sweep.Stop()
	done := make(chan error, 1)
	go func() {
		for {
			select {
			case <-sweep.C:
				s.store.sweep()
			case <-ctx.Done():
				sctx, cancel := context.WithTimeout(context.Background(), drain)
				defer cancel()
				done <- srv.Shutdown(sctx)
				return
			}
		}
	}()
	s.log.Info("lkjip serve", "addr", s.cfg.Addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-done
}

// outcome is one processed upload.
type outcome struct {
	result *calc.Result
	json   []byte
	report []byte
	copies []workbook.Copy
}

// job runs work within the job time limit. It takes over the caller's job
// slot and releases it when the work has really stopped, even if the
// handler gave up waiting earlier, so memory stays bounded by the number of
// slots.
func job[T any](ctx context.Context, timeout time.Duration, release func(), work func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type reply struct {
		v   T
		err error
	}
	ch := make(chan reply, 1)
	go func() {
		defer release()
		v, err := work(ctx)
		ch <- reply{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, &httpError{http.StatusServiceUnavailable,
			fmt.Sprintf("Pemrosesan melebihi batas waktu %s; coba berkas yang lebih kecil atau kirim dalam beberapa bagian.", timeout)}
	}
}

func (s *Server) run(ctx context.Context, files []workbook.File, w want) (*outcome, error) {
	a, err := workbook.Read(ctx, files, s.cfg.Read)
	if err != nil {
		var ie *workbook.InputError
		if errors.As(err, &ie) {
			return nil, &httpError{http.StatusUnprocessableEntity, ie.Error()}
		}
		return nil, err
	}
	o := &outcome{result: calc.Analyze(a, s.cfg.Settings)}
	var buf bytes.Buffer
	if err := calc.EncodeJSON(&buf, o.result); err != nil {
		return nil, err
	}
	o.json = buf.Bytes()
	if o.copies, err = s.correctFiles(ctx, files, a, w.copies); err != nil {
		return nil, err
	}
	if w.report {
		var rb bytes.Buffer
		if err := layout.Report(ctx, o.result, &rb, layout.Options{Now: time.Now()}); err != nil {
			return nil, err
		}
		o.report = rb.Bytes()
	}
	return o, nil
}

// admit runs the common start of every upload handler: wait for a job slot,
// then read at most maxFiles files. The caller owns release on success.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, maxFiles int) ([]workbook.File, func(), error) {
	release, err := s.jobs.acquire(r.Context())
	if err != nil {
		return nil, nil, err
	}
	files, err := readUpload(w, r, s.cfg, maxFiles)
	if err != nil {
		release()
		return nil, nil, err
	}
	s.logUpload(files)
	return files, release, nil
}

// upload reads one agency's files and processes them as asked.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, wanted want) (*outcome, error) {
	files, release, err := s.admit(w, r, s.cfg.MaxFiles)
	if err != nil {
		return nil, err
	}
	return job(r.Context(), s.cfg.JobTimeout, release, func(ctx context.Context) (*outcome, error) {
		return s.run(ctx, files, wanted)
	})
}

// logUpload logs the number and size of uploaded files, never their names
// or contents.
func (s *Server) logUpload(files []workbook.File) {
	var size int
	for _, f := range files {
		size += len(f.Data)
	}
	s.log.Info("upload", "files", len(files), "bytes", size)
}

// check handles the upload form: process, store, and redirect to the
// result page.
func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	o, err := s.upload(w, r, want{report: true, copies: allCopies})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	stored := map[string][]byte{fileJSON: o.json, fileReport: o.report}
	if err := storeCopies(stored, o.copies); err != nil {
		s.pageError(w, r, err)
		return
	}
	token, err := s.store.put(stored)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/hasil/"+token, http.StatusSeeOther)
}

// result shows a stored result.
func (s *Server) result(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	p, err := s.store.path(token, fileJSON)
	if err != nil {
		s.pageError(w, r, &httpError{http.StatusNotFound, errNoResult.Error() + "; silakan unggah ulang."})
		return
	}
	var res calc.JSONResult
	if err := readJSONFile(p, &res); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.pages.render(w, http.StatusOK, "result", resultWithCopies{resultPage{Token: token, R: res, TTL: s.cfg.ResultTTL}, s.storedCopies(token)})
}

// download serves a stored result file.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if storedCopy.MatchString(name) {
		s.downloadCopy(w, r, r.PathValue("token"), name)
		return
	}
	ctype, ok := map[string]string{
		fileReport:    xlsxType,
		fileJSON:      jsonType,
		fileRekap:     xlsxType,
		fileRekapJSON: jsonType,
	}[name]
	p, err := s.store.path(r.PathValue("token"), name)
	if !ok || err != nil {
		s.pageError(w, r, &httpError{http.StatusNotFound, errNoResult.Error() + "; silakan unggah ulang."})
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	http.ServeFile(w, r, p)
}

// apiCheck returns the JSON of `lkjip check --format json`.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	o, err := s.upload(w, r, want{})
	if err != nil {
		s.apiError(w, err)
		return
	}
	w.Header().Set("Content-Type", jsonType)
	w.Write(o.json)
}

// apiReport returns the report workbook.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	o, err := s.upload(w, r, want{report: true})
	if err != nil {
		s.apiError(w, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileReport+`"`)
	w.Write(o.report)
}

// Content types of the downloads.
const (
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	jsonType = "application/json; charset=utf-8"
)

// statusOf maps an error to its HTTP status and user message.
func (s *Server) statusOf(err error) (int, string) {
	var he *httpError
	var mixed *calc.MixedYearsError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.As(err, &mixed):
		return http.StatusUnprocessableEntity, mixed.Error()
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable, "Server sedang sibuk memproses unggahan lain; silakan coba lagi sebentar lagi."
	case errors.Is(err, context.Canceled):
		return 499, "Permintaan dibatalkan."
	}
	s.log.Error("internal error", "err", err)
	return http.StatusInternalServerError, "Terjadi kesalahan di server; silakan coba lagi."
}

// retryAfter tells a busy client when to come back.
func retryAfter(w http.ResponseWriter, status int) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "10")
	}
}

func (s *Server) apiError(w http.ResponseWriter, err error) {
	status, msg := s.statusOf(err)
	retryAfter(w, status)
	w.Header().Set("Content-Type", jsonType)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func (s *Server) pageError(w http.ResponseWriter, _ *http.Request, err error) {
	status, msg := s.statusOf(err)
	retryAfter(w, status)
	s.pages.render(w, status, "error", errorPage{Status: status, Message: msg})
}

func (s *Server) index(w http.ResponseWriter, _ *http.Request) {
	s.pages.render(w, http.StatusOK, "index", indexPage{MaxSize: byteSize(s.cfg.MaxRequestBytes),
		MaxFiles: s.cfg.MaxFiles, MaxRekapFiles: s.cfg.MaxRekapFiles})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.pageError(w, r, &httpError{http.StatusNotFound, "Halaman tidak ditemukan."})
}
