package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cpw/importexport"
	"cpw/workspace"
)

// maxProblemsShown is how many problems the import preview lists.
const maxProblemsShown = 500

// progressEvery is how often at most a job's progress is shown.
const progressEvery = 250 * time.Millisecond

// withProgress runs a long job off the UI thread behind a dialog with a
// progress bar and a Cancel button; cancelling ends the job with nothing
// written. The function the job returns (if any) runs on the UI thread
// afterwards.
func (u *ui) withProgress(title string, work func(ctx context.Context, progress importexport.Progress) (func(), error)) {
	ctx, cancel := context.WithCancel(context.Background())
	what := widget.NewLabel(lang.L("Starting…"))
	bar := widget.NewProgressBar()
	stop := widget.NewButton(lang.L("Cancel"), func() { cancel() })
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(what, bar, container.NewCenter(stop)), u.window)
	d.Resize(fyne.NewSize(460, 160))
	d.Show()
	u.waiting++
	forward := newForwardBar(bar)
	shown := &fewReports{}
	progress := func(done, total int, step string) {
		if !shown.due(step, time.Now()) {
			return
		}
		fyne.Do(func() {
			what.SetText(step + "…")
			forward.report(done, total, step)
		})
	}
	u.background(func() {
		then, err := work(ctx, progress)
		cancel()
		fyne.Do(func() {
			u.waiting--
			d.Hide()
			defer giveBackMemory()
			// What the job says, not whether Cancel was pressed: a job
			// that finished before it noticed did write.
			switch {
			case errors.Is(err, importexport.ErrCancelled):
				dialog.ShowInformation(title, lang.L("Cancelled: nothing was written."), u.window)
			case err != nil:
				u.showError(err)
			case then != nil:
				then()
			}
		})
	})
}

// fewReports picks the reports of a job's progress that are shown: one
// every progressEvery, and the first of each step. The dialog is redrawn
// for each one shown, and a redraw of the window takes the time of
// hundreds of rows. Jobs report from more than one goroutine.
type fewReports struct {
	mu   sync.Mutex
	last time.Time
	step string
}

// due says whether a report of step made at now is to be shown.
func (r *fewReports) due(step string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if step == r.step && now.Sub(r.last) < progressEvery {
		return false
	}
	r.last, r.step = now, step
	return true
}

// forwardBar shows a job's progress on a bar that only moves forward: the
// jobs report the whole job, stage after stage (importexport's within),
// and the read-through of a workbook reports from its own goroutine
// beside the reading of its sheets.
type forwardBar struct {
	bar   *widget.ProgressBar
	shown float64
}

func newForwardBar(bar *widget.ProgressBar) *forwardBar {
	return &forwardBar{bar: bar, shown: bar.Value}
}

// report shows done of total, unless the bar shows more already.
func (f *forwardBar) report(done, total int, _ string) {
	if total <= 0 {
		return
	}
	if v := min(float64(done)/float64(total), 1); v > f.shown {
		f.shown = v
		f.bar.SetValue(v)
	}
}

// onImport asks for a workbook, checks it without writing, and shows what
// importing it would do.
func (s *workspaceScreen) onImport() {
	u := s.ui
	if s.file.ReadOnly() {
		u.showError(errors.New(lang.L("This workspace is open read-only, so nothing can be imported into it: save a copy you can edit and import into that.")))
		return
	}
	chooseFile(u, folderOf(s.file.Path()), ".xlsx", s.previewImport)
}

// previewImport plans the import as a dry run and shows what it would do:
// the report alone for a workbook in the program's own words, with the
// mapping to check and change for one that is not (see import_mapping.go).
func (s *workspaceScreen) previewImport(path string) {
	u, f := s.ui, s.file
	u.withProgress(fmt.Sprintf(lang.L("Checking %s"), filepath.Base(path)), func(ctx context.Context, p importexport.Progress) (func(), error) {
		plan, err := planImport(ctx, f, path, p, nil)
		if err != nil {
			return nil, err
		}
		return func() {
			if plan.guided() {
				s.showGuidedImport(path, plan)
				return
			}
			s.showImportPreview(path, plan.report)
		}, nil
	})
}

// importReportView shows a report: its summary (unless the dialog shows it
// above), the counts per sheet, then each problem.
func importReportView(report *importexport.Report, withSummary bool) fyne.CanvasObject {
	summary := widget.NewLabelWithStyle(report.Summary(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	headers := []string{lang.L("Sheet"), lang.L("Records"), lang.L("New"), lang.L("Updated"), lang.L("Unchanged")}
	counts := widget.NewTable(
		func() (int, int) { return len(report.Sheets) + 1, len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("Organisations (3W)") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(headers[id.Col])
				return
			}
			l.TextStyle = fyne.TextStyle{}
			sr := report.Sheets[id.Row-1]
			l.SetText([]string{sr.Sheet, sr.Records, thousands(sr.New), thousands(sr.Updated), thousands(sr.Unchanged)}[id.Col])
		})
	// Each column is as wide as its heading needs, in any language.
	var width float32 = 30
	for i, w := range []float32{170, 190, 80, 80, 90} {
		heading := widget.NewLabelWithStyle(headers[i], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		w = max(w, heading.MinSize().Width)
		counts.SetColumnWidth(i, w)
		width += w
	}
	countsBox := container.NewGridWrap(fyne.NewSize(width, float32(len(report.Sheets)+1)*38), counts)

	shown := report.Problems
	more := ""
	if len(shown) > maxProblemsShown {
		more = fmt.Sprintf(lang.L("The first %d problems are listed; the command line (cpw import --dry-run) lists all %s."),
			maxProblemsShown, thousands(len(shown)))
		shown = shown[:maxProblemsShown]
	}
	// Labels in a scroll rather than a list: a wrapped problem takes the
	// lines it needs instead of overlapping the next.
	lines := container.NewVBox()
	for _, p := range shown {
		l := widget.NewLabel(problemLine(p))
		l.Wrapping = fyne.TextWrapWord
		lines.Add(l)
	}
	problems := container.NewVScroll(lines)
	heading := widget.NewLabelWithStyle(lang.L("No problems found."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if n := len(report.Problems); n > 0 {
		errs := byCount(report.Errors(), lang.L("1 error"), lang.L("%s errors"))
		if report.Errors() == 0 {
			errs = lang.L("No errors")
		}
		w := n - report.Errors()
		warnings := byCount(w, lang.L("1 warning (warnings do not stop the import)"), lang.L("%s warnings (warnings do not stop the import)"))
		if w == 0 {
			warnings = lang.L("no warnings")
		}
		heading.SetText(fmt.Sprintf(lang.L("%s and %s:"), errs, warnings))
	}
	top := container.NewVBox(countsBox, heading)
	if withSummary {
		top = container.NewVBox(summary, countsBox, heading)
	}
	if more != "" {
		top.Add(widget.NewLabel(more))
	}
	return container.NewBorder(top, nil, nil, nil, problems)
}

func problemLine(p importexport.Problem) string {
	kind := lang.L("Error")
	if p.Severity == importexport.Warning {
		kind = lang.L("Warning")
	}
	return kind + " — " + p.Where() + ": " + p.Message
}

func (s *workspaceScreen) showImportPreview(path string, report *importexport.Report) {
	u := s.ui
	var dlg dialog.Dialog
	body := importReportView(report, true)
	if report.Errors() > 0 {
		// A big, messy workbook need not wait for every row to be fixed:
		// the rows that are fine can go in, and the others are saved to a
		// workbook to fix and import again.
		rest := widget.NewButtonWithIcon(lang.L("Import the other rows…"), theme.UploadIcon(), func() {
			dlg.Hide()
			s.importTheRest(path, nil, nil, report.AnswersRead())
		})
		note := widget.NewLabel(lang.L("Or import every row that is fine, and save the rows with problems, each with its problem, to a workbook to fix and import again."))
		note.Wrapping = fyne.TextWrapWord
		content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), note, container.NewHBox(rest)), nil, nil, body)
		dlg = dialog.NewCustom(fmt.Sprintf(lang.L("Import %s: nothing can be imported yet"), filepath.Base(path)), lang.L("Close"), content, u.window)
	} else {
		dlg = dialog.NewCustomConfirm(fmt.Sprintf(lang.L("Import %s"), filepath.Base(path)), lang.L("Import"), lang.L("Cancel"), body, func(ok bool) {
			if ok {
				s.runImport(path, nil, nil, "", report.AnswersRead())
			}
		}, u.window)
	}
	dlg.Resize(fyne.NewSize(860, 620))
	dlg.Show()
}

// importTheRest asks where to save the rows with problems, then imports
// the other rows, with the mapping a guided preview shows (nil for none).
func (s *workspaceScreen) importTheRest(path string, mapping *importexport.Mapping, guided *guidedImport, seen string) {
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + " " + lang.L("rows to fix") + ".xlsx"
	s.askWorkbook(lang.L("Save the rows with problems"), lang.L("Import the other rows"), name, false, func(rejects string, _ bool) {
		if workspace.SameFile(rejects, path) {
			s.ui.showError(errors.New(lang.L("Save the rows with problems under another name than the workbook being imported.")))
			return
		}
		s.runImport(path, mapping, guided, rejects, seen)
	})
}

// runImport imports for real, with the mapping the user confirmed (nil
// when the workbook needs none), then shows the workspace as it now is.
// The import remembers the mapping in the workspace. An import that
// finds problems writes nothing: a guided preview, still open, then
// shows them for the mapping to be changed. With rejects, the rows with
// problems are left out and saved there, and the others imported. seen is
// the check's Report.AnswersRead: the import refuses to read the workbook
// otherwise than the preview showed it.
func (s *workspaceScreen) runImport(path string, mapping *importexport.Mapping, guided *guidedImport, rejects, seen string) {
	u, f := s.ui, s.file
	u.withProgress(fmt.Sprintf(lang.L("Importing %s"), filepath.Base(path)), func(ctx context.Context, p importexport.Progress) (func(), error) {
		report, err := importexport.Import(ctx, f, path, importexport.ImportOptions{Mapping: mapping, Progress: p, Say: inWindowLanguage,
			SkipBadRows: rejects != "", Rejects: rejects, AnswersSeen: seen})
		if err != nil {
			return nil, err
		}
		return func() {
			if report.Blocking() > 0 && guided != nil {
				guided.showResult(report)
				return
			}
			if guided != nil {
				guided.dlg.Hide()
			}
			u.reload()
			if report.Blocking() > 0 {
				// The workbook changed between the check and the import, or
				// a problem that is no row's stops it.
				dlg := dialog.NewCustom(lang.L("Nothing was imported"), lang.L("Close"), importReportView(report, true), u.window)
				dlg.Resize(fyne.NewSize(860, 620))
				dlg.Show()
				return
			}
			if report.Skipped() > 0 {
				// Which rows were left out, and why, stays readable.
				dlg := dialog.NewCustom(lang.L("Imported"), lang.L("Close"), importReportView(report, true), u.window)
				dlg.Resize(fyne.NewSize(860, 620))
				dlg.Show()
				return
			}
			dialog.ShowInformation(lang.L("Imported"), report.Summary()+"\n"+lang.L("The change log records the import."), u.window)
		}, nil
	})
}

// onExport asks where to write the workbook and whether with contacts.
func (s *workspaceScreen) onExport() {
	s.askWorkbook(lang.L("Export Excel"), lang.L("Export"), safeFileName(s.overview.name)+".xlsx", true, s.exportTo)
}

// exportTo exports off the UI thread, then offers to open the workbook.
func (s *workspaceScreen) exportTo(path string, contacts bool) {
	u, f := s.ui, s.file
	u.withProgress(fmt.Sprintf(lang.L("Exporting %s"), filepath.Base(path)), func(ctx context.Context, p importexport.Progress) (func(), error) {
		if err := importexport.Export(ctx, f, path, importexport.ExportOptions{WithContacts: contacts, Progress: p, Say: inWindowLanguage}); err != nil {
			return nil, err
		}
		return func() {
			s.offerToOpen(lang.L("Exported"), fmt.Sprintf(lang.L("The workspace was exported to %s."), path), path)
		}, nil
	})
}

// onTemplate writes the blank import workbook, its lists from this workspace.
func (s *workspaceScreen) onTemplate() {
	s.askWorkbook(lang.L("Excel template"), lang.L("Write the template"), lang.L("Import template")+".xlsx", false, func(path string, _ bool) {
		u, f := s.ui, s.file
		u.busy(fmt.Sprintf(lang.L("Writing %s…"), filepath.Base(path)), func() (func(), error) {
			if err := importexport.WriteTemplate(f, path, importexport.TemplateOptions{Say: inWindowLanguage}); err != nil {
				return nil, err
			}
			return func() {
				s.offerToOpen(lang.L("Template written"), fmt.Sprintf(lang.L("The template was saved as %s. Fill it in, then use Import Excel…."), path), path)
			}, nil
		})
	})
}

// askWorkbook asks for a workbook's name and folder (and, for exports,
// whether to include contacts), confirming before replacing a file.
func (s *workspaceScreen) askWorkbook(title, confirm, name string, askContacts bool, then func(path string, contacts bool)) {
	u := s.ui
	fileName := widget.NewEntry()
	fileName.SetText(name)
	folder, folderRow := folderChooser(folderOf(s.file.Path()), u.window)
	contacts := widget.NewCheck(lang.L("Include phone numbers and e-mail addresses"), nil)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("File name"), fileName), widget.NewFormItem(lang.L("Save in"), folderRow)}
	if askContacts {
		item := widget.NewFormItem(lang.L("Contacts"), contacts)
		item.HintText = lang.L("Personal data: leave them out of workbooks that travel widely")
		items = append(items, item)
	}
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		u.saveAs(folder.Text, fileName.Text, ".xlsx", func(path string) { then(path, contacts.Checked) })
	}, u.window)
	d.Resize(fyne.NewSize(600, 300))
	d.Show()
}
