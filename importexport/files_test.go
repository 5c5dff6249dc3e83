package importexport

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"cpw/workspace"
)

// refusedWith imports path and wants it refused with a message holding
// want, the workspace file unchanged.
func refusedWith(t *testing.T, path string, lim Limits, want string) {
	t.Helper()
	f := newDemo(t)
	before := digest(t, f.Path())
	r, err := Import(context.Background(), f, path, ImportOptions{Limits: lim})
	var refused *RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("want a refusal saying %q, got %v (report %+v)", want, err, r)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("refusal %q does not say %q", err, want)
	}
	if digest(t, f.Path()) != before {
		t.Fatal("a refused workbook changed the workspace")
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRefusesWhatIsNotAWorkbook(t *testing.T) {
	t.Run("text renamed", func(t *testing.T) {
		refusedWith(t, writeFile(t, "partners.xlsx", []byte("Name,Kind\nAMT,NGO\n")), DefaultLimits, "is not an Excel workbook (.xlsx)")
	})
	t.Run("missing", func(t *testing.T) {
		refusedWith(t, filepath.Join(t.TempDir(), "gone.xlsx"), DefaultLimits, "There is no file")
	})
	t.Run("empty", func(t *testing.T) {
		refusedWith(t, writeFile(t, "empty.xlsx", nil), DefaultLimits, "is empty")
	})
	t.Run("folder", func(t *testing.T) {
		refusedWith(t, t.TempDir(), DefaultLimits, "is a folder")
	})
	t.Run("password", func(t *testing.T) {
		x := excelize.NewFile()
		x.SetCellValue("Sheet1", "A1", "Name")
		path := filepath.Join(t.TempDir(), "locked.xlsx")
		if err := x.SaveAs(path, excelize.Options{Password: "secret"}); err != nil {
			t.Fatal(err)
		}
		refusedWith(t, path, DefaultLimits, "protected with a password")
	})
	t.Run("damaged", func(t *testing.T) {
		good, err := os.ReadFile(writeBook(t, sheet{"Organisations", [][]any{{"Name"}, {"AMT"}}}))
		if err != nil {
			t.Fatal(err)
		}
		refusedWith(t, writeFile(t, "cut.xlsx", good[:len(good)/2]), DefaultLimits, "is damaged")
	})
	t.Run("zip without a workbook", func(t *testing.T) {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.Create("notes.txt")
		w.Write([]byte("hello"))
		z.Close()
		refusedWith(t, writeFile(t, "notes.xlsx", buf.Bytes()), DefaultLimits, "has no workbook inside")
	})
}

func TestRefusesAWorkbookOver100MB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.xlsx")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	fh.Write([]byte("PK\x03\x04"))
	if err := fh.Truncate(101 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	fh.Close()
	refusedWith(t, path, DefaultLimits, "is 101 MB, over the 100 MB this program imports")
}

// A zip that claims to unpack to more than the limit is refused before
// anything is unpacked.
func TestRefusesAZipThatUnpacksTooLarge(t *testing.T) {
	good, err := os.ReadFile(writeBook(t, sheet{"Organisations", [][]any{{"Name"}, {"AMT"}}}))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := z.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		r, _ := f.Open()
		b := new(bytes.Buffer)
		b.ReadFrom(r)
		w.Write(b.Bytes())
	}
	// A part that says it unpacks to 2 GB. Nothing is unpacked to find out:
	// the sizes in the zip's directory are read first (and a part that
	// unpacks to more than it says is a damaged zip to Go's reader).
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	fw.Write(make([]byte, 1<<20))
	fw.Close()
	w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/media/padding.bin", Method: zip.Deflate,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 2 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	z.Close()
	refusedWith(t, writeFile(t, "bomb.xlsx", buf.Bytes()), DefaultLimits, "unpacks to more than 1024 MB")
}

// rawBook writes a workbook by hand, with one sheet of inline-string cells,
// for what excelize itself refuses to write (a cell over Excel's limit).
func rawBook(t *testing.T, sheetName string, rows [][]string) string {
	t.Helper()
	return writeFile(t, "raw.xlsx", zipParts(t, bookParts(sheetName, inlineSheetXML("", rows)), nil))
}

func TestRefusesACellOverExcelsLimit(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	long := strings.Repeat("a", 32768)
	book := rawBook(t, "Organisations", [][]string{{"Name", "Notes"}, {"Fine Org", "ok"}, {"Long Org", long}})
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Organisations", 3, "Notes", "32,768 characters, more than the 32,767")
	if p := r.Problems[0]; p.Letter != "B" {
		t.Errorf("the long cell is placed in column %q", p.Letter)
	}
	if r.Written || digest(t, f.Path()) != before {
		t.Fatal("a workbook with an over-long cell was written")
	}
}

func TestRefusesASheetOverTheRowLimit(t *testing.T) {
	f := newDemo(t)
	before := digest(t, f.Path())
	rows := [][]any{{"Name"}}
	for i := 0; i < 30; i++ {
		rows = append(rows, []any{fmt.Sprintf("Org %d", i)})
	}
	book := writeBook(t, sheet{"Organisations", rows})
	lim := DefaultLimits
	lim.Rows = 20 // the real limit is 1,000,000: the same code path, a smaller file
	r, err := Import(context.Background(), f, book, ImportOptions{Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, r, "Organisations", 21, "", "more than 20 rows")
	if r.Written || digest(t, f.Path()) != before {
		t.Fatal("an over-long sheet was written")
	}
}

// Text a spreadsheet could take for a formula is written so it cannot, and
// comes back as it was.
func TestExportNeutralisesFormulasAndRoundTrips(t *testing.T) {
	src := newDemo(t)
	orgs, _ := src.Organisations()
	o := orgs[0]
	o.Notes = `=HYPERLINK("http://example.org","click")`
	o.Interests = "-better drainage"
	if _, err := src.UpdateOrganisation(o); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "out.xlsx")
	if err := Export(context.Background(), src, book, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Organisations")
	var found bool
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(c, "'=") {
					t.Errorf("formula text written as %q", c)
				}
			}
		}
	}
	formulas := 0
	for _, name := range x.GetSheetList() {
		cells, _ := x.GetRows(name)
		for r := range cells {
			for c := range cells[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if f, _ := x.GetCellFormula(name, ref); f != "" {
					formulas++
				}
			}
		}
	}
	x.Close()
	if !found || formulas != 0 {
		t.Fatalf("found %v, %d formulas", found, formulas)
	}
	dst := newWorkspace(t)
	wantClean(t, importBook(t, dst, book, false))
	back, err := dst.Organisation(o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if back.Notes != o.Notes || back.Interests != o.Interests {
		t.Fatalf("came back as %q / %q", back.Notes, back.Interests)
	}
}

// Contact columns are written only when asked for, and an import of a
// workbook without them never clears the contacts the workspace holds.
func TestContactsOnlyWhenAsked(t *testing.T) {
	src := newDemo(t)
	book := filepath.Join(t.TempDir(), "plain.xlsx")
	if err := Export(context.Background(), src, book, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := x.GetRows("People")
	x.Close()
	for _, h := range head[0] {
		if h == "Phone" || h == "E-mail" {
			t.Fatalf("contact column %q exported without --with-contacts", h)
		}
	}
	var withEmail int
	people, _ := src.People(workspace.PersonFilter{})
	for _, p := range people {
		if p.Email != "" {
			withEmail++
		}
	}
	if withEmail == 0 {
		t.Fatal("the demo has no e-mail addresses to keep")
	}
	r := importBook(t, src, book, false)
	wantClean(t, r)
	if c, u, _ := r.Totals(); c != 0 || u != 0 {
		t.Fatalf("re-importing the export changed records: %s", r.Summary())
	}
	after, _ := src.People(workspace.PersonFilter{})
	kept := 0
	for _, p := range after {
		if p.Email != "" {
			kept++
		}
	}
	if kept != withEmail {
		t.Fatalf("%d e-mail addresses before, %d after", withEmail, kept)
	}
}

func TestTemplate(t *testing.T) {
	f := newDemo(t)
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := WriteTemplate(f, path, TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{"Organisations", "Activities", "People", "Consortia", "Members", "Assignments", "Gaps", "Candidates", "Meetings", "Decisions", "Actions", "Units", "Roles", "Lists"}
	if got := x.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v", got)
	}
	for _, s := range writeOrder {
		comments, err := x.GetComments(s.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(comments) != len(s.cols) {
			t.Errorf("%s: %d header notes for %d columns", s.name, len(comments), len(s.cols))
		}
	}
	dvs, err := x.GetDataValidations("Organisations")
	if err != nil {
		t.Fatal(err)
	}
	var kinds bool
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "D2:") && strings.Contains(dv.Formula1, "Lists!$A$2:$A$15") {
			kinds = true
		}
	}
	if !kinds {
		t.Errorf("no dropdown of organisation kinds: %+v", dvs)
	}
	lists, _ := x.GetCols("Lists")
	found := map[string][]string{}
	for _, c := range lists {
		values := c[1:]
		for len(values) > 0 && values[len(values)-1] == "" {
			values = values[:len(values)-1]
		}
		found[c[0]] = values
	}
	if len(found["Consortium codes"]) != 8 || len(found["Roles"]) != 21 || len(found["Sectors"]) != 8 || found["Organisation kinds"][0] != "County / local-government department" {
		t.Errorf("lists: %v", found)
	}
	// A filled-in template imports.
	x.SetCellValue("Organisations", "B2", "Mukuru Youth Group")
	x.SetCellValue("Organisations", "D2", "Community-based organisation")
	x.SetCellValue("Organisations", "F2", "Education, youth and culture")
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	r := importBook(t, f, path, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Organisations"); got.New != 1 {
		t.Fatalf("%+v", got)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"46112": "2026-03-31", "2026-03-31": "2026-03-31", "31/03/2026": "2026-03-31", "3/31/2026": "2026-03-31",
		"03/04/2026": "2026-04-03", "31 March 2026": "2026-03-31", "31-Mar-2026": "2026-03-31", "Mar 31, 2026": "2026-03-31",
		"2026-03-31T00:00:00Z": "2026-03-31", "31.03.2026": "2026-03-31",
	} {
		if got, ok := parseDate(in); !ok || got != want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"31/02/2026", "soon", "13/13/2026", "-5", "2026"} {
		if got, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %q, want a refusal", bad, got)
		}
	}
}

func TestParseWhole(t *testing.T) {
	for in, want := range map[string]int64{"1250000": 1250000, "1,250,000": 1250000, "KES 40 000": 40000, "12.0": 12, "1.25E+6": 1250000} {
		if got, ok := parseWhole(in); !ok || got != want {
			t.Errorf("parseWhole(%q) = %d, %v", in, got, ok)
		}
	}
	for _, bad := range []string{"lots", "12.5", "NaN", "1e30"} {
		if _, ok := parseWhole(bad); ok {
			t.Errorf("parseWhole(%q) accepted", bad)
		}
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
