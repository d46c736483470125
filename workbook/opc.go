package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// opc is an xlsx package (Open Packaging Conventions: a zip of XML parts)
// opened for the corrected copy. Parts are read when asked for; changed and
// new parts are kept in memory; writing copies every other zip entry byte
// for byte, compressed data and all, so that what the copy does not mean
// to change cannot change.
type opc struct {
	zr      *zip.Reader
	byName  map[string]*zip.File
	byLower map[string]string
	parts   map[string][]byte
	added   []string
	budget  int64 // bytes that reading parts may still inflate
}

// openOPC opens a package. maxInflated bounds the bytes read from all parts
// together.
func openOPC(data []byte, maxInflated int64) (*opc, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p := &opc{zr: zr, byName: map[string]*zip.File{}, byLower: map[string]string{}, parts: map[string][]byte{}, budget: maxInflated}
	for _, f := range zr.File {
		if _, dup := p.byName[f.Name]; dup {
			return nil, fmt.Errorf("bagian %s muncul dua kali", f.Name)
		}
		p.byName[f.Name] = f
		p.byLower[strings.ToLower(f.Name)] = f.Name
	}
	return p, nil
}

// resolve returns the name of an existing part, matching case-insensitively
// as OPC does; "" when there is none.
func (p *opc) resolve(name string) string {
	if _, ok := p.parts[name]; ok {
		return name
	}
	if _, ok := p.byName[name]; ok {
		return name
	}
	return p.byLower[strings.ToLower(name)]
}

// read returns a part's content: its changed version, or the original.
func (p *opc) read(name string) ([]byte, error) {
	n := p.resolve(name)
	if data, ok := p.parts[n]; ok {
		return data, nil
	}
	f := p.byName[n]
	if f == nil {
		return nil, fmt.Errorf("bagian %s tidak ada", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("bagian %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, p.budget+1))
	if err != nil {
		return nil, fmt.Errorf("bagian %s: %w", name, err)
	}
	if int64(len(data)) > p.budget {
		return nil, fmt.Errorf("%w: isi berkas yang dibuka melebihi %d byte", ErrTooLarge, p.budget)
	}
	p.budget -= int64(len(data))
	return data, nil
}

// set replaces a part, or adds it when it is new.
func (p *opc) set(name string, data []byte) {
	if n := p.resolve(name); n != "" {
		name = n
	} else {
		p.added = append(p.added, name)
		p.byLower[strings.ToLower(name)] = name
	}
	p.parts[name] = data
}

// freeName returns the first name of the pattern ("xl/comments%d.xml") with
// a number from 1 up that no part has.
func (p *opc) freeName(pattern string) string {
	for i := 1; ; i++ {
		if n := fmt.Sprintf(pattern, i); p.resolve(n) == "" {
			return n
		}
	}
}

// writeTo writes the package: the original entries in their order, changed
// ones recompressed and the rest copied raw, then the new parts.
func (p *opc) writeTo(w io.Writer) error {
	zw := zip.NewWriter(w)
	var stamp zip.FileHeader
	for _, f := range p.zr.File {
		if f.Modified.After(stamp.Modified) {
			stamp.Modified = f.Modified
		}
		if data, ok := p.parts[f.Name]; ok {
			if err := writeEntry(zw, &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified}, data); err != nil {
				return err
			}
			continue
		}
		fh := f.FileHeader
		dst, err := zw.CreateRaw(&fh)
		if err != nil {
			return err
		}
		src, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, src); err != nil {
			return err
		}
	}
	for _, name := range p.added {
		if err := writeEntry(zw, &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp.Modified}, p.parts[name]); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeEntry(zw *zip.Writer, fh *zip.FileHeader, data []byte) error {
	w, err := zw.CreateHeader(fh)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Relationship types and content types the copy uses.
const (
	nsRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relOfficeDoc    = nsRelationships + "/officeDocument"
	relWorksheet    = nsRelationships + "/worksheet"
	relStyles       = nsRelationships + "/styles"
	relComments     = nsRelationships + "/comments"
	relVML          = nsRelationships + "/vmlDrawing"

	ctWorksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctStyles    = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
	ctComments  = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
	ctVML       = "application/vnd.openxmlformats-officedocument.vmlDrawing"
	ctMacroBook = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
)

// relsOf is the .rels part that holds the relationships of a part ("" for
// the package itself).
func relsOf(part string) string {
	if part == "" {
		return "_rels/.rels"
	}
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// relationship is one entry of a .rels part.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// rels reads the relationships of a part; none when it has no .rels.
func (p *opc) rels(part string) ([]relationship, error) {
	name := relsOf(part)
	if p.resolve(name) == "" {
		return nil, nil
	}
	data, err := p.read(name)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return doc.Rels, nil
}

// target resolves a relationship's target against the part that holds it.
func target(part string, r relationship) string {
	t := r.Target
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	if strings.HasPrefix(t, "/") {
		return strings.TrimPrefix(t, "/")
	}
	return path.Join(path.Dir(part), t)
}

// relTarget writes the target of a relationship from part to the part to.
func relTarget(part, to string) string {
	from := strings.Split(path.Dir(part), "/")
	dest := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(dest)-1 && from[i] == dest[i] && from[i] != "." {
		i++
	}
	var up []string
	for j := i; j < len(from); j++ {
		if from[j] != "." && from[j] != "" {
			up = append(up, "..")
		}
	}
	return strings.Join(append(up, dest[i:]...), "/")
}

// addRel adds a relationship from part to the part to and returns its id.
func (p *opc) addRel(part, typ, to string) (string, error) {
	rels, err := p.rels(part)
	if err != nil {
		return "", err
	}
	used := map[string]bool{}
	for _, r := range rels {
		used[r.ID] = true
	}
	id := ""
	for i := len(rels) + 1; ; i++ {
		if id = fmt.Sprintf("rId%d", i); !used[id] {
			break
		}
	}
	rel := fmt.Sprintf(`<Relationship Id="%s" Type="%s" Target="%s"/>`, id, typ, escapeXML(relTarget(part, to)))
	name := relsOf(part)
	if p.resolve(name) == "" {
		p.set(name, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rel+`</Relationships>`))
		return id, nil
	}
	data, err := p.read(name)
	if err != nil {
		return "", err
	}
	out, err := appendToRoot(data, rel, "Relationship")
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	p.set(name, out)
	return id, nil
}

// appendToRoot inserts children at the end of the root element, writing
// the local name child with the root's prefix ("<x:…" where the root is
// "<x:Types …").
func appendToRoot(data []byte, xmlText, child string) ([]byte, error) {
	var root *element
	err := scanXML(data, nil, func(e *element) error {
		if e.Depth == 0 {
			root = e
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, fmt.Errorf("tidak ada elemen akar")
	}
	if p := root.Name.Space; p != "" {
		xmlText = strings.ReplaceAll(xmlText, "<"+child+" ", "<"+p+":"+child+" ")
	}
	return applyEdits(data, []edit{appendInside(root, xmlText)}), nil
}

// contentTypes reads [Content_Types].xml: the content type of each part.
type contentTypes struct {
	defaults  map[string]string // extension (lower case) → type
	overrides map[string]string // part name, lower case, no leading "/" → type
}

func (p *opc) contentTypes() (*contentTypes, error) {
	data, err := p.read("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Defaults []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	ct := &contentTypes{defaults: map[string]string{}, overrides: map[string]string{}}
	for _, d := range doc.Defaults {
		ct.defaults[strings.ToLower(d.Extension)] = d.ContentType
	}
	for _, o := range doc.Overrides {
		ct.overrides[strings.ToLower(strings.TrimPrefix(o.PartName, "/"))] = o.ContentType
	}
	return ct, nil
}

// of returns a part's content type.
func (ct *contentTypes) of(part string) string {
	if t, ok := ct.overrides[strings.ToLower(part)]; ok {
		return t
	}
	return ct.defaults[strings.ToLower(strings.TrimPrefix(path.Ext(part), "."))]
}

// declare gives a new part its content type: an Override, or nothing when
// the part's extension already has that type by default.
func (p *opc) declare(part, typ string) error {
	ct, err := p.contentTypes()
	if err != nil {
		return err
	}
	if ct.of(part) == typ {
		return nil
	}
	var decl string
	if ext := strings.TrimPrefix(path.Ext(part), "."); ext == "vml" && ct.defaults["vml"] == "" {
		decl = fmt.Sprintf(`<Default Extension="vml" ContentType="%s"/>`, typ)
	} else {
		decl = fmt.Sprintf(`<Override PartName="/%s" ContentType="%s"/>`, escapeXML(part), typ)
	}
	data, err := p.read("[Content_Types].xml")
	if err != nil {
		return err
	}
	child := "Override"
	if strings.HasPrefix(decl, "<Default") {
		child = "Default"
	}
	out, err := appendToRoot(data, decl, child)
	if err != nil {
		return fmt.Errorf("[Content_Types].xml: %w", err)
	}
	p.set("[Content_Types].xml", out)
	return nil
}
