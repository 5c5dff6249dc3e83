// Package geomap draws community units' boundaries as maps: the window's
// Map screen draws them into an image, off the UI thread, and the briefs
// into a PDF with the same projection and colours.
//
// Boundaries are WGS84 longitude and latitude. A settlement is a few
// kilometres across, so they are projected to metres east and north of
// the middle of the units drawn (an equirectangular projection, which is
// true to a few parts in a million at that size): a scale bar is then
// plain arithmetic.
package geomap
