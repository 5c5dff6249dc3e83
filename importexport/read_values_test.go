package importexport

import (
	"strings"
	"testing"

	"cpw/translate"
)

// A form reads a date as the import reads a cell, except that a date that
// reads as two days, or a bare number, is refused with how to write it.
func TestReadDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2026-04-03", "2026-04-03"},
		{" April 3, 2026 ", "2026-04-03"},
		{"april 3, 2026", "2026-04-03"},
		{"3 April 2026", "2026-04-03"},
		{"3 Apr 2026", "2026-04-03"},
		{"25/12/2025", "2025-12-25"},
		{"12/25/2025", "2025-12-25"},
		{"03/03/2026", "2026-03-03"},
		{"2026/4/3", "2026-04-03"},
		{"", ""},
	} {
		got, err := ReadDate(c.in, nil)
		if err != nil || got != c.want {
			t.Errorf("ReadDate(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, says string }{
		{"03/04/2026", "“03/04/2026” could be day first (2026-04-03) or month first (2026-03-04): write it as YYYY-MM-DD, such as 2026-04-03."},
		{"46115", "“46115” is not a date"},
		{"next week", "“next week” is not a date: write it as YYYY-MM-DD"},
		{"31/02/2026", "is not a date"},
	} {
		got, err := ReadDate(c.in, nil)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("ReadDate(%q) = %q, %v; want an error saying %q", c.in, got, err, c.says)
		}
	}
}

// A form reads an amount as the import reads a cell; one in another
// currency is refused, naming both.
func TestReadAmount(t *testing.T) {
	for _, c := range []struct {
		in, currency string
		want         int64
	}{
		{"KES 10,000", "KES", 10_000},
		{"10,000", "KES", 10_000},
		{"1.2M", "KES", 1_200_000},
		{"Ksh. 300,000/=", "KES", 300_000},
		{"450k", "", 450_000},
		{"TBD", "KES", 0},
		{"", "KES", 0},
		{"USD 10", "USD", 10},
	} {
		got, err := ReadAmount(c.in, c.currency, nil)
		if err != nil || got != c.want {
			t.Errorf("ReadAmount(%q, %q) = %d, %v; want %d", c.in, c.currency, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, says string }{
		{"USD 10", "“USD 10” is in USD, but this workspace keeps its amounts in KES: convert it to KES, or leave it blank."},
		{"$10", "is in USD, but this workspace keeps its amounts in KES"},
		{"-5", "cannot be negative"},
		{"ten thousand", "is not a whole number of KES"},
		{"1.200", "is not a whole number of KES"},
	} {
		got, err := ReadAmount(c.in, "KES", nil)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("ReadAmount(%q) = %d, %v; want an error saying %q", c.in, got, err, c.says)
		}
	}
}

// The reasons are worded in the language asked for.
func TestReadValuesInSwahili(t *testing.T) {
	sw := translate.For("sw")
	if _, err := ReadDate("03/04/2026", sw); err == nil || !strings.Contains(err.Error(), "inaweza kusomwa siku kwanza (2026-04-03)") {
		t.Errorf("ReadDate in Swahili: %v", err)
	}
	if _, err := ReadAmount("USD 10", "KES", sw); err == nil || !strings.Contains(err.Error(), "“USD 10” ni kwa USD") {
		t.Errorf("ReadAmount in Swahili: %v", err)
	}
}
