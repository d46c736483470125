package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// readable are the extensions of files taken from folders: every format an
// agency's spreadsheet comes in (the reader says which it cannot read yet)
// and check results.
var readable = map[string]bool{
	".xlsx": true, ".xlsm": true, ".xls": true, ".ods": true, ".csv": true,
	".htm": true, ".html": true, ".json": true,
}

// Walk turns the paths given on the command line into sources, folders
// walked in name order. A file named directly is always read (its content
// decides what it is); a file found in a folder is read when its extension
// is one of an agency's spreadsheet or a check result, and otherwise listed
// as skipped. Hidden files and folders and Excel's lock files ("~$…") are
// passed over. Paths in exclude (the output, the mapping file) are never
// inputs; they are compared by identity, so any spelling of them matches.
func Walk(paths, exclude []string) ([]Source, error) {
	var excluded []os.FileInfo
	for _, p := range exclude {
		if fi, err := os.Stat(p); err == nil {
			excluded = append(excluded, fi)
		}
	}
	isExcluded := func(fi os.FileInfo) bool {
		for _, x := range excluded {
			if os.SameFile(fi, x) {
				return true
			}
		}
		return false
	}
	var out []Source
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			if err != nil || !isExcluded(fi) {
				out = append(out, Source{Name: p, Path: p})
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: folder tidak dapat dibaca: %w", path, err)
			}
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			if fi, err := os.Stat(path); err == nil && (fi.IsDir() || isExcluded(fi)) {
				return nil
			}
			src := Source{Name: path, Path: path}
			if !readable[strings.ToLower(filepath.Ext(name))] {
				src.Skip = "bukan spreadsheet atau hasil check (dilewati)"
			}
			out = append(out, src)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
