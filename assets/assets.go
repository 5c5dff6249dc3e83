// Package assets holds the files the program embeds: its icon and the font
// of the PDF briefs.
package assets

import "embed"

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

// Translations holds the program's texts in each language, as flat JSON
// files named PART.LANGUAGE.json (window.sw.json): the key is the English
// text, the value its translation. The window hands them to Fyne's lang
// package; the briefs and the workspace's messages read them through
// package translate.
//
//go:embed translations
var Translations embed.FS
