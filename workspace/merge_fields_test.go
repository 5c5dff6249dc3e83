package workspace

import (
	"path/filepath"
	"testing"
	"time"

	"cpw/translate"
)

// A conflict's differences name each field in the users' words, in the
// package's language, a choice by its label and the records it refers to
// by their names.
func TestMergeConflictDifferencesInWords(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateDemo(filepath.Join(dir, "demo.cpw"), DemoOptions{Scale: DemoSmall, Now: demoDay})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	copyPath := filepath.Join(dir, "copy.cpw")
	units, _ := f.Units(UnitFilter{})
	people, _ := f.People(PersonFilter{})
	p := people[0]
	p.Gender = "other" // both copies change it, from the same value
	p, err = f.UpdatePerson(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SaveCopy(copyPath); err != nil {
		t.Fatal(err)
	}
	p.HomeUnitID, p.Phone, p.Gender = units[1].ID, "0722 000 001", "female"
	if _, err := f.UpdatePerson(p); err != nil {
		t.Fatal(err)
	}
	theirs, err := Open(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Now = func() time.Time { return time.Now().Add(time.Hour) }
	p.HomeUnitID, p.Phone, p.Gender = units[2].ID, "0722 000 002", "male"
	if _, err := theirs.UpdatePerson(p); err != nil {
		t.Fatal(err)
	}
	theirs.Close()

	report, err := f.Merge(copyPath, MergeOptions{DryRun: true})
	if err != nil || len(report.Conflicts) != 1 {
		t.Fatalf("the merge of the copy: %+v %v", report, err)
	}
	got := report.Conflicts[0].Differences()
	want := []MergeField{{"Phone", "0722 000 001", "0722 000 002"}, {"Gender", "Female", "Male"}, {"Home unit", units[1].Name, units[2].Name}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("the differences are %+v, want %+v", got, want)
	}

	SetLanguage(translate.For("sw"))
	defer SetLanguage(nil)
	if l := FieldLabel("people", "home_unit_id"); l != "Kitengo cha nyumbani" {
		t.Errorf("home_unit_id in Swahili is %q", l)
	}
	if l := FieldLabel("people", "position"); l != translate.For("sw")("Position") {
		t.Errorf("a person's position in Swahili is %q", l)
	}
	if l := FieldLabel("sectors", "position"); l != "Mpangilio" {
		t.Errorf("a sector's position in Swahili is %q", l)
	}
}

// Every column a merge compares has a label of its own.
func TestEveryMergedColumnHasALabel(t *testing.T) {
	for _, m := range mergeTables {
		for _, c := range m.cols {
			_, ref := refLabels[m.name+"."+c]
			_, own := fieldLabels[m.name+"."+c]
			_, shared := fieldLabels[c]
			if !ref && !own && !shared {
				t.Errorf("%s.%s has no label", m.name, c)
			}
		}
	}
}

// Every column said to hold choices is one a merge compares.
func TestFieldChoicesNameMergedColumns(t *testing.T) {
	known := map[string]bool{}
	for _, m := range mergeTables {
		for _, c := range m.cols {
			known[m.name+"."+c] = true
		}
	}
	for k := range fieldChoices {
		if !known[k] {
			t.Errorf("%s is not a column a merge compares", k)
		}
	}
}

// A column that refers to another record is named as validation names it.
func TestReferringColumnsNamedAsValidationNamesThem(t *testing.T) {
	if l := FieldLabel("units", "parent_id"); l != "Parent unit" {
		t.Errorf("units.parent_id is %q", l)
	}
	if l := FieldLabel("people", "home_unit_id"); l != "Home unit" {
		t.Errorf("people.home_unit_id is %q", l)
	}
}
