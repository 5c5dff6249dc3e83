package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cpw/translate"
)

// A new workspace's sectors and roles are written in the language it is
// created in; the roles' keys and the rest of the catalogue stay the same. A
// language the program does not ship is refused.
func TestSeedLanguage(t *testing.T) {
	for _, c := range []struct{ name, language, stored string }{{"Swahili", "sw", "sw"}, {"English", "en", "en"}, {"Unset", "", "en"}} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Create(filepath.Join(t.TempDir(), "seeded.cpw"), NewOptions{Name: "Mukuru", Language: c.language})
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			defer f.Close()
			tr := translate.For(c.stored)
			in := must[Initiative](t)(f.Initiative())
			if in.Language != c.stored {
				t.Errorf("the initiative's language is %q, want %q", in.Language, c.stored)
			}

			sectors := must[[]Sector](t)(f.Sectors())
			if len(sectors) != len(seedSectors) {
				t.Fatalf("%d sectors, want %d", len(sectors), len(seedSectors))
			}
			for i, s := range seedSectors {
				want := Sector{Name: tr(s.name), Description: tr(s.description)}
				if sectors[i].Name != want.Name || sectors[i].Description != want.Description {
					t.Errorf("sector %d is %q (%q), want %q (%q)", i+1, sectors[i].Name, sectors[i].Description, want.Name, want.Description)
				}
				if c.stored == "sw" && (want.Name == s.name || want.Description == s.description) {
					t.Errorf("sector %q has no Swahili translation", s.name)
				}
			}

			roles := must[[]Role](t)(f.Roles(true))
			byKey := map[string]Role{}
			for _, r := range roles {
				byKey[r.Key] = r
			}
			if len(roles) != len(seedRoles) {
				t.Errorf("%d roles, want %d", len(roles), len(seedRoles))
			}
			for _, s := range seedRoles {
				r, ok := byKey[s.Key]
				if !ok {
					t.Errorf("no role with the key %s", s.Key)
					continue
				}
				for _, text := range []struct{ what, got, english string }{
					{"name", r.Name, s.Name},
					{"description", r.Description, s.Description},
					{"responsibilities", r.Responsibilities, s.Responsibilities},
				} {
					if text.got != tr(text.english) {
						t.Errorf("role %s: %s is %q, want %q", s.Key, text.what, text.got, tr(text.english))
					}
					if c.stored == "sw" && text.got == text.english {
						t.Errorf("role %s: %s has no Swahili translation: %q", s.Key, text.what, text.english)
					}
				}
				if r.Group != s.Group || r.Scope != s.Scope || r.UnitLevel != s.UnitLevel || r.Holder != s.Holder || r.IsKey != s.IsKey {
					t.Errorf("role %s: %+v differs from the seeded %+v beyond its texts", s.Key, r, s)
				}
				if err := r.Validate(); err != nil {
					t.Errorf("seeded role %s: %v", s.Key, err)
				}
			}
			if c.stored == "sw" && byKey[RoleCommunityMobilizer].Name != "Mhamasishaji wa jamii" {
				t.Errorf("the community mobilizer is %q in Swahili", byKey[RoleCommunityMobilizer].Name)
			}
		})
	}

	// A language the program does not ship is refused, and nothing is written.
	t.Run("Unknown", func(t *testing.T) {
		dir := t.TempDir()
		f, err := Create(filepath.Join(dir, "french.cpw"), NewOptions{Name: "Mukuru", Language: "fr"})
		if err == nil {
			f.Close()
			t.Fatal("a workspace was created in a language the program does not ship")
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != ErrInvalid || e.Field != "Language" ||
			!strings.Contains(e.Message, "“fr”") || !strings.Contains(e.Message, translate.Codes()) {
			t.Errorf("the refusal does not name the field and the languages: %#v", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a refused workspace left %d files behind: %v", len(entries), entries)
		}
	})
}

// A demo made in Swahili has its catalogue in Swahili and the same records
// and findings as the English one: nothing in it looks a role up by name.
func TestDemoInSwahili(t *testing.T) {
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	counts := map[string][]int{}
	for _, language := range []string{"en", "sw"} {
		f, err := CreateDemo(filepath.Join(t.TempDir(), "demo.cpw"), DemoOptions{Now: day, Language: language})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		roles := must[[]Role](t)(f.Roles(true))
		if want := translate.For(language)("Community mobilizer"); !strings.Contains(fmt.Sprint(roles), want) {
			t.Errorf("%s: no role named %q", language, want)
		}
		findings := must[[]Finding](t)(f.RunChecks(day))
		people := must[[]Person](t)(f.People(PersonFilter{}))
		counts[language] = []int{len(roles), len(findings), len(people)}
	}
	if fmt.Sprint(counts["en"]) != fmt.Sprint(counts["sw"]) {
		t.Errorf("roles, findings and people differ by language: %v", counts)
	}
}
