package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/workspace"
)

// roleRow is a role of the catalogue with how many hold it now.
type roleRow struct {
	workspace.Role
	holders int
}

// rolesList is the Roles section: the catalogue in its own order, with how
// many hold each role now; opening one shows its page.
func (s *workspaceScreen) rolesList() *listView[roleRow] {
	f := s.file
	l := newListView(s.ui, lang.L("role"), lang.L("roles"), []column[roleRow]{
		{title: lang.L("Role"), width: 300, text: func(r roleRow) string { return r.Name }},
		{title: lang.L("Group"), width: 190, text: func(r roleRow) string { return workspace.Label(workspace.RoleGroups, r.Group) }},
		{title: lang.L("Held in"), width: 170, text: func(r roleRow) string { return workspace.Label(workspace.RoleScopes, r.Scope) }},
		{title: lang.L("Key role"), width: 80, text: func(r roleRow) string { return yes(r.IsKey) }},
		{title: lang.L("Held now"), width: 90, text: func(r roleRow) string { return thousands(r.holders) },
			sortKey: func(r roleRow) string { return amountKey(int64(r.holders)) }},
		{title: lang.L("Retired"), width: 110, text: func(r roleRow) string { return r.RetiredOn }},
	}, func() ([]roleRow, error) {
		roles, err := f.Roles(true)
		if err != nil {
			return nil, err
		}
		current, err := f.Assignments(workspace.AssignmentFilter{CurrentOn: s.today().Format(workspace.DateLayout)})
		if err != nil {
			return nil, err
		}
		count := map[string]int{}
		for _, a := range current {
			count[a.RoleID]++
		}
		out := make([]roleRow, len(roles))
		for i, r := range roles {
			out[i] = roleRow{r, count[r.ID]}
		}
		return out, nil
	})
	l.sortCol = -1
	if !f.ReadOnly() {
		l.onNew = func() { s.editRole(workspace.Role{Group: "community", Scope: "initiative", Holder: "person"}) }
		l.addAction(lang.L("Retire…"), theme.VisibilityOffIcon(), func(r roleRow) { s.retireRole(r.Role) })
	}
	l.onOpen = func(r roleRow) { s.showRole(r.ID) }
	return l.build()
}

// editRole shows a role's form: a new one when its id is empty.
func (s *workspaceScreen) editRole(r workspace.Role) {
	f := s.file
	name := entry(r.Name)
	group := newChoice(workspace.RoleGroups, r.Group)
	scope := newChoice(workspace.RoleScopes, r.Scope)
	levels, levelLabels := append([]workspace.Choice{{Key: ""}}, workspace.UnitLevels...), []string{lang.L("Any")}
	for _, c := range workspace.UnitLevels {
		levelLabels = append(levelLabels, c.Shown())
	}
	level := choiceOf(levels, levelLabels, r.UnitLevel)
	key := newCheck(lang.L("A vacancy or an overloaded holder matters"), r.IsKey)
	holder := newChoice(workspace.RoleHolders, r.Holder)
	description, responsibilities := multiline(r.Description), multiline(r.Responsibilities)
	title, confirm := lang.L("New role"), lang.L("Add")
	if r.ID != "" {
		title, confirm = fmt.Sprintf(lang.L("Role: %s"), r.Name), lang.L("Save")
	}
	read := r // as read, for saving only what the form changes
	s.ui.showForm(title, confirm, []field{
		{label: lang.L("Name"), obj: name, hint: lang.L("Renaming a seeded role keeps what the checks know of it")},
		{label: lang.L("Group"), obj: group},
		{label: lang.L("Scope"), obj: scope, hint: lang.L("Where it is held")},
		{label: lang.L("Unit level"), obj: level, hint: lang.L("For roles held in a community unit")},
		{label: lang.L("Key role"), obj: key},
		{label: lang.L("Holder"), obj: holder, hint: lang.L("Who may hold it")},
		{label: lang.L("What it is"), obj: description},
		{label: lang.L("Responsibilities"), obj: responsibilities},
	}, func() error {
		r.Name, r.Group, r.Scope, r.UnitLevel, r.IsKey = name.Text, group.key(), scope.key(), level.key(), key.Checked
		r.Holder, r.Description, r.Responsibilities = holder.key(), description.Text, responsibilities.Text
		var err error
		if r.ID == "" {
			_, err = f.CreateRole(r)
		} else {
			_, err = workspace.UpdateFrom(f, read, r)
		}
		return err
	}, s.changed)
}

// retireRole asks from when a role is no longer used; it stays in the
// history of those who held it.
func (s *workspaceScreen) retireRole(r workspace.Role) {
	f := s.file
	if r.RetiredOn != "" {
		dialog.ShowInformation(lang.L("Already retired"), fmt.Sprintf(lang.L("%s was retired on %s."), r.Name, r.RetiredOn), s.ui.window)
		return
	}
	on := dateEntry(s.today().Format(workspace.DateLayout))
	s.ui.showForm(fmt.Sprintf(lang.L("Retire %s"), r.Name), lang.L("Retire"), []field{
		{label: lang.L("Retired on"), obj: on, hint: lang.L("It stays in the history of those who held it")},
	}, func() error {
		_, err := f.RetireRole(r.ID, on.Text)
		return err
	}, s.changed)
}

// showRole shows a role: what it is, who holds it now and who held it. Its
// holders are read off the UI thread: a community role has 20,000.
func (s *workspaceScreen) showRole(id string) {
	r, p, ok := openPage(s, id, s.file.Role, s.showRole)
	if !ok {
		return
	}
	f, n := s.file, p.names
	s.ui.busy(lang.L("Reading the role…"), func() (func(), error) {
		as, err := f.Assignments(workspace.AssignmentFilter{RoleID: id})
		if err != nil {
			return nil, err
		}
		now, before, upcoming := splitByDay(as, p.today)
		line := func(a workspace.Assignment) string {
			text := n.holder(a)
			if w := n.where(a); w != "" {
				text = fmt.Sprintf(lang.L("%s in %s"), text, w)
			}
			return text + ", " + period(a)
		}
		// The lines are made here, with the names they need; only the
		// first of each group are shown.
		lines := func(group []workspace.Assignment) []string {
			var out []string
			for i, a := range group {
				if i == maxListed {
					break
				}
				out = append(out, line(a))
			}
			return out
		}
		nowLines, beforeLines, upcomingLines := lines(now), lines(before), lines(upcoming)
		nowHolders := make([]string, len(nowLines))
		for i := range nowLines {
			nowHolders[i] = n.holder(now[i])
		}
		return func() {
			p.line(fmt.Sprintf(lang.L("%s · held in %s · %s"), workspace.Label(workspace.RoleGroups, r.Group),
				strings.ToLower(workspace.Label(workspace.RoleScopes, r.Scope)), strings.ToLower(workspace.Label(workspace.RoleHolders, r.Holder))))
			if r.IsKey {
				p.line(lang.L("A key role: a vacancy or an overloaded holder matters."))
			}
			p.field(lang.L("What it is"), r.Description)
			p.field(lang.L("Responsibilities"), r.Responsibilities)
			p.field(lang.L("Retired on"), r.RetiredOn)
			more := func(all, shown int) {
				if all > shown {
					p.box.Add(widget.NewLabel(fmt.Sprintf(lang.L("… and %s more."), thousands(all-shown))))
				}
			}
			group := func(title string, all int, shown []string) {
				p.heading(fmt.Sprintf("%s (%s)", title, thousands(all)))
				for _, l := range shown {
					p.line(l)
				}
				more(all, len(shown))
			}
			// A retired role is no longer assigned.
			var assign func()
			if r.RetiredOn == "" {
				assign = func() { s.assignRole(workspace.Assignment{RoleID: r.ID}, nil) }
			}
			p.part(fmt.Sprintf("%s (%s)", lang.L("Held now"), thousands(len(now))), lang.L("Assign…"), assign)
			for i, l := range nowLines {
				a, holder := now[i], nowHolders[i]
				p.lineWith(l, widget.NewButton(lang.L("End…"), func() { s.endAssignment(a, holder) }))
			}
			more(len(now), len(nowLines))
			if len(upcoming) > 0 {
				group(lang.L("To come"), len(upcoming), upcomingLines)
			}
			group(lang.L("Held before"), len(before), beforeLines)
			p.show(r.Name, func() { s.editRole(r) })
		}, nil
	})
}
