package importexport

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// What checkParts finds wrong with a part of a workbook's zip.
var (
	errUnpacksTooLarge = errors.New("unpacks to more than the limit")
	errDeclaresEntity  = errors.New("declares entities")
	errUnknownEntity   = errors.New("refers to an undefined entity")
)

// checkParts unpacks every part of a workbook once, before excelize opens
// it, and returns the first part that is wrong and why. The bytes are
// counted as they come out, so a zip whose directory claims parts smaller
// than they are is caught (Go's zip reader also stops at the claimed size
// with an error, which excelize ignores, reading what fitted as the whole
// part). XML parts are looked through for what excelize's XML reader stops
// at without a word, so that a sheet would read as empty or cut short.
func checkParts(zr *zip.Reader, limit int64) (string, error) {
	left := limit
	buf := make([]byte, 256<<10)
	for _, zf := range zr.File {
		if zf.FileInfo().IsDir() {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return zf.Name, err
		}
		n, err := checkPart(io.LimitReader(rc, left+1), buf)
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

// checkPart reads one part through, returning how many bytes it holds.
func checkPart(r io.Reader, buf []byte) (int64, error) {
	var (
		total   int64
		head    []byte // the first bytes, until they say whether the part is XML
		decided bool
		scan    *markupScan // nil unless the part is XML
	)
	look := func(piece []byte, final bool) error {
		if !decided {
			head = append(head, piece...)
			if len(head) < 64 && !final {
				return nil
			}
			decided, piece = true, head
			if looksXML(head) {
				scan = &markupScan{}
			}
		}
		if scan == nil {
			return nil
		}
		return scan.next(piece, final)
	}
	for {
		n, err := r.Read(buf)
		total += int64(n)
		if err := look(buf[:n], err == io.EOF); err != nil {
			return total, err
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
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

// unpackPrefix names the private folders excelize unpacks big sheets into,
// followed by the process id and a random part.
const unpackPrefix = "cpw-unpack-"

// newUnpackDir makes a private temporary folder for excelize, first
// removing those that processes no longer running left behind (a killed
// import cannot remove its own). Its name carries the process id for that.
func newUnpackDir() (string, error) {
	removeDeadUnpackDirs()
	return os.MkdirTemp("", fmt.Sprintf("%s%d-", unpackPrefix, os.Getpid()))
}

// removeDeadUnpackDirs removes the unpack folders of processes that have
// ended. Those of this process and of live ones (another import running
// at the same time) are left alone.
func removeDeadUnpackDirs() {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), unpackPrefix)
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
