package importexport

import (
	"errors"
	"testing"
)

// parseAmount reads amounts as people write them, in the workspace's
// currency or naming another, and refuses what is not an amount.
func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in, currency string
		want         amountRead
	}{
		{"1250000", "KES", amountRead{n: 1_250_000}},
		{"1.25E+6", "KES", amountRead{n: 1_250_000}},
		{"1,250,000", "KES", amountRead{n: 1_250_000}},
		{"40 000", "KES", amountRead{n: 40_000}},
		{"KES 40 000", "KES", amountRead{n: 40_000, currency: "KES"}},
		{"kes 40,000", "KES", amountRead{n: 40_000, currency: "KES"}},
		{"KES 1.2M", "KES", amountRead{n: 1_200_000, currency: "KES"}},
		{"2.5 million", "KES", amountRead{n: 2_500_000}},
		{"2.5 million KES", "KES", amountRead{n: 2_500_000, currency: "KES"}},
		{"450k", "KES", amountRead{n: 450_000}},
		{"450K", "KES", amountRead{n: 450_000}},
		{"1.5bn", "KES", amountRead{n: 1_500_000_000}},
		{"KES 1,200,000.00", "KES", amountRead{n: 1_200_000, currency: "KES"}},
		{"1250000.75", "KES", amountRead{n: 1_250_001, rounded: true}},
		{"1250000.5", "KES", amountRead{n: 1_250_001, rounded: true}},
		{"1250000.49", "KES", amountRead{n: 1_250_000, rounded: true}},
		{"Ksh. 300,000/=", "KES", amountRead{n: 300_000, currency: "KES"}},
		{"300,000/-", "KES", amountRead{n: 300_000, currency: "KES"}},
		{"1.2M/=", "KES", amountRead{n: 1_200_000, currency: "KES"}},
		{"KShs 5,000", "KES", amountRead{n: 5_000, currency: "KES"}},
		{"Shs 5,000", "UGX", amountRead{n: 5_000, currency: "UGX"}},
		{"Shs 5,000", "USD", amountRead{n: 5_000, currency: "KES"}},
		{"USh 5,000", "KES", amountRead{n: 5_000, currency: "UGX"}},
		{"USD 10,000", "KES", amountRead{n: 10_000, currency: "USD"}},
		{"$10,000", "KES", amountRead{n: 10_000, currency: "USD"}},
		{"US$ 2,500", "KES", amountRead{n: 2_500, currency: "USD"}},
		{"10,000 USD", "KES", amountRead{n: 10_000, currency: "USD"}},
		{"EUR 5,000", "KES", amountRead{n: 5_000, currency: "EUR"}},
		{"€5,000", "KES", amountRead{n: 5_000, currency: "EUR"}},
		{"£5,000", "KES", amountRead{n: 5_000, currency: "GBP"}},
		{"TZS 5,000", "KES", amountRead{n: 5_000, currency: "TZS"}},
		{"-", "KES", amountRead{none: true}},
		{"—", "KES", amountRead{none: true}},
		{"nil", "KES", amountRead{none: true}},
		{"None", "KES", amountRead{none: true}},
		{"N/A", "KES", amountRead{none: true}},
		{"TBD", "KES", amountRead{none: true, unknown: true}},
		{"to be determined", "KES", amountRead{none: true, unknown: true}},
	} {
		got, err := parseAmount(c.in, c.currency)
		if err != nil || got != c.want {
			t.Errorf("parseAmount(%q, %s) = %+v, %v; want %+v", c.in, c.currency, got, err, c.want)
		}
	}
	for in, want := range map[string]error{
		"lots": errNotAmount, "12.5%": errNotAmount, "1,5": errNotAmount, "12,34,567": errNotAmount, "0x10": errNotAmount,
		"NaN": errNotAmount, "Inf": errNotAmount, "KES USD 100": errNotAmount, "USD": errNotAmount, "1.250.000": errNotAmount,
		"about 5000": errNotAmount, "5 apples": errNotAmount, "-5,000": errNegative, "KES -1.2M": errNegative,
		"1e30": errTooLarge, "99999999999999999999": errTooLarge, "2000000000 million": errTooLarge, "1e999999": errNotAmount,
	} {
		if got, err := parseAmount(in, "KES"); !errors.Is(err, want) {
			t.Errorf("parseAmount(%q) = %+v, %v; want %v", in, got, err, want)
		}
	}
}

// A currency in brackets after a header is taken off for matching, and
// said; other brackets stay.
func TestHeaderCurrency(t *testing.T) {
	for in, want := range map[string][2]string{
		"Estimated cost (KES)": {"Estimated cost", "KES"}, "Budget [USD]": {"Budget", "USD"}, "Budget (in US$)": {"Budget", "USD"},
		"Cost (Ksh.)": {"Cost", "KES"}, "Budget (KES '000)": {"Budget (KES '000)", ""}, "Residents (women)": {"Residents (women)", ""},
		"Budget": {"Budget", ""},
	} {
		if h, c := headerCurrency(in, "KES"); h != want[0] || c != want[1] {
			t.Errorf("headerCurrency(%q) = %q, %q; want %q", in, h, c, want)
		}
	}
	cost := gapsSheet.column("Estimated cost")
	for _, h := range []string{"Estimated cost (KES)", "Budget (KES)", "budget [USD]", "Cost (in Ksh)"} {
		if !cost.matches(h) {
			t.Errorf("%q is not taken for Estimated cost", h)
		}
	}
	if cost.matches("Budget (KES '000)") {
		t.Error("a budget in thousands is taken for one in shillings")
	}
	secured := gapsSheet.column("Secured")
	for _, h := range []string{"Amount secured", "Funds secured", "Secured (KES)"} {
		if !secured.matches(h) {
			t.Errorf("%q is not taken for Secured", h)
		}
	}
}

func TestParsePhoneAndAge(t *testing.T) {
	for _, c := range []struct{ in, country, want string }{
		{"712345001", "Kenya", "0712345001"}, {"112345678", "", "0112345678"}, {"712345001", "Uganda", "712345001"},
		{"0712345001", "Kenya", "0712345001"}, {"212345678", "Kenya", "212345678"}, {"71234500", "Kenya", "71234500"},
		{"+254 712 345 001", "Kenya", "+254 712 345 001"},
	} {
		if got := parsePhone(c.in, c.country); got != c.want {
			t.Errorf("parsePhone(%q, %q) = %q, want %q", c.in, c.country, got, c.want)
		}
	}
	for in, want := range map[string]string{"0": "under-18", "17.9": "under-18", "18": "18-24", "23 years": "18-24", "24.5": "18-24",
		"25": "25-35", "35 yrs old": "25-35", "36": "36-59", "59": "36-59", "60": "60+", "120": "60+"} {
		if age, ok := parseAge(in); !ok || ageBandOf(age) != want {
			t.Errorf("%q: age %v, %v, band %q; want %q", in, age, ok, ageBandOf(age), want)
		}
	}
	for _, bad := range []string{"18-24", "60+", "Under 18", "twenty"} {
		if age, ok := parseAge(bad); ok {
			t.Errorf("parseAge(%q) = %v", bad, age)
		}
	}
}

// A column's dates show the order they are written in: a second part over
// 12 is month first, a first part over 12 day first.
func TestDateOrderOf(t *testing.T) {
	rows := [][]string{{"2026-03-04"}, {"03/04/2026"}, {"46112"}, {"12/25/2025"}, {"05/06/2026"}}
	o := dateOrderOf(rows, []int{2, 3, 4, 5, 6}, 0)
	if !o.monthFirst() || o.mixed() || o.monthRow != 5 || o.monthValue != "12/25/2025" {
		t.Errorf("month first: %+v", o)
	}
	rows = append(rows, []string{"25.12.2025"})
	o = dateOrderOf(rows, []int{2, 3, 4, 5, 6, 7}, 0)
	if !o.mixed() || o.dayRow != 7 || o.monthRow != 5 {
		t.Errorf("mixed: %+v", o)
	}
	if o = dateOrderOf([][]string{{"03/04/2026"}}, []int{2}, 0); o.monthFirst() || o.mixed() {
		t.Errorf("ambiguous only: %+v", o)
	}
	for in, want := range map[string]string{"03/04/2026": "2026-03-04", "25/12/2025": "2025-12-25", "12/25/2025": "2025-12-25"} {
		if got, ok := readDate(in, false, true); !ok || got != want {
			t.Errorf("readDate(%q) month first = %q, want %q", in, got, want)
		}
	}
	if got, ok := readDate("44653", true, false); !ok || got != "2026-04-03" {
		t.Errorf("readDate(44653) in the 1904 system = %q", got)
	}
	if _, ok := readDate("2026", true, false); ok {
		t.Error("a bare year is taken for a day in the 1904 system")
	}
}
