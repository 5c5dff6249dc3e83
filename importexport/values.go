package importexport

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
	"cpw/workspace"
)

// parseDate reads a date cell: a spreadsheet date (a serial number, since
// cells are read raw), or text in a common format. Day-first is assumed for
// 03/04/2026, as in Kenya and Britain, unless the second part cannot be a
// month.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if serialDate.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		// Serial numbers from 1950 to Excel's last day: a bare year such as
		// 2026 is not taken for a day in 1905.
		if f < 18264 || f > 2958465 {
			return "", false
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return "", false
		}
		return t.Format(workspace.DateLayout), true
	}
	for _, layout := range []string{
		"2006-01-02", "2006-1-2", "2006/01/02", "2006/1/2", "2006.01.02",
		"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
		"2 January 2006", "2 Jan 2006", "02-Jan-2006", "2-Jan-2006", "02-Jan-06", "2-Jan-06", "January 2, 2006",
		"Jan 2, 2006", "Monday, 2 January 2006", "Monday, January 2, 2006", "2 Jan. 2006",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(workspace.DateLayout), true
		}
	}
	// Numeric dates with slashes, dots or dashes: day first unless impossible.
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return "", false
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return "", false
		}
		nums[i] = n
	}
	day, month, year := nums[0], nums[1], nums[2]
	if month > 12 && day <= 12 {
		day, month = month, day
	}
	if year < 100 {
		year += 2000
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month || year < 1900 || year > 2200 {
		return "", false
	}
	return t.Format(workspace.DateLayout), true
}

var (
	// serialDate is a spreadsheet date read raw: a plain decimal number.
	serialDate = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	// plainNumber is a number as a cell holds it: 1250000, 12.0, 1.25E+6.
	plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
	// grouped is a number written with thousands separators: 1,250,000 or
	// 40 000 (the separators in threes, so "1,5" is not fifteen).
	grouped = regexp.MustCompile(`^-?[0-9]{1,3}([, '\x{a0}\x{202f}][0-9]{3})+$`)
)

// parseWhole reads a whole number: a number cell, or text such as
// "1,250,000", "KES 40 000" or "12.0".
func parseWhole(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	for _, prefix := range []string{"KES", "KSh", "Ksh", "USD", "US$", "$", "€", "£"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, prefix))
	}
	if grouped.MatchString(s) {
		s = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	}
	if !plainNumber.MatchString(s) {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, false
	}
	return int64(f), true
}

// looksLargeWhole reports whether s is a whole number too large to keep.
func looksLargeWhole(s string) bool {
	s = strings.TrimSpace(s)
	if grouped.MatchString(s) {
		s = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	return plainNumber.MatchString(s) && err == nil && f == math.Trunc(f) && math.Abs(f) > 1e15 || err != nil && len(s) > 15 && strings.Trim(s, "0123456789") == ""
}

// parseYesNo reads a yes/no cell in the forms spreadsheets and people write.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "x", "ndiyo":
		return true, true
	case "no", "n", "false", "0", "hapana":
		return false, true
	}
	return false, false
}

// splitList splits a cell holding several values.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// findChoice finds a choice by key or label, also without regard to spacing
// and punctuation ("CSO/NGO", "cso ngo").
func findChoice(choices []workspace.Choice, s string) (string, bool) {
	if k, ok := workspace.FindChoice(choices, s); ok {
		return k, true
	}
	n := normalise(s)
	for _, c := range choices {
		if n != "" && (n == normalise(c.Key) || n == normalise(c.Label)) {
			return c.Key, true
		}
	}
	return "", false
}

// isTheme reports whether a workspace's sector name is the theme of word
// (a value of sectorWords): it starts with the word, or it is the seeded
// sector of that theme as named in a language the program ships.
func isTheme(name, word string) bool {
	n := normalise(name)
	if strings.HasPrefix(n, word) {
		return true
	}
	for _, seeded := range workspace.SeededSectorNames() {
		if !strings.HasPrefix(normalise(seeded), word) {
			continue
		}
		for _, l := range translate.Languages {
			if n == normalise(translate.For(l.Code)(seeded)) {
				return true
			}
		}
	}
	return false
}

// sectorWords are words by which others' workbooks name this program's
// sectors, matched against the start of each sector's name.
var sectorWords = map[string]string{
	"wash": "water", "water": "water", "sanitation": "water", "energy": "water", "hygiene": "water",
	"health": "health", "nutrition": "health",
	"education": "education", "youth": "education", "culture": "education", "schools": "education",
	"shelter": "housing", "housing": "housing", "infrastructure": "housing", "commerce": "housing", "roads": "housing", "nfi": "housing",
	"land": "land", "tenure": "land", "institutional": "land", "legal": "land",
	"environment": "environment", "climate": "environment", "naturalresources": "environment",
	"finance": "finance", "livelihoods": "finance", "cash": "finance", "economic": "finance",
	"coordination": "coordination", "communication": "coordination", "communityorganization": "coordination",
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
