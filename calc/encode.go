package calc

import (
	"encoding/json"
	"io"
)

// EncodeJSON writes the JSON form of r, indented, as `lkjip check --format
// json` and POST /api/check both print it.
func EncodeJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.JSON())
}
