// Package pgtest starts a throwaway PostgreSQL server for the tests and the
// benchmarks: its data in a temporary folder, listening only on a unix
// socket there, stopped and removed at the end. As root it runs the server
// as the postgres user, which PostgreSQL asks for.
package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Server is a running throwaway server.
type Server struct {
	dir  string // holds data/ and the socket
	bin  string
	asPG bool
}

// Required reports whether the server must start: on CI the tests that need
// it run, never skip.
func Required() bool { return os.Getenv("CI") == "true" }

// Start initialises and starts a server.
func Start() (*Server, error) {
	bin, err := binaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cpw-pg-*")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, asPG: os.Geteuid() == 0}
	if s.asPG {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, PostgreSQL needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		os.Chmod(dir, 0o755)
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -F -c max_connections=60", dir)
	if out, err := s.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	return s, nil
}

// Address is the address of database db on the server, as the superuser
// postgres.
func (s *Server) Address(db string) string {
	return "postgres://postgres@/" + db + "?host=" + url.QueryEscape(s.dir)
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

func (s *Server) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.asPG {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

// binaries finds the folder of initdb and pg_ctl: on the PATH, or where
// Debian puts them (the newest version there).
func binaries() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p), nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(found, func(i, j int) bool {
		a, _ := strconv.Atoi(strings.Split(found[i], "/")[4])
		b, _ := strconv.Atoi(strings.Split(found[j], "/")[4])
		return a > b
	})
	if len(found) == 0 {
		return "", errors.New("PostgreSQL is not installed (no initdb): install the postgresql package")
	}
	return filepath.Dir(found[0]), nil
}
