// Package assets holds the files the program embeds: its icon and the font
// of the PDF briefs.
package assets

import _ "embed"

// Icon is the program's icon, a PNG.
//
//go:embed icon.png
var Icon []byte

// FontRegular and FontBold are the typeface of the PDF briefs (DejaVu Sans
// Condensed, under the Bitstream Vera licence in fonts/LICENSE): it covers
// Latin text with accents, dashes and quotes.
var (
	//go:embed fonts/DejaVuSansCondensed.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSansCondensed-Bold.ttf
	FontBold []byte
)
