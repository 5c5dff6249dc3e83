#!/bin/sh
# Runs the real program under Xvfb on the Mukuru-scale demo and writes PNGs
# of its main screens to docs/screenshots/, in the light theme and a few in
# the dark one. It clicks where a person would, with xdotool, in a window of
# the program's default size (1160×720).
set -eu

bin=${1:-./cpw}
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
# A partner's workbook in its own words (Swahili headers and values, its
# own kinds of organisation), for the guided import, in a folder of its
# own: the file dialogs of the other shots list $work. It is written with
# the Go toolchain before HOME is changed below, so that its caches are used.
guided=$(mktemp -d)
go run ./scripts/partnerbook "$guided" >/dev/null
# Fresh preferences, kept apart from the files the dialogs list: the
# default window size, no recent files.
export HOME=$(mktemp -d)
app=""
xvfb=""
trap 'kill $app $xvfb 2>/dev/null || true; sleep 1; rm -rf "$work" "$guided" "$HOME" 2>/dev/null || true' EXIT INT TERM
"$bin" demo "$work/mukuru.cpw" --scale mukuru >/dev/null
# The same demo made in Swahili, for the window in Swahili: its role
# catalogue and sector themes are seeded in that language.
mkdir -p "$work/sw" "$out/sw"
"$bin" demo "$work/sw/mukuru.cpw" --scale mukuru --lang sw >/dev/null
# A lead's copy with changes of its own, for the merge preview, and a 3W
# matrix from partners, for the import preview.
"$bin" copy "$work/mukuru.cpw" "$work/lead-copy.cpw" >/dev/null
"$bin" import "$work/lead-copy.cpw" importexport/testdata/3w-hxl-libreoffice.xlsx >/dev/null
cp importexport/testdata/3w-hxl-libreoffice.xlsx "$work/3W Nairobi.xlsx"
# The guided import goes into a copy of its own, beside the partner's
# workbook, and leaves the demo as it was.
"$bin" copy "$work/mukuru.cpw" "$guided/mukuru.cpw" >/dev/null

# A copy shared through a folder, and a lead's copy with the 3W import that
# pushed to it since: the window's Sync pulls it.
mkdir -p "$work/sync" "$work/shared"
"$bin" copy "$work/mukuru.cpw" "$work/sync/mukuru.cpw" >/dev/null
"$bin" sync "$work/sync/mukuru.cpw" "$work/shared" >/dev/null
"$bin" copy "$work/lead-copy.cpw" "$work/sync-lead.cpw" >/dev/null
"$bin" sync "$work/sync-lead.cpw" "$work/shared" >/dev/null

# The briefs' first pages, and the consortium brief's map, as PNGs.
"$bin" brief "$work/mukuru.cpw" "$work/initiative.pdf" >/dev/null
"$bin" brief "$work/mukuru.cpw" "$work/wse.pdf" --consortium WSE >/dev/null
pdftoppm -r 80 -png -singlefile -f 1 -l 1 "$work/initiative.pdf" docs/brief-initiative
pdftoppm -r 80 -png -singlefile -f 1 -l 1 "$work/wse.pdf" docs/brief-consortium
pdftoppm -r 80 -png -singlefile -f 2 -l 2 "$work/wse.pdf" docs/brief-consortium-map

display=:97
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
sleep 1

start() { # theme [language [workspace]]
	[ -n "$app" ] && kill "$app" 2>/dev/null && sleep 1
	file="$work/mukuru.cpw"
	[ "${2:-en}" = sw ] && file="$work/sw/mukuru.cpw"
	[ -n "${3:-}" ] && file=$3
	# The window follows the system's language: LANGUAGE names it.
	LANGUAGE=${2:-en} FYNE_THEME=$1 "$bin" "$file" >/dev/null 2>&1 &
	app=$!
	for _ in $(seq 1 50); do
		win=$(xdotool search --name "mukuru.cpw" 2>/dev/null | head -n 1 || true)
		[ -n "$win" ] && break
		sleep 0.2
	done
	sleep 3
}
click() { xdotool mousemove --window "$win" "$1" "$2" click 1; sleep "${3:-2}"; }
shot() {
	if ! kill -0 "$app" 2>/dev/null; then
		echo "screenshots: the program stopped before $1.png" >&2
		exit 1
	fi
	timeout 30 import -window "$win" "$out/$1.png"
	echo "wrote $out/$1.png"
}
section() { # index in the navigation, counting from 0
	click 60 $((97 + 39 * $1))
}

start light
shot overview
section 1; shot consortia
xdotool mousemove --window "$win" 400 461 click --repeat 2 --delay 80 1; sleep 2; shot consortium
section 2; shot organisations
# An organisation's page: its people, memberships, roles and gaps.
xdotool mousemove --window "$win" 300 346 click --repeat 2 --delay 80 1; sleep 3; shot organisation
section 3; sleep 2; shot people
# A person's page: their consent, roles, and what answers their requests
# about their data (the report, erasure).
xdotool mousemove --window "$win" 300 185 click --repeat 2 --delay 80 1; sleep 3; shot person
section 4; shot roles
# The form that assigns a role, from the page of a cell's household
# representative: a resident chosen by typing part of her name.
xdotool mousemove --window "$win" 300 586 click --repeat 2 --delay 80 1; sleep 4
click 1100 281 5; xdotool type --delay 80 "amina ach"; sleep 2
xdotool key --window "$win" Down; sleep 0.5; xdotool key --window "$win" Return; sleep 2; shot assign-role
xdotool key --window "$win" Escape; sleep 1
section 5; shot gaps
section 6; shot meetings
section 7; sleep 2; shot community
# The Map: the segments coloured by representation, the pointer on one;
# then the cells, zoomed in on the segment that lags.
section 8; sleep 4; xdotool mousemove --window "$win" 712 548; sleep 2; shot map
click 310 105 1; click 275 256 4; xdotool mousemove --window "$win" 712 548; sleep 1
xdotool click --repeat 5 --delay 300 4; sleep 3; shot map-cells
section 9; shot stakeholder-map
section 10; shot checks
section 11; shot history
section 0
# The 3W matrix is previewed with what its columns were taken to mean.
click 441 53; click 620 305 0.5; click 800 526 4; click 383 190 1; shot import
xdotool key --window "$win" Escape; sleep 1
click 215 53; click 620 305 0.5; click 800 526 4; shot merge
xdotool key --window "$win" Escape; sleep 1
# Save a copy… can leave the residents' contacts out, for a partner.
click 75 53; shot save-copy
xdotool key --window "$win" Escape; sleep 1
# Settings › Personal data: the purposes and retention the workspace declares.
click 987 53 2; click 493 428 2; shot personal-data
xdotool key --window "$win" Escape; sleep 1
xdotool key --window "$win" Escape; sleep 1

# The guided import of the partner's workbook: the sheets' kinds, the
# columns' matches, the values' meanings (the one the program cannot
# guess, "Govt", answered), then Import, and the mappings it leaves, in
# Settings.
start light en "$guided/mukuru.cpw"
click 441 53; click 620 305 0.5; click 800 526 8; shot import-sheets
click 383 190 1; shot import-columns
click 570 190 1; click 895 507 1; click 870 195 4; shot import-values
click 613 658 10
xdotool key --window "$win" Escape; sleep 1
click 987 53 2; click 472 553 2; shot import-mappings
# The import is one step: the Edit menu names it, and History previews
# what reverting it would take away. (Esc twice: Import mappings, then Settings.)
xdotool key --window "$win" Escape; sleep 1
xdotool key --window "$win" Escape; sleep 1
click 70 13 1; shot undo-menu
xdotool key --window "$win" Escape; sleep 1
section 11
xdotool mousemove --window "$win" 400 185 click --repeat 2 --delay 80 1; sleep 2
click 549 362 3; shot revert-preview
xdotool key --window "$win" Escape; sleep 1

# Sync: the first time it asks for the shared place; a copy shared through
# a folder says when it last synced, and Sync says what it pulled.
section 0
click 330 53; shot sync-place
xdotool key --window "$win" Escape; sleep 1
start light en "$work/sync/mukuru.cpw"
shot synced
click 330 53 10; shot sync

start dark
shot overview-dark
section 1
xdotool mousemove --window "$win" 400 461 click --repeat 2 --delay 80 1; sleep 2; shot consortium-dark
section 3; sleep 2; shot people-dark
section 8; sleep 4; xdotool mousemove --window "$win" 712 548; sleep 2; shot map-dark
section 9; shot stakeholder-map-dark

# The window in Swahili, as a user whose system speaks it sees it.
start light sw
shot sw/overview
section 1; shot sw/consortia
xdotool mousemove --window "$win" 400 461 click --repeat 2 --delay 80 1; sleep 2; shot sw/consortium
section 2; shot sw/organisations
section 3; sleep 2; shot sw/people
section 4; shot sw/roles
section 5; shot sw/gaps
section 6; shot sw/meetings
section 7; sleep 2; shot sw/community
section 8; sleep 4; xdotool mousemove --window "$win" 712 548; sleep 2; shot sw/map
section 9; shot sw/stakeholder-map
section 10; shot sw/checks
section 11; shot sw/history
section 0
cp "$work/3W Nairobi.xlsx" "$work/sw/"
"$bin" copy "$work/sw/mukuru.cpw" "$work/sw/lead-copy.cpw" >/dev/null
"$bin" import "$work/sw/lead-copy.cpw" importexport/testdata/3w-hxl-libreoffice.xlsx >/dev/null
click 478 53; click 620 305 0.5; click 800 526 4; click 474 210 1; shot sw/import
xdotool key --window "$win" Escape; sleep 1
click 215 53; click 620 305 0.5; click 800 526 4; shot sw/merge
start dark sw
shot sw/overview-dark
