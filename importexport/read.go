package importexport

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
	"cpw/workspace"
)

// Limits protect the program from hostile or broken workbooks.
type Limits struct {
	FileBytes   int64 // the workbook file itself
	UnzipBytes  int64 // everything inside it, unpacked
	SheetMemory int64 // a sheet bigger than this unpacked is read from a temporary file
	Rows        int   // rows in one sheet
	CellChars   int   // characters in one cell (Excel's own limit)
}

// DefaultLimits are the limits of every import.
var DefaultLimits = Limits{FileBytes: 100 << 20, UnzipBytes: 1 << 30, SheetMemory: 64 << 20, Rows: 1_000_000, CellChars: 32767}

// RefusedError is a workbook that cannot be read at all: not a workbook,
// protected, damaged or too big. Nothing was written.
type RefusedError struct{ Message string }

func (e *RefusedError) Error() string { return e.Message }

// refuse refuses a workbook with a sentence already worded for its reader.
func refuse(message string) error {
	return &RefusedError{Message: message}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

func megabytes(n int64) string { return fmt.Sprintf("%d MB", n>>20) }

// openedBook is an open workbook with the private folder excelize unpacks
// its big sheets into; Close removes both. Its parts are read through
// beside excelize's own reading (see openBook): verify waits for that.
type openedBook struct {
	*excelize.File
	unpackDir string
	checked   chan error // the read-through's refusal, or nil
	refusal   error
}

// verify waits for the read-through of every part of the workbook and
// returns its refusal, if any: nothing read from the workbook may be used
// until it has returned nil.
func (b *openedBook) verify() error {
	if b.checked != nil {
		b.refusal, b.checked = <-b.checked, nil
	}
	return b.refusal
}

// Close closes the workbook and removes its unpack folder, whatever
// excelize left in it.
func (b *openedBook) Close() error {
	b.verify() // the read-through is over before its files go
	err := b.File.Close()
	if rmErr := os.RemoveAll(b.unpackDir); err == nil {
		err = rmErr
	}
	return err
}

// openBook opens a workbook after checking it is one, within the limits.
// say words its refusals; progress is told how far the check has come.
func openBook(ctx context.Context, path string, lim Limits, say translate.Func, progress Progress) (*openedBook, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, refuse(say("There is no file %s.", path))
	case errors.Is(err, os.ErrPermission):
		return nil, refuse(say("The file %s cannot be read: you do not have permission to read it.", path))
	case err != nil:
		return nil, refuse(say("The file %s cannot be read: %v.", path, err))
	case info.IsDir():
		return nil, refuse(say("%s is a folder, not a workbook.", path))
	case info.Size() > lim.FileBytes:
		return nil, refuse(say("The workbook %s is %s, over the %s this program imports: split it into smaller workbooks.",
			path, megabytes(info.Size()), megabytes(lim.FileBytes)))
	case info.Size() == 0:
		return nil, refuse(say("The file %s is empty: it is not a workbook.", path))
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, refuse(say("The file %s cannot be read: %v.", path, err))
	}
	defer fh.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(fh, head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return nil, refuse(say("%s is protected with a password, or is an old-style .xls workbook: save it in Excel as an .xlsx workbook without a password, then import that.", path))
	case !bytes.HasPrefix(head, zipMagic):
		return nil, refuse(say("%s is not an Excel workbook (.xlsx): it may be a text or CSV file renamed. Open it in a spreadsheet program and save it as an .xlsx workbook.", path))
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, refuse(say("The file %s cannot be read: %v.", path, err))
	}
	zr, err := zip.NewReader(fh, info.Size())
	if err != nil {
		return nil, refuse(say("%s is damaged: it is not a complete workbook (%v). Ask for the file again.", path, err))
	}
	var unpacked uint64
	hasWorkbook := false
	for _, zf := range zr.File {
		unpacked += zf.UncompressedSize64
		if strings.EqualFold(strings.ReplaceAll(zf.Name, "\\", "/"), "xl/workbook.xml") {
			hasWorkbook = true
		}
	}
	if unpacked > uint64(lim.UnzipBytes) {
		return nil, refuse(say("%s unpacks to more than %s: a real workbook of this program's data is far smaller, so it is damaged or made to exhaust the computer's memory.", path, megabytes(lim.UnzipBytes)))
	}
	if !hasWorkbook {
		return nil, refuse(say("%s is a zip file but not an Excel workbook: it has no workbook inside.", path))
	}
	// The directory's sizes above cost nothing to check but may lie:
	// every part is read through once, counting, and looked at as XML. It
	// costs about as much as excelize's own reading, so it runs beside it,
	// on the other core, through a file of its own; excelize is bounded by
	// the directory's sizes meanwhile (archive/zip stops at them).
	checked := make(chan error, 1)
	go func() {
		checked <- readThrough(ctx, path, info.Size(), unpacked, lim, say, progress)
	}()
	// excelize unpacks a sheet over SheetMemory into a temporary file; a
	// private folder lets Close remove all of them, and the next import
	// or export remove those of a process that was killed.
	dir, err := newScratchDir()
	if err != nil {
		if refusal := <-checked; refusal != nil {
			return nil, refusal
		}
		return nil, refuse(say("The workbook %s cannot be unpacked: no temporary folder can be made (%v).", path, err))
	}
	x, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: lim.UnzipBytes, UnzipXMLSizeLimit: min(lim.SheetMemory, lim.UnzipBytes), TmpDir: dir})
	if err != nil {
		os.RemoveAll(dir)
		if refusal := <-checked; refusal != nil {
			return nil, refusal // what the read-through found says more
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, refuse(say("%s unpacks to more than %s: it is damaged or made to exhaust the computer's memory.", path, megabytes(lim.UnzipBytes)))
		}
		return nil, refuse(say("%s is damaged and cannot be read as a workbook (%v). Ask for the file again.", path, err))
	}
	return &openedBook{File: x, unpackDir: dir, checked: checked}, nil
}

// readThrough reads every part of the workbook at path through once (see
// checkParts) and returns the refusal its findings call for, or nil.
// progress is told how far it has come; calls to it must not overlap with
// others (Import serialises them).
func readThrough(ctx context.Context, path string, size int64, declared uint64, lim Limits, say translate.Func, progress Progress) error {
	fh, err := os.Open(path)
	if err != nil {
		return refuse(say("The file %s cannot be read: %v.", path, err))
	}
	defer fh.Close()
	zr, err := zip.NewReader(fh, size)
	if err != nil {
		return refuse(say("%s is damaged: it is not a complete workbook (%v). Ask for the file again.", path, err))
	}
	tick := func(n int64) {
		if ctx.Err() == nil {
			progress.report(int(n>>20), int(max(uint64(n), declared)>>20), say("Opening the workbook"))
		}
	}
	var malformed *malformedXML
	switch part, err := checkParts(ctx, zr, lim.UnzipBytes, tick); {
	case errors.Is(err, ErrCancelled):
		return err
	case errors.Is(err, errUnpacksTooLarge):
		return refuse(say("%s unpacks to more than %s: a real workbook of this program's data is far smaller, so it is damaged or made to exhaust the computer's memory.", path, megabytes(lim.UnzipBytes)))
	case errors.Is(err, errDeclaresEntity):
		return refuse(say("%s declares its own entities or other XML markup in its part %s, which no spreadsheet program writes: the workbook is damaged or made to attack the computer. Ask for the file again.", path, part))
	case errors.Is(err, errUnknownEntity):
		return refuse(say("%s is damaged: its part %s refers to an XML entity that does not exist. Ask for the file again.", path, part))
	case errors.As(err, &malformed):
		return refuse(say("%s is damaged: its part %s is not well-formed XML (%s). Ask for the file again.", path, part, malformed.why))
	case err != nil:
		return refuse(say("%s is damaged: its part %s cannot be unpacked (%v). Ask for the file again.", path, part, err))
	}
	return nil
}

// sheetRows is one sheet as read: its header cells, the HXL tags under
// them if any, and its data rows with their row numbers.
type sheetRows struct {
	name      string
	headerRow int // the header row's number in the sheet
	headers   []string
	tags      []string // HXL hashtags by column, "" where none
	rows      [][]string
	numbers   []int // each row's number in the sheet, counting from 1
	// titles are the numbers of the filled rows above the header row: a
	// title, a source line, a date, as reports such as OCHA's 3W put there.
	titles []int
}

// isHashtagRow reports whether a row is an HXL row: most of its filled
// cells are hashtags such as #org or #adm1+name.
func isHashtagRow(cells []string) bool {
	filled, tags := 0, 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		filled++
		if strings.HasPrefix(c, "#") && len(c) > 1 {
			tags++
		}
	}
	return filled > 0 && tags*2 > filled
}

// readSheet reads a sheet's rows, finding its header row (the first filled
// row) and an HXL row under it. Over-long cells and sheets are problems of
// the report; reading stops at the row limit.
func readSheet(ctx context.Context, x *excelize.File, name string, lim Limits, r *Report, progress Progress) (*sheetRows, error) {
	// The sheet's own note of its size, when it has one, makes the
	// progress bar determinate; it is never trusted for anything else.
	expected := 0
	if dim, err := x.GetSheetDimension(name); err == nil {
		if _, last, ok := strings.Cut(dim, ":"); ok {
			if _, row, err := excelize.CellNameToCoordinates(last); err == nil {
				expected = row
			}
		}
	}
	it, err := x.Rows(name)
	if err != nil {
		return nil, refuse(r.say("The sheet “%s” cannot be read: %v. The workbook may be damaged.", name, err))
	}
	defer it.Close()
	s := &sheetRows{name: name}
	n := 0
	for it.Next() {
		n++
		if n > lim.Rows {
			r.add(Problem{Severity: Error, Sheet: name, Row: n,
				Message: r.say("The sheet has more than %s rows, more than this program imports from one sheet: split it.", workspace.Thousands(int64(lim.Rows)))})
			return s, nil
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, cancelled()
			}
			progress.report(n, max(expected, n), r.say("Reading the sheet %s", name))
		}
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, refuse(r.say("Row %d of the sheet “%s” cannot be read: %v. The workbook may be damaged.", n, name, err))
		}
		empty := true
		for i, c := range cells {
			if utf8.RuneCountInString(c) > lim.CellChars {
				letter, _ := excelize.ColumnNumberToName(i + 1)
				header := ""
				if i < len(s.headers) {
					header = strings.TrimSpace(s.headers[i])
				}
				r.add(Problem{Severity: Error, Sheet: name, Row: n, Column: header, Letter: letter, Value: clip(c, 40),
					Message: r.say("This cell holds %s characters, more than the %s a cell may hold: the workbook was not made by a spreadsheet program, or is damaged.",
						workspace.Thousands(int64(utf8.RuneCountInString(c))), workspace.Thousands(int64(lim.CellChars)))})
				cells[i] = ""
			}
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		if s.headers == nil {
			s.headers = cells // for naming columns in the problems above, until the header row is known
		}
		s.rows = append(s.rows, cells)
		s.numbers = append(s.numbers, n)
	}
	if err := it.Error(); err != nil {
		return nil, refuse(r.say("The sheet “%s” cannot be read: %v. The workbook may be damaged.", name, err))
	}
	s.placeHeader()
	return s, nil
}

// titleRowsAtMost is how many filled rows above the header row a sheet
// may have: a title, a source, a date, a blank-looking note.
const titleRowsAtMost = 8

// placeHeader finds the header row among the sheet's first filled rows and
// takes it, and an HXL row under it, out of the data rows. The header row
// is the row above an HXL row if there is one; otherwise the first row that
// fills about as many cells as the sheet's widest first rows: a title
// above it fills one or two.
func (s *sheetRows) placeHeader() {
	s.headers = nil
	if len(s.rows) == 0 {
		return
	}
	look := min(len(s.rows), titleRowsAtMost+2)
	header := -1
	for i := 0; i < look && header < 0; i++ {
		if isHashtagRow(s.rows[i]) {
			header = max(i-1, 0) // a sheet of hashtags alone has them as its header
		}
	}
	if header < 0 {
		widest := 0
		for i := 0; i < look; i++ {
			widest = max(widest, filled(s.rows[i]))
		}
		for i := 0; i < look; i++ {
			if n := filled(s.rows[i]); n >= min(2, widest) && n*2 >= widest {
				header = i
				break
			}
		}
	}
	if header > titleRowsAtMost || header < 0 {
		header = 0
	}
	s.titles = append([]int(nil), s.numbers[:header]...)
	s.headers, s.headerRow = s.rows[header], s.numbers[header]
	rest := header + 1
	switch {
	case isHashtagRow(s.headers):
		s.tags = s.headers
	case rest < len(s.rows) && isHashtagRow(s.rows[rest]):
		s.tags = s.rows[rest]
		rest++
	}
	s.rows, s.numbers = s.rows[rest:], s.numbers[rest:]
}

// filled counts a row's filled cells.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// ErrCancelled is what a cancelled import or export returns.
var ErrCancelled = &RefusedError{Message: "Cancelled: nothing was written."}

func cancelled() error { return ErrCancelled }
