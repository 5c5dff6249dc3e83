package importexport

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cpw/translate"
	"cpw/workspace"
)

// headerCall is a header written out in a call that names a column.
type headerCall struct {
	header, where string
}

// headerParams lists, by function name, which parameters name a column: a
// string parameter called h or …Header (see rowCtx).
func headerParams(funcs map[string][]*ast.FuncDecl) map[string][]int {
	out := map[string][]int{}
	for name, decls := range funcs {
		for _, fd := range decls {
			i := 0
			for _, field := range fd.Type.Params.List {
				typ, _ := field.Type.(*ast.Ident)
				names := field.Names
				if len(names) == 0 {
					i++
					continue
				}
				for _, n := range names {
					if typ != nil && typ.Name == "string" && (n.Name == "h" || strings.HasSuffix(n.Name, "Header")) {
						out[name] = append(out[name], i)
					}
					i++
				}
			}
		}
	}
	return out
}

// calleeName names what a call calls: a function, or a method by its name.
func calleeName(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.IndexExpr: // a generic function given its type
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// sheetHeaders reads the package's code and returns, for each sheet spec
// declared as a variable, every header written out in a call that names a
// column, in the functions the spec refers to and in those they call.
func sheetHeaders(t *testing.T) map[string][]headerCall {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	funcs := map[string][]*ast.FuncDecl{}
	specs := map[string]*ast.CompositeLit{}
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				funcs[d.Name.Name] = append(funcs[d.Name.Name], d)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					vs, ok := s.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for i, v := range vs.Values {
						if lit, ok := v.(*ast.CompositeLit); ok {
							if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "sheetSpec" {
								specs[vs.Names[i].Name] = lit
							}
						}
					}
				}
			}
		}
	}
	params := headerParams(funcs)
	out := map[string][]headerCall{}
	for name, lit := range specs {
		// The functions the spec refers to (read, order, rows, …), then
		// every function of the package they call, by name.
		var queue []string
		ast.Inspect(lit, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				queue = append(queue, n.Name)
			case *ast.SelectorExpr:
				queue = append(queue, n.Sel.Name)
			}
			return true
		})
		seen := map[string]bool{}
		for len(queue) > 0 {
			fn := queue[0]
			queue = queue[1:]
			if seen[fn] || funcs[fn] == nil {
				continue
			}
			seen[fn] = true
			for _, fd := range funcs[fn] {
				ast.Inspect(fd, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					callee := calleeName(call)
					queue = append(queue, callee)
					for _, i := range params[callee] {
						if i >= len(call.Args) {
							continue
						}
						if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							h, _ := strconv.Unquote(lit.Value)
							if h != "" {
								out[name] = append(out[name], headerCall{h, fset.Position(lit.Pos()).String()})
							}
						}
					}
					return true
				})
			}
		}
	}
	return out
}

// A header a row reader asks for that its sheet lacks would read nothing,
// without a word: every header written out in a call that names a column
// must be a column of the sheet whose reader makes the call.
func TestEveryHeaderReadIsInItsSheet(t *testing.T) {
	found := sheetHeaders(t)
	byName := map[string]*sheetSpec{
		"unitsSheet": &unitsSheet, "organisationsSheet": &organisationsSheet, "peopleSheet": &peopleSheet,
		"consortiaSheet": &consortiaSheet, "membersSheet": &membersSheet, "rolesSheet": &rolesSheet,
		"assignmentsSheet": &assignmentsSheet, "gapsSheet": &gapsSheet, "candidatesSheet": &candidatesSheet,
		"meetingsSheet": &meetingsSheet, "decisionsSheet": &decisionsSheet, "actionsSheet": &actionsSheet,
		"activitiesSheet": &activitiesSheet, "surveySheet": &surveySheet,
	}
	if len(byName) != len(sheets) {
		t.Fatalf("the test knows %d sheets, the package %d: add the new one to byName", len(byName), len(sheets))
	}
	var names []string
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) != len(sheets) {
		t.Errorf("the scan found the readers of %d sheets (%s), not %d: is it still finding them?", len(names), strings.Join(names, ", "), len(sheets))
	}
	for _, name := range names {
		s := byName[name]
		if s == nil {
			t.Errorf("the sheet spec %s is not in the test's byName", name)
			continue
		}
		if len(found[name]) < 3 {
			t.Errorf("%s: only %d headers found: is the scan still finding the calls?", name, len(found[name]))
		}
		for _, c := range found[name] {
			if s.column(c.header) == nil {
				t.Errorf("%s: the %s sheet has no column %q", c.where, s.name, c.header)
			}
		}
	}
}

// Every row an export writes has one value per column of its sheet, of the
// column's kind: a value put in the wrong place in rows shows here, not in
// a workbook.
func TestEveryRowHasAValueForEachColumn(t *testing.T) {
	b := mustBook(t, newDemo(t))
	for _, s := range sheets {
		if s.external {
			continue // never written: its records are on other sheets
		}
		rows := s.rows(b)
		if len(rows) == 0 {
			t.Errorf("%s: the demo has no rows for this sheet, so nothing is checked", s.name)
		}
		for n, r := range rows { // the first wrong row of a sheet tells enough
			if len(r) != len(s.cols) {
				t.Errorf("%s row %d: %d values for %d columns", s.name, n+1, len(r), len(s.cols))
				break
			}
			wrong := false
			for i, c := range s.cols {
				if !kindHolds(c.kind, r[i]) {
					t.Errorf("%s row %d, %s: a %T (%v) in a column of kind %d", s.name, n+1, c.header, r[i], r[i], c.kind)
					wrong = true
				}
			}
			if wrong {
				break
			}
		}
	}
}

// kindHolds reports whether a value of a row is what cellFor writes for a
// column of the kind.
func kindHolds(k valueKind, v any) bool {
	switch v.(type) {
	case string:
		return k == text || k == date || k == choice
	case int64:
		return k == amount || k == count
	case bool, workspace.Answer:
		return k == yesNo
	case workspace.Count:
		return k == count
	case []string:
		return k == many
	}
	return false
}

// Each spec says all a sheet needs, and each order of sheets has every
// sheet once.
func TestSheetSpecsAreWhole(t *testing.T) {
	l := listsFrom(nil, nil, nil)
	for _, s := range sheets {
		if s.name == "" || s.entity == "" || s.records == nil || s.read == nil || !s.external && (s.load == nil || s.rows == nil) {
			t.Errorf("%s: a spec needs a name, entity, records, load, rows and read (load and rows unless it is external)", s.name)
		}
		if s.records(translate.English) == "" {
			t.Errorf("%s: records names nothing", s.name)
		}
		if len(s.cols) == 0 || s.cols[0].header != idCol.header {
			t.Errorf("%s: the first column is not the ID column", s.name)
		}
		required := 0
		for i, c := range s.cols {
			if s.at(c.header) != i {
				t.Errorf("%s: two columns are called %q", s.name, c.header)
			}
			if c.required {
				required++
			}
			if c.kind == choice && len(c.choices) == 0 {
				t.Errorf("%s, %s: a choice column without choices", s.name, c.header)
			}
			if _, ok := l.values[c.list]; c.list != "" && !ok {
				t.Errorf("%s, %s: there is no list %q on the Lists sheet", s.name, c.header, c.list)
			}
			if c.note == "" || c.width == 0 {
				t.Errorf("%s, %s: a column needs a note and a width for the template", s.name, c.header)
			}
		}
		if required == 0 {
			t.Errorf("%s: no column is required, so any sheet of that name would be taken", s.name)
		}
	}
	for name, order := range map[string][]*sheetSpec{"sheets": sheets, "writeOrder": writeOrder, "readOrder": readOrder} {
		once := map[*sheetSpec]int{}
		for _, s := range order {
			once[s]++
		}
		written := 0
		for _, s := range sheets {
			want := 1
			if s.external && name != "sheets" {
				want = 0 // only ever read
			}
			if once[s] != want {
				t.Errorf("%s has the %s sheet %d times", name, s.name, once[s])
			}
			written += want
		}
		if len(order) != written {
			t.Errorf("%s has %d sheets, not %d", name, len(order), written)
		}
	}
}

// Facts that lived outside the specs were shared by every sheet, and so
// misplaced a few problems. Now that each sheet's spec holds them: a
// problem with a role's holder is in the Roles sheet's Holder column (it
// was in no column, the Holder of an assignment being its Person); the
// other words for organisation kinds are taken for an organisation's kind
// only, not for a gap's; and an HXL #org under a People sheet's
// Organisation column no longer makes that column the person's Name.
func TestSheetFactsStayInTheirSheet(t *testing.T) {
	f := newWorkspace(t)
	roles, err := f.Roles(false)
	if err != nil {
		t.Fatal(err)
	}
	role := ""
	for _, r := range roles {
		if r.Holder == "person" && r.Scope == "initiative" {
			role = r.Name
			break
		}
	}
	if role == "" {
		t.Fatal("no seeded role held by a person in the whole initiative")
	}
	first := writeBook(t, sheet{"People", [][]any{{"Name"}, {"Amina Otieno"}}},
		sheet{"Assignments", [][]any{{"Role", "Person", "Start"}, {role, "Amina Otieno", "2026-01-05"}}})
	wantClean(t, importBook(t, f, first, false))

	second := writeBook(t, sheet{"Roles", [][]any{{"Name", "Holder"}, {role, "An organisation"}}},
		sheet{"Gaps", [][]any{{"Title", "Kind"}, {"Engineers", "donor"}}},
		sheet{"People", [][]any{{"Name", "Organisation"}, {"#person+name", "#org"}, {"Baraka Mwangi", ""}}})
	r := importBook(t, f, second, true)
	wantProblem(t, r, "Roles", 2, "Holder", "cannot change")
	wantProblem(t, r, "Gaps", 2, "Kind", "is not one of the choices for Kind")
	for _, p := range r.Problems {
		if p.Sheet == "People" {
			t.Errorf("the People sheet with an HXL row has a problem: %s: %s", p.Where(), p.Message)
		}
	}
}
