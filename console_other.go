//go:build !windows

package main

// attachConsole does nothing where programs always have their terminal.
func attachConsole() {}

// clearLine takes the progress line away.
const clearLine = "\r\x1b[K"
