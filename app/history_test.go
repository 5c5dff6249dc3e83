package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// The history shows each change in the computer's time zone, named, and
// narrows to the user's day, while the change log keeps UTC: a change late
// in the evening in UTC is the next morning in Nairobi.
func TestHistoryInLocalTime(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("EAT", 3*60*60)
	t.Cleanup(func() { time.Local = saved })

	u, _ := openDemo(t)
	s := u.screen
	late := time.Date(2026, 11, 27, 22, 30, 0, 0, time.UTC)
	u.file.Now = func() time.Time { return late }
	if _, err := u.file.CreateSector(workspace.Sector{Name: "Transport"}); err != nil {
		t.Fatal(err)
	}
	s.show(secHistory)
	l := s.lists[secHistory].(*listView[changeRow])
	l.reload()
	transport := func() (changeRow, bool) {
		for _, c := range l.rows() {
			if c.Entity == "sector" && c.Action == "create" && c.At == "2026-11-27T22:30:00.000Z" {
				return c, true
			}
		}
		return changeRow{}, false
	}
	// What is stored stays UTC.
	stored, err := u.file.Changes(workspace.ChangeFilter{Entity: "sector", Since: "2026-11-27T22:00:00.000Z"})
	if err != nil || len(stored) != 1 || stored[0].At != "2026-11-27T22:30:00.000Z" {
		t.Fatalf("the change log holds %+v (%v), not the change at 22:30 UTC", stored, err)
	}
	c, ok := transport()
	if !ok {
		t.Fatal("the history lacks the new sector")
	}
	if l.cols[0].title != "When" {
		t.Errorf("the first column is %q", l.cols[0].title)
	}
	if got := l.cols[0].text(c); got != "2026-11-28 01:30 EAT" {
		t.Errorf("the history shows %q, not the local time with its zone", got)
	}

	// The day typed is the user's: the change at 01:30 on the 28th, local
	// time, is in the history since the 28th (in UTC it was the 27th).
	var since *widget.Entry
	walk(l.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "Since YYYY-MM-DD" {
			since = e
		}
	})
	if since == nil {
		t.Fatal("the history has no Since field")
	}
	since.SetText("2026-11-28")
	if _, ok := transport(); !ok {
		t.Errorf("the history since 2026-11-28 (local) lacks the change at 01:30 local time: %d rows", len(l.rows()))
	}
	since.SetText("2026-11-29")
	if _, ok := transport(); ok || len(l.rows()) != 0 {
		t.Errorf("the history since 2026-11-29 shows %d rows", len(l.rows()))
	}
}
