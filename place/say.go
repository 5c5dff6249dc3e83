package place

import "cpw/workspace"

// newError is a refusal or failure in a sentence, worded as the workspace
// package words its own (the window's language, or English). The
// translation test finds the texts at every call named newError: write them
// out, and add each to assets/translations/workspace.*.json.
func newError(code workspace.ErrorCode, format string, args ...any) *workspace.Error {
	return &workspace.Error{Code: code, Message: workspace.Wording()(format, args...)}
}
