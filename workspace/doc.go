// Package workspace is the program's domain and its file: the records a
// coalition keeps (initiative, sectors, organisations, people, consortia,
// roles and assignments, resource gaps, meetings, community units), their
// validation, the SQLite file format with its migrations, the health checks,
// demo data, and the merging of copies. It imports neither Fyne nor the
// program's other packages.
//
// Every write goes through one transaction shape (File.write in store.go)
// and every error a user may see is an *Error with a code and a sentence
// (errors.go).
//
// # Merging copies
//
// Leads edit copies of one workspace apart and bring them together with
// File.Merge. Every row carries a stable id, when it was last changed
// (updated_at), by which copy (copy_id), and when it arrived in this file
// (arrived_at); a deletion leaves a tombstone with the same stamps, and
// copy_meetings remembers, per other copy, the newest stamp each side had
// seen of the other when they last met. Merging is three-way: each record is
// weighed against that last meeting, not merely against the other copy.
//
// A merge runs in steps, each in its own file:
//
//  1. Read (merge_read.go): both copies' rows, table by table, parents
//     before children, and the deletions each knows of. The other file is
//     only read, in one read transaction; this copy is read inside the
//     write transaction that applies the merge, so that nothing another
//     program commits meanwhile is decided on from an older read.
//  2. Decide (merge_decide.go): decideRow, a pure function of what the two
//     copies last saw of each other, our row, their row and the tombstones,
//     names the case of each record (listed below); merge_plan.go turns the
//     case into actions. A conflict goes to the newer change (the later
//     stamp; equal stamps to the larger copy id, so that both copies pick
//     alike) unless the user chooses a Side. A choice against the newer
//     change is stamped anew, after the change it beats even when the other
//     copy's clock runs ahead, so that it travels to every copy.
//  3. Identity (merge_identity.go): a record only they have that has the
//     same natural key as one only we have (organisation name, consortium
//     code or name, unit name under its parent, gap title in its consortium)
//     is the same record entered twice. The smaller id is kept in both
//     copies alike with the newer content; the other id's tombstone names
//     the id kept (replaced_by), so that a third copy folds it the same way.
//     keptAs maps every id that goes to the id kept.
//  4. Deletions (merge_deletions.go): references are checked once every
//     table is planned. A record deleted here that their rows still use
//     comes back with what the same deletion removed; a record deleted there
//     that is still used here, or under which something changed here, is
//     kept (and stamped, so the other copy takes it back too); what belongs
//     to a deleted record goes with it.
//  5. Names (merge_names.go): two different records left with one name,
//     code or title (each copy renamed a different record alike, or two
//     units came together under one parent) are both kept: the smaller id
//     keeps the value, the other is renamed "Name (2)" (a code "WSE-2"),
//     stamped so that every copy makes the same choice; an acronym two
//     partners want stays with the smaller id.
//  6. Apply (merge_apply.go): one transaction, foreign keys checked at the
//     end, records entered twice first, then additions and updates parents
//     first, then deletions children first; names about to move are parked
//     first so that two records swapping names never collide half-way. The
//     other copy's change log joins ours and copy_meetings is updated. Every
//     row added or changed is read back and its fields checked as a form's
//     are: a record no user could have entered stops the merge.
//
// The cases of a record, as decideRow names them (rowCase):
//
//  1. The same in both copies: nothing to do.
//  2. Only ours: it stays.
//  3. Only theirs: added, unless entered here too (step 3).
//  4. Changed here only, or their version already seen here: ours stands.
//  5. Changed there only: theirs is taken. So too when ours is a version of
//     a third copy that theirs had already seen (copy_meetings holds what
//     each copy saw of others: two copies made from one parent both saw its
//     versions) and theirs is the newer change.
//  6. Changed in both: weighed field by field (decideFields). field_stamps
//     holds when each field last changed and by which copy; a field changed
//     in one copy only takes that copy's value, so that two people editing
//     different fields of one record both keep their change. Only fields
//     changed in both (or whose history neither copy knows, in a file saved
//     before fields were stamped) are a conflict, offered as the record with
//     our values for them against the record with theirs. A record that
//     ends up as neither copy had it is stamped as this copy's change.
//  7. Deleted here, unchanged there: it stays deleted.
//  8. Deleted here, changed there: a conflict; taking theirs brings it back.
//  9. Deleted there, unchanged here: deleted here too (step 4).
//  10. Deleted there, changed here: a conflict.
//  11. Found entered twice here and kept under another id: their row goes
//     to the record kept.
//  12. The same found there, however long ago: this copy does the same.
//  13. Gone from both: nothing to do.
//
// Merging the same copy twice changes nothing, and copies that have merged
// one another until a round of merges changes nothing hold the same
// records; merge_stress_test.go checks both on random histories.
package workspace
