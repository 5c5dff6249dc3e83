package translate_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"cpw/translate"
)

// The packages whose texts a user reads in the window or a brief.
var translatedDirs = []string{"../app", "../workspace", "../reports", "../importexport", "../place", "../geomap"}

// keyArgs says which arguments of a call are texts to translate, by the
// called function's name, and whether each must be written as a literal.
// It is the rule the code of those packages follows: texts are written out
// inside these calls, and no other function takes these names (the package
// doc in app/doc.go says so to a newcomer to the window's code).
var keyArgs = map[string][]struct {
	arg     int
	literal bool
}{
	"lang.L":   {{0, true}},
	"say":      {{0, true}},
	"msg":      {{0, true}},
	"newError": {{1, true}},
	"invalid":  {{0, false}, {1, true}},
	"internal": {{0, false}},
	"sayPlain": {{0, false}},
	"finding":  {{1, true}},
	// importexport: a row's problems and warnings, and the records a row
	// names or repeats (the entity, in English).
	"problem":   {{1, true}},
	"warn":      {{1, true}},
	"noSuch":    {{1, true}},
	"duplicate": {{0, true}},
}

// fyneTexts are texts Fyne's own widgets show (the file dialogs, an entry's
// menu, confirmations), from its lang/translations/base.en.json, with their
// English. The part "fyne" translates them, since Fyne has no Swahili.
var fyneTexts = map[string]string{
	"Advanced": "Advanced", "Cancel": "Cancel", "Confirm": "Confirm", "Copy": "Copy", "Create Folder": "Create Folder",
	"Cut": "Cut", "Enter filename": "Enter filename", "Error": "Error", "Favourites": "Favourites", "File": "File",
	"Folder": "Folder", "New Folder": "New Folder", "No": "No", "OK": "OK", "Open": "Open", "Paste": "Paste",
	"Quit": "Quit", "Redo": "Redo", "Save": "Save", "Select all": "Select all", "Show Hidden Files": "Show Hidden Files",
	"Undo": "Undo", "Yes": "Yes", "file.name": "Name", "file.parent": "Parent",
	// The calendar of a date field: its days' names, long and short.
	"monday": "Monday", "monday.short": "Mon", "tuesday": "Tuesday", "tuesday.short": "Tue",
	"wednesday": "Wednesday", "wednesday.short": "Wed", "thursday": "Thursday", "thursday.short": "Thu",
	"friday": "Friday", "friday.short": "Fri", "saturday": "Saturday", "saturday.short": "Sat",
	"sunday": "Sunday", "sunday.short": "Sun",
}

// usedKeys reads the Go files of the translated packages and returns every
// text they hand to translation, with where it is used.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range translatedDirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				for _, k := range keyArgs[callee(call)] {
					if k.arg >= len(call.Args) {
						continue
					}
					s, ok := literal(call.Args[k.arg])
					where := fset.Position(call.Pos()).String()
					switch {
					case ok && s != "":
						if _, seen := used[s]; !seen {
							used[s] = where
						}
					case !ok && k.literal:
						t.Errorf("%s: %s is given a text that is not written out, so the translations cannot be checked", where, callee(call))
					}
				}
				return true
			})
		}
	}
	return used
}

// callee names the function a call calls: "say", or "lang.L" for a package
// function; a method is named by its own name.
func callee(call *ast.CallExpr) string {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "lang" {
			return "lang." + f.Sel.Name
		}
		return f.Sel.Name
	}
	return ""
}

// literal returns the value of a string literal, or of literals joined by +.
func literal(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(v.X)
		b, ok2 := literal(v.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(v.X)
	}
	return "", false
}

// Every text the code translates has a translation in every language, and
// every translation is of a text the code uses.
func TestEveryTextTranslatedAndUsed(t *testing.T) {
	used := usedKeys(t)
	if len(used) < 50 {
		t.Fatalf("only %d texts found: is the scan still finding the calls?", len(used))
	}
	for _, l := range translate.Languages {
		texts := translate.Texts(l.Code)
		var missing, unused []string
		for k, where := range used {
			if _, ok := texts[k]; !ok {
				missing = append(missing, where+": "+strconv.Quote(k))
			}
		}
		for k := range texts {
			if _, ok := used[k]; !ok && fyneTexts[k] == "" {
				unused = append(unused, strconv.Quote(k))
			}
		}
		sort.Strings(missing)
		sort.Strings(unused)
		if len(missing) > 0 {
			t.Errorf("%s (%s) lacks %d texts:\n%s", l.Name, l.Code, len(missing), strings.Join(missing, "\n"))
		}
		if len(unused) > 0 {
			t.Errorf("%s (%s) has %d texts no code uses:\n%s", l.Name, l.Code, len(unused), strings.Join(unused, "\n"))
		}
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs lists a text's fmt verbs, without argument indexes, sorted.
func verbs(s string) []string {
	var v []string
	for _, m := range verb.FindAllString(s, -1) {
		v = append(v, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(m, ""))
	}
	sort.Strings(v)
	return v
}

// Each file is well named and formed: English is the key itself, a
// translation has the same values put into it, no text is translated in two
// places, and every part comes in every language.
func TestTranslationFiles(t *testing.T) {
	files, err := translate.Files()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{} // language + key → file
	parts := map[string]map[string]bool{}
	for _, f := range files {
		if !translate.Known(f.Language) {
			t.Errorf("%s: %q is not a language the program ships (%s)", f.Name, f.Language, translate.Codes())
		}
		if parts[f.Part] == nil {
			parts[f.Part] = map[string]bool{}
		}
		parts[f.Part][f.Language] = true
		for k, v := range f.Texts {
			if other, ok := seen[f.Language+"\x00"+k]; ok {
				t.Errorf("%s and %s both translate %q", other, f.Name, k)
			}
			seen[f.Language+"\x00"+k] = f.Name
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q has an empty translation", f.Name, k)
			}
			switch {
			case f.Part == "fyne" && fyneTexts[k] == "":
				t.Errorf("%s: %q is not one of Fyne's own texts", f.Name, k)
			case f.Part == "fyne" && f.Language == "en" && v != fyneTexts[k]:
				t.Errorf("%s: the English of Fyne's %q is %q, not %q", f.Name, k, fyneTexts[k], v)
			case f.Part != "fyne" && f.Language == "en" && v != k:
				t.Errorf("%s: the English of %q should be the text itself, not %q", f.Name, k, v)
			}
			if a, b := verbs(k), verbs(v); strings.Join(a, " ") != strings.Join(b, " ") {
				t.Errorf("%s: %q puts in %v but its translation %q puts in %v", f.Name, k, a, v, b)
			}
			if strings.Contains(v, "{{") || strings.Contains(k, "{{") {
				t.Errorf("%s: %q has {{, which Fyne's lang would read as a template", f.Name, k)
			}
		}
	}
	for part, langs := range parts {
		for _, l := range translate.Languages {
			if !langs[l.Code] {
				t.Errorf("the part %q has no %s file (%s.%s.json)", part, l.Name, part, l.Code)
			}
		}
	}
}

// For turns a text into Swahili and leaves what it does not know in English.
func TestFor(t *testing.T) {
	sw := translate.Texts("sw")
	var key string
	for k := range sw {
		if !strings.Contains(k, "%") {
			key = k
			break
		}
	}
	if key == "" {
		t.Skip("no Swahili texts yet")
	}
	if got := translate.For("sw")(key); got != sw[key] {
		t.Errorf("For(sw)(%q) = %q, want %q", key, got, sw[key])
	}
	if got := translate.For("sw")("A text nobody translated %d", 3); got != "A text nobody translated 3" {
		t.Errorf("an unknown text: %q", got)
	}
	if got := translate.For("xx")("Name"); got != "Name" {
		t.Errorf("an unknown language: %q", got)
	}
	if _, err := os.Stat("../assets/translations"); err != nil {
		t.Error(err)
	}
}

// Fyne's lang package reads the files with go-i18n, which refuses a whole
// file, with no more than a line in the log, when a text is one of its
// reserved words ("Other", "Description", "One"…). Each file must load there
// with every text in it.
func TestFilesLoadInFyne(t *testing.T) {
	files, err := translate.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("json", json.Unmarshal)
		mf, err := b.ParseMessageFileBytes(f.Data, f.Name)
		if err != nil {
			t.Errorf("%s does not load in Fyne's lang: %v", f.Name, err)
			continue
		}
		if len(mf.Messages) != len(f.Texts) {
			t.Errorf("%s: Fyne's lang reads %d texts of %d", f.Name, len(mf.Messages), len(f.Texts))
		}
		for _, m := range mf.Messages {
			if f.Texts[m.ID] != m.Other {
				t.Errorf("%s: Fyne's lang reads %q as %q, not %q", f.Name, m.ID, m.Other, f.Texts[m.ID])
			}
		}
	}
}
