package workspace

import (
	"path/filepath"
	"testing"
	"time"
)

// newFile creates a fresh workspace under t.TempDir() and closes it when the test ends.
func newFile(t *testing.T) *File {
	t.Helper()
	clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	f, err := Create(filepath.Join(t.TempDir(), "test.cpw"), NewOptions{Name: "Test initiative", Settlement: "Mukuru", City: "Nairobi", Author: "tester", Now: clock})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	f.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	t.Cleanup(func() { f.Close() })
	return f
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantCode fails unless err is a workspace error with the code.
func wantCode(t *testing.T, err error, code ErrorCode) {
	t.Helper()
	if err == nil {
		t.Fatalf("want a %s error, got none", code)
	}
	if Code(err) != code {
		t.Fatalf("want a %s error, got %s: %v", code, Code(err), err)
	}
}
