//! Numbers in text: digits, number words, scales and currency, hedges as intervals, units.

use crate::claims::Quantity;

/// Every number in `text` (one sentence), with spans relative to `text`.
pub fn extract_quantities(text: &str) -> Vec<Quantity> {
    let _ = text;
    Vec::new()
}

/// Parses a fact file's value (`145`, `"6 billion"`, `"1.5%"`, `"$6bn"`) into a number and,
/// when the value carries one, a normalised unit.
pub fn parse_value(s: &str) -> Option<(f64, Option<String>)> {
    s.trim().parse().ok().map(|v| (v, None))
}

/// Normalises a unit noun for comparison: lower case, singular ("drones" -> "drone").
pub fn normalize_unit(s: &str) -> String {
    let s = s.trim().to_lowercase();
    s.strip_suffix('s').map(str::to_string).unwrap_or(s)
}
