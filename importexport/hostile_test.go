package importexport

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bookParts is a one-sheet workbook by hand, part by part, its sheet the
// XML given, for what no spreadsheet program writes.
func bookParts(sheetName, sheetXML string) map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheetName + `" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML,
	}
}

// zipParts writes the parts as a zip. A part named in lie has that
// uncompressed size written in the zip's directory instead of its own.
func zipParts(t *testing.T, parts map[string]string, lie map[string]uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range sortedKeys(parts) {
		data := []byte(parts[name])
		claimed, lies := lie[name]
		if !lies {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
			continue
		}
		var packed bytes.Buffer
		fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
		fw.Write(data)
		fw.Close()
		w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(packed.Len()), UncompressedSize64: claimed})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(packed.Bytes())
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// organisationsXML is a sheet of organisations, inline strings, its first
// row the headers, with what goes before <worksheet> in front.
func inlineSheetXML(prolog string, rows [][]string) string {
	var data strings.Builder
	for r, cells := range rows {
		fmt.Fprintf(&data, `<row r="%d">`, r+1)
		for c, v := range cells {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			fmt.Fprintf(&data, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
		}
		data.WriteString(`</row>`)
	}
	return `<?xml version="1.0" encoding="UTF-8"?>` + prolog + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data.String() + `</sheetData></worksheet>`
}

// A sheet that declares entities (the "billion laughs") is refused: no
// spreadsheet program writes a DTD into a workbook, and excelize's reader
// stopped at the first entity without a word, so the sheet read as empty.
func TestRefusesEntitiesInASheet(t *testing.T) {
	laughs := `<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`
	sheetXML := inlineSheetXML(laughs, [][]string{{"Name", "Notes"}, {"Laughing Org", "&c;"}, {"Second Org", "plain"}})
	book := writeFile(t, "laughs.xlsx", zipParts(t, bookParts("Organisations", sheetXML), nil))
	refusedWith(t, book, DefaultLimits, "declares its own entities")

	// An entity hidden in the shared strings is refused the same way.
	parts := bookParts("Organisations", inlineSheetXML("", [][]string{{"Name"}, {"Fine Org"}}))
	parts["xl/sharedStrings.xml"] = `<?xml version="1.0"?>` + laughs + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>`
	refusedWith(t, writeFile(t, "strings.xlsx", zipParts(t, parts, nil)), DefaultLimits, "declares its own entities")
}

// A sheet whose XML breaks part-way is refused. Before, excelize's reader
// stopped at the break without an error and the rows before it were
// imported as the whole sheet.
func TestRefusesASheetWhoseXMLBreaks(t *testing.T) {
	sheetXML := inlineSheetXML("", [][]string{{"Name", "Kind"}, {"First Org", "CBO"}, {"Second Org", "CBO"}})
	sheetXML = strings.Replace(sheetXML, `<row r="3">`, `<row r="3"><c r="A3"></row>`, 1)
	book := writeFile(t, "broken.xlsx", zipParts(t, bookParts("Organisations", sheetXML), nil))
	refusedWith(t, book, DefaultLimits, "its part xl/worksheets/sheet1.xml is not well-formed XML")
}

// A zip whose directory says a part is smaller than it unpacks to is
// refused: the directory is not trusted, the bytes are counted. Before,
// excelize kept what fitted the claimed size and the sheet read as empty.
func TestRefusesAZipWhoseDirectoryLies(t *testing.T) {
	rows := [][]string{{"Name", "Notes"}}
	for i := 0; i < 200; i++ {
		rows = append(rows, []string{fmt.Sprintf("Org %d", i), strings.Repeat("n", 100)})
	}
	parts := bookParts("Organisations", inlineSheetXML("", rows))
	lying := zipParts(t, parts, map[string]uint64{"xl/worksheets/sheet1.xml": 300})
	refusedWith(t, writeFile(t, "lies.xlsx", lying), DefaultLimits, "is damaged")

	// A part excelize never parses (a picture) is counted too: claiming
	// 100 bytes, it holds 3 MB.
	parts = bookParts("Organisations", inlineSheetXML("", rows[:3]))
	parts["xl/media/image1.png"] = strings.Repeat("x", 3<<20)
	lying = zipParts(t, parts, map[string]uint64{"xl/media/image1.png": 100})
	refusedWith(t, writeFile(t, "picture.xlsx", lying), DefaultLimits, "is damaged: its part xl/media/image1.png cannot be unpacked")
}

// A sheet of 16,384 columns, three of them known, gives one warning that
// counts the ignored columns, not 16,381 lines.
func TestFoldsManyIgnoredColumns(t *testing.T) {
	headers := []any{"Name", "Acronym", "Kind"}
	for i := len(headers); i < 16384; i++ {
		headers = append(headers, fmt.Sprintf("Extra %d", i))
	}
	f := newWorkspace(t)
	r := importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{headers, {"Wide Org", "WO", "CBO"}}}), false)
	wantClean(t, r)
	var ignored []Problem
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "ignored") {
			ignored = append(ignored, p)
		}
	}
	if len(ignored) != 1 {
		t.Fatalf("%d warnings of ignored columns, want 1", len(ignored))
	}
	if p := ignored[0]; !strings.Contains(p.Message, "16,381 columns") || p.Letter != "D" {
		t.Errorf("the warning does not count the columns from D: %+v", p)
	}
	// A few ignored columns are still named one by one.
	r = importBook(t, f, writeBook(t, sheet{"Organisations", [][]any{{"Name", "Kind", "Colour", "Shoe size"}, {"Narrow Org", "CBO", "red", "9"}}}), false)
	n := 0
	for _, p := range r.Problems {
		if strings.Contains(p.Message, "This column was ignored") {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d warnings for two ignored columns:\n%s", n, problems(r))
	}
}

// The marks the scan looks for are found wherever the pieces of a part
// happen to be cut, and XML as spreadsheet programs write it passes.
func TestMarkupScanAcrossPieces(t *testing.T) {
	for text, want := range map[string]error{
		`<?xml version="1.0"?><!-- a note --><a b="x &amp; y &#38; &lt;&gt;&quot;&apos;"><![CDATA[<b>]]></a>`: nil,
		`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`:                                       errDeclaresEntity,
		`<?xml version="1.0"?><a>text &e; more</a>`:                                                           errUnknownEntity,
		`<a>ends in a mark &`: errUnknownEntity,
		`<a/><!`:              errDeclaresEntity,
	} {
		for size := 1; size <= len(text); size++ {
			_, err := checkPart(&pieces{text, size}, true)
			var bad *malformedXML
			if err != want && !(want == errMalformed && errors.As(err, &bad)) {
				t.Errorf("%q read %d bytes at a time: %v, want %v", text, size, err, want)
			}
		}
	}
}

// errMalformed stands for any malformedXML in a table of tests.
var errMalformed = errors.New("malformed")

// pieces reads a text a few bytes at a time.
type pieces struct {
	text string
	size int
}

func (p *pieces) Read(b []byte) (int, error) {
	if p.text == "" {
		return 0, io.EOF
	}
	n := copy(b[:min(len(b), p.size)], p.text)
	p.text = p.text[n:]
	return n, nil
}

// Reading a big workbook through before opening it takes seconds: it
// tells the progress bar how far it has come and stops when cancelled.
func TestOpeningABigWorkbookCanBeCancelled(t *testing.T) {
	parts := bookParts("Organisations", inlineSheetXML("", [][]string{{"Name", "Kind"}, {"Org", "CBO"}}))
	parts["xl/media/image1.png"] = strings.Repeat("\x00", 16<<20)
	book := writeFile(t, "big.xlsx", zipParts(t, parts, nil))
	f := newDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ticks := 0
	_, err := Import(ctx, f, book, ImportOptions{Progress: func(done, total int, what string) {
		if what == "Opening the workbook" && done > 0 {
			if ticks++; ticks == 1 {
				if total < 16 {
					t.Errorf("opening says %d of %d MB", done, total)
				}
				cancel()
			}
		}
	}})
	if ticks == 0 || err != ErrCancelled {
		t.Fatalf("%d progress reports while opening, then %v", ticks, err)
	}
	if ticks > 1 {
		t.Fatalf("opening went on after it was cancelled (%d reports)", ticks)
	}
}

// Excel writes the boxes of cell comments as VML with unclosed <br> tags:
// not XML, and never read by the import, so a partner's workbook with a
// comment of two lines imports as any other.
func TestImportsAWorkbookWithExcelsCommentDrawing(t *testing.T) {
	parts := bookParts("Organisations", inlineSheetXML("", [][]string{{"Name", "Kind"}, {"Muungano wa Wanavijiji", "Urban poor federation"}}))
	parts["xl/drawings/vmlDrawing1.vml"] = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<v:shape id="_x0000_s1025" type="#_x0000_t202"><v:textbox><div style='text-align:left'>Federation&nbsp;<br>since 1996</div></v:textbox>` +
		`<x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>`
	book := writeFile(t, "commented.xlsx", zipParts(t, parts, nil))
	f := newWorkspace(t)
	r := importBook(t, f, book, false)
	wantClean(t, r)
	if got := sheetResult(t, r, "Organisations").New; got != 1 {
		t.Errorf("%d organisations imported, want 1", got)
	}
}
