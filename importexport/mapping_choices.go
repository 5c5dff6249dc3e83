package importexport

import "cpw/workspace"

// What the window's guided import offers for each part of a mapping: the
// columns a kind of sheet has and the choices a column has.

// IgnoredColumnMeaning is what the workspace remembers for a column the
// user said to ignore (see workspace.ImportMappings).
const IgnoredColumnMeaning = ignoredColumn

// KindColumns lists the headers of the columns of a kind of sheet (one of
// SheetKinds; 3W is read as organisations), in the template's order, or
// nil for Skip or a kind that is none.
func KindColumns(kind string) []string {
	spec, _, _, _, ok := kindNamed(kind)
	if !ok || spec == nil {
		return nil
	}
	out := make([]string, len(spec.cols))
	for i, c := range spec.cols {
		out[i] = c.header
	}
	return out
}

// ColumnChoices lists the choices of a column of a kind of sheet, those a
// ValueMapping's Means may name by their English Label; nil when the
// column is not one of a fixed list. "Not recorded" is left out: it is
// what a blank cell says.
func ColumnChoices(kind, column string) []workspace.Choice {
	spec := specNamed(kind)
	if spec == nil {
		return nil
	}
	c := spec.column(column)
	if c == nil || c.kind != choice {
		return nil
	}
	var out []workspace.Choice
	for _, ch := range c.choices {
		if ch.Key != "" {
			out = append(out, ch)
		}
	}
	return out
}

// KindRecords is the kind whose columns a sheet of a kind is read by (the
// Kind of its ColumnMappings): the kind itself, Organisations for 3W, and
// "" for Skip or a kind that is none.
func KindRecords(kind string) string {
	spec, _, _, _, ok := kindNamed(kind)
	if !ok || spec == nil {
		return ""
	}
	return spec.name
}
