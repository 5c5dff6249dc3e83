package importexport

import (
	"errors"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"cpw/translate"
	"cpw/workspace"
)

// parseDate reads a date cell: a spreadsheet date (a serial number, since
// cells are read raw), or text in a common format. Day-first is assumed for
// 03/04/2026, as in Kenya and Britain, unless the second part cannot be a
// month.
func parseDate(s string) (string, bool) { return readDate(s, false, false) }

// readDate is parseDate for a workbook whose serial dates count from 1904
// (date1904: a workbook made on a Mac) and a column whose dates are written
// month first (monthFirst: 03/04/2026 is March 4; see dateOrderOf).
func readDate(s string, date1904, monthFirst bool) (string, bool) {
	s = strings.TrimSpace(s)
	if serialDate.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		// Serial numbers from 1950 to Excel's last day: a bare year such as
		// 2026 is not taken for a day in 1905. The 1904 system counts the
		// same days with 1,462 fewer.
		lo, hi := 18264.0, 2958465.0
		if date1904 {
			lo, hi = lo-1462, hi-1462
		}
		if f < lo || f > hi {
			return "", false
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
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
	if day <= 12 && (month > 12 || monthFirst) {
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
// and punctuation ("CSO/NGO", "cso ngo"); but a value with a question mark
// ("Female?") is the writer's doubt, which is asked about, not dropped.
func findChoice(choices []workspace.Choice, s string) (string, bool) {
	if k, ok := workspace.FindChoice(choices, s); ok {
		return k, true
	}
	if strings.Contains(s, "?") {
		return "", false
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

// numericDate returns the first two parts of a date written as three
// numbers, day or month first (03/04/2026, 12.25.25, 3-4-2026), and whether
// s is one.
func numericDate(s string) (first, second int, ok bool) {
	if !strings.ContainsAny(s, "/.-") {
		return 0, 0, false // most dates are serial numbers: nothing to split
	}
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 {
		return 0, 0, false
	}
	var nums [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0, 0, false
		}
		nums[i] = n
	}
	if nums[0] < 1 || nums[0] > 31 || nums[1] < 1 || nums[1] > 31 {
		return 0, 0, false // year first, or not a date
	}
	return nums[0], nums[1], true
}

// ambiguousDate reports whether a date written as numbers reads as two
// different days, day first and month first (03/04/2026).
func ambiguousDate(s string) bool {
	a, b, ok := numericDate(s)
	return ok && a <= 12 && b <= 12 && a != b
}

// dateOrder is how one column of a sheet writes its dates in numbers: what
// its values show of day first (25/12/2025) and month first (12/25/2025).
type dateOrder struct {
	dayRow, monthRow     int    // the first row showing each order, 0 when none does
	dayValue, monthValue string // its value
	warned               bool   // the warning of how the column's dates are read was given
}

// monthFirst reports whether the column shows only month first: its
// ambiguous dates are read so.
func (o *dateOrder) monthFirst() bool { return o.monthRow > 0 && o.dayRow == 0 }

// mixed reports whether the column shows both orders: its ambiguous dates
// cannot be read.
func (o *dateOrder) mixed() bool { return o.monthRow > 0 && o.dayRow > 0 }

// dateOrderOf looks once through the column idx of a sheet's rows for the
// order its numeric dates are written in.
func dateOrderOf(rows [][]string, numbers []int, idx int) *dateOrder {
	o := &dateOrder{}
	for i, cells := range rows {
		if idx < 0 || idx >= len(cells) {
			continue
		}
		a, b, ok := numericDate(cells[idx])
		switch {
		case !ok:
		case a > 12 && b <= 12 && o.dayRow == 0:
			o.dayRow, o.dayValue = numbers[i], strings.TrimSpace(cells[idx])
		case b > 12 && a <= 12 && o.monthRow == 0:
			o.monthRow, o.monthValue = numbers[i], strings.TrimSpace(cells[idx])
		}
		if o.mixed() {
			break
		}
	}
	return o
}

// amountRead is what parseAmount found in a cell.
type amountRead struct {
	n        int64
	none     bool   // the cell says there is no amount (-, nil, n/a, TBD): read as a blank cell
	unknown  bool   // …because the amount is not known yet (TBD)
	rounded  bool   // the cell had a fraction of the currency, rounded to the nearest whole
	currency string // the ISO 4217 code the cell names, "" when it names none
}

// Why parseAmount cannot read a cell.
var (
	errNotAmount = errors.New("not an amount")
	errNegative  = errors.New("a negative amount")
	errTooLarge  = errors.New("too large an amount")
)

// noAmount are cells that say there is no amount; notKnownYet those that
// say it is not known yet. Both are compared lower case.
var (
	noAmount    = map[string]bool{"-": true, "–": true, "—": true, "--": true, "nil": true, "none": true, "n/a": true, "na": true, "n.a.": true, "not applicable": true, "hakuna": true}
	notKnownYet = map[string]bool{"tbd": true, "tbc": true, "to be determined": true, "to be confirmed": true, "unknown": true, "not known": true}
)

// shilling stands, in currencyMarks, for "Shs" and "/=", which name a
// shilling without saying whose: see shillingOf.
const shilling = "shilling"

// currencyMarks are the ways people mark an amount's currency, lower case
// and without a final full stop, with the ISO 4217 code each means.
var currencyMarks = map[string]string{
	"$": "USD", "us$": "USD", "usd$": "USD", "€": "EUR", "£": "GBP",
	"ksh": "KES", "kshs": "KES", "sh": shilling, "shs": shilling, "shilling": shilling, "shillings": shilling,
	"ush": "UGX", "ushs": "UGX", "tsh": "TZS", "tshs": "TZS",
	"/=": shilling, "/-": shilling,
	"dollars": "USD", "euros": "EUR", "pounds": "GBP",
}

// currencyCodes are the ISO 4217 codes recognised before or after an
// amount: East Africa's, its neighbours' and those of the usual funders.
var currencyCodes = strings.Fields(`KES UGX TZS RWF BIF SSP SOS ETB DJF ERN SDG CDF MWK ZMW MZN ZAR BWP NAD LSL SZL ZWL
	AOA MGA MUR SCR KMF NGN GHS XOF XAF GMD GNF LRD SLE SLL CVE EGP MAD TND DZD LYD
	USD EUR GBP CHF SEK NOK DKK CAD AUD NZD JPY CNY INR AED SAR QAR XDR`)

func init() {
	for _, c := range currencyCodes {
		currencyMarks[strings.ToLower(c)] = c
	}
}

// currencyOf returns the ISO 4217 code a mark means ("KSh.", "US$", "EUR",
// "/="), and whether it is one; a shilling of no country is the
// workspace's when it keeps shillings, else Kenya's.
func currencyOf(mark, workspaceCurrency string) (string, bool) {
	m := strings.ToLower(strings.TrimSpace(mark))
	if m != "." {
		m = strings.TrimSuffix(m, ".")
	}
	code, ok := currencyMarks[m]
	if code == shilling {
		switch workspaceCurrency {
		case "KES", "UGX", "TZS", "SOS":
			code = workspaceCurrency
		default:
			code = "KES"
		}
	}
	return code, ok
}

var (
	// amountNumber is the number of an amount, with thousands separators
	// or not, a fraction, and a multiplier: 1,200,000.00, 1.2M, 2.5 million,
	// 450k.
	amountNumber = regexp.MustCompile(`^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,2})?|-?[0-9]{1,3}(?:[, '\x{a0}\x{202f}][0-9]{3})+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\.?$`)
	// dotThousands is a number whose dots may group thousands: 1.200,
	// 4.500.000.
	dotThousands = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$`)
	// amountMark is a currency mark before or after an amount's number.
	amountMark = regexp.MustCompile(`^([^0-9\s-]+)\s*(.*)$|^(.*?)\s*([^0-9\s]+)$`)
	// headerUnit is a currency written in brackets after a column's
	// header: "Estimated cost (KES)", "Budget [in US$]".
	headerUnit = regexp.MustCompile(`^(.*?)\s*[(\[]\s*(?i:in\s+)?([^()\[\]\s]+)\s*[)\]]\s*$`)
)

// multipliers are the words and letters after a number that multiply it.
var multipliers = map[string]int64{
	"": 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "million": 1_000_000,
	"millions": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}

// parseAmount reads an amount as people write it in a workbook: a number
// cell, or text such as "KES 1,200,000.00", "Ksh. 300,000/=", "$10,000",
// "10,000 USD", "KES 1.2M", "2.5 million" or "450k". currency is the
// workspace's, which a shilling of no country means when it keeps
// shillings. The amount is a whole number of the currency: a fraction is
// rounded to the nearest whole and said so (rounded). "-", "nil", "none"
// and "n/a" mean there is no amount, "TBD" that it is not known yet; the
// currency the cell names, if any, is returned for the caller to compare.
func parseAmount(s, currency string) (amountRead, error) {
	s = strings.TrimSpace(s)
	if l := strings.ToLower(s); noAmount[l] || notKnownYet[l] {
		return amountRead{none: true, unknown: notKnownYet[l]}, nil
	}
	var a amountRead
	// Up to two marks, one before and one after the number ("Ksh. 300,000/=");
	// both must mean the same currency.
	for range 2 {
		m := amountMark.FindStringSubmatch(s)
		if m == nil {
			break
		}
		mark, rest := m[1], m[2]
		if mark == "" {
			rest, mark = m[3], m[4]
			if _, isMultiplier := multipliers[strings.ToLower(strings.TrimSuffix(mark, "."))]; isMultiplier {
				break // 450k, 1.2M
			}
			if strings.HasSuffix(mark, "/=") || strings.HasSuffix(mark, "/-") {
				// 300,000/=, or 1.2M/=: the multiplier is read with the number.
				if before := strings.TrimSuffix(strings.TrimSuffix(mark, "/="), "/-"); before != "" {
					if _, isMultiplier := multipliers[strings.ToLower(before)]; !isMultiplier {
						return amountRead{}, errNotAmount
					}
					rest += before
				}
				mark = mark[len(mark)-2:]
			}
		}
		code, ok := currencyOf(mark, currency)
		if !ok || a.currency != "" && a.currency != code {
			return amountRead{}, errNotAmount
		}
		a.currency, s = code, strings.TrimSpace(rest)
	}
	if dotThousands.MatchString(s) {
		// 1.200 is twelve hundred where a dot groups thousands, and one
		// and a fifth where it marks the fraction: it cannot be read.
		return amountRead{}, errNotAmount
	}
	m := amountNumber.FindStringSubmatch(s)
	if m == nil {
		return amountRead{}, errNotAmount
	}
	mult, ok := multipliers[strings.ToLower(m[2])]
	if !ok {
		return amountRead{}, errNotAmount
	}
	number := strings.NewReplacer(",", "", " ", "", "'", "", "\u00a0", "", "\u202f", "").Replace(m[1])
	v, ok := new(big.Rat).SetString(number)
	if !ok {
		return amountRead{}, errNotAmount
	}
	v.Mul(v, new(big.Rat).SetInt64(mult))
	if v.Sign() < 0 {
		return amountRead{}, errNegative
	}
	if !v.IsInt() {
		a.rounded = true
		v.Add(v, big.NewRat(1, 2)) // to the nearest whole, a half up
	}
	whole := new(big.Int).Quo(v.Num(), v.Denom())
	if whole.Cmp(big.NewInt(1e15)) > 0 {
		return amountRead{}, errTooLarge
	}
	a.n = whole.Int64()
	return a, nil
}

// headerCurrency returns the column's header without a currency unit in
// brackets after it ("Budget (KES)" is "Budget") and the currency's ISO
// 4217 code, or "" when it has none; currency is the workspace's, as for
// parseAmount.
func headerCurrency(header, currency string) (string, string) {
	m := headerUnit.FindStringSubmatch(strings.TrimSpace(header))
	if m == nil {
		return header, ""
	}
	code, ok := currencyOf(m[2], currency)
	if !ok {
		return header, ""
	}
	return m[1], code
}

// headerUnits reads the units an amount column's header names anywhere in
// it, not only in brackets: a currency ("Estimated cost USD", "Budget, in
// US$") and whether its amounts are counted in thousands or millions
// ("Budget (KES '000)", "Cost (millions)"), which a cell's number then
// does not say.
func headerUnits(header, currency string) (code string, scaled bool) {
	for _, w := range strings.FieldsFunc(strings.ToLower(header), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[],;:", r)
	}) {
		switch strings.Trim(w, "'’.") {
		case "000", "000s", "thousand", "thousands", "k", "mn", "m", "million", "millions", "bn", "billion", "billions":
			scaled = true
			continue
		}
		if c, ok := currencyOf(w, currency); ok && code == "" {
			code = c
		}
	}
	return code, scaled
}

// parsePhone tidies a phone number as a cell holds it. A phone number typed
// as a number has lost its leading 0: in a workspace in Kenya (or whose
// country is not recorded) nine digits starting with 7 or 1 get it back,
// since those are Kenyan mobile numbers (07… and 01…) without it.
func parsePhone(s, country string) string {
	s = strings.TrimSpace(s)
	if len(s) == 9 && (s[0] == '7' || s[0] == '1') && strings.Trim(s, "0123456789") == "" && inKenya(country) {
		return "0" + s
	}
	return s
}

// inKenya reports whether a workspace's country is Kenya, or not recorded.
func inKenya(country string) bool {
	switch normalise(country) {
	case "", "kenya", "ke", "ken", "republicofkenya", "jamhuriyakenya":
		return true
	}
	return false
}

// ageYears is an age written in years: 23, 23.0, "23 years", "23 yrs old".
var ageYears = regexp.MustCompile(`(?i)^(-?[0-9]{1,4}(?:\.[0-9]+)?)\s*(?:years?|yrs?\.?|y)?(?:\s*old)?$`)

// parseAge reads an age in years, and whether s is one.
func parseAge(s string) (float64, bool) {
	m := ageYears.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	age, err := strconv.ParseFloat(m[1], 64)
	return age, err == nil
}

// ageBandOf returns the key of the age band (workspace.AgeBands) of an age
// in years: 24.5 is 24 years done, in 18–24.
func ageBandOf(age float64) string {
	switch {
	case age < 18:
		return "under-18"
	case age < 25:
		return "18-24"
	case age < 36:
		return "25-35"
	case age < 60:
		return "36-59"
	}
	return "60+"
}
