package workspace

// wins reports whether change a (stamp and copy) is newer than b; equal
// stamps go to the larger copy id, so that both copies pick the same side.
func wins(aStamp, aCopy, bStamp, bCopy string) bool {
	if aStamp != bStamp {
		return aStamp > bStamp
	}
	return aCopy > bCopy
}

// oursChanged reports whether our version of a row is a change they have
// not seen. A version that came in from a merge and was not touched here
// since, which theirs has moved on from, is not ours to defend.
func (m *merger) oursChanged(or, tr *mergeRow) bool {
	if or.arrival() <= m.oursAfter {
		return false
	}
	if tr != nil && or.arrivedAt != "" && or.updatedAt <= or.arrivedAt && tr.updatedAt > or.updatedAt {
		return false
	}
	return true
}

// theirsChanged reports whether their version of a row is a change made
// since the copies last met, rather than one of ours coming back.
func (m *merger) theirsChanged(tr mergeRow, ours *mergeRow) bool {
	if tr.arrival() <= m.theirsAfter {
		return false
	}
	if tr.copyID == m.ourCopy && ours != nil && tr.updatedAt <= ours.updatedAt {
		return false // our own change, which they took from us
	}
	return true
}
