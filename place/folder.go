package place

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"cpw/workspace"
)

// folder is a shared folder: every snapshot is a file of its own, named by
// its stamp and id, written whole under a temporary name and linked into
// place, never over another. Two copies pushing at once leave two files,
// and a cloud service's "conflict copy" is one more; the next sync merges
// them all. Files that are not snapshots are left alone.
type folder struct {
	dir string
}

func openFolder(dir string) (Place, error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, newError(workspace.ErrUnreachable, "The shared folder %s cannot be found: check that the drive or the network share is there, or give the folder again.", dir)
	case err != nil:
		return nil, newError(workspace.ErrUnreachable, "The shared folder %s cannot be read: %v.", dir, err)
	case !st.IsDir():
		return nil, newError(workspace.ErrNotFile, "%s is a file, not a folder: a shared place is a folder, or a postgres:// address.", dir)
	}
	return &folder{dir: dir}, nil
}

func (d *folder) String() string { return d.dir }

// names lists the workspace files in the folder, which is its mark: a file
// added or removed since means another copy pushed or pruned.
func (d *folder) names() ([]string, error) {
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, newError(workspace.ErrUnreachable, "The shared folder %s cannot be read: %v.", d.dir, err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !strings.EqualFold(filepath.Ext(n), workspace.Extension) || !e.Type().IsRegular() {
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

func (d *folder) List() ([]workspace.Snapshot, string, error) {
	names, err := d.names()
	if err != nil {
		return nil, "", err
	}
	var snaps []workspace.Snapshot
	for _, n := range names {
		s, err := workspace.ReadSnapshot(filepath.Join(d.dir, n))
		if err != nil {
			// A person's copy kept in the folder, or a snapshot the
			// folder's tool is still bringing in: not part of the state.
			continue
		}
		snaps = append(snaps, s)
	}
	return snaps, strings.Join(names, "\n"), nil
}

// Fetch copies the snapshot out of the folder before it is opened: a
// network share or a cloud folder is no place for SQLite to read from.
func (d *folder) Fetch(s workspace.Snapshot, dir string) (got workspace.Snapshot, err error) {
	local := filepath.Join(dir, filepath.Base(s.Path))
	defer func() {
		if err != nil {
			os.Remove(local) // half a copy, or another file than listed
		}
	}()
	in, err := os.Open(s.Path)
	if err != nil {
		return s, newError(workspace.ErrUnreachable, "The snapshot %s cannot be read from the shared folder: %v.", filepath.Base(s.Path), err)
	}
	defer in.Close()
	out, err := os.OpenFile(local, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return s, fmt.Errorf("copying a snapshot: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return s, newError(workspace.ErrUnreachable, "The snapshot %s cannot be read from the shared folder: %v.", filepath.Base(s.Path), err)
	}
	if err := out.Close(); err != nil {
		return s, fmt.Errorf("copying a snapshot: %w", err)
	}
	// Read again from the copy: the file in the folder may have changed
	// between the listing and the copy (a tool replacing it).
	got, err = workspace.ReadSnapshot(local)
	if err != nil {
		return s, err
	}
	if got.CopyID != s.CopyID {
		return s, ErrMoved
	}
	return got, nil
}

func (d *folder) Publish(s workspace.Snapshot, mark string) error {
	names, err := d.names()
	if err != nil {
		return err
	}
	if strings.Join(names, "\n") != mark {
		return ErrMoved
	}
	// The stamp first, so that the files sort oldest to newest.
	stamp := strings.NewReplacer("-", "", ":", "", ".", "").Replace(s.High)
	name := fmt.Sprintf("%s %s %s%s", safeName(s.InitiativeName), stamp, strings.TrimPrefix(s.CopyID, "hub-")[:8], workspace.Extension)
	return workspace.PublishFile(s.Path, filepath.Join(d.dir, name))
}

func (d *folder) Remove(s workspace.Snapshot) error {
	return os.Remove(s.Path)
}

// safeName keeps the letters, digits, spaces and dashes of an initiative's
// name, for a file name every system accepts.
func safeName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == ' ', r == '-':
			b.WriteRune(r)
		}
		if b.Len() >= 40 {
			break
		}
	}
	if s := strings.TrimSpace(b.String()); s != "" {
		return s
	}
	return "workspace"
}
