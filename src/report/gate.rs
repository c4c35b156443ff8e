//! Gating: per-kind severity overrides, which findings make the exit status 1 (`--fail-on`),
//! and which are shown (`--min-severity`). The two are separate on purpose: a team can show
//! warnings without failing on them, or fail on warnings it does not print.

use crate::cli::FailOn;
use crate::finding::{Finding, Kind, Severity};
use std::collections::BTreeMap;

/// Replaces the severity of findings whose kind has an override (from the config file).
pub fn override_severities(findings: &mut [Finding], overrides: &BTreeMap<Kind, Severity>) {
    for f in findings {
        if let Some(&s) = overrides.get(&f.kind) {
            f.severity = s;
        }
    }
}

/// True when some finding is at or above the `--fail-on` level.
pub fn fails(findings: &[Finding], fail_on: FailOn) -> bool {
    findings.iter().any(|f| fails_at(f.severity, fail_on))
}

/// True when a finding of severity `s` is at or above the `--fail-on` level.
pub fn fails_at(s: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Error => s >= Severity::Error,
        FailOn::Warning => s >= Severity::Warning,
        FailOn::Never => false,
    }
}

/// Keeps the findings at or above `min`; returns how many were dropped.
pub fn keep_at_least(findings: &mut Vec<Finding>, min: Severity) -> usize {
    let before = findings.len();
    findings.retain(|f| f.severity >= min);
    before - findings.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn fail_on_and_min_severity_are_separate() {
        let mut findings = testdata::findings(); // error, warning, error
        assert!(fails(&findings, FailOn::Error));
        assert!(!fails(&findings, FailOn::Never));
        let warnings_only: Vec<Finding> = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .cloned()
            .collect();
        assert!(!fails(&warnings_only, FailOn::Error));
        assert!(fails(&warnings_only, FailOn::Warning));

        assert_eq!(keep_at_least(&mut findings, Severity::Error), 1);
        assert_eq!(findings.len(), 2);
    }

    #[test]
    fn overrides_change_severity_by_kind() {
        let mut findings = testdata::findings();
        let overrides = BTreeMap::from([(Kind::ValueMismatch, Severity::Warning)]);
        override_severities(&mut findings, &overrides);
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    }
}
