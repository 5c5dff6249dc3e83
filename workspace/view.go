package workspace

// Reads inside a write: an import decides what to create and update from
// the records it reads, so it reads them inside the transaction that writes,
// where no other program can change them in between.

// Workspace is a read-only view of the workspace as this batch sees it:
// its reads go through the batch's transaction, so that what an import
// decides from them cannot be changed by another program before it is
// written. It is valid only while the batch runs; write through Save.
func (b *Batch) Workspace() *File {
	view := *b.t.f
	view.inside, view.readOnly = b.t.Tx, true
	return &view
}

// reader is what the file's reads go through: the batch's transaction in a
// view made by Batch.Workspace, else the database.
func (f *File) reader() querier {
	if f.inside != nil {
		return f.inside
	}
	return f.db
}
