package place

import "cpw/workspace"

// openServer is the county server's place (PostgreSQL).
func openServer(address string) (Place, error) {
	return nil, newError(workspace.ErrInvalid, "This version cannot sync with a PostgreSQL server yet: use a shared folder.")
}
