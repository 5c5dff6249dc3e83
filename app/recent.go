package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

const prefRecent = "recent.files"

// maxRecent is how many recent workspaces the welcome screen lists.
const maxRecent = 8

// recentFiles keeps the recently opened workspaces in the preferences.
type recentFiles struct {
	prefs fyne.Preferences
}

// list returns the recent files, newest first, leaving out those that no
// longer exist.
func (r *recentFiles) list() []string {
	var out []string
	for _, p := range r.prefs.StringList(prefRecent) {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func (r *recentFiles) add(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, p := range r.prefs.StringList(prefRecent) {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	r.prefs.SetStringList(prefRecent, list)
}

func (r *recentFiles) remove(path string) {
	var list []string
	for _, p := range r.prefs.StringList(prefRecent) {
		if p != path {
			list = append(list, p)
		}
	}
	r.prefs.SetStringList(prefRecent, list)
}
