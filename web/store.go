package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// Result files, by fixed name: nothing a user sends is used as a path.
// Corrected copies are koreksi-1.xlsx, koreksi-2.xlsm …, listed in
// koreksi.json (web/correct.go).
const (
	fileReport      = "laporan.xlsx"
	fileJSON        = "hasil.json"
	fileRekap       = "rekap.xlsx"
	fileRekapJSON   = "rekap.json"
	fileKoreksiList = "koreksi.json"
)

// errNoResult: the token is unknown or its result has expired.
var errNoResult = errors.New("hasil tidak ditemukan atau sudah kedaluwarsa")

// tokenPattern is the shape of a result token: 128 random bits in hex.
var tokenPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// store keeps results in a private temporary folder, one subfolder per
// token, and deletes them after their time to live.
type store struct {
	root string
	ttl  time.Duration
	now  func() time.Time

	mu      sync.Mutex
	expires map[string]time.Time
}

func newStore(parent string, ttl time.Duration) (*store, error) {
	root, err := os.MkdirTemp(parent, "lkjip-web-")
	if err != nil {
		return nil, fmt.Errorf("result storage: %w", err)
	}
	return &store{root: root, ttl: ttl, now: time.Now, expires: map[string]time.Time{}}, nil
}

// put stores a result's files under a new token.
func (s *store) put(files map[string][]byte) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b[:])
	dir := filepath.Join(s.root, token)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	s.mu.Lock()
	s.expires[token] = s.now().Add(s.ttl)
	s.mu.Unlock()
	return token, nil
}

// path returns the path of a stored file, or errNoResult.
func (s *store) path(token, name string) (string, error) {
	if !tokenPattern.MatchString(token) {
		return "", errNoResult
	}
	s.mu.Lock()
	exp, ok := s.expires[token]
	s.mu.Unlock()
	if !ok || s.now().After(exp) {
		return "", errNoResult
	}
	p := filepath.Join(s.root, token, name)
	if _, err := os.Stat(p); err != nil {
		return "", errNoResult
	}
	return p, nil
}

// sweep deletes every expired result.
func (s *store) sweep() {
	now := s.now()
	s.mu.Lock()
	var gone []string
	for t, exp := range s.expires {
		if now.After(exp) {
			gone = append(gone, t)
			delete(s.expires, t)
		}
	}
	s.mu.Unlock()
	for _, t := range gone {
		os.RemoveAll(filepath.Join(s.root, t))
	}
}

// close deletes everything stored.
func (s *store) close() error { return os.RemoveAll(s.root) }
