// Package assets holds the files the program embeds: its icon, and later its
// fonts and translations.
package assets

import _ "embed"

// Icon is the program's icon, a PNG.
//
//go:embed icon.png
var Icon []byte
