package importexport

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A Cancel that comes after the last sheet is written, while the workbook
// is being saved, still leaves no file behind, and a file already at that
// path as it was.
func TestLateCancelOfAnExportLeavesNoFile(t *testing.T) {
	f := newDemo(t)
	for _, was := range [][]byte{nil, []byte("the workbook that was there")} {
		dir := t.TempDir()
		path := filepath.Join(dir, "export.xlsx")
		if was != nil {
			if err := os.WriteFile(path, was, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		saving := false
		err := Export(ctx, f, path, ExportOptions{WithContacts: true, Progress: func(done, total int, what string) {
			if what == "Saving the workbook" { // every sheet is written, nothing is in place yet
				saving = true
				cancel()
			}
		}})
		cancel()
		if !saving {
			t.Fatal("the export never said it was saving the workbook")
		}
		if !errors.Is(err, ErrCancelled) {
			t.Fatalf("a cancelled export returned %v", err)
		}
		got, err := os.ReadFile(path)
		switch {
		case was == nil && !os.IsNotExist(err):
			t.Errorf("a cancelled export left a file (%v)", err)
		case was != nil && !bytes.Equal(got, was):
			t.Errorf("a cancelled export changed the file that was there: %d bytes, %v", len(got), err)
		}
		entries, _ := os.ReadDir(dir)
		if n := len(entries); (was == nil && n != 0) || (was != nil && n != 1) {
			t.Errorf("a cancelled export left %d files in the folder", n)
		}
	}
}

// Without a Cancel, the same export writes the workbook.
func TestExportWithoutCancelWrites(t *testing.T) {
	f := newDemo(t)
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := Export(context.Background(), f, path, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("no workbook: %v", err)
	}
}
