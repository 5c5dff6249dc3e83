// Package importexport reads and writes the workspace as Excel workbooks:
// the blank template, the validated import, and the export that imports
// back into the same records.
//
// Each kind of record has one sheet, and each sheet one sheetSpec, in its
// own file (sheet_units.go, sheet_people.go, …), that says all the program
// knows about it: its names, its columns, how its records are read from the
// workspace and written as rows, and how a row is imported. The rest of the
// package (reading and classifying sheets, the template, the export's cells,
// the report) works from the specs and knows no sheet by name.
package importexport

import (
	"strings"
	"unicode"

	"cpw/translate"
	"cpw/workspace"
)

// valueKind says how a column's cells are read and written.
type valueKind int

const (
	text   valueKind = iota
	date             // a real date cell, or text in a common date format
	amount           // a whole number of the workspace currency
	count            // a whole number such as households
	yesNo            // Yes or No
	choice           // one of a fixed list (col.choices)
	many             // several names separated by semicolons
)

// col is one column of a sheet.
type col struct {
	header  string
	aliases []string // other headers people use for it
	hxl     []string // HXL hashtags that mean it, in 3W sheets
	note    string   // what goes there, shown on the template's header
	kind    valueKind
	choices []workspace.Choice // for choice columns
	list    string             // the Lists column feeding its dropdown
	contact bool               // phone or e-mail: exported only when asked
	// several says a sheet may have more than one column of it (Tel and
	// Mobile No.): the values of all are kept, the others read with
	// rowCtx.also, instead of "two columns mean" refusing the sheet.
	several  bool
	required bool // a sheet without it cannot be imported: its rows could not be placed
	width    float64
	// field is the workspace's name for what the column holds, where its
	// messages name it otherwise ("Parent unit" for Parent), so that a
	// problem the workspace finds is shown in this column.
	field string
	// choiceAliases are values others' workbooks use for its choices, as
	// normalise leaves them, with the choice each means.
	choiceAliases map[string]string
}

// sheetSpec is everything the program knows about one sheet of the
// workbook, which holds one kind of record. Adding a column to a sheet means
// adding it to cols, reading it in read and writing it in rows: all three
// in the sheet's own file. The tests check that every header read names a
// column of cols and that rows gives a value of the column's kind for each.
// Adding a sheet means a new sheet_*.go file with its spec and a place in
// each of the three orders below (sheets, writeOrder, readOrder); once it is
// in sheets, the tests fail until it is in the other two and in the byName
// table of TestEveryHeaderReadIsInItsSheet. Another program's export that is
// only ever read (a survey's, sheet_survey.go) is external: it is in sheets
// alone.
type sheetSpec struct {
	name    string   // as a workbook this program writes names it
	aliases []string // other names people give such a sheet
	// entity is one of its records as the change log names it: "person".
	entity string
	// records names its records, lower case, in a language: "people". The
	// text is written out in a call to say, where the translation test
	// finds it.
	records func(say translate.Func) string
	cols    []col // in the order they are written; the first is idCol

	// load reads its records from the workspace into the book. A sheet
	// that is readFirst is read before an export starts writing, since
	// other sheets show the names of its records; the others are read
	// while the first sheets are written.
	load      func(f *workspace.File, b *book) error
	readFirst bool
	// rows writes its records as rows: one value per column of cols, in
	// their order.
	rows func(b *book) []row

	// read imports one row: it checks it, matches it to a record of the
	// workspace (by id, else by its natural key) and saves it.
	read func(im *importer, r *rowCtx, res *SheetResult)
	// order, when set, says in which order the rows are imported (parents
	// before the units in them, say); otherwise they are taken from the top.
	order func(im *importer, p *part) []int
	// read3W, when set, imports a 3W/4W sheet (who does what where) into
	// this kind of record: a sheet whose name says nothing is taken for one
	// when it has an organisation and a sector column.
	read3W func(im *importer, p *part, res *SheetResult) error
	// from3W, when set, imports this kind of record from the rows of a 3W
	// sheet once read3W has imported their organisations: what a row says
	// of its activity (part.activity holds those columns).
	from3W func(im *importer, p *part, rows []threeWRow, res *SheetResult) error
	// external, when set, is another program's export (a survey tool's),
	// only ever read: it has no place in writeOrder and readOrder, nor
	// load and rows, and a sheet is taken for it by its name or that
	// program's own columns (see classify), never by the columns it
	// shares with the program's own sheets.
	external bool

	pos map[string]int // each column's place in cols, by header
}

// idCol is the first column of every sheet. Export fills it so that a
// workbook imported again updates the same records; people filling the
// template leave it blank.
var idCol = col{header: "ID", aliases: []string{"record id", "uuid"}, width: 38,
	note: "Filled in by Export Excel so that importing the workbook again updates the same record. Leave it blank for new records."}

// sheets is every sheet in the order of import: a sheet comes after the
// sheets its rows refer to.
var sheets = []*sheetSpec{&unitsSheet, &organisationsSheet, &peopleSheet, &surveySheet, &consortiaSheet, &membersSheet,
	&rolesSheet, &assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet,
	&activitiesSheet}

// writeOrder is the order sheets appear in a workbook this program writes:
// the ones people fill most first.
var writeOrder = []*sheetSpec{&organisationsSheet, &activitiesSheet, &peopleSheet, &consortiaSheet, &membersSheet,
	&assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet, &unitsSheet, &rolesSheet}

// readOrder is the order in which an export reads the sheets' records and
// writes their rows: a sheet after the sheets whose names it shows.
var readOrder = []*sheetSpec{&unitsSheet, &organisationsSheet, &consortiaSheet, &rolesSheet, &peopleSheet,
	&membersSheet, &assignmentsSheet, &gapsSheet, &candidatesSheet, &meetingsSheet, &decisionsSheet, &actionsSheet,
	&activitiesSheet}

// The column places are found once, not at every cell.
func init() {
	for _, s := range sheets {
		s.pos = make(map[string]int, len(s.cols))
		for i, c := range s.cols {
			s.pos[c.header] = i
		}
	}
}

// listsSheet feeds the dropdowns.
const listsSheet = "Lists"

// normalise reduces a sheet or header name to what matters for matching:
// letters and digits, lower case, with British spellings made American
// ("Organisations" and "Organizations" match).
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	out := b.String()
	for _, p := range [][2]string{{"organis", "organiz"}, {"mobilis", "mobiliz"}, {"programme", "program"}, {"centre", "center"}} {
		out = strings.ReplaceAll(out, p[0], p[1])
	}
	return out
}

// matches reports whether a header in a workbook means this column. An
// amount's header may end in its currency: "Estimated cost (KES)".
func (c col) matches(header string) bool {
	if c.kind == amount {
		header, _ = headerCurrency(header, "")
	}
	n := normalise(header)
	if n == normalise(c.header) {
		return true
	}
	for _, a := range c.aliases {
		if n == normalise(a) {
			return true
		}
	}
	return false
}

// matchesSheet reports whether a sheet's name means this kind of record.
func (s *sheetSpec) matchesSheet(name string) bool {
	n := normalise(name)
	if n == normalise(s.name) {
		return true
	}
	for _, a := range s.aliases {
		if n == normalise(a) {
			return true
		}
	}
	return false
}

// at returns the place in cols of the column with the header, or -1.
func (s *sheetSpec) at(header string) int {
	if i, ok := s.pos[header]; ok {
		return i
	}
	return -1
}

// column returns the column with the header, or nil.
func (s *sheetSpec) column(header string) *col {
	if i := s.at(header); i >= 0 {
		return &s.cols[i]
	}
	return nil
}

// fieldColumn returns the header of the column holding a field the
// workspace's messages name (see col.field), or "" when the sheet has none.
func (s *sheetSpec) fieldColumn(field string) string {
	if field == "" {
		return ""
	}
	for _, c := range s.cols {
		if c.field == field {
			return c.header
		}
	}
	if s.column(field) != nil {
		return field
	}
	return ""
}
