package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"cpw/workspace"
)

// The person report lists every field the workspace holds about the
// person, the roles they held, and the history of changes to their record;
// in Swahili too.
func TestPersonReportListsEverythingHeld(t *testing.T) {
	f := demo(t)
	as := mustAssignments(t, f, workspace.AssignmentFilter{})
	var p workspace.Person
	for _, a := range as {
		if a.PersonID != "" {
			q, err := f.Person(a.PersonID)
			if err == nil && q.Phone != "" && q.HomeUnitID != "" {
				p = q
				break
			}
		}
	}
	if p.ID == "" {
		for _, a := range as {
			if a.PersonID != "" {
				p, _ = f.Person(a.PersonID)
				break
			}
		}
	}
	p.Notes = "Prefers calls after 5 pm"
	p.Email = "amina.report@example.org"
	p.HouseholdSize = workspace.CountOf(7)
	p.SurveyID = "uuid:7f1c2b"
	p.Basis, p.ConsentOn, p.ConsentHow, p.ConsentBy = "consent", "2025-03-04", "Signed form at the cell meeting", "Mobilizer Grace Atieno"
	p, err := f.UpdatePerson(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetPrivacy(workspace.Privacy{Purposes: "Planning the upgrading of Mukuru with its residents.", RetentionMonths: 36}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveCopyFor(filepath.Join(t.TempDir(), "for-kplc.cpw"), workspace.CopyOptions{LeaveOut: workspace.LeaveOutContacts, For: "KPLC Nairobi"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "person.pdf")
	if err := WritePersonReport(f, path, PersonOptions{PersonID: p.ID, Date: briefDay}); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, path, 0, 0))
	want := []string{p.Name, p.Phone, p.Email, p.Position, "Prefers calls after 5 pm", "uuid:7f1c2b", "7",
		workspace.LabelIn(workspace.Genders, p.Gender, func(s string, a ...any) string { return s }),
		"Changes to the record", "Prefers calls after 5 pm", "KPLC Nairobi",
		"Their consent", "2025-03-04", "Signed form at the cell meeting", "Mobilizer Grace Atieno",
		"Planning the upgrading of Mukuru with its residents.", "36 months"}
	if p.OrganisationID != "" {
		o, _ := f.Organisation(p.OrganisationID)
		want = append(want, o.Name)
	}
	if p.HomeUnitID != "" {
		u, _ := f.Unit(p.HomeUnitID)
		want = append(want, u.Name)
	}
	for _, a := range mustAssignments(t, f, workspace.AssignmentFilter{PersonID: p.ID}) {
		r, _ := f.Role(a.RoleID)
		want = append(want, prefix(r.Name), a.StartOn)
	}
	for _, w := range want {
		if w != "" && !strings.Contains(text, squash(w)) {
			t.Errorf("the report lacks %q", w)
		}
	}
	sw := filepath.Join(t.TempDir(), "mtu.pdf")
	if err := WritePersonReport(f, sw, PersonOptions{PersonID: p.ID, Date: briefDay, Language: "sw"}); err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, sw, 0, 0)); !strings.Contains(text, p.Phone) || strings.Contains(text, "Changes to the record") {
		t.Errorf("the Swahili report: %.300s", text)
	}
	if err := WritePersonReport(f, path, PersonOptions{PersonID: "no-such-person"}); workspace.Code(err) != workspace.ErrNotFound {
		t.Errorf("a person not there: %v", err)
	}
}
