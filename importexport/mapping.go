package importexport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"cpw/translate"
	"cpw/workspace"
)

// Mapping is what an import knows of workbooks of one shape beyond the
// program's own names: what each sheet holds, what each column means, and
// what each value means. The workspace remembers the answers the user gave
// (see workspace.ImportMappings), so that the next workbook of the same
// shape goes straight in; a mapping file carries them for editing
// (--write-mapping writes one, --mapping imports with one).
type Mapping struct {
	// Format names the file's format, for a reader who finds one alone.
	Format  string          `json:"format"`
	Sheets  []SheetMapping  `json:"sheets"`
	Columns []ColumnMapping `json:"columns"`
	Values  []ValueMapping  `json:"values"`
}

// MappingFormat is the Format of the mapping files this program writes.
const MappingFormat = "cpw import mapping 1"

// SheetMapping says what one sheet holds: one of SheetKinds.
type SheetMapping struct {
	Sheet     string `json:"sheet"`
	Kind      string `json:"kind"`
	Suggested bool   `json:"suggested,omitempty"` // the program's guess, not yet the user's word
	Why       string `json:"why,omitempty"`
}

// ColumnMapping says what a column of a kind of sheet means: the header
// of one of the program's columns, or "" to ignore it.
type ColumnMapping struct {
	Kind      string `json:"kind"`
	Header    string `json:"header"`
	Column    string `json:"column"`
	Suggested bool   `json:"suggested,omitempty"`
	Why       string `json:"why,omitempty"`
}

// ValueMapping says what a value written in a column means: one of the
// column's choices (by its label), or the name of a record it refers to.
type ValueMapping struct {
	Kind      string `json:"kind"`
	Column    string `json:"column"`
	Value     string `json:"value"`
	Means     string `json:"means"`
	Rows      int    `json:"rows,omitempty"` // how many rows of the workbook hold it
	Suggested bool   `json:"suggested,omitempty"`
}

// mappingFileLimit is the largest mapping file read: one for a workbook of
// thousands of distinct values is far smaller.
const mappingFileLimit = 16 << 20

// ReadMapping reads a mapping file, refusing with a sentence one that is
// not a mapping this program wrote or could use.
func ReadMapping(path string) (*Mapping, error) {
	fh, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, refuse(fmt.Sprintf("There is no mapping file %s.", path))
		}
		return nil, refuse(fmt.Sprintf("The mapping file %s cannot be read: %v.", path, err))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, mappingFileLimit+1))
	if err != nil {
		return nil, refuse(fmt.Sprintf("The mapping file %s cannot be read: %v.", path, err))
	}
	if len(data) > mappingFileLimit {
		return nil, refuse(fmt.Sprintf("%s is larger than %s, far more than a mapping holds: it is not a mapping file.", path, megabytes(mappingFileLimit)))
	}
	var m Mapping
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, refuse(fmt.Sprintf("%s is not a mapping file of this program (%v): write one with cpw import --write-mapping.", path, err))
	}
	if m.Format != MappingFormat {
		return nil, refuse(fmt.Sprintf("%s is not a mapping file of this program: its format is “%s”, not “%s”.", path, clip(m.Format, 40), MappingFormat))
	}
	for _, s := range m.Sheets {
		if _, _, _, _, ok := kindNamed(s.Kind); !ok || strings.TrimSpace(s.Sheet) == "" {
			return nil, refuse(fmt.Sprintf("In %s, the sheet “%s” is given the kind “%s”, which is not one of %s.", path, clip(s.Sheet, 60), clip(s.Kind, 40), strings.Join(SheetKinds(), ", ")))
		}
	}
	for _, c := range m.Columns {
		spec := specNamed(c.Kind)
		if spec == nil || strings.TrimSpace(c.Header) == "" || c.Column != "" && spec.column(c.Column) == nil {
			return nil, refuse(fmt.Sprintf("In %s, the column “%s” of %s is mapped to “%s”, which is not a column of that kind of sheet.", path, clip(c.Header, 60), clip(c.Kind, 40), clip(c.Column, 40)))
		}
	}
	for _, v := range m.Values {
		spec := specNamed(v.Kind)
		if spec == nil || spec.column(v.Column) == nil || strings.TrimSpace(v.Value) == "" {
			return nil, refuse(fmt.Sprintf("In %s, the value “%s” is given for the column “%s” of %s, which is not a column of that kind of sheet.", path, clip(v.Value, 60), clip(v.Column, 40), clip(v.Kind, 40)))
		}
	}
	return &m, nil
}

// WriteMapping writes a mapping file, atomically.
func WriteMapping(m *Mapping, path string) error {
	m.Format = MappingFormat
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return workspace.WriteFileAtomic(path, translate.English, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

// specNamed finds a sheet's spec by its name or another name of it.
func specNamed(kind string) *sheetSpec {
	for _, s := range sheets {
		if s.matchesSheet(kind) {
			return s
		}
	}
	return nil
}

// The keys of the answers the workspace remembers: a scope and what was
// written, normalised so that "Sex" and "sex " are one answer.
func sheetKey(sheet string) string { return "sheet" + workspace.MappingSeparator + mappingWord(sheet) }
func columnKey(kind, header string) string {
	return strings.Join([]string{"column", kind, mappingWord(header)}, workspace.MappingSeparator)
}
func valueKey(kind, column, value string) string {
	return strings.Join([]string{"value", kind, column, mappingWord(value)}, workspace.MappingSeparator)
}

// Key is the key under which the workspace files an answer about this
// sheet (see workspace.ImportMapping): its name, without regard to case
// and spacing.
func (s SheetMapping) Key() string { return sheetKey(s.Sheet) }

// Key is the key under which the workspace files an answer about this
// column: its kind of sheet and its header, without regard to case and
// spacing.
func (c ColumnMapping) Key() string { return columnKey(c.Kind, c.Header) }

// Key is the key under which the workspace files an answer about this
// value: its kind of sheet, its column and the value, without regard to
// case and spacing.
func (v ValueMapping) Key() string { return valueKey(v.Kind, v.Column, v.Value) }

// MappingPart is what a key names (see SheetMapping.Key): its scope
// ("sheet", "column" or "value"), the kind of sheet and the column it is
// of, and what was written, as the key files it (lower case).
type MappingPart struct{ Scope, Kind, Column, Written string }

// PartOfKey reads a key; ok is false for one this version does not know
// (a later version's).
func PartOfKey(key string) (MappingPart, bool) {
	parts := strings.Split(key, workspace.MappingSeparator)
	switch {
	case parts[0] == "sheet" && len(parts) == 2:
		return MappingPart{Scope: parts[0], Written: parts[1]}, true
	case parts[0] == "column" && len(parts) == 3:
		return MappingPart{Scope: parts[0], Kind: parts[1], Written: parts[2]}, true
	case parts[0] == "value" && len(parts) == 4:
		return MappingPart{Scope: parts[0], Kind: parts[1], Column: parts[2], Written: parts[3]}, true
	}
	return MappingPart{}, false
}

// mappingWord is what was written as an answer is filed under: lower case,
// its spaces made single, and the separator taken out.
func mappingWord(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), workspace.MappingSeparator, "/")
}

// answers are the mappings an import uses: the workspace's, with those of
// the user's mapping file (or the window's confirmation) over them.
type answers struct {
	byKey map[string]string
	given map[string]string // the user's own, to be remembered when the import is kept
	// guessed are the given sheets to skip and columns to ignore still
	// marked as the program's suggestion: used for this import, never
	// remembered (a column ignored for want of a better idea must not
	// stay ignored when a later workbook gives it a meaning).
	guessed map[string]bool
	// used are the given answers this import needed: only they are
	// remembered, so that a mapping file's unrelated entries are not.
	used map[string]bool
}

// newAnswers puts the workspace's remembered answers and the user's
// mapping together; the user's win.
func newAnswers(remembered []workspace.ImportMapping, given *Mapping) *answers {
	a := &answers{byKey: map[string]string{}, given: map[string]string{}, guessed: map[string]bool{}, used: map[string]bool{}}
	for _, m := range remembered {
		a.byKey[m.Key] = m.Meaning
	}
	if given == nil {
		return a
	}
	put := func(k, v string) { a.byKey[k], a.given[k] = v, v }
	for _, s := range given.Sheets {
		put(sheetKey(s.Sheet), s.Kind)
		a.guessed[sheetKey(s.Sheet)] = s.Suggested && strings.EqualFold(s.Kind, SheetSkipped)
	}
	for _, c := range given.Columns {
		meaning := c.Column
		if meaning == "" {
			meaning = ignoredColumn
		}
		k := columnKey(specNamed(c.Kind).name, c.Header)
		put(k, meaning)
		a.guessed[k] = c.Suggested && c.Column == ""
	}
	for _, v := range given.Values {
		if strings.TrimSpace(v.Means) == "" || v.Suggested {
			// A question not answered yet: a value the program only
			// suggested a meaning for is no one's word until the mark
			// goes, and the import asks about it again.
			continue
		}
		put(valueKey(specNamed(v.Kind).name, v.Column, v.Value), v.Means)
	}
	return a
}

// look finds an answer and notes that the import used it.
func (a *answers) look(k string) (string, bool) {
	if a == nil {
		return "", false
	}
	v, ok := a.byKey[k]
	if _, given := a.given[k]; ok && given {
		a.used[k] = true
	}
	return v, ok
}

// remembers reports whether an answer came from the workspace's memory,
// not from the user in this import.
func (a *answers) remembers(k string) bool {
	if a == nil {
		return false
	}
	_, given := a.given[k]
	_, ok := a.byKey[k]
	return ok && !given
}

// ignoredColumn is the meaning of a column the user said to ignore.
const ignoredColumn = "-"

func (a *answers) sheet(name string) (string, bool) { return a.look(sheetKey(name)) }

func (a *answers) column(kind, header string) (string, bool) { return a.look(columnKey(kind, header)) }

func (a *answers) value(kind, column, value string) (string, bool) {
	return a.look(valueKey(kind, column, value))
}

// planned gathers, while a dry run reads a workbook, the mapping it would
// use: what it knows and what it suggests, each value once with its count.
type planned struct {
	m      Mapping
	values map[string]*ValueMapping
}

func (p *planned) sheet(s SheetMapping) {
	if p != nil {
		p.m.Sheets = append(p.m.Sheets, s)
	}
}

func (p *planned) column(c ColumnMapping) {
	if p != nil {
		p.m.Columns = append(p.m.Columns, c)
	}
}

// value counts a value of a column and what it means or may mean.
func (p *planned) value(kind, column, value, means string, suggested bool) {
	if p == nil {
		return
	}
	k := valueKey(kind, column, value)
	if v := p.values[k]; v != nil {
		v.Rows++
		return
	}
	v := &ValueMapping{Kind: kind, Column: column, Value: value, Means: means, Rows: 1, Suggested: suggested}
	p.values[k] = v
}

// mapping returns what was gathered, values in a steady order.
func (p *planned) mapping() *Mapping {
	m := p.m
	m.Format = MappingFormat
	keys := make([]string, 0, len(p.values))
	for k := range p.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	m.Values = make([]ValueMapping, 0, len(keys))
	for _, k := range keys {
		m.Values = append(m.Values, *p.values[k])
	}
	if m.Sheets == nil {
		m.Sheets = []SheetMapping{}
	}
	if m.Columns == nil {
		m.Columns = []ColumnMapping{}
	}
	return &m
}

// remembered lists the answers to keep in the workspace: the user's own,
// as given, that this import used, leaving out the sheets and columns
// still marked as the program's suggestion.
func (a *answers) remembered() map[string]string {
	if a == nil || len(a.given) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range a.given {
		if a.used[k] && !a.guessed[k] {
			out[k] = v
		}
	}
	return out
}

// Summary counts what a mapping says, and how much of it is suggested:
// "2 sheets, 9 columns, 14 values (5 suggested)".
func (m *Mapping) Summary() string {
	suggested := 0
	for _, s := range m.Sheets {
		if s.Suggested {
			suggested++
		}
	}
	for _, c := range m.Columns {
		if c.Suggested {
			suggested++
		}
	}
	for _, v := range m.Values {
		if v.Suggested {
			suggested++
		}
	}
	return fmt.Sprintf("%s, %s, %s (%d suggested)", workspace.Plural(len(m.Sheets), "sheet", "sheets"),
		workspace.Plural(len(m.Columns), "column", "columns"), workspace.Plural(len(m.Values), "value", "values"), suggested)
}
