package workspace

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"cpw/translate"
)

// WriteFileAtomic writes the file at path in one piece: write fills a new
// temporary file beside path, which is flushed to the disk and only then
// renamed over path, so that a failure (a full disk, a USB stick pulled,
// the program stopped half-way) leaves whatever was at path as it was and
// nothing beside it (a process killed half-way leaves its temporary file
// only until the next write in that folder: see writeBeside). It replaces a
// file already at path: ask the user first. The file is readable by this
// user only (0600), from its first byte to its place at path, even where it
// replaces a file others could read: exports, briefs and the like hold the
// same phone numbers as the workspace, which is 0600 too.
//
// Its errors are *Error, worded by say (nil means the package's language):
// ErrReadOnly when the folder takes no new file or path cannot be
// replaced, ErrInternal (holding write's error) when the writing fails.
func WriteFileAtomic(path string, say translate.Func, write func(w io.Writer) error) error {
	return writeBeside(path, true, say, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = write(f)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// writeBeside is how the program writes a file in one piece. build makes
// the file at tmp, an empty file beside path that it is handed by name
// (SQLite writes a database by its name), readable by this user only
// (0600); the finished file is then moved to path. With replace it replaces a file at path; without, it never
// does, and refuses with ErrExists (a new workspace or a copy must not
// land on a file that appeared while it was being built). However it
// fails, it leaves nothing beside path. An *Error from build is returned
// as it is, any other error becomes ErrInternal; say words the errors
// writeBeside makes (nil means the package's language). The temporary
// file's name holds the process id, so that the next writeBeside in the
// folder can remove what a killed process left (removeStaleBeside).
func writeBeside(path string, replace bool, say translate.Func, build func(tmp string) error) error {
	if say == nil {
		say = wording()
	}
	name, dir := filepath.Base(path), filepath.Dir(path)
	removeStaleBeside(dir)
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s.pid%d-*.tmp", name, os.Getpid()))
	if err != nil {
		return &Error{Code: ErrReadOnly, Message: say("%s cannot be written in the folder %s: %v.", name, dir, unwrapPath(err)), Err: err}
	}
	tmp := f.Name()
	f.Close()
	// SQLite may leave a journal beside a database it was writing.
	defer os.Remove(tmp + "-journal")
	defer os.Remove(tmp)
	if err := build(tmp); err != nil {
		var e *Error
		if errors.As(err, &e) {
			if e.Code == ErrInternal {
				// A full disk and the like have their own sentence.
				if pe := plainError(e.Err); Code(pe) != ErrInternal {
					return pe
				}
			}
			return e
		}
		return &Error{Code: ErrInternal, Message: say("%s could not be written: %v.", name, unwrapPath(err)), Err: err}
	}
	if !replace {
		// A link fails where a rename would overwrite. Where links are not
		// supported (a FAT USB stick) the rename below has to do.
		if err := os.Link(tmp, path); err == nil {
			return nil
		}
		if FileExists(path) {
			return &Error{Code: ErrExists, Message: say("%s already exists: choose another name.", name)}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return &Error{Code: ErrReadOnly, Message: say("%s cannot be saved (%v): if another program has it open, close it there, or choose another name.", name, unwrapPath(err)), Err: err}
	}
	return nil
}

// FileExists reports whether anything is at path: a file, a folder, or a
// link even when it leads nowhere, since writing there would replace it.
func FileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// SameFile reports whether two paths name one file: the same path, or one
// file reached two ways (a link, another spelling of its folder). A file
// to be written must not be one the command reads or keeps.
func SameFile(a, b string) bool {
	x, errX := filepath.Abs(a)
	y, errY := filepath.Abs(b)
	if errX == nil && errY == nil && x == y {
		return true
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// staleTemporary matches the temporary files writeBeside makes, and the
// journals SQLite leaves beside them: ".NAME.pidPID-RANDOM.tmp".
var staleTemporary = regexp.MustCompile(`^\..+\.pid([0-9]+)-[0-9]+\.tmp(-journal)?$`)

// removeStaleBeside removes from dir the temporary files of writeBeside
// whose process no longer runs: one killed half-way (a power cut, a
// SIGKILL) could not remove its own. A file of a process that still runs is
// being written, and is left alone.
func removeStaleBeside(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := staleTemporary.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid <= 0 || pid == os.Getpid() || processRuns(pid) {
			continue
		}
		if st, err := e.Info(); err == nil && ownedByMe(st) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
