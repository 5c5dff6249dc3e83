package importexport

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// What checkParts finds wrong with a part of a workbook's zip.
var (
	errUnpacksTooLarge = errors.New("unpacks to more than the limit")
	errDeclaresEntity  = errors.New("declares entities")
	errUnknownEntity   = errors.New("refers to an undefined entity")
)

// malformedXML is a part that is not well-formed XML, and why.
type malformedXML struct{ why string }

func (e *malformedXML) Error() string { return "not well-formed XML: " + e.why }

// checkParts unpacks every part of a workbook once, before excelize opens
// it, and returns the first part that is wrong and why. The bytes are
// counted as they come out, so a zip whose directory claims parts smaller
// than they are is caught (Go's zip reader stops at the claimed size with
// an error, which excelize ignores, taking what fitted as the whole part).
// XML parts are read through as XML: excelize's sheet reader stops at the
// first XML error (an entity, a tag left open) without a word, so a sheet
// would read as empty or cut short.
//
// Reading a big workbook through takes seconds: tick is told how many
// bytes are unpacked so far, every few megabytes, and a cancelled ctx
// stops it with ErrCancelled.
func checkParts(ctx context.Context, zr *zip.Reader, limit int64, tick func(unpacked int64)) (string, error) {
	left := limit
	var unpacked int64
	for _, zf := range zr.File {
		// Folders too: excelize reads whatever bytes a folder's entry holds.
		rc, err := zf.Open()
		if err != nil {
			return zf.Name, err
		}
		w := &watched{ctx: ctx, r: rc, unpacked: &unpacked, tick: tick}
		n, err := checkPart(io.LimitReader(w, left+1), !isVML(zf.Name))
		rc.Close()
		if left -= n; left < 0 {
			return zf.Name, errUnpacksTooLarge
		}
		if err != nil {
			return zf.Name, err
		}
	}
	return "", nil
}

// watched passes a part's reads through, noticing a cancellation and
// telling tick how far all parts have come.
type watched struct {
	ctx      context.Context
	r        io.Reader
	unpacked *int64
	tick     func(int64)
}

func (w *watched) Read(b []byte) (int, error) {
	if w.ctx.Err() != nil {
		return 0, cancelled()
	}
	n, err := w.r.Read(b)
	before := *w.unpacked
	*w.unpacked += int64(n)
	if w.tick != nil && *w.unpacked>>22 != before>>22 {
		w.tick(*w.unpacked)
	}
	return n, err
}

// partReader counts a part's bytes and scans them for marks as they pass.
type partReader struct {
	r       io.Reader
	n       int64
	scan    markupScan
	marked  error // the first mark found, which matters only in XML
	readErr error // an error of unpacking, not of the XML
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.marked == nil {
		p.marked = p.scan.next(b[:n], err == io.EOF)
	}
	if err != nil && err != io.EOF {
		p.readErr = err
	}
	return n, err
}

// isVML reports whether a part is a legacy VML drawing (the boxes of cell
// comments). Excel writes them HTML-like, with unclosed <br> tags, so they
// are not XML; the import never reads them, so only their size counts.
func isVML(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".vml")
}

// checkPart reads one part through, returning how many bytes it holds. A
// part that looks like XML is read as XML and looked through for a DTD and
// entities, unless asXML is false (a part the import never reads).
func checkPart(r io.Reader, asXML bool) (int64, error) {
	p := &partReader{r: r}
	br := bufio.NewReaderSize(p, 64<<10)
	head, _ := br.Peek(64)
	if !asXML || !looksXML(head) {
		_, err := io.Copy(io.Discard, br)
		return p.n, err
	}
	xmlErr := wellFormed(br)
	io.Copy(io.Discard, br) // the rest, for the count and the marks
	switch {
	case p.readErr != nil:
		return p.n, p.readErr
	case p.marked != nil:
		return p.n, p.marked
	}
	return p.n, xmlErr
}

// wellFormed reads XML through, as excelize's reader would, and returns
// its first error. Tags are matched by hand: RawToken, which does not,
// reads twice as fast as Token.
func wellFormed(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel // as excelize reads other encodings
	var open []xml.Name
	for {
		tok, err := d.RawToken()
		switch {
		case err == io.EOF && len(open) > 0:
			return &malformedXML{fmt.Sprintf("it ends inside <%s>", open[len(open)-1].Local)}
		case err == io.EOF:
			return nil
		case err != nil:
			return &malformedXML{strings.TrimPrefix(err.Error(), "XML syntax error on ")}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return &malformedXML{fmt.Sprintf("</%s> closes no open tag", t.Name.Local)}
			}
			open = open[:len(open)-1]
		}
	}
}

// looksXML reports whether a part begins as XML does: by its content,
// since a workbook's relationships may point a sheet at any name.
func looksXML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// markupScan looks through an XML part, given in pieces, for a DTD (where
// entities are declared, as in the "billion laughs") and for references to
// entities XML does not define. No spreadsheet program writes either, and
// excelize's XML reader stops at them without an error.
type markupScan struct{ carry []byte }

// lookahead is the most bytes a mark needs after its start to be told
// apart: len("<![CDATA[").
const lookahead = 9

var predefined = [][]byte{[]byte("&amp;"), []byte("&lt;"), []byte("&gt;"), []byte("&quot;"), []byte("&apos;"), []byte("&#")}

// next scans the next piece; final says it is the last. A mark that
// starts too near a piece's end to be told is carried into the next.
func (s *markupScan) next(piece []byte, final bool) error {
	w := append(s.carry, piece...)
	end := len(w)
	if !final {
		end = max(0, len(w)-lookahead)
	}
	for i := 0; ; {
		j := bytes.Index(w[i:], []byte("<!"))
		if j < 0 || i+j >= end {
			break
		}
		rest := w[i+j+2:]
		if !bytes.HasPrefix(rest, []byte("--")) && !bytes.HasPrefix(rest, []byte("[CDATA[")) {
			return errDeclaresEntity
		}
		i += j + 2
	}
	for i := 0; ; {
		j := bytes.IndexByte(w[i:], '&')
		if j < 0 || i+j >= end {
			break
		}
		known := false
		for _, p := range predefined {
			if bytes.HasPrefix(w[i+j:], p) {
				known = true
				break
			}
		}
		if !known {
			return errUnknownEntity
		}
		i += j + 1
	}
	s.carry = append(s.carry[:0], w[end:]...)
	return nil
}

// scratchPrefix names the private folders excelize keeps its temporary
// files in, followed by the process id and a random part.
const scratchPrefix = "cpw-excelize-"

// newScratchDir makes a private temporary folder for excelize (it unpacks
// a sheet over Limits.SheetMemory into a file there, and spills a sheet it
// writes over 16 MB into one), first removing those that processes no
// longer running left behind: a killed import or export cannot remove its
// own. The folder's name carries the process id for that.
func newScratchDir() (string, error) {
	removeDeadScratchDirs()
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", scratchPrefix, os.Getpid()))
}

// removeDeadScratchDirs removes the scratch folders of processes that have
// ended. Those of this process and of live ones (another import running
// at the same time) are left alone.
func removeDeadScratchDirs() {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), scratchPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		digits, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(digits)
		if err != nil || pid <= 0 || pid == os.Getpid() || processRunning(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(tmp, e.Name()))
	}
}
