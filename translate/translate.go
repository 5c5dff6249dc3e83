// Package translate gives the program's texts in the languages it ships:
// English and Swahili. Texts are keyed by their English wording, with
// fmt verbs for the values put into them; the translations live in
// assets/translations, one pair of files per part of the program.
package translate

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"cpw/assets"
)

// Language is one language the program speaks.
type Language struct {
	Code string // the ISO 639-1 code, as in the file names: "en", "sw"
	Name string // the language's name in itself, as a user looks for it
}

// Languages are the languages the program ships, English first.
var Languages = []Language{{"en", "English"}, {"sw", "Kiswahili"}}

// Known reports whether code is a language the program ships.
func Known(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// Codes lists the codes of the languages the program ships, for messages.
func Codes() string {
	var c []string
	for _, l := range Languages {
		c = append(c, l.Code)
	}
	return strings.Join(c, ", ")
}

// Func turns an English text (a fmt format when args are given) into one
// language.
type Func func(text string, args ...any) string

// English leaves every text as it is written in the code.
func English(text string, args ...any) string {
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// For returns the texts of a language; an unknown code gives English. A text
// missing from the language's files stays in English.
func For(code string) Func {
	texts := Texts(code)
	if code == "en" || len(texts) == 0 {
		return English
	}
	return func(text string, args ...any) string {
		if t, ok := texts[text]; ok && t != "" {
			text = t
		}
		return English(text, args...)
	}
}

// File is one translation file.
type File struct {
	Name     string // its name under assets/translations, "window.sw.json"
	Part     string // "window"
	Language string // "sw"
	Data     []byte
	Texts    map[string]string
}

var (
	loadOnce sync.Once
	files    []File
	loadErr  error
)

// Files returns every translation file, sorted by name. The files are
// embedded, so a file that does not parse is a fault of the build, which the
// tests catch; it is returned as an error for them.
func Files() ([]File, error) {
	loadOnce.Do(func() {
		entries, err := assets.Translations.ReadDir("translations")
		if err != nil {
			loadErr = err
			return
		}
		for _, e := range entries {
			name := e.Name()
			parts := strings.Split(strings.TrimSuffix(name, ".json"), ".")
			if path.Ext(name) != ".json" || len(parts) != 2 {
				loadErr = fmt.Errorf("translation file %s is not named PART.LANGUAGE.json", name)
				return
			}
			data, err := assets.Translations.ReadFile("translations/" + name)
			if err != nil {
				loadErr = err
				return
			}
			f := File{Name: name, Part: parts[0], Language: parts[1], Data: data}
			if err := json.Unmarshal(data, &f.Texts); err != nil {
				loadErr = fmt.Errorf("translation file %s: %w", name, err)
				return
			}
			files = append(files, f)
		}
		sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	})
	return files, loadErr
}

// Texts returns every text of one language, from all its files.
func Texts(code string) map[string]string {
	fs, _ := Files()
	texts := map[string]string{}
	for _, f := range fs {
		if f.Language == code {
			for k, v := range f.Texts {
				texts[k] = v
			}
		}
	}
	return texts
}
