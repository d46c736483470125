package calc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// configKeys are the keys a config file may hold, in the order the help
// lists them.
var configKeys = []string{"polaritas", "polaritas_indikator", "varian_negatif", "predikat", "efisiensi",
	"ambang_penyerapan", "batas_capaian"}

// ParseConfig reads a config file (JSON, the keys of Config). Numbers may
// be written as numbers or as text ("ambang_penyerapan": 50 or "50"). An
// unknown key, a value of the wrong kind or malformed JSON is an error in
// Bahasa Indonesia that says where.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return c, jsonError(data, err)
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		v := raw[key]
		if key == "polaritas_indikator" {
			if err := json.Unmarshal(v, &c.PolaritasIndikator); err != nil {
				return c, fmt.Errorf("kunci %q harus berisi pasangan \"nama indikator\": \"positif\" atau \"negatif\"", key)
			}
			continue
		}
		field := map[string]*string{
			"polaritas": &c.Polaritas, "varian_negatif": &c.VarianNegatif, "predikat": &c.Predikat,
			"efisiensi": &c.Efisiensi, "ambang_penyerapan": &c.AmbangPenyerapan, "batas_capaian": &c.BatasCapaian,
		}[key]
		if field == nil {
			return c, fmt.Errorf("kunci %q tidak dikenal (kunci yang dikenal: %s)", key, strings.Join(configKeys, ", "))
		}
		var n json.Number
		switch {
		case json.Unmarshal(v, field) == nil:
		case json.Unmarshal(v, &n) == nil && (key == "ambang_penyerapan" || key == "batas_capaian"):
			*field = n.String()
		default:
			return c, fmt.Errorf("kunci %q harus berisi teks, bukan %s", key, bytes.TrimSpace(v))
		}
	}
	return c, nil
}

// jsonError words a JSON decoding error in Bahasa Indonesia, with the line.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line := 1 + bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("baris %d: bukan JSON yang sah (%v)", line, err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return errors.New(`isi berkas harus satu objek JSON {"kunci": "nilai", …}`)
	}
	return fmt.Errorf("bukan JSON yang sah (%v)", err)
}
