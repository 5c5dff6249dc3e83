package importexport

import (
	"slices"
	"sort"

	"cpw/translate"
	"cpw/workspace"
)

// unitsSheet holds the community structure: areas, segments, clusters and
// cells, each under its parent.
var unitsSheet = sheetSpec{
	name: "Units", aliases: []string{"Community units", "Community", "Structure"},
	entity: "community unit", records: func(say translate.Func) string { return say("units") },
	cols: []col{idCol,
		{header: "Level", kind: choice, choices: workspace.UnitLevels, list: "Unit levels", width: 10, required: true,
			note: "Area, segment, cluster or cell. An area holds segments, a segment clusters, a cluster cells."},
		{header: "Name", aliases: []string{"unit", "unit name"}, width: 24, required: true, note: "The unit's name, unique under its parent."},
		{header: "Parent", aliases: []string{"parent unit", "in", "parent path"}, width: 40, field: "Parent unit",
			note: "The unit it sits in, written as its path: Area / Segment / Cluster. Blank for an area."},
		{header: "Households", aliases: []string{"number of households", "hh", "households count"}, kind: count, width: 12,
			note: "How many households live in the unit (a whole number)."},
	},
	load: func(f *workspace.File, b *book) (err error) {
		b.units, err = f.Units(workspace.UnitFilter{})
		return err
	},
	readFirst: true,
	rows:      (*book).unitRows,
	read:      (*importer).unitRow,
	order:     (*importer).unitsOrder,
}

// unitRows writes the units parents first, so that the workbook imports in
// one pass.
func (b *book) unitRows() []row {
	n := b.names
	units := make([]*workspace.Unit, len(b.units))
	for i := range b.units {
		units[i] = &b.units[i]
	}
	sort.SliceStable(units, func(i, j int) bool {
		if a, c := workspace.LevelDepth(units[i].Level), workspace.LevelDepth(units[j].Level); a != c {
			return a < c
		}
		return n.units[units[i].ID] < n.units[units[j].ID]
	})
	out := make([]row, 0, len(units))
	for _, u := range units {
		parent := ""
		if u.ParentID != "" {
			parent = n.units[u.ParentID]
		}
		out = append(out, row{u.ID, label(workspace.UnitLevels, u.Level), u.Name, parent, int64(u.Households)})
	}
	return out
}

// unitRow matches the row by id, else by its path (its parent's path and its
// name), and only then reads its cells into the unit: the path is the
// cells as written.
func (im *importer) unitRow(r *rowCtx, res *SheetResult) {
	id, old := byID(r, im.units)
	path := r.get("Name")
	if parent := r.get("Parent"); parent != "" {
		path = parent + pathSeparator + path
	}
	if old == nil {
		if found, ok := im.unitByPath[pathKey(path)]; ok && r.natural(id, found) {
			old = im.units[found]
		}
	}
	u := recordFor(old, workspace.Unit{ID: id})
	r.choice("Level", &u.Level)
	r.text("Name", &u.Name)
	r.unit("Parent", &u.ParentID)
	r.count("Households", &u.Households)
	defer r.failUnlessSaved("community unit", path)
	if r.bad || r.duplicate("community unit", u.ID, path) {
		return
	}
	saved, outcome, err := workspace.Save(im.b, u)
	if !r.saved(res, saved.ID, outcome, err) {
		return
	}
	if old != nil {
		delete(im.unitByPath, pathKey(im.unitPath[saved.ID]))
	}
	im.units[saved.ID] = &saved
	if saved.ParentID != "" {
		im.unitPath[saved.ID] = im.unitPath[saved.ParentID] + pathSeparator + saved.Name
	} else {
		im.unitPath[saved.ID] = saved.Name
	}
	im.unitByPath[pathKey(im.unitPath[saved.ID])] = saved.ID
	if !slices.Contains(im.unitByName[pathKey(saved.Name)], saved.ID) {
		im.unitByName[pathKey(saved.Name)] = append(im.unitByName[pathKey(saved.Name)], saved.ID)
	}
}

// unitsOrder puts areas before segments before clusters before cells, so
// that every parent is saved before the units in it.
func (im *importer) unitsOrder(p *part) []int {
	level := func(i int) int {
		k, _ := findChoice(workspace.UnitLevels, im.rowOf(p, i).get("Level"))
		return workspace.LevelDepth(k)
	}
	order := make([]int, len(p.rows.rows))
	levels := make([]int, len(order))
	for i := range order {
		order[i], levels[i] = i, level(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return levels[order[a]] < levels[order[b]] })
	return order
}
