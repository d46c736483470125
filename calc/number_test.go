package calc

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

func TestFormatID(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		places int32
		want   string
	}{
		{"whole rupiah", "1788546290", 0, "1.788.546.290"},
		{"cents", "2492490451.8", 2, "2.492.490.451,80"},
		{"small", "85.714", 2, "85,71"},
		{"half up", "43.545", 2, "43,55"},
		{"negative", "-26400", 0, "-26.400"},
		{"under a thousand", "999", 0, "999"},
		{"zero", "0", 2, "0,00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, FormatID(decimal.RequireFromString(tt.in), tt.places))
		})
	}
}

func TestJSONAmount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4281036741.8", "4281036741.80"},
		{"2991583072", "2991583072"},
		{"0.125", "0.125"},
		{"-5", "-5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, jsonAmount(decimal.RequireFromString(tt.in)))
		})
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		name              string
		part, whole, want string
	}{
		{"sample total", "2991583072", "4281036741.80", "69.88"},
		{"kewaspadaan", "557273743", "778867400", "71.55"},
		{"zero anggaran gives zero", "5", "0", "0.00"},
		{"over", "150", "100", "150.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Percent(decimal.RequireFromString(tt.part), decimal.RequireFromString(tt.whole))
			assert.Equal(t, tt.want, got.StringFixed(2))
		})
	}
}
