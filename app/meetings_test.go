package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// rowOf is the line of a page whose text is text, with its buttons.
func rowOf(t *testing.T, o fyne.CanvasObject, text string) fyne.CanvasObject {
	t.Helper()
	var row fyne.CanvasObject
	walk(o, func(c fyne.CanvasObject) {
		box, isBox := c.(*fyne.Container)
		if !isBox || row != nil {
			return
		}
		for _, x := range box.Objects {
			if l, isLabel := x.(*widget.Label); isLabel && l.Text == text {
				row = box
			}
		}
	})
	if row == nil {
		t.Fatalf("no line %q in:\n%s", text, allText(o))
	}
	return row
}
