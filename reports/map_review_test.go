package reports

import (
	"strings"
	"testing"

	"cpw/workspace"
)

// One segment without a boundary: the brief says "1 segments have no
// boundary" (the program words every other count by its number).
func TestReviewBriefOneSegmentWithoutBoundary(t *testing.T) {
	f := demo(t)
	segments, err := f.Units(workspace.UnitFilter{Level: "segment"})
	if err != nil {
		t.Fatal(err)
	}
	s, ok, err := f.UnitShapeOf(segments[0].ID)
	if err != nil || !ok {
		t.Fatal("no boundary", err)
	}
	if err := f.DeleteUnitShape(s.ID); err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, write(t, f, Options{}), 0, 0))
	if strings.Contains(text, "1 segments") {
		i := strings.Index(text, "1 segments")
		t.Errorf("the brief says %q", text[i:min(len(text), i+60)])
	}
}
