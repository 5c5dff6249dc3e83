package workspace

import "testing"

func TestThousandsAndPlural(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 21682: "21,682", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
	if Plural(1, "cell", "cells") != "1 cell" || Plural(2764, "household", "households") != "2,764 households" || Plural(0, "x", "xs") != "0 xs" {
		t.Error("Plural")
	}
}

func TestJoinAndCapitalise(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"3 people"}, "3 people"}, {[]string{"3 people", "1 gap"}, "3 people and 1 gap"},
		{[]string{"a", "b", "c"}, "a, b and c"}} {
		if got := JoinAnd(c.in); got != c.want {
			t.Errorf("JoinAnd(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	if Capitalise("organisation") != "Organisation" || Capitalise("") != "" {
		t.Error("Capitalise")
	}
}
