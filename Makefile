# The two commands a newcomer needs are `make run` and `make test`; both
# install the build dependencies first.

GO      ?= go
BIN     := cpw
DEMO    := demo.cpw
export CGO_ENABLED := 1

FYNE    := build/tools/fyne
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

.PHONY: deps build run test bench screenshots windows package clean

deps:
	@sh scripts/deps.sh

build: deps
	$(GO) build -o $(BIN) .

# Builds, writes a demo workspace the first time, and opens the window on it.
run: build
	@test -f $(DEMO) || ./$(BIN) demo $(DEMO) --scale mukuru
	./$(BIN) $(DEMO)

# LANG keeps the locale warning of Fyne's test driver out of the logs. The
# sync tests start a throwaway PostgreSQL server of their own (as the
# postgres user when run as root), so PostgreSQL is installed too.
test: deps
	@sh scripts/deps.sh postgresql
	$(GO) vet ./...
	LANG=en_US.UTF-8 $(GO) test -race ./...

# Times the targets at the mukuru demo scale and prints them as a table. The
# keystroke rows type into the real window under Xvfb with xdotool.
# The real-window rows run the program under Xvfb, drawn with Mesa's
# software OpenGL, and type with xdotool.
bench: build
	@sh scripts/deps.sh xvfb xdotool libgl1-mesa-dri postgresql
	$(GO) run ./internal/bench -cpw ./$(BIN)

# Runs the program under Xvfb on the demo and writes PNGs of its main
# screens to docs/screenshots/.
screenshots: build
	@sh scripts/deps.sh xvfb xdotool imagemagick poppler-utils
	sh scripts/screenshots.sh ./$(BIN)

# Fyne's packaging tool, built for this machine.
$(FYNE):
	GOBIN=$(CURDIR)/build/tools $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

# cpw.exe for Windows, cross-built with MinGW-w64: a GUI program (no console
# window when double-clicked; commands run from a terminal still print) with
# the icon and version embedded. It runs from any folder, without installing.
# cpw-cli.exe beside it is the same program as a console program, for
# scripts and terminals (cmd.exe does not wait for a GUI program).
windows: deps $(FYNE)
	@sh scripts/deps.sh gcc-mingw-w64-x86-64
	@cp FyneApp.toml build/FyneApp.toml.keep # the tool counts its builds in it: keep it as it was
	CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 \
		$(FYNE) package --os windows --release --name $(BIN) --app-version $(VERSION) --app-build 1; \
		status=$$?; cp build/FyneApp.toml.keep FyneApp.toml; exit $$status
	CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 \
		$(GO) build -trimpath -ldflags "-s -w" -tags release -o $(BIN)-cli.exe .
	@file $(BIN).exe $(BIN)-cli.exe

# The Linux package: a tarball with the program, its desktop file (which
# opens .cpw files) and icon, and a Makefile that installs them.
package: build $(FYNE)
	sh scripts/package.sh $(FYNE) $(VERSION)

clean:
	rm -f $(BIN) $(BIN).exe $(BIN)-cli.exe $(BIN)-*.tar.xz
	rm -rf build
