package calc

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// TestRefInterned: a Ref holds its file and sheet as one handle, and
// behaves as the strings would: the zero Ref is nowhere, equal places are
// ==, map keys find them, and ordering is by the names, not the handles.
func TestRefInterned(t *testing.T) {
	var zero Ref
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.File())
	assert.Equal(t, "", zero.Sheet())
	assert.Equal(t, "", zero.String())
	assert.True(t, NewRef("", "", 0, 0).IsZero(), "no file and no sheet is the zero Ref")
	assert.Equal(t, Ref{Row: 3, Col: 4}, NewRef("", "", 3, 4))
	assert.False(t, FileRef("a.xlsx").IsZero())

	a := NewRef("dpa.xlsx", "Realisasi", 22, 4)
	assert.Equal(t, "dpa.xlsx", a.File())
	assert.Equal(t, "Realisasi", a.Sheet())
	// Built apart, from strings that are not the same memory.
	b := NewRef(string([]byte("dpa.xlsx")), string([]byte("Realisasi")), 0, 0).At(22, 4)
	assert.True(t, a == b)
	assert.Equal(t, 0, a.Compare(b))
	m := map[Ref]int{a: 1}
	assert.Equal(t, 1, m[b])
	assert.NotEqual(t, a, NewRef("dpa.xlsx", "Realisasi", 22, 5))
	assert.NotEqual(t, FileRef("dpa.xlsx"), NewRef("", "dpa.xlsx", 0, 0), "file and sheet are not interchangeable")

	// Made in an order unlike the names', so that handle order (if it
	// followed creation) would differ from name order.
	refs := []Ref{
		NewRef("b.xlsx", "S", 1, 1),
		NewRef("a.xlsx", "T", 1, 1),
		NewRef("a.xlsx", "S", 2, 1),
		NewRef("a.xlsx", "S", 1, 2),
		{},
		FileRef("a.xlsx"),
		NewRef("a.xlsx", "S", 1, 1),
	}
	slices.SortFunc(refs, Ref.Compare)
	assert.Equal(t, []string{"", "a.xlsx", "a.xlsx: S!A1", "a.xlsx: S!B1", "a.xlsx: S!A2", "a.xlsx: T!A1", "b.xlsx: S!A1"},
		func() (s []string) {
			for _, r := range refs {
				s = append(s, r.String())
			}
			return s
		}())
	for i := range refs {
		for j := range refs {
			assert.Equal(t, i < j, refs[i].Less(refs[j]), "%v < %v", refs[i], refs[j])
		}
	}
}

// TestSizes guards the size of the model's per-row types: a budget row is
// a Node with five Refs and four Figures, a large DPA has a million rows,
// and on a machine where fresh memory is slow the report's footprint is
// its speed. On 64-bit platforms a Ref is one handle and two 32-bit
// numbers (16 bytes; 48 with the file and sheet as two strings and the
// row and column as ints); a Figure is 40 bytes, its value a 64-bit
// coefficient and its text and formula behind one pointer (104 with a
// decimal.Decimal, its big.Int and two strings); a Node is 264 bytes, a
// leaf storing no sum (576 with all of those).
func TestSizes(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Ref{}), uintptr(16), "calc.Ref")
	assert.LessOrEqual(t, unsafe.Sizeof(Figure{}), uintptr(40), "calc.Figure")
	assert.LessOrEqual(t, unsafe.Sizeof(Node{}), uintptr(264), "calc.Node")
}
