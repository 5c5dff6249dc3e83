package app

import (
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// cellsInView are the cells the table draws, found through the renderers
// as the window would draw them, by row.
func cellsInView(t *testing.T, table fyne.Widget) map[int][]*cell {
	t.Helper()
	out := map[int][]*cell{}
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *cell:
			out[w.row] = append(out[w.row], w)
			return
		case *fyne.Container:
			for _, c := range w.Objects {
				visit(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				visit(c)
			}
		}
	}
	visit(table)
	if len(out) == 0 {
		t.Fatal("the table draws no cells")
	}
	return out
}

// peopleScreen opens the small demo on its People section in a window of
// the program's size.
func peopleScreen(t *testing.T) (*ui, *listView[personRow]) {
	t.Helper()
	u, _ := openDemo(t)
	u.window.Resize(fyne.NewSize(1100, 720))
	u.screen.show(secPeople)
	l := u.screen.lists[secPeople].(*listView[personRow])
	if len(l.all) < 20 {
		t.Fatalf("the demo has %d people", len(l.all))
	}
	return u, l
}

// Enter opens the row that is selected, in a sorted and filtered table,
// whether the row was clicked or reached with the arrow keys, and after the
// table is sorted and filtered again.
func TestEnterOpensTheSelectedRow(t *testing.T) {
	u, l := peopleScreen(t)
	var opened []string
	open := l.onOpen
	l.onOpen = func(p personRow) { opened = append(opened, p.ID); open(p) }
	enter := func() {
		t.Helper()
		opened = nil
		l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if len(opened) != 1 {
			t.Fatalf("Enter opened %d records", len(opened))
		}
	}
	// what the selected row shows, and that it is the record read back
	// from the file under the id Enter opened.
	checkOpened := func(row int) {
		t.Helper()
		cells := cellsInView(t, l.table)[row]
		if len(cells) == 0 {
			t.Fatalf("row %d is not drawn", row)
		}
		p, err := u.file.Person(opened[0])
		if err != nil {
			t.Fatal(err)
		}
		if cells[0].Text != p.Name {
			t.Fatalf("row %d shows %q selected; Enter opened %q", row, cells[0].Text, p.Name)
		}
		if got := l.all[l.shown[row]].ID; got != p.ID {
			t.Fatalf("row %d holds %s; Enter opened %s", row, got, p.ID)
		}
		if u.screen.reopen == nil {
			t.Fatal("no record page is shown")
		}
		u.screen.show(secPeople) // back to the list, which reads its rows again
	}

	l.sortBy(0) // by name, Z to A
	test.Type(l.filter, "ki")
	if len(l.shown) < 8 || len(l.shown) == len(l.all) {
		t.Fatalf("%d of %d rows shown for 'ki'", len(l.shown), len(l.all))
	}
	// Clicked.
	test.Tap(cellsInView(t, l.table)[4][0])
	if l.selected != 4 {
		t.Fatalf("the click selected row %d", l.selected)
	}
	enter()
	checkOpened(4)

	// Reached with the arrow keys: the selection moves with them.
	l.sortBy(1) // by organisation, then by name again
	l.sortBy(0)
	l.filter.SetText("")
	test.Type(l.filter, "ki")
	test.Tap(cellsInView(t, l.table)[1][0])
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if l.selected != 3 {
		t.Fatalf("after a click on row 1, three Downs and an Up, row %d is selected", l.selected)
	}
	enter()
	checkOpened(3)

	// After a new filter the selection is gone: the first Down selects the
	// first row, and Enter opens it, not the row the keys were at before.
	l.filter.SetText("")
	test.Type(l.filter, "ki")
	test.Tap(cellsInView(t, l.table)[5][0])
	test.Type(l.filter, "n")
	l.focus()
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if l.selected != 0 {
		t.Fatalf("the first Down after filtering selected row %d", l.selected)
	}
	enter()
	checkOpened(0)
}

// Every list sorts its text in natural order: numbers as numbers, case
// aside; columns with a key of their own (amounts) by it.
func TestListsSortNaturally(t *testing.T) {
	_, l := peopleScreen(t)
	l.sortCol = 2 // home unit: "… / Cell 2" before "… / Cell 10"
	l.sort()
	homes := make([]string, len(l.shown))
	for i, idx := range l.shown {
		homes[i] = l.all[idx].home
	}
	if !sort.SliceIsSorted(homes, func(i, j int) bool { return naturalLess(homes[i], homes[j]) }) {
		t.Fatalf("home units not in natural order: %q", homes)
	}
	// The demo's homes tell cell 2 from cell 10 in one cluster or another.
	seen := map[string]bool{}
	for _, h := range homes {
		seen[h] = true
	}
	checked := false
	for _, h := range homes {
		if strings.HasSuffix(h, " / Cell 10") {
			two := strings.TrimSuffix(h, "10") + "2"
			if seen[two] {
				checked = true
				if indexOf(homes, two) > indexOf(homes, h) {
					t.Fatalf("%q comes after %q", two, h)
				}
			}
		}
	}
	if !checked {
		t.Fatal("the demo has no cluster with both cell 2 and cell 10 at home")
	}

	// The header sorted by carries the arrow, up when Z to A.
	arrows := func() map[string]string {
		out := map[string]string{}
		var visit func(o fyne.CanvasObject)
		visit = func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Button:
				if w.Icon != nil {
					out[w.Text] = w.Icon.Name()
				}
			case *fyne.Container:
				for _, c := range w.Objects {
					visit(c)
				}
			case fyne.Widget:
				for _, c := range test.WidgetRenderer(w).Objects() {
					visit(c)
				}
			}
		}
		visit(l.table)
		return out
	}
	l.sortBy(1)
	if got := arrows(); len(got) != 1 || got["Organisation"] != theme.MenuDropDownIcon().Name() {
		t.Fatalf("sorted by organisation, the headers' arrows are %v", got)
	}
	l.sortBy(1)
	if got := arrows(); len(got) != 1 || got["Organisation"] != theme.MenuDropUpIcon().Name() {
		t.Fatalf("sorted by organisation Z to A, the headers' arrows are %v", got)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func TestNaturalOrder(t *testing.T) {
	want := []string{"", "1", "2", "02", "10", "a", "Cell 2", "cell 2a", "Cell 10", "cell 10", "Cell 100", "cell 1000000000000", "Cell 9999999999999", "cellar", "Zone 3 Cell 1", "zone 10"}
	for i := 1; i < len(want); i++ {
		a, b := want[i-1], want[i]
		if naturalLess(b, a) {
			t.Errorf("naturalLess says %q before %q", b, a)
		}
		if naturalKey(b) < naturalKey(a) {
			t.Errorf("naturalKey puts %q (%q) before %q (%q)", b, naturalKey(b), a, naturalKey(a))
		}
	}
	if !naturalLess("Cell 2", "Cell 10") || naturalKey("Cell 10") <= naturalKey("cell 2") {
		t.Error("Cell 2 is not before Cell 10")
	}
}

// Typing and rubbing out in the filter, which narrows the rows shown
// without looking at them all, shows exactly the rows holding every word,
// in the order sorted.
func TestFilterAsTyped(t *testing.T) {
	u, l := peopleScreen(t)
	people := mustPeople(t, u.file)
	if len(people) != len(l.all) {
		t.Fatalf("%d rows for %d people", len(l.all), len(people))
	}
	l.sortBy(2) // by home unit
	sorted := l.rows()
	check := func() {
		t.Helper()
		words := strings.Fields(strings.ToLower(l.filter.Text))
		var want []string
		for _, r := range sorted {
			ok := true
			for _, w := range words {
				found := false
				for _, c := range l.cols {
					if strings.Contains(strings.ToLower(c.text(r)), w) {
						found = true
					}
				}
				ok = ok && found
			}
			if ok {
				want = append(want, r.ID)
			}
		}
		var got []string
		for _, r := range l.rows() {
			got = append(got, r.ID)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("filter %q: %d rows shown, %d hold its words", l.filter.Text, len(got), len(want))
		}
	}
	back := func(n int) {
		for range n {
			l.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
			check()
		}
	}
	for _, r := range "wanjiku cell 1" {
		test.Type(l.filter, string(r))
		check()
		if len(l.shown) == 0 || len(l.shown) == len(l.all) {
			t.Fatalf("the filter %q shows %d of %d rows: the test narrows nothing", l.filter.Text, len(l.shown), len(l.all))
		}
	}
	back(4)
	test.Type(l.filter, "2")
	check()
	back(20)
	if len(l.shown) != len(l.all) {
		t.Fatalf("an empty filter shows %d of %d rows", len(l.shown), len(l.all))
	}
}

// A header clicked while the rows are being read sorts the rows that come.
func TestSortWhileReading(t *testing.T) {
	u, l := peopleScreen(t)
	var pending func()
	u.background = func(f func()) { pending = f }
	if _, err := u.file.CreatePerson(workspace.Person{Name: "Aaron Cell 2 Zuberi"}); err != nil {
		t.Fatal(err)
	}
	l.reload()
	l.sortBy(0) // by name, Z to A (it was A to Z), before the rows come
	pending()
	rows := l.rows()
	if len(rows) != len(l.all) || len(rows) < 2 {
		t.Fatalf("%d of %d rows shown", len(rows), len(l.all))
	}
	stored := mustPeople(t, u.file)
	if len(rows) != len(stored) {
		t.Fatalf("%d rows for %d people stored", len(rows), len(stored))
	}
	for i := 1; i < len(rows); i++ {
		if naturalLess(rows[i-1].Name, rows[i].Name) {
			t.Fatalf("not sorted Z to A: %q before %q", rows[i-1].Name, rows[i].Name)
		}
	}
	if rows[len(rows)-1].Name != "Aaron Cell 2 Zuberi" {
		t.Fatalf("the last row is %q", rows[len(rows)-1].Name)
	}
}
