//go:build windows

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/windows/registry"
)

// associate makes .cpw files open in this program for the current user:
// keys under HKEY_CURRENT_USER, so no administrator is needed, pointing at
// this copy of cpw.exe wherever it was unpacked.
func associate() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return "", err
	}
	set := func(path, name, value string) error {
		k, _, err := registry.CreateKey(registry.CURRENT_USER, `Software\Classes\`+path, registry.SET_VALUE)
		if err != nil {
			return err
		}
		defer k.Close()
		return k.SetStringValue(name, value)
	}
	for _, v := range []struct{ path, name, value string }{
		{`.cpw`, "", "CPW.Workspace"},
		{`.cpw`, "Content Type", "application/x-cpw-workspace"},
		{`.cpw\OpenWithProgids`, "CPW.Workspace", ""},
		{`CPW.Workspace`, "", "Consortium Planning Workspace"},
		{`CPW.Workspace\DefaultIcon`, "", `"` + exe + `",0`},
		{`CPW.Workspace\shell\open\command`, "", `"` + exe + `" "%1"`},
	} {
		if err := set(v.path, v.name, v.value); err != nil {
			return "", fmt.Errorf("the file association could not be written to the registry: %v", err)
		}
	}
	// Tell Explorer, so that icons and Open with follow at once.
	const assocChanged, idList = 0x08000000, 0 // SHCNE_ASSOCCHANGED, SHCNF_IDLIST
	syscall.NewLazyDLL("shell32.dll").NewProc("SHChangeNotify").Call(assocChanged, idList, 0, 0)
	return fmt.Sprintf("Workspace files (.cpw) now open in %s for this Windows user, unless you chose another program for them in Open with. Run this again if you move the program.", exe), nil
}
