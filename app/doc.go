// Package app is the program's window, built with Fyne. It talks to the
// workspace package for data and never touches SQL itself.
//
// # Where things are
//
// The sections of an open workspace are listed once, in the table in
// sections.go: each entry has its id, its title, its icon and how it is
// built. Adding a section is one entry there and one new file with its
// build. Each kind of record has one file holding its list, its form and
// its page: consortia.go, organisations.go, people.go, roles.go, gaps.go,
// meetings.go; assignments.go holds the forms that give and end roles, and
// history.go the change log. excel.go holds the import's preview,
// import_mapping.go its guided form (what each sheet, column and value was
// taken to mean) and mappings.go the answers the workspace remembers. A record's page starts with openPage
// (page.go), which reads the record and the initiative, shows why when it
// cannot, and has the page drawn anew after each change.
//
// Widgets are touched on the UI thread only: work that takes time runs in
// ui.background or ui.busy, and hands its results back with fyne.Do.
//
// # Texts are found for translation by the function they are given to
//
// A test (translate/keys_test.go, its keyArgs table) reads this package's
// code and collects every text to translate by the name of the function
// it is handed to: lang.L here, and say, problem, finding and the like in
// the other packages. So
//
//   - write a text the window shows as a literal inside the call, as in
//     lang.L("Consortia") or fmt.Sprintf(lang.L("Members (%d now)"), n);
//     a text kept in a variable or built from parts is not found, and its
//     translation is then reported as unused;
//   - a table that holds texts (the sections' titles) holds a function
//     that returns lang.L("…"), which also asks for the text again when the
//     language is changed in Settings;
//   - do not name a function of your own after one of keyArgs (say,
//     problem, finding, warn, …): the test would read its arguments as
//     texts to translate.
//
// Names users gave records (a consortium's code, a role's name) are never
// translated.
package app
