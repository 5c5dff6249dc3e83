package importexport

import (
	"testing"

	"cpw/translate"
	"cpw/workspace"
)

// With the window in Swahili, the workspace words its checks in Swahili and
// a workbook's problems still land on the workbook's own (English) columns,
// and English choice labels are still read.
func TestImportProblemsInAnotherLanguage(t *testing.T) {
	f := newDemo(t)
	sw := translate.For("sw")
	workspace.SetLanguage(sw)
	t.Cleanup(func() { workspace.SetLanguage(nil) })
	book := writeBook(t,
		sheet{"Organisations", [][]any{
			{"Name", "Kind"},
			{"", "CSO / NGO"},
			{"Kiswahili Org", "Academia"},
		}},
		sheet{"People", [][]any{
			{"Name", "E-mail", "Organisation"},
			{"Mary Achieng", "mary@", "Kiswahili Org"},
		}},
	)
	r := importBook(t, f, book, false)
	wantProblem(t, r, "Organisations", 2, "Name", sw("%s is required.", sw("Name")))
	wantProblem(t, r, "People", 2, "E-mail", "")
	if got := sheetResult(t, r, "Organisations"); got.New != 1 {
		t.Errorf("the row with an English kind was not read: %+v", got)
	}
}
