# The two commands a newcomer needs are `make run` and `make test`; both
# install the build dependencies first.

GO      ?= go
BIN     := cpw
DEMO    := demo.cpw
export CGO_ENABLED := 1

.PHONY: deps build run test bench screenshots clean

deps:
	@sh scripts/deps.sh

build: deps
	$(GO) build -o $(BIN) .

# Builds, writes a demo workspace the first time, and opens the window on it.
run: build
	@test -f $(DEMO) || ./$(BIN) demo $(DEMO) --scale mukuru
	./$(BIN) $(DEMO)

# LANG keeps the locale warning of Fyne's test driver out of the logs.
test: deps
	$(GO) vet ./...
	LANG=en_US.UTF-8 $(GO) test -race ./...

# Times the targets at the mukuru demo scale and prints them as a table.
bench: build
	$(GO) run ./internal/bench -cpw ./$(BIN)

# Runs the program under Xvfb on the demo and writes PNGs of its main
# screens to docs/screenshots/.
screenshots: build
	@sh scripts/deps.sh xvfb xdotool imagemagick
	sh scripts/screenshots.sh ./$(BIN)

clean:
	rm -f $(BIN) $(BIN).exe
