//go:build !windows

package main

// associate says where file associations come from on this platform.
func associate() (string, error) {
	return "On Linux, the package from make package installs a desktop file and a MIME type that open .cpw files in the program; nothing to do here.", nil
}
