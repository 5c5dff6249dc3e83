// What the workspace declares about the personal data it holds: the
// purposes it is kept for, and how long people whose roles all ended are
// kept. Both are settings, so that every copy keeps them alike.

package workspace

import (
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// Privacy is what the workspace declares about its people's data.
type Privacy struct {
	// Purposes says what the people's data is held for, in the coalition's
	// words; the personal data report quotes it.
	Purposes string `json:"purposes"`
	// RetentionMonths is how long a person whose roles all ended is kept
	// before they should be erased; 0 keeps them.
	RetentionMonths int `json:"retention_months"`
}

const (
	purposesKey  = "privacy.purposes"
	retentionKey = "privacy.retention_months"
	// MaxRetentionMonths is the longest retention the settings take: 20 years.
	MaxRetentionMonths = 240
)

// Validate checks the declaration.
func (p *Privacy) Validate() error {
	clean(&p.Purposes)
	if p.RetentionMonths < 0 || p.RetentionMonths > MaxRetentionMonths {
		return invalid(msg("Keep people whose roles ended for (months)"), "Keep people whose roles ended for between 0 (always) and %d months, not %d.", MaxRetentionMonths, p.RetentionMonths)
	}
	return maxLength(msg("Purposes"), p.Purposes, 2000)
}

// Privacy reads the workspace's declaration.
func (f *File) Privacy() (Privacy, error) { return privacyIn(f.reader()) }

func privacyIn(q querier) (Privacy, error) {
	var p Privacy
	var months string
	err := q.QueryRow("SELECT coalesce((SELECT value FROM settings WHERE key = ?), ''), coalesce((SELECT value FROM settings WHERE key = ?), '')",
		purposesKey, retentionKey).Scan(&p.Purposes, &months)
	if err != nil {
		return p, internal("reading the privacy settings", err)
	}
	// A value out of range (a hand-edited copy) keeps people.
	if n, err := strconv.Atoi(months); err == nil && n > 0 && n <= MaxRetentionMonths {
		p.RetentionMonths = n
	}
	return p, nil
}

// SetPrivacy stores the declaration and logs what changed.
func (f *File) SetPrivacy(p Privacy) error { return f.setPrivacy(nil, p) }

// SetPrivacyFrom stores the declaration a dialog changed from the one it
// read: a field another window or program changed meanwhile keeps its
// value unless the dialog changed it too, to another value, which is
// refused with a sentence (as SetThresholdsFrom does).
func (f *File) SetPrivacyFrom(read, p Privacy) error { return f.setPrivacy(&read, p) }

func (f *File) setPrivacy(read *Privacy, p Privacy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return f.write(func(t *tx) error {
		old, err := privacyIn(t) // as it is now, inside the write
		if err != nil {
			return err
		}
		type field struct{ key, label, was, before, after string }
		fields := []field{
			{purposesKey, msg("Purposes"), "", old.Purposes, p.Purposes},
			{retentionKey, msg("Keep people whose roles ended for (months)"), "", strconv.Itoa(old.RetentionMonths), strconv.Itoa(p.RetentionMonths)},
		}
		if read != nil {
			fields[0].was, fields[1].was = read.Purposes, strconv.Itoa(read.RetentionMonths)
		}
		for _, s := range fields {
			if read != nil && s.after == s.was {
				continue // the dialog left it: what is saved now stays
			}
			if read != nil && s.before != s.was && s.before != s.after {
				return newError(ErrConflict, "Another window or program changed the personal data settings after you opened them (%s: now %s): open them again to see the newest values.", sayPlain(s.label), show(s.before))
			}
			if s.before == s.after {
				continue
			}
			if err := t.putSetting(s.key, s.after); err != nil {
				return err
			}
			t.nameStep("update", "setting", s.label)
			if err := t.logChange("setting", s.key, "update", fmt.Sprintf("%s: %s → %s", s.label, show(s.before), show(s.after))); err != nil {
				return err
			}
		}
		return nil
	})
}

// pastRetentionSQL selects the people kept past the retention: not erased,
// holding no role today, and whose last role ended before :cutoff.
const pastRetentionSQL = `SELECT p.id, p.name, max(a.end_on) AS ended FROM people p JOIN assignments a ON a.person_id = p.id
	WHERE p.erased_on = '' GROUP BY p.id
	HAVING sum(a.end_on = '' OR a.end_on > :today) = 0 AND ended < :cutoff ORDER BY ended, p.name, p.id`

// KeptTooLong is a person kept past the retention, and when their last
// role ended.
type KeptTooLong struct {
	ID, Name, Ended string
}

// keptTooLong lists the people kept past the retention as of today; none
// when the workspace keeps people.
func keptTooLong(q querier, today time.Time) ([]KeptTooLong, int, error) {
	p, err := privacyIn(q)
	if err != nil || p.RetentionMonths == 0 {
		return nil, 0, err
	}
	cutoff := today.AddDate(0, -p.RetentionMonths, 0).Format(DateLayout)
	rows, err := q.Query(pastRetentionSQL, sql.Named("today", today.Format(DateLayout)), sql.Named("cutoff", cutoff))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []KeptTooLong
	for rows.Next() {
		var k KeptTooLong
		if err := rows.Scan(&k.ID, &k.Name, &k.Ended); err != nil {
			return nil, 0, err
		}
		out = append(out, k)
	}
	return out, p.RetentionMonths, rows.Err()
}

// KeptTooLong lists the people kept past the workspace's retention as of
// today.
func (f *File) KeptTooLong(today time.Time) ([]KeptTooLong, error) {
	out, _, err := keptTooLong(f.reader(), today)
	return out, internal("finding the people kept too long", err)
}

// EraseKeptTooLong erases every person kept past the retention as of
// today, in one change, and says how many. Who they are is decided inside
// the write: a role another program gives one of them meanwhile keeps
// them.
func (f *File) EraseKeptTooLong(today time.Time) (int, error) {
	var n int
	err := f.write(func(t *tx) error {
		people, months, err := keptTooLong(t, today)
		if err != nil {
			return err
		}
		if months == 0 {
			return newError(ErrInvalid, "This workspace keeps people whose roles ended: set how long to keep them in Settings › Personal data first.")
		}
		todo := map[string]string{}
		for _, p := range people {
			todo[p.ID] = p.Name
		}
		if err := t.erase(todo); err != nil {
			return err
		}
		n = len(people)
		t.nameStep("erase", "person", ErasedName)
		return nil
	})
	if err == nil && n > 0 {
		f.compact()
	}
	return n, err
}
