package workspace

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	write := func(text string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, text); return err }
	}
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "brief.pdf")
		if err := WriteFileAtomic(path, nil, write("first")); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(path, nil, write("second")); err != nil {
			t.Fatal(err)
		}
		if got := string(mustRead(t, path)); got != "second" {
			t.Errorf("the file holds %q", got)
		}
		onlyFile(t, path)
	})
	t.Run("WriteFails", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "book.xlsx")
		if err := WriteFileAtomic(path, nil, write("kept")); err != nil {
			t.Fatal(err)
		}
		cause := errors.New("disk full")
		err := WriteFileAtomic(path, nil, func(w io.Writer) error {
			io.WriteString(w, "half")
			return cause
		})
		if Code(err) != ErrInternal || !errors.Is(err, cause) || err.Error() != "book.xlsx could not be written: disk full." {
			t.Errorf("got %v (%s)", err, Code(err))
		}
		if got := string(mustRead(t, path)); got != "kept" {
			t.Errorf("a failed write left %q", got)
		}
		onlyFile(t, path)
	})
	t.Run("ErrReadOnly", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "no such folder", "brief.pdf")
		if err := WriteFileAtomic(path, nil, write("x")); Code(err) != ErrReadOnly {
			t.Errorf("got %v (%s)", err, Code(err))
		}
	})
}

// onlyFile fails unless path is the only file in its folder: no temporary
// file is left beside it.
func onlyFile(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q", names)
	}
}
