package reports

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"cpw/assets"
	"cpw/translate"
)

// Layout of a brief, in millimetres and points.
const (
	margin      = 16.0
	footerSpace = 14.0
	bodySize    = 9.5
	tableSize   = 8.5
	cellPad     = 1.4
)

// doc is a PDF being written: it knows where the page ends, breaks pages
// between blocks and table rows (never inside a row), and repeats table
// headers on each new page.
type doc struct {
	pdf        *fpdf.Fpdf
	say        translate.Func // words a text of the brief in its language
	font       *sfnt.Font
	buf        sfnt.Buffer
	w, h       float64 // page size
	substitute rune
	// Headings wait here until the block under them is drawn, so that a
	// heading always shares its page with the start of its section.
	pending       []func()
	pendingHeight float64
}

// newDoc starts a document on A4 or US letter paper, with the embedded font
// and a footer naming the workspace and the date on every page, worded by tr.
func newDoc(paper, title, footer string, date time.Time, tr translate.Func) (*doc, error) {
	size := "A4"
	if paper == "letter" {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	d := &doc{pdf: pdf, say: tr}
	font, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.say("the brief's font cannot be read"), err)
	}
	d.font = font
	d.w, d.h = pdf.GetPageSize()
	d.substitute = '?'
	if d.has('\uFFFD') {
		d.substitute = '\uFFFD'
	}
	pdf.AddUTF8FontFromBytes("body", "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes("body", "B", assets.FontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, footerSpace+margin)
	pdf.SetCellMargin(cellPad)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(d.clean(title), true)
	pdf.SetCreator("Consortium Planning Workspace", true)
	pdf.AliasNbPages("{nb}")
	footer = d.clean(footer)
	pdf.SetFooterFunc(func() {
		pdf.SetFont("body", "", 7.5)
		pdf.SetTextColor(90, 90, 90)
		pdf.SetDrawColor(180, 180, 180)
		y := d.h - margin - 4
		pdf.Line(margin, y-1.5, d.w-margin, y-1.5)
		pdf.SetXY(margin, y)
		pdf.CellFormat(d.contentWidth()*0.8, 4, footer, "", 0, "L", false, 0, "")
		pdf.SetXY(margin, y)
		pdf.CellFormat(d.contentWidth(), 4, d.say("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	return d, nil
}

func (d *doc) contentWidth() float64 { return d.w - 2*margin }

// bottom is the lowest y that content may reach.
func (d *doc) bottom() float64 { return d.h - margin - footerSpace }

// has reports whether the font has a glyph for r.
func (d *doc) has(r rune) bool {
	i, err := d.font.GlyphIndex(&d.buf, r)
	return err == nil && i != 0
}

// clean replaces every character the font cannot draw with a visible
// substitute, so that nothing is dropped silently.
func (d *doc) clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || d.has(r) {
			return r
		}
		return d.substitute
	}, s)
}

// ensure starts a new page unless h millimetres are left on this one.
func (d *doc) ensure(h float64) bool {
	if d.pdf.GetY()+h > d.bottom() {
		d.pdf.AddPage()
		return true
	}
	return false
}

func (d *doc) lineHeight(size float64) float64 { return size * 0.42 }

// lines wraps text to the width at the current font.
func (d *doc) lines(text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(d.clean(text), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.pdf.SplitText(para, width)...)
	}
	return out
}

// keep draws the waiting headings, first making sure that they and the
// first h millimetres of what follows fit on this page.
func (d *doc) keep(h float64) {
	if len(d.pending) == 0 {
		return
	}
	d.ensure(d.pendingHeight + h)
	pending := d.pending
	d.pending, d.pendingHeight = nil, 0
	for _, draw := range pending {
		draw()
	}
}

// text writes wrapped text at the current position, breaking pages between lines.
func (d *doc) text(text string, size float64, style string) {
	d.pdf.SetFont("body", style, size)
	lh := d.lineHeight(size) + 0.8
	lines := d.lines(text, d.contentWidth())
	d.keep(lh * float64(min(len(lines), 2)))
	d.pdf.SetFont("body", style, size)
	for _, l := range lines {
		d.ensure(lh)
		d.pdf.SetX(margin)
		d.pdf.CellFormat(d.contentWidth(), lh, l, "", 1, "L", false, 0, "")
	}
}

func (d *doc) para(text string) {
	d.text(text, bodySize, "")
	d.pdf.Ln(1.5)
}

// heading starts a section; it is drawn with the first block below it (see keep).
func (d *doc) heading(text string) {
	d.later(text, 13, 3, 1, true)
}

func (d *doc) subheading(text string) {
	d.later(text, 10.5, 1.5, 0.5, false)
}

// later queues a heading of the size, with space above and below it.
func (d *doc) later(text string, size, above, below float64, coloured bool) {
	d.pdf.SetFont("body", "B", size)
	lh := d.lineHeight(size) + 0.8
	lines := d.lines(text, d.contentWidth())
	d.pendingHeight += above + below + lh*float64(len(lines))
	d.pending = append(d.pending, func() {
		d.pdf.Ln(above)
		if coloured {
			d.pdf.SetTextColor(23, 88, 72)
		}
		d.pdf.SetFont("body", "B", size)
		for _, l := range lines {
			d.pdf.SetX(margin)
			d.pdf.CellFormat(d.contentWidth(), lh, l, "", 1, "L", false, 0, "")
		}
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.Ln(below)
	})
}

// column of a table: its title, its share of the width, and its alignment.
type column struct {
	title string
	share float64
	align string // "L" or "R"
}

// table draws rows under a header row; a row too long for what is left of a
// page moves whole to the next page, where the header is drawn again.
func (d *doc) table(cols []column, rows [][]string) {
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	widths := d.columnWidths(cols, append([][]string{header}, rows...))
	lh := d.lineHeight(tableSize) + 0.4
	drawRow := func(cells []string, bold, fill bool) {
		style := ""
		if bold {
			style = "B"
		}
		d.pdf.SetFont("body", style, tableSize)
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			wrapped[i] = d.lines(c, widths[i])
			if len(wrapped[i]) > n {
				n = len(wrapped[i])
			}
		}
		// A row never runs past a page: trim a giant cell rather than split the row.
		maxLines := int((d.bottom() - margin - 3*lh) / lh)
		if n > maxLines {
			for i := range wrapped {
				if len(wrapped[i]) > maxLines {
					wrapped[i] = append(wrapped[i][:maxLines-1], "…")
				}
			}
			n = maxLines
		}
		h := float64(n)*lh + 2*cellPad
		y := d.pdf.GetY()
		x := margin
		if fill {
			d.pdf.SetFillColor(226, 238, 233)
		}
		d.pdf.SetDrawColor(170, 170, 170)
		for i := range cells {
			style := "D"
			if fill {
				style = "FD"
			}
			d.pdf.Rect(x, y, widths[i], h, style)
			for j, l := range wrapped[i] {
				d.pdf.SetXY(x, y+cellPad+float64(j)*lh)
				d.pdf.CellFormat(widths[i], lh, l, "", 0, cols[i].align, false, 0, "")
			}
			x += widths[i]
		}
		d.pdf.SetXY(margin, y+h)
	}
	rowHeight := func(cells []string, bold bool) float64 {
		style := ""
		if bold {
			style = "B"
		}
		d.pdf.SetFont("body", style, tableSize)
		n := 1
		for i, c := range cells {
			if k := len(d.lines(c, widths[i])); k > n {
				n = k
			}
		}
		return float64(n)*lh + 2*cellPad
	}
	headerH := rowHeight(header, true)
	first := true
	if strings.Join(header, "") == "" { // a table of label and value needs no header
		if len(rows) > 0 {
			d.keep(rowHeight(rows[0], false))
		}
		for _, r := range rows {
			d.ensure(rowHeight(r, false))
			drawRow(r, false, false)
		}
		d.pdf.Ln(2)
		return
	}
	for _, r := range rows {
		h := rowHeight(r, false)
		if first {
			d.keep(headerH + h)
			d.ensure(headerH + h)
			drawRow(header, true, true)
			first = false
		} else if d.ensure(h) {
			drawRow(header, true, true)
		}
		drawRow(r, false, false)
	}
	if first { // no rows: the header alone says what the table would hold
		d.keep(headerH)
		d.ensure(headerH)
		drawRow(header, true, true)
	}
	d.pdf.Ln(2)
}

// columnWidths shares the page width among the columns by their shares, but
// gives each column at least the width of its longest word (a date, an
// amount, a status), so that no such word is broken across lines.
func (d *doc) columnWidths(cols []column, rows [][]string) []float64 {
	need := make([]float64, len(cols))
	for r, row := range rows {
		style := ""
		if r == 0 {
			style = "B"
		}
		d.pdf.SetFont("body", style, tableSize)
		for i, cell := range row {
			for _, word := range strings.Fields(d.clean(cell)) {
				if w := d.pdf.GetStringWidth(word) + 2*cellPad + 0.6; w > need[i] {
					need[i] = w
				}
			}
		}
	}
	total := d.contentWidth()
	widths := make([]float64, len(cols))
	fixed := make([]bool, len(cols))
	for {
		free, shares := total, 0.0
		for i, c := range cols {
			if fixed[i] {
				free -= widths[i]
			} else {
				shares += c.share
			}
		}
		changed := false
		for i, c := range cols {
			if fixed[i] {
				continue
			}
			widths[i] = free * c.share / shares
			if widths[i] < need[i] && need[i] < total*0.4 {
				widths[i], fixed[i], changed = need[i], true, true
			}
		}
		if !changed || free <= 0 {
			break
		}
	}
	return widths
}

// bar is one bar of a chart.
type bar struct {
	label string
	value int64
}

// barChart draws horizontal bars as vectors, with each value written beside its bar.
func (d *doc) barChart(bars []bar, format func(int64) string) {
	const barH, gap, labelW = 6.0, 2.2, 34.0
	valueW := 40.0
	height := float64(len(bars))*(barH+gap) + 6
	d.keep(height)
	d.ensure(height)
	var max int64
	for _, b := range bars {
		if b.value > max {
			max = b.value
		}
	}
	x0 := margin + labelW
	span := d.contentWidth() - labelW - valueW
	y := d.pdf.GetY() + 2
	d.pdf.SetDrawColor(120, 120, 120)
	d.pdf.Line(x0, y-1, x0, y+float64(len(bars))*(barH+gap))
	for _, b := range bars {
		d.pdf.SetFont("body", "", tableSize)
		d.pdf.SetXY(margin, y)
		d.pdf.CellFormat(labelW-2, barH, d.clean(b.label), "", 0, "R", false, 0, "")
		w := 0.0
		if max > 0 {
			w = span * float64(b.value) / float64(max)
		}
		if w > 0 {
			d.pdf.SetFillColor(31, 111, 92)
			d.pdf.Rect(x0, y, w, barH, "F")
		}
		d.pdf.SetXY(x0+w+1, y)
		d.pdf.CellFormat(valueW, barH, format(b.value), "", 0, "L", false, 0, "")
		y += barH + gap
	}
	d.pdf.SetXY(margin, y+2)
}
