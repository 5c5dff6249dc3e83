//go:build !windows

package main

// attachConsole does nothing where programs always have their terminal.
func attachConsole() {}
