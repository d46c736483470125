package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lkjip/calc"
)

// TestRulesDocumented checks that docs/rules.md has a section for every rule
// of the catalogue, with the rule's severity, and no section for a rule
// that does not exist.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	require.NoError(t, err)
	sections := regexp.MustCompile("(?m)^## `([a-z-]+)`\n\n\\*\\*Tingkat: ([a-z]+)").FindAllSubmatch(doc, -1)
	documented := map[string]string{}
	for _, s := range sections {
		documented[string(s[1])] = string(s[2])
	}
	for _, r := range calc.Rules() {
		sev, ok := documented[string(r.Rule)]
		if assert.True(t, ok, "docs/rules.md has no section for %s", r.Rule) {
			assert.Equal(t, r.Severity.Label(), sev, "severity of %s", r.Rule)
		}
		assert.Contains(t, string(doc), "[`"+string(r.Rule)+"`](#"+string(r.Rule)+")", "summary table row for %s", r.Rule)
		delete(documented, string(r.Rule))
	}
	assert.Empty(t, documented, "sections for rules the catalogue does not have")
}
