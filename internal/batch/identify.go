package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// identify decides an input's agency and fiscal year: the mapping file
// first, then what the content says, then the file name as the last resort.
func identify(name, agency string, year int, m *Mapping) (string, int) {
	if ma, my := m.Lookup(name); ma != "" || my != 0 {
		if ma != "" {
			agency = ma
		}
		if my != 0 {
			year = my
		}
	}
	fa, fy := fromFileName(name)
	if agency == "" {
		agency = fa
	}
	if year == 0 {
		year = fy
	}
	return agency, year
}

// agencyWord finds where an agency's name starts in a file name, between
// any marks but letters ("07_dinas-kesehatan": "_" is no letter).
var agencyWord = regexp.MustCompile(`(?i)(?:^|[^\pL])((?:dinas|badan|kantor|sekretariat|inspektorat|satuan|rumah sakit|rsud|kecamatan|bagian|unit)(?:[^\pL]|$))`)

// yearWord finds a fiscal year in a file name.
var yearWord = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9][0-9])(?:[^0-9]|$)`)

// fromFileName reads an agency and year from a file name such as
// "07_Dinas-Kesehatan_2024.xlsx" → "Dinas Kesehatan", 2024. The name must
// contain a word that starts an agency's name (dinas, badan, kecamatan …);
// anything before it is dropped, as are years and the word "tahun".
func fromFileName(name string) (string, int) {
	base := filepath.Base(filepath.ToSlash(name))
	base = strings.TrimSuffix(base, path.Ext(base))
	year := 0
	if m := yearWord.FindStringSubmatch(base); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	loc := agencyWord.FindStringSubmatchIndex(base)
	if loc == nil {
		return "", year
	}
	rest := base[loc[2]:]
	upper := rest == strings.ToUpper(rest)
	var words []string
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool {
		return r == '_' || r == '-' || r == '.' || unicode.IsSpace(r)
	}) {
		if yearWord.MatchString(w) || strings.EqualFold(w, "tahun") || strings.EqualFold(w, "ta") {
			continue
		}
		if upper {
			w = strings.ToLower(w)
		}
		words = append(words, nameCase(w))
	}
	return strings.Join(words, " "), year
}

// nameCase writes a word of a file name as a word of a name: "kesehatan" →
// "Kesehatan", "dan" stays lower case, "PUPR" or "Kesehatan" as typed.
func nameCase(w string) string {
	switch lw := strings.ToLower(w); {
	case lw == "dan" || lw == "serta":
		return lw
	case w == lw:
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	return w
}

// Mapping is the mapping file: rows that name an input's agency and year
// where its content does not, or says it wrongly. Each row has a pattern
// for the file name (path.Match syntax: "07-*.xlsx"; matched against the
// whole path when it contains "/"), an agency and a year; an empty agency
// or year leaves that one to the content. For each of the two, the first
// matching row that gives it wins.
type Mapping struct {
	rows []mappingRow
}

type mappingRow struct {
	pattern string
	agency  string
	year    int
}

// Lookup returns the agency and year the mapping gives an input ("" and 0
// where it says nothing). A nil Mapping says nothing.
func (m *Mapping) Lookup(name string) (string, int) {
	if m == nil {
		return "", 0
	}
	slash := filepath.ToSlash(name)
	agency, year := "", 0
	for _, r := range m.rows {
		target := path.Base(slash)
		if strings.Contains(r.pattern, "/") {
			target = slash
		}
		if ok, _ := path.Match(r.pattern, target); !ok {
			continue
		}
		if agency == "" {
			agency = r.agency
		}
		if year == 0 {
			year = r.year
		}
	}
	return agency, year
}

// ErrMapping: the mapping file cannot be used.
var ErrMapping = errors.New("berkas pemetaan tidak dapat dipakai")

// ParseMapping reads a mapping file: CSV with a header row naming the
// columns "berkas", "perangkat daerah" and "tahun" (in any order; "tahun"
// may be left out), separated by commas, semicolons (as Excel saves CSV on
// an Indonesian desktop) or tabs.
func ParseMapping(name string, data []byte) (*Mapping, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(first)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: baris kepala tidak dapat dibaca: %v", name, ErrMapping, err)
	}
	col := map[string]int{}
	for i, h := range header {
		switch strings.Join(strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return r == '_' || unicode.IsSpace(r) }), " ") {
		case "berkas", "file", "nama berkas":
			col["berkas"] = i
		case "perangkat daerah", "agency", "nama perangkat daerah", "opd", "skpd":
			col["agency"] = i
		case "tahun", "tahun anggaran", "year":
			col["tahun"] = i
		}
	}
	if _, ok := col["berkas"]; !ok {
		return nil, fmt.Errorf("%s: %w: baris kepala harus memuat kolom \"berkas\" dan \"perangkat daerah\" dan/atau \"tahun\"", name, ErrMapping)
	}
	m := &Mapping{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w: baris %d: %v", name, ErrMapping, line, err)
		}
		cell := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := mappingRow{pattern: filepath.ToSlash(cell("berkas")), agency: cell("agency")}
		if row.pattern == "" {
			continue
		}
		if _, err := path.Match(row.pattern, ""); err != nil {
			return nil, fmt.Errorf("%s: %w: baris %d: pola berkas %q salah", name, ErrMapping, line, row.pattern)
		}
		if y := cell("tahun"); y != "" {
			if row.year, err = strconv.Atoi(y); err != nil || row.year < 1990 || row.year > 2100 {
				return nil, fmt.Errorf("%s: %w: baris %d: tahun %q bukan tahun anggaran", name, ErrMapping, line, y)
			}
		}
		m.rows = append(m.rows, row)
	}
	return m, nil
}

// separator guesses a CSV file's separator from its header line.
func separator(header []byte) rune {
	best, n := ',', bytes.Count(header, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(header, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}
