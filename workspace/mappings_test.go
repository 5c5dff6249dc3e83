package workspace

import (
	"strings"
	"testing"
)

// Answers about workbooks are remembered, corrected, forgotten, logged,
// and each travels on its own when copies merge: an answer given in one
// copy reaches the other without undoing the other's answers.
func TestImportMappingsRememberedAndMerged(t *testing.T) {
	cs := copies(t, 2)
	a, b := cs[0], cs[1]
	if err := a.Batch(true, func(bt *Batch) error {
		return bt.RememberImportMappings(map[string]string{"sheet|mobilizers": "People", "value|People|Gender|mwanamke": "Female"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := b.CorrectImportMapping("value|Organisations|Kind|cso/ngo (legal)", "", "CSO / NGO"); err != nil {
		t.Fatal(err)
	}
	if err := b.CorrectImportMapping("value|People|Gender|mwanaume", "", "Male"); err != nil {
		t.Fatal(err)
	}
	if err := b.CorrectImportMapping("", "", "Male"); err == nil {
		t.Error("an answer without a key was kept")
	}
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	got := map[string]string{}
	for _, m := range must[[]ImportMapping](t)(a.ImportMappings()) {
		got[m.Key] = m.Meaning
	}
	if len(got) != 4 || got["sheet|mobilizers"] != "People" || got["value|Organisations|Kind|cso/ngo (legal)"] != "CSO / NGO" {
		t.Errorf("after merging: %v", got)
	}
	// Forgotten, an answer stays forgotten when a copy that still has it
	// merges in again.
	if err := a.CorrectImportMapping("value|People|Gender|mwanaume", "Male", ""); err != nil {
		t.Fatal(err)
	}
	must[MergeReport](t)(a.Merge(b.Path(), MergeOptions{}))
	for _, m := range must[[]ImportMapping](t)(a.ImportMappings()) {
		if m.Key == "value|People|Gender|mwanaume" {
			t.Errorf("a forgotten answer came back: %+v", m)
		}
	}
	changes := must[[]Change](t)(a.Changes(ChangeFilter{}))
	logged := false
	for _, c := range changes {
		logged = logged || strings.Contains(c.Summary, "mobilizers → People")
	}
	if !logged {
		t.Error("remembering answers was not logged")
	}
}

// A correction made in the window applies only to the meaning the user
// saw: one another program changed meanwhile is not undone unseen.
func TestCorrectImportMappingRefusesAChangeMadeMeanwhile(t *testing.T) {
	f := newFile(t)
	key := "value|People|Gender|mwanamke"
	if err := f.CorrectImportMapping(key, "", "Female"); err != nil {
		t.Fatal(err)
	}
	if err := f.CorrectImportMapping(key, "Female", "Other gender"); err != nil { // another program, meanwhile
		t.Fatal(err)
	}
	if err := f.CorrectImportMapping(key, "Female", ""); err == nil || !strings.Contains(err.Error(), "Other gender") {
		t.Errorf("forgetting what the user no longer saw: %v", err)
	}
	if err := f.CorrectImportMapping(key, "Female", "Male"); err == nil {
		t.Error("a change over another program's change was kept")
	}
	if err := f.CorrectImportMapping(key, "Other gender", "Female"); err != nil {
		t.Errorf("a correction of what was seen: %v", err)
	}
	got := must[[]ImportMapping](t)(f.ImportMappings())
	if len(got) != 1 || got[0].Meaning != "Female" {
		t.Errorf("after the corrections: %+v", got)
	}
}
