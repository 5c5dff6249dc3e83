package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// changeRow is one entry of the change log.
type changeRow = workspace.Change

// historyList is the History section: the change log, newest first,
// narrowed by kind of record and by day.
func (s *workspaceScreen) historyList() *listView[changeRow] {
	f := s.file
	// The select shows the kinds in the window's language; the filter
	// takes the change log's own (English) names, by position.
	kinds := []string{lang.L("Every kind of record")}
	for _, e := range historyEntities {
		kinds = append(kinds, entityWords(e))
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelected(kinds[0])
	since := widget.NewEntry()
	since.SetPlaceHolder(lang.L("Since YYYY-MM-DD"))
	var l *listView[changeRow]
	l = newListView(s.ui, lang.L("change"), lang.L("changes"), []column[changeRow]{
		{title: lang.L("When"), width: 180, text: func(c changeRow) string { return localTime(c.At) },
			sortKey: func(c changeRow) string { return c.At }},
		{title: lang.L("Who"), width: 120, text: func(c changeRow) string { return c.Author }},
		{title: lang.L("Record"), width: 150, text: func(c changeRow) string { return entityWords(c.Entity) }},
		{title: lang.L("Change"), width: 80, text: func(c changeRow) string { return actionWords(c.Action) }},
		{title: lang.L("What"), width: 640, text: func(c changeRow) string { return c.Summary }},
	}, nil)
	// Read on the UI thread before each load; each load gets its own copy.
	l.snapshot = func() func() ([]changeRow, error) {
		filter := workspace.ChangeFilter{}
		if i := kind.SelectedIndex(); i > 0 && i <= len(historyEntities) {
			filter.Entity = historyEntities[i-1]
		}
		if d := strings.TrimSpace(since.Text); d != "" {
			day, err := time.ParseInLocation(workspace.DateLayout, d, time.Local)
			if err != nil {
				err := fieldError(lang.L("Since"), fmt.Sprintf(lang.L("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-03-31."), d))
				return func() ([]changeRow, error) { return nil, err }
			}
			// The day is the user's, from its local midnight; the log
			// keeps UTC.
			filter.Since = day.UTC().Format(workspace.StampLayout)
		}
		return func() ([]changeRow, error) { return f.Changes(filter) }
	}
	l.desc = true
	l.filters = []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(210, kind.MinSize().Height), kind),
		container.NewGridWrap(fyne.NewSize(160, since.MinSize().Height), since)}
	kind.OnChanged = func(string) { l.reload() }
	since.OnSubmitted = func(string) { l.reload() }
	since.OnChanged = func(t string) {
		if t == "" || len(t) == len(workspace.DateLayout) {
			l.reload()
		}
	}
	l.onOpen = s.offerRevert
	return l.build()
}

// localTime writes a time of the change log in the computer's time zone,
// with the zone named: "2026-04-03 14:05 EAT". One it cannot read is shown
// as the log has it.
func localTime(at string) string {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return at
	}
	return t.In(time.Local).Format("2006-01-02 15:04 MST")
}

// historyEntities are the kinds of record the history can be narrowed to,
// as the change log names them (identifiers: shown through entityWords).
var historyEntities = []string{"organisation", "person", "consortium", "consortium member", "role", "assignment",
	"resource gap", "meeting", "community unit", "sector", "setting", "workspace"}

// entityWords names a kind of record of the change log in the window's
// language; one it does not know is shown as the log has it.
func entityWords(entity string) string {
	switch entity {
	case "organisation":
		return lang.L("organisation")
	case "person":
		return lang.L("person")
	case "consortium":
		return lang.L("consortium")
	case "consortium member":
		return lang.L("consortium member")
	case "role":
		return lang.L("role")
	case "assignment":
		return lang.L("assignment")
	case "resource gap":
		return lang.L("resource gap")
	case "gap candidate":
		return lang.L("gap candidate")
	case "meeting":
		return lang.L("meeting")
	case "decision":
		return lang.L("decision")
	case "follow-up action":
		return lang.L("follow-up action")
	case "community unit":
		return lang.L("community unit")
	case "sector":
		return lang.L("sector")
	case "setting":
		return lang.L("setting")
	case "workspace":
		return lang.L("workspace")
	}
	return entity
}

// actionWords names what a change of the change log did, in the window's
// language.
func actionWords(action string) string {
	switch action {
	case "create":
		return lang.L("create")
	case "update":
		return lang.L("update")
	case "delete":
		return lang.L("delete")
	case "merge":
		return lang.L("merge")
	case "sync":
		return lang.L("sync")
	case "import":
		return lang.L("import")
	case "undo":
		return lang.L("undo")
	case "redo":
		return lang.L("redo")
	}
	return action
}
