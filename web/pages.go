package web

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"time"

	"lkjip/calc"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages renders the service's HTML pages (html/template: every file, sheet
// and finding text is escaped).
type pages struct {
	t map[string]*template.Template
}

func newPages() (*pages, error) {
	funcs := template.FuncMap{
		"rupiah":   rupiah,
		"persen":   persen,
		"severity": severityLabel,
		"inc":      func(i int) int { return i + 1 },
	}
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range []string{"index", "result", "rekap", "error"} {
		t, err := template.New("base.html").Funcs(funcs).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.t[name] = t
	}
	return p, nil
}

// render writes a page with a status; it renders into a buffer first so a
// template error never leaves half a page.
func (p *pages) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := p.t[name].Execute(&buf, data); err != nil {
		http.Error(w, "Terjadi kesalahan saat menyusun halaman.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type indexPage struct {
	MaxSize       string
	MaxFiles      int
	MaxRekapFiles int
}

type resultPage struct {
	Token string
	R     calc.JSONResult
	TTL   time.Duration
}

// Minutes is how long the downloads stay available.
func (p resultPage) Minutes() int { return int(p.TTL.Minutes()) }

type rekapPage struct {
	Token string
	R     calc.JSONConsolidation
	TTL   time.Duration
}

// Minutes is how long the downloads stay available.
func (p rekapPage) Minutes() int { return int(p.TTL.Minutes()) }

type errorPage struct {
	Status  int
	Message string
}
