package workspace

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Import mappings are what the workspace was taught about partners'
// workbooks: that a sheet called "Mobilizers" holds people, that a column
// "Sex" is Gender, that "county department" is a county /
// local-government department. The import keeps them as settings, one row
// per answer, so that each travels with copies and merges on its own like
// any other setting, and an answer given in one copy reaches the others.
//
// A mapping's key is its scope and what was written, joined by
// MappingSeparator ("sheet|mobilizers", "column|People|sex",
// "value|Organisations|Kind|county department"); its value is what that
// means. The importexport package makes and reads the keys.

// MappingSeparator joins the parts of a mapping's key.
const MappingSeparator = "|"

const mappingPrefix = "mapping" + MappingSeparator

// ImportMapping is one answer the workspace remembers.
type ImportMapping struct {
	Key       string // scope and what was written, see above
	Meaning   string // what it means: a kind of sheet, a column, a choice, a record's name
	UpdatedAt string
}

// ImportMappings returns every answer the workspace remembers, by key.
// An answer forgotten (see CorrectImportMapping) is left out.
func (f *File) ImportMappings() ([]ImportMapping, error) {
	rows, err := f.reader().Query("SELECT key, value, updated_at FROM settings WHERE key >= ? AND key < ? ORDER BY key",
		mappingPrefix, mappingPrefix+"\U0010FFFF")
	if err != nil {
		return nil, internal("reading the import mappings", err)
	}
	defer rows.Close()
	var out []ImportMapping
	for rows.Next() {
		var m ImportMapping
		if err := rows.Scan(&m.Key, &m.Meaning, &m.UpdatedAt); err != nil {
			return nil, internal("reading the import mappings", err)
		}
		if m.Meaning == "" {
			continue
		}
		m.Key = strings.TrimPrefix(m.Key, mappingPrefix)
		out = append(out, m)
	}
	return out, internal("reading the import mappings", rows.Err())
}

// RememberImportMappings stores answers in the batch, key → meaning, and
// logs them as one change. An answer the workspace already has the same is
// left as it is.
func (b *Batch) RememberImportMappings(answers map[string]string) error {
	return rememberMappings(b.t, answers)
}

// CorrectImportMapping changes one answer (was "" for a new one), or
// forgets it when meaning is "", as the window's Change and Forget do: only
// if it still means was, the meaning the user saw, read in the same
// transaction as the write, so that another program's change made
// meanwhile is never undone unseen. A forgotten answer is kept as an empty
// meaning rather than deleted, so that merging a copy that still has it
// does not bring it back as new.
func (f *File) CorrectImportMapping(key, was, meaning string) error {
	if strings.TrimSpace(key) == "" {
		return internal("changing an import mapping", errors.New("an answer without a key"))
	}
	return f.write(func(t *tx) error {
		var now string
		err := t.QueryRow("SELECT value FROM settings WHERE key = ?", mappingPrefix+key).Scan(&now)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return internal("reading the import mappings", err)
		}
		if now != was {
			if now == "" {
				return invalid("Meaning", "Another program forgot this answer meanwhile: look at the list again.")
			}
			return invalid("Meaning", "Another program changed this answer to “%s” meanwhile: look at it again before changing it.", now)
		}
		return rememberMappings(t, map[string]string{key: meaning})
	})
}

func rememberMappings(t *tx, answers map[string]string) error {
	keys := make([]string, 0, len(answers))
	for k := range answers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var changed []string
	for _, k := range keys {
		key, meaning := mappingPrefix+k, answers[k]
		var old string
		err := t.QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&old)
		if err == nil && old == meaning || err != nil && meaning == "" {
			continue
		}
		if err := t.putSetting(key, meaning); err != nil {
			return t.fail(err)
		}
		shown := strings.ReplaceAll(k, MappingSeparator, " › ")
		if meaning == "" {
			changed = append(changed, fmt.Sprintf("forgot %s", shown))
		} else {
			changed = append(changed, fmt.Sprintf("%s → %s", shown, meaning))
		}
	}
	if len(changed) == 0 {
		return nil
	}
	summary := "Import mappings: " + strings.Join(changed, "; ")
	if r := []rune(summary); len(r) > 2000 {
		summary = string(r[:1999]) + "…"
	}
	t.nameStep("update", "setting", "import answers")
	return t.logChange("setting", "mapping", "update", summary)
}
