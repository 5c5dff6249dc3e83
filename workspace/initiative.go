package workspace

import (
	"strings"
	"time"

	"cpw/translate"
)

// Initiative is the upgrading initiative a workspace is about. Its ID is the
// workspace id, shared by every copy of the workspace.
type Initiative struct {
	ID         string
	Name       string
	Settlement string
	City       string // city or county
	Country    string
	Vision     string
	Currency   string // ISO 4217 code of the amounts in the workspace
	Language   string // language of the seeded names: en or sw
	CreatedAt  string
	Stamp
}

func (in *Initiative) table() table {
	return table{"initiative", msg("workspace"), msg("workspaces"), []string{"name", "settlement", "city", "country", "vision", "currency", "language", "created_at"}}
}
func (in *Initiative) key() *string  { return &in.ID }
func (in *Initiative) stamp() *Stamp { return &in.Stamp }
func (in *Initiative) title() string { return in.Name }
func (in *Initiative) fields() []any {
	return []any{&in.Name, &in.Settlement, &in.City, &in.Country, &in.Vision, &in.Currency, &in.Language, &in.CreatedAt}
}

// Place names where the initiative is: "Mukuru, Nairobi City County, Kenya".
func (in *Initiative) Place() string {
	var parts []string
	for _, p := range []string{in.Settlement, in.City, in.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// Validate checks the initiative's fields.
func (in *Initiative) Validate() error {
	clean(&in.Name, &in.Settlement, &in.City, &in.Country, &in.Currency)
	in.Currency = strings.ToUpper(in.Currency)
	if in.Language == "" {
		in.Language = "en"
	}
	if len(in.Currency) != 3 || strings.Trim(in.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return invalid("Currency", "Currency “%s” is not a currency code: use three letters such as KES or USD.", in.Currency)
	}
	return firstError(required(msg("Name"), in.Name), maxLength(msg("Name"), in.Name, 200),
		checkChoice(msg("Language"), in.Language, []Choice{{"en", "English"}, {"sw", "Kiswahili"}}))
}

func (in *Initiative) check(t *tx) error { return in.Validate() }

// Initiative returns the workspace's initiative.
func (f *File) Initiative() (Initiative, error) {
	var in Initiative
	err := f.reader().QueryRow("SELECT " + columnList(in.table()) + " FROM initiative LIMIT 1").Scan(scanTargets(&in)...)
	return in, internal("reading the workspace details", err)
}

// UpdateInitiative changes the workspace's details.
func (f *File) UpdateInitiative(in Initiative) (Initiative, error) {
	return updateRecord(f, in)
}

// checkSeedLanguage refuses a language a new workspace cannot be seeded in;
// empty means English.
func checkSeedLanguage(code string) error {
	if code != "" && !translate.Known(code) {
		return invalid("Language", "There is no language “%s” to write the workspace in: choose one of %s.", code, translate.Codes())
	}
	return nil
}

// seed writes the initiative, this copy's identity, the sector themes and
// the role catalogue into a new file. The sectors' and roles' texts are
// written in the initiative's language (English when it has none); the
// roles' keys stay as they are.
func (f *File) seed(in Initiative, now time.Time) error {
	tr := translate.For(in.Language)
	return f.write(func(t *tx) error {
		if _, err := t.Exec("INSERT INTO this_copy (copy_id, made_at) VALUES (?, ?)", f.copyID, t.at); err != nil {
			return err
		}
		in.CreatedAt = timestamp(now)
		if err := t.create(&in); err != nil {
			return err
		}
		for i, s := range seedSectors {
			if err := t.create(&Sector{Name: tr(s.name), Description: tr(s.description), Position: i + 1}); err != nil {
				return err
			}
		}
		for i, r := range seedRoles {
			r.Name, r.Description, r.Responsibilities = tr(r.Name), tr(r.Description), tr(r.Responsibilities)
			r.Position = i + 1
			if err := t.create(&r); err != nil {
				return err
			}
		}
		return nil
	})
}
