package workbook

import "encoding/binary"

// segReader reads data that BIFF8 splits over a record and its CONTINUE
// records. Characters of a string cut by a CONTINUE boundary resume after
// a fresh flags byte saying whether they are one byte or two; everything
// else simply runs on.
type segReader struct {
	segs [][]byte
	i    int // current segment
	pos  int // position in it
}

// next moves to the next segment when the current one is used up.
func (r *segReader) next() bool {
	for r.i < len(r.segs) && r.pos >= len(r.segs[r.i]) {
		r.i++
		r.pos = 0
	}
	return r.i < len(r.segs)
}

// bytes reads n raw bytes, across segments.
func (r *segReader) bytes(n int) ([]byte, bool) {
	if r.i < len(r.segs) && r.pos+n <= len(r.segs[r.i]) {
		b := r.segs[r.i][r.pos : r.pos+n]
		r.pos += n
		return b, true
	}
	out := make([]byte, 0, min(n, 1<<16))
	for len(out) < n {
		if !r.next() {
			return nil, false
		}
		seg := r.segs[r.i]
		take := min(n-len(out), len(seg)-r.pos)
		out = append(out, seg[r.pos:r.pos+take]...)
		r.pos += take
	}
	return out, true
}

// skip passes over n raw bytes.
func (r *segReader) skip(n int) bool {
	for n > 0 {
		if !r.next() {
			return false
		}
		take := min(n, len(r.segs[r.i])-r.pos)
		r.pos += take
		n -= take
	}
	return true
}

// chars reads n characters starting in the given width; at each segment
// boundary a flags byte sets the width of the rest.
func (r *segReader) chars(n int, wide bool) (string, bool) {
	var out []byte // UTF-16LE
	for n > 0 {
		if r.i >= len(r.segs) || r.pos >= len(r.segs[r.i]) {
			r.i++
			r.pos = 0
			if r.i >= len(r.segs) || len(r.segs[r.i]) == 0 {
				return "", false
			}
			wide = r.segs[r.i][0]&1 != 0
			r.pos = 1
		}
		seg := r.segs[r.i][r.pos:]
		if wide {
			take := min(n, len(seg)/2)
			if take == 0 {
				return "", false
			}
			out = append(out, seg[:take*2]...)
			r.pos += take * 2
			n -= take
		} else {
			take := min(n, len(seg))
			for _, c := range seg[:take] {
				out = append(out, c, 0)
			}
			r.pos += take
			n -= take
		}
	}
	return decodeUTF16(out, false), true
}

// xlUnicodeRich reads an XLUnicodeRichExtendedString (the SST's strings;
// a plain XLUnicodeString when rich is false): count, flags, optional run
// and extension sizes, the characters, then the runs and extension, which
// are skipped.
func (r *segReader) xlUnicodeRich(rich bool) (string, bool) {
	head, ok := r.bytes(3)
	if !ok {
		return "", false
	}
	n, flags := int(binary.LittleEndian.Uint16(head)), head[2]
	runs, ext := 0, 0
	if rich && flags&0x08 != 0 {
		b, ok := r.bytes(2)
		if !ok {
			return "", false
		}
		runs = int(binary.LittleEndian.Uint16(b))
	}
	if rich && flags&0x04 != 0 {
		b, ok := r.bytes(4)
		if !ok {
			return "", false
		}
		ext = int(binary.LittleEndian.Uint32(b))
		if ext < 0 || ext > 1<<24 {
			return "", false
		}
	}
	s, ok := r.chars(n, flags&1 != 0)
	if !ok {
		return "", false
	}
	if !r.skip(runs*4 + ext) {
		return "", false
	}
	return s, true
}

// readSST reads the shared string table. The declared count is only a
// hint, never trusted for an allocation: each string needs at least three
// bytes, so the data bounds the table.
func (r *biffReader) readSST(rec record) error {
	if len(rec.data) < 8 {
		return r.corrupt("SST")
	}
	unique := int(binary.LittleEndian.Uint32(rec.data[4:]))
	total := len(rec.data)
	for _, c := range rec.cont {
		total += len(c)
	}
	if unique < 0 || unique > total/3+1 {
		unique = total/3 + 1
	}
	sr := &segReader{segs: append([][]byte{rec.data[8:]}, rec.cont...)}
	r.sst = make([]string, 0, min(unique, r.lim.MaxStrings))
	for len(r.sst) < unique {
		s, ok := sr.xlUnicodeRich(true)
		if !ok {
			break // a short table: strings past the end read as missing
		}
		if len(r.sst) >= r.lim.MaxStrings {
			return limitErr(r.file, LimitStrings, "berisi lebih dari %d teks bersama", r.lim.MaxStrings)
		}
		r.sst = append(r.sst, s)
	}
	return nil
}
