package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"lkjip/calc"
	"lkjip/fixtures"
	"lkjip/workbook"
)

// newTestServer starts a server with cfg (zero fields take defaults).
func newTestServer(t testing.TB, change func(*Config)) (*Server, *httptest.Server) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.TempDir = t.TempDir()
	if change != nil {
		change(&cfg)
	}
	s, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts
}

// upload builds a multipart body with the given files in field "files".
func upload(t testing.TB, files ...fixtures.File) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		w, err := mw.CreateFormFile("files", f.Name)
		require.NoError(t, err)
		w.Write(f.Data)
	}
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func post(t testing.TB, url string, files ...fixtures.File) *http.Response {
	t.Helper()
	body, ctype := upload(t, files...)
	resp, err := noRedirect.Post(url, ctype, body)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

// sampleJSON is what `lkjip check --format json` prints on the sample.
func sampleJSON(t testing.TB) string {
	t.Helper()
	var files []workbook.File
	for _, f := range fixtures.Sampang2020() {
		files = append(files, workbook.File{Name: f.Name, Data: f.Data})
	}
	a, err := workbook.Read(context.Background(), files, workbook.DefaultOptions())
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, calc.EncodeJSON(&buf, calc.Analyze(a, calc.DefaultSettings())))
	return buf.String()
}

func TestIndex(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp, err := http.Get(ts.URL + "/")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	body := readAll(t, resp.Body)
	assert.Contains(t, body, `<form method="post" action="/periksa" enctype="multipart/form-data">`)
	assert.Contains(t, body, "Satu perangkat daerah")
	assert.NotContains(t, body, "<script", "the page works without JavaScript")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		assert.NotEmpty(t, resp.Header.Get(h), h)
	}
}

func TestHealthz(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp, err := http.Get(ts.URL + "/healthz")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestAPICheckIsCheckJSON(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/api/check", fixtures.Sampang2020()...)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, sampleJSON(t), readAll(t, resp.Body))
}

func TestAPIReport(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/api/report", fixtures.Sampang2020()...)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	f, err := excelize.OpenReader(resp.Body)
	require.NoError(t, err)
	defer f.Close()
	assert.Len(t, f.GetSheetList(), 7)
}

func TestUploadPageFlow(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/periksa", fixtures.Sampang2020()...)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	loc := resp.Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, "/hasil/"), loc)

	page, err := http.Get(ts.URL + loc)
	require.NoError(t, err)
	defer page.Body.Close()
	require.Equal(t, http.StatusOK, page.StatusCode)
	body := readAll(t, page.Body)
	assert.Contains(t, body, "Badan Kesatuan Bangsa dan Politik Kabupaten Sampang")
	assert.Contains(t, body, "Rp 4.281.036.741,80")
	assert.Contains(t, body, "pk-budget-mismatch")
	assert.Contains(t, body, "<td>PK 2020</td><td>F6</td>", "findings show sheet and cell")

	token := strings.TrimPrefix(loc, "/hasil/")
	for name, ctype := range map[string]string{
		"laporan.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"hasil.json":   "application/json; charset=utf-8",
	} {
		dl, err := http.Get(ts.URL + "/unduh/" + token + "/" + name)
		require.NoError(t, err)
		data := readAll(t, dl.Body)
		dl.Body.Close()
		assert.Equal(t, http.StatusOK, dl.StatusCode, name)
		assert.Equal(t, ctype, dl.Header.Get("Content-Type"), name)
		assert.Contains(t, dl.Header.Get("Content-Disposition"), "attachment", name)
		assert.NotEmpty(t, data, name)
	}
}

func TestBadRequests(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.MaxFiles = 2 })
	tests := []struct {
		name   string
		do     func() *http.Response
		status int
		says   string
	}{
		{"not multipart", func() *http.Response {
			resp, err := http.Post(ts.URL+"/periksa", "text/plain", strings.NewReader("halo"))
			require.NoError(t, err)
			return resp
		}, http.StatusBadRequest, "formulir unggah"},
		{"no files", func() *http.Response { return post(t, ts.URL+"/periksa") }, http.StatusBadRequest, "Tidak ada berkas"},
		{"too many files", func() *http.Response {
			f := fixtures.File{Name: "a.xlsx", Data: []byte("x")}
			return post(t, ts.URL+"/periksa", f, f, f)
		}, http.StatusBadRequest, "paling banyak 2 berkas"},
		{"unreadable file", func() *http.Response {
			return post(t, ts.URL+"/periksa", fixtures.File{Name: "rusak.xlsx", Data: []byte("bukan spreadsheet\x00")})
		}, http.StatusUnprocessableEntity, "rusak.xlsx"},
		{"markup in a file name is escaped", func() *http.Response {
			return post(t, ts.URL+"/periksa", fixtures.File{Name: "<img src=x onerror=alert(1)>.xlsx", Data: []byte{0, 1, 2}})
		}, http.StatusUnprocessableEntity, "&lt;img src=x onerror=alert(1)&gt;.xlsx"},
		{"unknown result", func() *http.Response {
			resp, err := http.Get(ts.URL + "/hasil/0123456789abcdef0123456789abcdef")
			require.NoError(t, err)
			return resp
		}, http.StatusNotFound, "kedaluwarsa"},
		{"not a token", func() *http.Response {
			resp, err := http.Get(ts.URL + "/unduh/..%2f..%2fetc/passwd")
			require.NoError(t, err)
			return resp
		}, http.StatusNotFound, "tidak ditemukan"},
		{"unknown page", func() *http.Response {
			resp, err := http.Get(ts.URL + "/admin")
			require.NoError(t, err)
			return resp
		}, http.StatusNotFound, "Halaman tidak ditemukan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := tt.do()
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Contains(t, readAll(t, resp.Body), tt.says)
		})
	}
}

func TestAPIErrorIsJSON(t *testing.T) {
	_, ts := newTestServer(t, nil)
	resp := post(t, ts.URL+"/api/check", fixtures.File{Name: "rusak.xlsx", Data: []byte("PK\x03\x04rusak")})
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	var e map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
	assert.Contains(t, e["error"], "rusak.xlsx")
}

// endless is a body of n bytes produced on demand.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= k
	return int(k), nil
}

func TestTooLarge(t *testing.T) {
	_, ts := newTestServer(t, nil)
	const size = 120 << 20

	t.Run("declared length", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/check", &endless{size})
		require.NoError(t, err)
		req.ContentLength = size
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	})
	t.Run("streamed without length", func(t *testing.T) {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			w, _ := mw.CreateFormFile("files", "besar.xlsx")
			io.Copy(w, &endless{size})
			mw.Close()
			pw.Close()
		}()
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/periksa", pr)
		require.NoError(t, err)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		pr.CloseWithError(io.ErrClosedPipe)
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
		assert.Contains(t, readAll(t, resp.Body), "terlalu besar")
	})
}

func TestBusy(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) {
		c.MaxJobs, c.MaxQueue, c.QueueWait = 1, 1, 50*time.Millisecond
	})
	// A slow upload holds the only slot while its body trickles in.
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		w, _ := mw.CreateFormFile("files", "lambat.xlsx")
		w.Write([]byte("PK"))
	}()
	slow, err := http.NewRequest(http.MethodPost, ts.URL+"/api/check", pr)
	require.NoError(t, err)
	slow.Header.Set("Content-Type", mw.FormDataContentType())
	slowDone := make(chan struct{})
	go func() {
		defer close(slowDone)
		if resp, err := http.DefaultClient.Do(slow); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(100 * time.Millisecond)

	resp := post(t, ts.URL+"/api/check", fixtures.Sampang2020()...)
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "10", resp.Header.Get("Retry-After"))
	var e map[string]string
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
	assert.Contains(t, e["error"], "sibuk")

	pw.CloseWithError(io.ErrUnexpectedEOF)
	<-slowDone
	resp = post(t, ts.URL+"/api/check", fixtures.Sampang2020()...)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the slot is free again")
}

func TestManyClients(t *testing.T) {
	_, ts := newTestServer(t, nil)
	want := sampleJSON(t)
	const clients, perClient = 20, 3
	var wg sync.WaitGroup
	errs := make(chan error, clients*perClient)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				body, ctype := upload(t, fixtures.Sampang2020()...)
				resp, err := http.Post(ts.URL+"/api/check", ctype, body)
				if err != nil {
					errs <- err
					continue
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || string(got) != want {
					errs <- fmt.Errorf("status %d", resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestResultsExpire(t *testing.T) {
	s, ts := newTestServer(t, func(c *Config) { c.ResultTTL = time.Minute })
	now := time.Now()
	s.store.now = func() time.Time { return now }
	resp := post(t, ts.URL+"/periksa", fixtures.Sampang2020()...)
	loc := resp.Header.Get("Location")
	token := strings.TrimPrefix(loc, "/hasil/")
	dir := filepath.Join(s.store.root, token)
	_, err := os.Stat(dir)
	require.NoError(t, err)

	now = now.Add(2 * time.Minute)
	page, err := http.Get(ts.URL + loc)
	require.NoError(t, err)
	page.Body.Close()
	assert.Equal(t, http.StatusNotFound, page.StatusCode, "an expired result is gone")
	s.store.sweep()
	_, err = os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "and deleted from disk")
}

func TestCloseDeletesResults(t *testing.T) {
	cfg := DefaultConfig()
	cfg.TempDir = t.TempDir()
	s, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	_, err = s.store.put(map[string][]byte{fileJSON: []byte("{}")})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	entries, _ := os.ReadDir(cfg.TempDir)
	assert.Empty(t, entries)
}

func TestGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	cfg := DefaultConfig()
	cfg.Addr, cfg.TempDir = addr, t.TempDir()
	s, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	defer s.Close()
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.ListenAndServe(ctx, 10*time.Second) }()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 5*time.Second, 20*time.Millisecond)

	// An upload in flight when the stop comes still gets its answer.
	pr, pw := io.Pipe()
	body, ctype := upload(t, fixtures.Sampang2020()...)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/api/check", pr)
	req.Header.Set("Content-Type", ctype)
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	data, _ := io.ReadAll(body)
	pw.Write(data[:100])
	time.Sleep(100 * time.Millisecond)
	stop()
	time.Sleep(100 * time.Millisecond)
	pw.Write(data[100:])
	pw.Close()
	assert.Equal(t, http.StatusOK, <-answered)
	assert.NoError(t, <-served)
	_, err = http.Get("http://" + addr + "/healthz")
	assert.Error(t, err, "no longer listening")
}

func TestSettingsApply(t *testing.T) {
	_, ts := newTestServer(t, func(c *Config) { c.Settings.LowAbsorption = decimal.Zero })
	resp := post(t, ts.URL+"/api/check", fixtures.Sampang2020()...)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body := readAll(t, resp.Body)
	assert.NotContains(t, body, `"rule": "low-absorption"`, "the server's settings are used")
	assert.Contains(t, sampleJSON(t), `"rule": "low-absorption"`, "and the default has them")
}
