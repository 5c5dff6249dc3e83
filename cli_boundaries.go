package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"cpw/importexport"
	"cpw/workspace"
)

func init() {
	commands["boundaries"] = command{"FILE.cpw SHAPES.geojson [--match PROPERTY] [--dry-run] [--json]",
		"attach the boundaries of community units from a GeoJSON file (QGIS, HDX, OpenStreetMap; WGS84): each feature goes to the unit whose path or name its PROPERTY (default name) holds; says which features matched no unit and which units are left without a boundary",
		runBoundaries}
}

func runBoundaries(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("boundaries", flag.ContinueOnError)
	match := fs.String("match", "name", "")
	dryRun := fs.Bool("dry-run", false, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args, "FILE.cpw", "SHAPES.geojson")
	if err != nil {
		return err
	}
	if strings.TrimSpace(*match) == "" {
		return usageError("--match names the property that holds each unit's name or path, such as name")
	}
	// The file is read and checked before the workspace is opened: a file
	// refused changes nothing.
	bs, err := importexport.ReadBoundaries(pos[1], nil)
	if err != nil {
		return err
	}
	var f *workspace.File
	if *dryRun {
		f, err = workspace.OpenReadOnly(pos[0])
	} else {
		f, err = workspace.Open(pos[0])
	}
	if err != nil {
		return err
	}
	defer f.Close()
	named(f)
	m, err := importexport.MatchBoundaries(f, bs, *match, nil)
	if err != nil {
		return err
	}
	var saved workspace.BoundariesSaved
	if !*dryRun && len(m.Shapes) > 0 {
		if saved, err = f.SetBoundaries(m.Shapes, filepath.Base(pos[1])); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(out, struct {
			importexport.BoundaryMatch
			Saved  workspace.BoundariesSaved `json:"saved"`
			DryRun bool                      `json:"dry_run"`
		}{m, saved, *dryRun})
	}
	verb := "Attached"
	if *dryRun {
		verb = "Would attach"
	}
	features := fmt.Sprintf("%d features", len(bs))
	if len(bs) == 1 {
		features = "1 feature"
	}
	fmt.Fprintf(out, "%s the boundaries of %d of %s to community units", verb, m.Matched, features)
	if !*dryRun {
		fmt.Fprintf(out, ": %d added, %d replaced, %d unchanged", saved.Added, saved.Replaced, saved.Same)
	}
	fmt.Fprintln(out, ".")
	if len(m.Unmatched) > 0 {
		if len(m.Unmatched) == 1 {
			fmt.Fprintln(out, "1 feature matched no unit:")
		} else {
			fmt.Fprintf(out, "%d features matched no unit:\n", len(m.Unmatched))
		}
		for i, u := range m.Unmatched {
			if i == 20 {
				fmt.Fprintf(out, "  … and %d more (--json lists them all)\n", len(m.Unmatched)-20)
				break
			}
			fmt.Fprintf(out, "  feature %d (%s “%s”): %s\n", u.Feature, *match, u.Value, u.Why)
		}
	}
	for _, level := range []string{"area", "segment", "cluster", "cell"} {
		if l := m.Without[level]; len(l) > 0 {
			fmt.Fprintf(out, "Left without a boundary: %d %s, such as %s.\n", len(l), plural(len(l), level), strings.Join(l[:min(3, len(l))], "; "))
		}
	}
	return nil
}

// plural names a unit level in the plural when n is not 1.
func plural(n int, level string) string {
	if n == 1 {
		return level
	}
	return level + "s"
}
