package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// column is one column of a list: its header, width and the text of a row.
type column[T any] struct {
	title string
	width float32
	text  func(T) string
	// sortKey orders the column when it differs from the text (amounts,
	// dates written for reading); nil sorts by the text.
	sortKey func(T) string
}

// listView is a table of records with a filter box that narrows as you
// type, a count of shown and total rows, headers that sort when clicked,
// and actions to add, edit and delete. Rows are loaded off the UI thread.
type listView[T any] struct {
	ui     *ui
	noun   string // lang.L("organisation"): the caller translates it; for buttons and messages
	plural string
	cols   []column[T]
	load   func() ([]T, error)
	onNew  func()           // nil: no New button
	onOpen func(T)          // double-click, Enter or the Open button
	onDel  func(T)          // nil: no Delete button
	extra  []*widget.Button // more actions on the selected row
	// onChoose is told the row chosen (ok false when none is).
	onChoose func(row T, ok bool)
	extraOn  []func(T)

	all      []T
	hay      []string   // see rowIndex
	keys     [][]string // see rowIndex
	order    []int      // indexes into all, sorted; made when the rows or the sort change
	shown    []int      // the rows of order the filter lets through, in order
	words    []string   // the filter's words that shown was made with
	narrowed bool       // shown is order filtered by words
	sortCol  int
	desc     bool
	selected int // index into shown, -1 for none
	loads    int // guards against a slow load overwriting a newer one

	filter  *filterEntry
	filters []fyne.CanvasObject // more ways to narrow, beside the filter box
	count   *widget.Label
	table   *listTable
	// snapshot runs on the UI thread before each load, to read what the
	// load needs from widgets (the load itself runs on another goroutine).
	snapshot func() func() ([]T, error)
	content  fyne.CanvasObject
	buttons  []*widget.Button // enabled only with a row selected
}

func newListView[T any](u *ui, noun, plural string, cols []column[T], load func() ([]T, error)) *listView[T] {
	return &listView[T]{ui: u, noun: noun, plural: plural, cols: cols, load: load, sortCol: 0, selected: -1}
}

// build makes the widgets; call it after setting the actions.
func (l *listView[T]) build() *listView[T] {
	l.filter = newFilterEntry(l.ui)
	l.filter.SetPlaceHolder(fmt.Sprintf(lang.L("Filter %s (Ctrl+F)"), l.plural))
	l.filter.OnChanged = func(string) { l.apply() }
	// Enter in the filter opens the row chosen, or the only one left.
	l.filter.OnSubmitted = func(string) {
		if l.selected < 0 && len(l.shown) == 1 {
			l.selectRow(0)
		}
		l.open()
	}
	l.count = widget.NewLabel("")
	l.table = newListTable(l)
	l.table.Length = func() (int, int) { return len(l.shown), len(l.cols) }
	l.table.CreateCell = func() fyne.CanvasObject { return newCell(l) }
	l.table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := o.(*cell)
		c.row = id.Row
		if id.Row < len(l.shown) {
			// A label set to the text it has is not measured and laid
			// out again: most cells keep theirs from one key to the next.
			if text := l.cols[id.Col].text(l.all[l.shown[id.Row]]); text != c.Text {
				c.SetText(text)
			}
		}
	}
	l.table.ShowHeaderRow = true
	l.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(l.cols) {
			b.SetText("")
			return
		}
		title := l.cols[id.Col].title
		var icon fyne.Resource
		if id.Col == l.sortCol {
			icon = theme.MenuDropDownIcon()
			if l.desc {
				icon = theme.MenuDropUpIcon()
			}
		}
		// The headers are updated with the cells on every key in the
		// filter: a header left as it was is not drawn again.
		if b.Text != title || iconName(b.Icon) != iconName(icon) {
			b.Icon = icon
			b.SetText(title)
		}
		col := id.Col
		b.OnTapped = func() { l.sortBy(col) }
	}
	for i, c := range l.cols {
		// Wide enough for the header with its sort arrow, in whatever
		// language it is written.
		h := widget.NewButtonWithIcon(c.title, theme.MenuDropDownIcon(), nil)
		l.table.SetColumnWidth(i, max(c.width, h.MinSize().Width))
	}
	l.table.OnSelected = func(id widget.TableCellID) { l.choose(id.Row) }
	l.table.OnUnselected = func(widget.TableCellID) { l.choose(-1) }

	var bar []fyne.CanvasObject
	if l.onNew != nil {
		add := widget.NewButtonWithIcon(fmt.Sprintf(lang.L("New %s…"), l.noun), theme.ContentAddIcon(), l.onNew)
		add.Importance = widget.HighImportance
		bar = append(bar, add)
	}
	if l.onOpen != nil {
		open := widget.NewButtonWithIcon(lang.L("Open…"), theme.DocumentIcon(), func() { l.withSelected(l.onOpen) })
		l.buttons = append(l.buttons, open)
		bar = append(bar, open)
	}
	for i, b := range l.extra {
		fn := l.extraOn[i]
		b.OnTapped = func() { l.withSelected(fn) }
		l.buttons = append(l.buttons, b)
		bar = append(bar, b)
	}
	if l.onDel != nil {
		del := widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), func() { l.withSelected(l.onDel) })
		l.buttons = append(l.buttons, del)
		bar = append(bar, del)
	}
	l.choose(-1)
	var left fyne.CanvasObject
	if len(l.filters) > 0 {
		left = container.NewHBox(l.filters...)
	}
	top := container.NewBorder(nil, nil, left, container.NewHBox(bar...), l.filter)
	l.content = container.NewBorder(container.NewPadded(top), container.NewPadded(l.count), nil, nil, l.table)
	return l
}

func iconName(r fyne.Resource) string {
	if r == nil {
		return ""
	}
	return r.Name()
}

// addAction adds a button that acts on the selected row.
func (l *listView[T]) addAction(label string, icon fyne.Resource, fn func(T)) {
	l.extra = append(l.extra, widget.NewButtonWithIcon(label, icon, nil))
	l.extraOn = append(l.extraOn, fn)
}

// reload reads the rows again off the UI thread and shows them, keeping the
// filter and the sort.
func (l *listView[T]) reload() {
	load := l.load
	if l.snapshot != nil {
		load = l.snapshot()
	}
	l.loads++
	run := l.loads
	cols, sortCol, desc := l.cols, l.sortCol, l.desc
	l.ui.background(func() {
		rows, err := load()
		var x *rowIndex
		if err == nil {
			x = newRowIndex(cols, rows, sortCol, desc)
		}
		fyne.Do(func() {
			if run != l.loads {
				return
			}
			if err != nil {
				l.ui.showError(err)
				return
			}
			l.use(rows, x)
		})
	})
}

// rowIndex is what the filter and the sort need of the rows, made once per
// load, on the goroutine that read them, so that a key in the filter only
// narrows and the UI thread does not wait for 21,000 rows to be sorted.
type rowIndex struct {
	hay []string // each row's text, lower case, for the filter
	// keys are the sort keys of a column's rows, made when the rows are
	// first sorted by it (nil until then).
	keys    [][]string
	order   []int // indexes into the rows, sorted by sortCol and desc
	sortCol int
	desc    bool
}

func newRowIndex[T any](cols []column[T], rows []T, sortCol int, desc bool) *rowIndex {
	x := &rowIndex{hay: make([]string, len(rows)), keys: make([][]string, len(cols)), sortCol: sortCol, desc: desc}
	texts := make([]string, len(cols))
	for i, r := range rows {
		for c, col := range cols {
			texts[c] = col.text(r)
		}
		x.hay[i] = strings.ToLower(strings.Join(texts, "\x00"))
	}
	x.order = sortedOrder(cols, rows, x.keys, sortCol, desc, nil)
	return x
}

// sortedOrder returns the indexes of the rows sorted by a column (-1 keeps
// the order rows were read in: the role catalogue's own), reusing order's
// room, and fills in the column's keys if they are not made yet.
func sortedOrder[T any](cols []column[T], rows []T, keys [][]string, c int, desc bool, order []int) []int {
	if cap(order) < len(rows) {
		order = make([]int, len(rows))
	}
	order = order[:len(rows)]
	for i := range order {
		order[i] = i
	}
	if c < 0 || c >= len(cols) {
		return order
	}
	if keys[c] == nil {
		col := cols[c]
		k := make([]string, len(rows))
		for i, r := range rows {
			if col.sortKey != nil {
				k[i] = col.sortKey(r)
			} else {
				k[i] = naturalKey(col.text(r))
			}
		}
		keys[c] = k
	}
	k := keys[c]
	sort.SliceStable(order, func(a, b int) bool {
		if desc {
			return k[order[a]] > k[order[b]]
		}
		return k[order[a]] < k[order[b]]
	})
	return order
}

// use shows rows with their index, sorting them again if the sort was
// changed while they were read.
func (l *listView[T]) use(rows []T, x *rowIndex) {
	l.all, l.hay, l.keys, l.order = rows, x.hay, x.keys, x.order
	if x.sortCol != l.sortCol || x.desc != l.desc {
		l.sort()
	} else {
		l.narrowed = false
		l.apply()
	}
	traceLog.event("rows %s %d", l.plural, len(rows))
}

// sort orders the rows by the sort column and shows those the filter lets
// through.
func (l *listView[T]) sort() {
	if len(l.keys) != len(l.cols) { // no rows read yet
		l.keys = make([][]string, len(l.cols))
	}
	l.order = sortedOrder(l.cols, l.all, l.keys, l.sortCol, l.desc, l.order)
	l.narrowed = false
	l.apply()
}

// apply shows the rows whose text holds every word of the filter, in the
// sorted order, and redraws the table. A filter that only adds to what was
// typed narrows the rows already shown instead of looking at them all.
func (l *listView[T]) apply() {
	words := strings.Fields(strings.ToLower(l.filter.Text))
	from := l.order
	if l.narrowed && narrows(l.words, words) {
		from = l.shown // filtered in place: a row is written where it was read or before
	}
	shown := l.shown[:0]
	for _, i := range from {
		if holdsAll(l.hay[i], words) {
			shown = append(shown, i)
		}
	}
	l.shown, l.words, l.narrowed = shown, words, true
	l.finishApply()
}

// holdsAll reports whether hay (in lower case) holds every word of a
// filter: a list's, a picker's, the remembered answers'.
func holdsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// narrows says whether every row holding the words now also holds the
// words before: each word before is inside one of now's.
func narrows(before, now []string) bool {
	for _, b := range before {
		found := false
		for _, w := range now {
			if strings.Contains(w, b) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (l *listView[T]) finishApply() {
	switch {
	case len(l.shown) != len(l.all):
		l.count.SetText(fmt.Sprintf(lang.L("%s of %s %s"), thousands(len(l.shown)), thousands(len(l.all)), l.plural))
	case len(l.all) == 1:
		l.count.SetText(fmt.Sprintf(lang.L("1 %s"), l.noun))
	default:
		// A count and its noun: "12 organisations"; Swahili puts the
		// number after the noun.
		l.count.SetText(fmt.Sprintf(lang.L("%s %s"), thousands(len(l.all)), l.plural))
	}
	l.table.UnselectAll()
	l.choose(-1)
	// Scrolling to the top redraws the cells in view (and the headers'
	// sort arrows), and only those: the rows left may all sit above where
	// the table was scrolled to. The table's own Refresh would also make a
	// header and a cell to measure and lay the table out again, on every key.
	l.table.ScrollToTop()
}

// sortBy sorts by a column; a second click on it reverses the order.
func (l *listView[T]) sortBy(col int) {
	if l.sortCol == col {
		l.desc = !l.desc
	} else {
		l.sortCol, l.desc = col, false
	}
	l.sort()
}

func (l *listView[T]) choose(row int) {
	l.selected = row
	if l.onChoose != nil {
		if row >= 0 && row < len(l.shown) {
			l.onChoose(l.all[l.shown[row]], true)
		} else {
			var zero T
			l.onChoose(zero, false)
		}
	}
	for _, b := range l.buttons {
		if row >= 0 && row < len(l.shown) {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (l *listView[T]) withSelected(fn func(T)) {
	if l.selected >= 0 && l.selected < len(l.shown) {
		fn(l.all[l.shown[l.selected]])
	}
}

// open opens the selected row (Enter, double-click).
func (l *listView[T]) open() {
	if l.onOpen != nil {
		l.withSelected(l.onOpen)
	}
}

// cell is a table cell that selects its row when tapped and opens it when
// double-tapped.
type cell struct {
	widget.Label
	row    int
	opener interface {
		selectRow(int)
		open()
		focus()
	}
}

func newCell[T any](l *listView[T]) *cell {
	c := &cell{opener: l}
	c.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) Tapped(*fyne.PointEvent) {
	c.opener.selectRow(c.row)
	c.opener.focus() // so that Enter and Delete act on the row
}

func (c *cell) DoubleTapped(*fyne.PointEvent) {
	c.opener.selectRow(c.row)
	c.opener.open()
}

func (l *listView[T]) selectRow(row int) {
	l.table.Select(widget.TableCellID{Row: row, Col: 0})
}

// step selects the row delta rows below the selected one (above when
// negative), or the first row when none is selected.
func (l *listView[T]) step(delta int) {
	if len(l.shown) == 0 {
		return
	}
	row := l.selected + delta
	if l.selected < 0 {
		row = 0
	}
	l.selectRow(min(max(row, 0), len(l.shown)-1))
}

func (l *listView[T]) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.table); c != nil {
		c.Focus(l.table)
	}
}

// remove deletes the selected row (the Delete key).
func (l *listView[T]) remove() {
	if l.onDel != nil {
		l.withSelected(l.onDel)
	}
}

// listTable is the table of a list: Enter opens the row chosen and Delete
// deletes it; Up and Down choose the row above or below, Space the first.
//
// Up and Down move the selection itself. The table's own keys move a
// cursor of their own, drawn like a highlight, and leave the selection
// where it was, so Enter opened the row clicked last rather than the one
// the keys had come to; and after a filter or a sort the cursor stayed at
// its place among rows that had changed under it.
type listTable struct {
	widget.Table
	keys tableKeys
}

type tableKeys interface {
	open()
	remove()
	step(int)
}

func newListTable(keys tableKeys) *listTable {
	t := &listTable{keys: keys}
	t.ExtendBaseWidget(t)
	return t
}

func (t *listTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.keys.open()
	case fyne.KeyDelete:
		t.keys.remove()
	case fyne.KeySpace: // chooses the first row when none is chosen
		t.keys.step(0)
	case fyne.KeyDown:
		t.keys.step(1)
	case fyne.KeyUp:
		t.keys.step(-1)
	default:
		t.Table.TypedKey(e)
	}
}

// filterEntry is a list's filter box. The window's shortcuts (Ctrl+N,
// Ctrl+O) still work while it has the focus, which an entry would
// otherwise keep to itself.
type filterEntry struct {
	widget.Entry
	ui *ui
}

func newFilterEntry(u *ui) *filterEntry {
	e := &filterEntry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

func (e *filterEntry) TypedRune(r rune) {
	traceLog.key(func() { e.Entry.TypedRune(r) })
}

func (e *filterEntry) TypedKey(k *fyne.KeyEvent) {
	// A letter comes as a key and then as a rune: only the rune is traced.
	if k.Name != fyne.KeyBackspace && k.Name != fyne.KeyDelete {
		e.Entry.TypedKey(k)
		return
	}
	traceLog.key(func() { e.Entry.TypedKey(k) })
}

func (e *filterEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.ui.windowShortcut(cs) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// confirmDelete says what else refers to a record and asks before deleting
// it; the deletion runs off the UI thread, then after runs. A record others
// must keep referring to is not offered for deletion at all.
func (u *ui) confirmDelete(what, table, id string, del func() error, after func()) {
	f := u.file // read here: the file may be closed while the work runs
	u.busy(fmt.Sprintf(lang.L("Looking at what refers to %s…"), what), func() (func(), error) {
		refs, err := f.ReferencesTo(table, id)
		if err != nil {
			return nil, err
		}
		return func() {
			if len(refs.Blocking) > 0 {
				dialog.ShowInformation(fmt.Sprintf(lang.L("Cannot delete %s"), what),
					fmt.Sprintf(lang.L("%s cannot be deleted while other records refer to it: %s. Change or delete those first."),
						workspace.Capitalise(what), workspace.JoinAnd(refs.Blocking)), u.window)
				return
			}
			question := fmt.Sprintf(lang.L("Delete %s?"), what)
			msg := question
			if len(refs.DeletedWith) > 0 {
				msg += "\n" + fmt.Sprintf(lang.L("These go with it: %s."), workspace.JoinAnd(refs.DeletedWith))
			}
			if len(refs.Cleared) > 0 {
				msg += "\n" + fmt.Sprintf(lang.L("These stay but no longer refer to it: %s."), workspace.JoinAnd(refs.Cleared))
			}
			msg += "\n" + lang.L("The change log keeps a note of the deletion.")
			dialog.ShowConfirm(question, msg, func(yes bool) {
				if !yes {
					return
				}
				u.busy(lang.L("Deleting…"), func() (func(), error) {
					if err := del(); err != nil {
						return nil, err
					}
					return after, nil
				})
			}, u.window)
		}, nil
	})
}

// lookups are the names the lists show instead of ids, read with the rows.
type lookups struct {
	orgs, consortia, roles, sectors, units map[string]string
}

// readLookups reads the names of organisations, consortia, roles and
// sectors, and the paths of units when asked (there are 11,000).
func readLookups(f *workspace.File, units bool) (*lookups, error) {
	l := &lookups{orgs: map[string]string{}, consortia: map[string]string{},
		roles: map[string]string{}, sectors: map[string]string{}, units: map[string]string{}}
	orgs, err := f.Organisations()
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		l.orgs[o.ID] = o.Name
	}
	cs, err := f.Consortia()
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		l.consortia[c.ID] = c.Code
	}
	roles, err := f.Roles(true)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		l.roles[r.ID] = r.Name
	}
	sectors, err := f.Sectors()
	if err != nil {
		return nil, err
	}
	for _, s := range sectors {
		l.sectors[s.ID] = s.Name
	}
	if units {
		us, err := f.Units(workspace.UnitFilter{})
		if err != nil {
			return nil, err
		}
		l.units = workspace.UnitPaths(us)
	}
	return l, nil
}

func (l *lookups) names(m map[string]string, ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, m[id])
	}
	return strings.Join(out, ", ")
}

// amountKey sorts amounts as numbers.
func amountKey(n int64) string { return fmt.Sprintf("%020d", n) }

// answer shows a yes-or-no fact in a list: blank when not recorded, as
// other fields not recorded are.
func answer(a workspace.Answer) string {
	switch a {
	case workspace.Yes:
		return lang.L("Yes")
	case workspace.No:
		return lang.L("No")
	}
	return ""
}

func yes(b bool) string {
	if b {
		return lang.L("Yes")
	}
	return ""
}
