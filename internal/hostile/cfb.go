package hostile

import (
	"encoding/binary"
	"unicode/utf16"
)

// CFB sector markers ([MS-CFB] 2.1).
const (
	cfbFree       = 0xFFFFFFFF
	cfbEndOfChain = 0xFFFFFFFE
	cfbFATSect    = 0xFFFFFFFD
	cfbNoStream   = 0xFFFFFFFF
)

// oleOf packs one stream as a minimal OLE compound file (version 3, 512-
// byte sectors): header, one FAT sector, one directory sector, then the
// stream, padded to 4096 bytes so that it lives in regular sectors. It
// holds at most 126 sectors of stream, enough for the cases here.
func oleOf(streamName string, stream []byte) []byte {
	const sector = 512
	if len(stream) < 4096 {
		stream = append(stream, make([]byte, 4096-len(stream))...)
	}
	n := (len(stream) + sector - 1) / sector
	if n+2 > sector/4 {
		panic("oleOf: stream too large for one FAT sector")
	}
	out := make([]byte, sector*(3+n))
	le := binary.LittleEndian
	h := out[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x003E)
	le.PutUint16(h[26:], 0x0003)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1) // FAT sectors
	le.PutUint32(h[48:], 1) // first directory sector
	le.PutUint32(h[56:], 4096)
	le.PutUint32(h[60:], cfbEndOfChain)
	le.PutUint32(h[68:], cfbEndOfChain)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[76+4*i:], cfbFree)
	}
	le.PutUint32(h[76:], 0) // the FAT is sector 0

	fat := out[sector : 2*sector]
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], cfbFree)
	}
	le.PutUint32(fat[0:], cfbFATSect)
	le.PutUint32(fat[4:], cfbEndOfChain)
	for i := 0; i < n; i++ {
		next := uint32(2 + i + 1)
		if i == n-1 {
			next = cfbEndOfChain
		}
		le.PutUint32(fat[4*(2+i):], next)
	}

	dir := out[2*sector : 3*sector]
	entry := func(i int, name string, typ byte, child, start uint32, size int) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		if name != "" {
			le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		}
		e[66] = typ
		if typ != 0 {
			e[67] = 1 // black
		}
		le.PutUint32(e[68:], cfbNoStream)
		le.PutUint32(e[72:], cfbNoStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	entry(0, "Root Entry", 5, 1, cfbEndOfChain, 0)
	entry(1, streamName, 2, cfbNoStream, 2, len(stream))
	entry(2, "", 0, cfbNoStream, 0, 0)
	entry(3, "", 0, cfbNoStream, 0, 0)
	copy(out[3*sector:], stream)
	return out
}

// biffRecord is one BIFF8 record.
func biffRecord(typ uint16, data []byte) []byte {
	out := make([]byte, 4, 4+len(data))
	binary.LittleEndian.PutUint16(out, typ)
	binary.LittleEndian.PutUint16(out[2:], uint16(len(data)))
	return append(out, data...)
}

// biffBOF is a BIFF8 BOF record of the given substream type (5 globals,
// 0x10 worksheet).
func biffBOF(dt uint16) []byte {
	d := make([]byte, 16)
	binary.LittleEndian.PutUint16(d, 0x0600)
	binary.LittleEndian.PutUint16(d[2:], dt)
	binary.LittleEndian.PutUint16(d[4:], 0x0DBB)
	binary.LittleEndian.PutUint16(d[6:], 0x07CC)
	return biffRecord(0x0809, d)
}
