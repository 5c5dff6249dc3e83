#!/bin/sh
# Installs what building cpw needs when it is missing: Go's cgo toolchain and
# the OpenGL and X11 headers Fyne compiles against. On Debian and Ubuntu it
# installs them with apt-get (through sudo when not root); elsewhere it says
# what to install.
set -eu

need_go="1.26"
if ! command -v go >/dev/null 2>&1; then
	echo "cpw needs Go $need_go or newer: install it from the Go website or your package manager, then run make again." >&2
	exit 1
fi
have_go=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V | head -n 1)" != "$need_go" ]; then
	echo "cpw needs Go $need_go or newer; this machine has $have_go." >&2
	exit 1
fi

# poppler-utils: the tests read the PDF briefs back with pdftotext. More
# packages may be named on the command line (make screenshots names its own).
packages="gcc pkg-config libgl1-mesa-dev xorg-dev poppler-utils $*"
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	missing=""
	for p in $packages; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $p"
		fi
	done
	[ -z "$missing" ] && exit 0
	echo "Installing the build dependencies:$missing"
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "Please install as root:$missing" >&2
			exit 1
		fi
		sudo="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends $missing
	exit 0
fi

# Not Debian: check what we can, and stop with what to install.
case "$(uname -s)" in
Darwin)
	xcode-select -p >/dev/null 2>&1 && exit 0
	echo "Install the Xcode command line tools (xcode-select --install); Fyne needs nothing else on macOS." >&2
	;;
Linux)
	if command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gl x11 xrandr xcursor xinerama xi 2>/dev/null; then
		exit 0
	fi
	echo "Install a C compiler, pkg-config, poppler-utils and the OpenGL and X11 development headers (on Fedora: gcc pkgconf-pkg-config poppler-utils mesa-libGL-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel)." >&2
	;;
*)
	command -v gcc >/dev/null 2>&1 && exit 0
	echo "Install a C compiler (on Windows: MinGW-w64 or TDM-GCC) so that Go can build with cgo." >&2
	;;
esac
exit 1
