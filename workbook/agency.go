package workbook

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// agencyPattern finds an agency's name in a title: the kind of office, then
// anything, then the region ("Badan Kesatuan Bangsa dan Politik Kabupaten
// Sampang").
var agencyPattern = regexp.MustCompile(`(?i)\b((?:dinas|badan|kantor|sekretariat|inspektorat|satuan|rumah sakit|kecamatan|bagian|unit)\b.*?\b(?:kabupaten|kota|provinsi)\s+[\p{L}]+(?:\s+[\p{L}]+)?)`)

// officePattern is a title that names only the office ("DINAS SOSIAL"),
// and regionPattern a title naming the government it belongs to
// ("PEMERINTAH KABUPATEN CONTOH"): many reports put them on separate rows.
var (
	officePattern = regexp.MustCompile(`(?i)^(?:dinas|badan|kantor|sekretariat|inspektorat|satuan|rumah sakit|kecamatan)\b[\p{L} ,.&-]*$`)
	regionPattern = regexp.MustCompile(`(?i)^pemerintah\s+((?:kabupaten|kota|provinsi)\s+[\p{L}]+(?:\s+[\p{L}]+)?)`)
)

// yearPattern finds a fiscal year in a title ("Tahun Anggaran 2020",
// "TAHUN 2020"); a range ("Tahun 2019 – 2020") is not a fiscal year.
var yearPattern = regexp.MustCompile(`(?i)\btahun\s+(anggaran\s+)?((?:19|20)\d\d)\b(\s*[-–—]\s*(?:19|20)\d\d)?`)

// agencyOf finds the agency's name and fiscal year in title texts: the
// first name found (or, when no title names office and region together,
// an office-only title joined to a "Pemerintah Kabupaten …" title), and
// the year named most often ("Tahun Anggaran" counts triple).
func agencyOf(titles []string) (string, int) {
	name, office, region := "", "", ""
	votes := map[int]int{}
	for _, t := range titles {
		t = cleanText(t)
		if name == "" {
			if m := agencyPattern.FindStringSubmatch(t); m != nil {
				name = trimRegion(m[1])
			}
		}
		if office == "" && len(t) <= 120 && officePattern.MatchString(t) {
			office = t
		}
		if m := regionPattern.FindStringSubmatch(t); region == "" && m != nil {
			region = trimRegion(m[1])
		}
		for _, m := range yearPattern.FindAllStringSubmatch(t, -1) {
			if m[3] != "" {
				continue
			}
			y, _ := strconv.Atoi(m[2])
			w := 1
			if m[1] != "" {
				w = 3
			}
			votes[y] += w
		}
	}
	if name == "" && office != "" && region != "" {
		name = office + " " + region
	}
	year, best := 0, 0
	for y, v := range votes {
		if v > best || (v == best && y > year) {
			year, best = y, v
		}
	}
	return titleCase(name), year
}

// trimRegion drops a trailing "Tahun" caught after the region's name.
func trimRegion(s string) string {
	f := strings.Fields(s)
	if n := len(f); n > 0 && strings.EqualFold(f[n-1], "tahun") {
		f = f[:n-1]
	}
	return strings.Join(f, " ")
}

// titleCase writes a name typed in capitals as a name ("BADAN KESATUAN
// BANGSA DAN POLITIK" → "Badan Kesatuan Bangsa dan Politik"); a name in
// mixed case is kept as typed.
func titleCase(s string) string {
	if s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		switch w {
		case "dan", "di", "ke", "dari", "serta", "untuk":
			if i > 0 {
				continue
			}
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
