package geomap

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"cpw/translate"
)

// Palette is five colours from the lowest class to the highest.
type Palette [5]color.RGBA

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// The palettes, chosen to be told apart by readers with the common kinds
// of colour blindness, and in print.
var (
	// MoreIsBetter runs from red (few) through pale yellow to blue (many):
	// for representation, where the gaps are what a planner looks for.
	MoreIsBetter = Palette{rgb(0xd73027), rgb(0xfc8d59), rgb(0xfee090), rgb(0x91bfdb), rgb(0x4575b4)}
	// Counts runs from pale to deep blue-green: households.
	Counts = Palette{rgb(0xedf8e9), rgb(0xbae4b3), rgb(0x74c476), rgb(0x31a354), rgb(0x006d2c)}
	// Problems runs from pale to deep orange: open findings.
	Problems = Palette{rgb(0xfeedde), rgb(0xfdbe85), rgb(0xfd8d3c), rgb(0xe6550d), rgb(0xa63603)}
	// NoFigure is the colour of a unit with no figure for the measure.
	NoFigure = rgb(0xbdbdbd)
)

// Class is one step of a scale: values from From (included) up to To
// (left out, except in the last class).
type Class struct {
	From, To float64
	Colour   color.RGBA
}

// Values says what a scale's values are, for its legend.
type Values int

const (
	Share Values = iota // a share from 0 to 1, of cells
	Rate                // a rate, with decimals
	Whole               // a count
)

// Scale colours values by class.
type Scale struct {
	Classes []Class
	Values  Values
}

// Colour returns the colour of a value; NoFigure when it has none.
func (s Scale) Colour(v float64, ok bool) color.RGBA {
	c := s.Classes
	if !ok || len(c) == 0 || math.IsNaN(v) {
		return NoFigure
	}
	for _, k := range c[:len(c)-1] {
		if v < k.To {
			return k.Colour
		}
	}
	return c[len(c)-1].Colour
}

// Labels say in words, worded by say, which values each class holds.
func (s Scale) Labels(say translate.Func) []string {
	out := make([]string, len(s.Classes))
	for i, c := range s.Classes {
		switch s.Values {
		case Share:
			out[i] = []string{say("Under %s of cells", "50%"), say("%s to %s", "50%", "75%"), say("%s to %s", "75%", "90%"),
				say("%s and more, not all", "90%"), say("Every cell")}[min(i, 4)]
		case Rate:
			out[i] = say("%s to %s", Decimal(c.From), Decimal(c.To))
		default:
			// A class of one number, or from one to the last below the next
			// class; the last class includes its end.
			last := c.To - 1
			if i == len(s.Classes)-1 {
				last = c.To
			}
			if last <= c.From {
				out[i] = fmt.Sprintf("%.0f", c.From)
			} else {
				out[i] = say("%s to %s", fmt.Sprintf("%.0f", c.From), fmt.Sprintf("%.0f", last))
			}
		}
	}
	return out
}

// Decimal writes a number with at most two decimals, or, below one, two
// significant digits: a low rate's steps (0.005, 0.015) stay apart.
func Decimal(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	if math.Abs(v) >= 1 {
		return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	}
	return strconv.FormatFloat(roundSignificant(v, 2), 'f', -1, 64)
}

// roundSignificant rounds v to n significant digits.
func roundSignificant(v float64, n int) float64 {
	p := math.Pow(10, float64(n)-math.Ceil(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// ScaleText writes a scale bar's length, worded by say: "500 m", "1 km".
func ScaleText(metres float64, say translate.Func) string {
	if metres >= 1000 {
		return say("%s km", Decimal(metres/1000))
	}
	return say("%s m", Decimal(metres))
}

// ShareScale is the scale of a share from 0 to 1, with fixed steps so that
// two maps read alike: under a half, to three quarters, to nine in ten,
// short of all, and all.
func ShareScale(p Palette) Scale {
	steps := []float64{0, 0.5, 0.75, 0.9, 1, 1}
	s := Scale{Classes: make([]Class, 5), Values: Share}
	for i := range s.Classes {
		s.Classes[i] = Class{From: steps[i], To: steps[i+1], Colour: p[i]}
	}
	return s
}

// CountScale is a scale of five equal steps from 0 to a round number at or
// above the largest value, for counts and rates. With whole numbers every
// step is whole, and counts below five get a class each.
func CountScale(values []float64, whole bool, p Palette) Scale {
	top := 0.0
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			top = math.Max(top, v)
		}
	}
	if whole && top < 4 {
		n := int(math.Max(top, 1)) + 1
		s := Scale{Classes: make([]Class, n), Values: Whole}
		for i := range s.Classes {
			// Spread over the palette: its ends, then the middle.
			s.Classes[i] = Class{From: float64(i), To: float64(i + 1), Colour: p[i*(len(p)-1)/(n-1)]}
		}
		s.Classes[n-1].To = float64(n - 1)
		return s
	}
	step := niceStep(top / 5)
	if whole {
		step = math.Max(1, math.Ceil(step))
	}
	s := Scale{Classes: make([]Class, 5), Values: Rate}
	if whole {
		s.Values = Whole
	}
	for i := range s.Classes {
		s.Classes[i] = Class{From: float64(i) * step, To: float64(i+1) * step, Colour: p[i]}
	}
	return s
}

// niceStep rounds a step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}
