package importexport

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"cpw/workspace"
)

// A property holding a number reads as the number was written ("a code
// 12 is "12""), so that --match can match units by a numeric code. A
// code of seven digits or more, as census and county codes are, is
// written by fmt.Sprint in exponent form ("2.110701e+07") and matches
// nothing.
func TestReview2NumericCodesReadAsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "codes.geojson")
	data := `{"type": "FeatureCollection", "features": [
	{"type": "Feature", "properties": {"name": "Cell 1", "code": 21107010, "ward": 1000000},
	 "geometry": {"type": "Polygon", "coordinates": [[[36.88,-1.31],[36.8801,-1.31],[36.8801,-1.3099],[36.88,-1.3099],[36.88,-1.31]]]}}]}`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBoundaries(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"code": "21107010", "ward": "1000000"} {
		if v := got[0].Properties[k]; v != want {
			t.Errorf("the property %s, written %s, reads %q", k, want, v)
		}
	}
}

// A stored boundary that no longer reads (attached by an earlier version
// before a rule was added, or written by hand): the Map and the briefs
// leave it out ("rather than stopping a map"), but the export stops on
// it, writing nothing, with a sentence that does not say which unit's
// boundary it is.
func TestReview2ExportWithABoundaryThatNoLongerReads(t *testing.T) {
	f := newDemo(t)
	cells, err := f.Units(workspace.UnitFilter{Level: "cell"})
	if err != nil {
		t.Fatal(err)
	}
	cell := cells[0]
	db, err := sql.Open("sqlite3", "file:"+f.Path()+"?mode=rw&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	// Its corners on one line: no area, which an earlier version stored.
	res, err := db.Exec(`UPDATE unit_shapes SET shape = ? WHERE unit_id = ?`,
		`{"type":"Polygon","coordinates":[[[36.88,-1.31],[36.8801,-1.31],[36.8802,-1.31],[36.88,-1.31]]]}`, cell.ID)
	db.Close()
	if err != nil {
		t.Skipf("the workspace refuses the shape: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%d rows changed", n)
	}
	if shapes, err := f.Boundaries("cell"); err != nil || len(shapes) != len(cells)-1 {
		t.Fatalf("the Map's read: %d of %d cells (%v)", len(shapes), len(cells), err)
	}
	out := filepath.Join(t.TempDir(), "units.geojson")
	done, err := ExportBoundaries(f, out, testDay, nil)
	path, _ := f.UnitPath(cell.ID)
	if err != nil {
		t.Fatalf("the export of %d units stops on one bad boundary: %v", len(cells), err)
	}
	// Left out, and named, as the Map leaves it out.
	if len(done.Unreadable) != 1 || done.Unreadable[0] != path {
		t.Errorf("the unreadable boundary is not named: %+v", done.Unreadable)
	}
	b, _ := os.ReadFile(out)
	var fc struct{ Features []json.RawMessage }
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != done.Written || done.Written == 0 {
		t.Errorf("the export wrote %d features, said %d (%v)", len(fc.Features), done.Written, err)
	}
}

// The small demo's boundaries, exported, read back as cpw boundaries
// reads a file: every ring closed, none crossing itself; and matched back
// by path, each to its own unit.
func TestReview2DemoBoundariesReadBack(t *testing.T) {
	f := newDemo(t)
	out := filepath.Join(t.TempDir(), "demo.geojson")
	done, err := ExportBoundaries(f, out, testDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := done.Written
	bs, err := ReadBoundaries(out, nil)
	if err != nil {
		t.Fatalf("the demo's %d boundaries, exported, are refused: %v", n, err)
	}
	m, err := MatchBoundaries(f, bs, "path", nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Matched != n || len(m.Unmatched) != 0 {
		t.Errorf("matched %d of %d: %+v", m.Matched, n, m.Unmatched[:min(3, len(m.Unmatched))])
	}
	for _, b := range bs {
		if b.Properties["id"] != "" && m.Shapes[b.Properties["id"]] == "" {
			t.Errorf("feature %d (%s) did not go back to its unit", b.Feature, b.Properties["path"])
			break
		}
	}
}
