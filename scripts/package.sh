#!/bin/sh
# Makes the Linux package with Fyne's packaging tool, then teaches it .cpw
# files: the desktop file says it opens them, and a MIME type names them, so
# that a double-click on a workspace opens the program.
# Usage: scripts/package.sh FYNE-TOOL VERSION
set -eu
fyne=$1
version=$2
id=org.cpw.planningworkspace
out="cpw-$version-linux-amd64.tar.xz"

keep=$(mktemp)
work=$(mktemp -d)
trap 'cp "$keep" FyneApp.toml; rm -rf "$keep" "$work"' EXIT
cp FyneApp.toml "$keep" # the tool counts its builds in it: keep it as it was
"$fyne" package --os linux --release --name cpw --app-version "$version" --app-build 1
tar xJf cpw.tar.xz -C "$work"
rm cpw.tar.xz
d="$work/cpw"

cat > "$d/usr/local/share/applications/$id.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Consortium Planning Workspace
GenericName=Planning workspace
Comment=Plan the upgrading of an informal settlement with its consortia, partners and residents
Exec=cpw %f
Icon=$id
Terminal=false
Categories=Office;ProjectManagement;
MimeType=application/x-cpw-workspace;
Keywords=planning;settlement;consortium;upgrading;
StartupWMClass=cpw
EOF

mkdir -p "$d/usr/local/share/mime/packages"
cat > "$d/usr/local/share/mime/packages/$id.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-cpw-workspace">
    <comment>Consortium Planning Workspace</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <glob pattern="*.cpw"/>
    <icon name="$id"/>
  </mime-type>
</mime-info>
EOF

# The installing Makefile installs the MIME type too, and refreshes the
# desktop's databases where the tools exist.
awk -v id="$id" '
	{ print }
	/install -Dm00644 usr\/local\/share\/pixmaps\/\$\(Icon\) \$\(DESTDIR\)\$\(PREFIX\)/ {
		print "\tinstall -Dm00644 usr/local/share/mime/packages/" id ".xml $(DESTDIR)$(PREFIX)/share/mime/packages/" id ".xml"
		print "\t-update-mime-database $(DESTDIR)$(PREFIX)/share/mime"
		print "\t-update-desktop-database $(DESTDIR)$(PREFIX)/share/applications"
	}
	/install -Dm00644 usr\/local\/share\/pixmaps\/\$\(Icon\) \$\(DESTDIR\)\$\(HOME\)/ {
		print "\tinstall -Dm00644 usr/local/share/mime/packages/" id ".xml $(DESTDIR)$(HOME)/.local/share/mime/packages/" id ".xml"
		print "\t-update-mime-database $(DESTDIR)$(HOME)/.local/share/mime"
		print "\t-update-desktop-database $(DESTDIR)$(HOME)/.local/share/applications"
	}
	/-rm \$\(DESTDIR\)\$\(PREFIX\)\/share\/pixmaps/ { print "\t-rm $(DESTDIR)$(PREFIX)/share/mime/packages/" id ".xml" }
	/-rm \$\(DESTDIR\)\$\(HOME\)\/.local\/share\/icons/ { print "\t-rm $(DESTDIR)$(HOME)/.local/share/mime/packages/" id ".xml" }
' "$d/Makefile" > "$work/Makefile.new"
mv "$work/Makefile.new" "$d/Makefile"

tar cJf "$out" -C "$work" cpw
echo "Wrote $out"
