package reports

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cpw/geomap"
	"cpw/internal/testkit"
	"cpw/workspace"
)

// pixelsOf renders a page at 40 dots an inch and counts its pixels of one
// colour.
func pixelsOf(t *testing.T, path string, page int, want [3]uint8) int {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm is missing: install poppler-utils (make deps does)")
	}
	out := filepath.Join(t.TempDir(), "page")
	p := itoa(page)
	if err := exec.Command(bin, "-r", "40", "-png", "-singlefile", "-f", p, "-l", p, path, out).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	r, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	img, err := png.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == want[0] && uint8(g>>8) == want[1] && uint8(bl>>8) == want[2] {
				n++
			}
		}
	}
	return n
}

// The initiative brief maps the segments by representation, with their
// names, a legend and a scale bar; the segment that lags is drawn in its
// colour, as vectors on the first page.
func TestInitiativeBriefMap(t *testing.T) {
	f := demo(t)
	path := write(t, f, Options{})
	text := squash(pdfText(t, path, 1, 1))
	for _, want := range []string{"Where the community is represented", "Cells with a household representative", "Under 50% of cells",
		"50% to 75%", "Every cell", "No cells recorded"} {
		if !strings.Contains(text, want) {
			t.Errorf("the first page lacks %q: %s", want, text)
		}
	}
	if !regexp.MustCompile(` [125]0* m `).MatchString(text) {
		t.Errorf("the map has no scale bar: %s", text)
	}
	segments, _ := f.Units(workspace.UnitFilter{Level: "segment"})
	for _, s := range segments {
		if strings.Count(text, s.Name) != 1 {
			t.Errorf("the map names %s %d times", s.Name, strings.Count(text, s.Name))
		}
	}
	// The third segment of the small demo has a third of its cells without
	// a representative: a large patch of the 50%–75% colour, besides its
	// swatch in the legend.
	c := geomap.MoreIsBetter[1]
	if n := pixelsOf(t, path, 1, [3]uint8{c.R, c.G, c.B}); n < 200 {
		t.Errorf("only %d pixels of the 50%%–75%% colour on the first page", n)
	}
}

// A consortium brief maps where its members work; a workspace without
// boundaries says how to attach them; a Swahili brief's map is in Swahili.
func TestConsortiumBriefMapAndWithout(t *testing.T) {
	f := demo(t)
	text := squash(pdfText(t, write(t, f, Options{Consortium: "WSE"}), 0, 0))
	for _, want := range []string{"Where its members work", "Member organisations at work there"} {
		if !strings.Contains(text, want) {
			t.Errorf("the consortium brief lacks %q", want)
		}
	}
	if text := squash(pdfText(t, write(t, f, Options{Language: "sw"}), 0, 0)); !strings.Contains(text, "Mahali jamii inapowakilishwa") {
		t.Errorf("the Swahili brief's map: %s", text)
	}
	testkit.WithoutBoundaries(t, f.Path())
	if text := squash(pdfText(t, write(t, f, Options{}), 0, 0)); !strings.Contains(text, "No segment has a boundary yet.") {
		t.Errorf("without boundaries: %s", text)
	}
}
