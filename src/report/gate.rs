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

/// True when a finding of severity `s` is at or above the `--fail-on` level.
pub fn fails_at(s: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Error => s >= Severity::Error,
        FailOn::Warning => s >= Severity::Warning,
        FailOn::Never => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    /// True when some finding is at or above the `--fail-on` level.
    fn fails(findings: &[Finding], fail_on: FailOn) -> bool {
        findings.iter().any(|f| fails_at(f.severity, fail_on))
    }

    #[test]
    fn fail_on_and_min_severity_are_separate() {
        let findings = testdata::findings(); // error, warning, error
        assert!(fails(&findings, FailOn::Error));
        assert!(!fails(&findings, FailOn::Never));
        let warnings_only: Vec<Finding> = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .cloned()
            .collect();
        assert!(!fails(&warnings_only, FailOn::Error));
        assert!(fails(&warnings_only, FailOn::Warning));
    }

    #[test]
    fn overrides_change_severity_by_kind() {
        let mut findings = testdata::findings();
        let overrides = BTreeMap::from([(Kind::ValueMismatch, Severity::Warning)]);
        override_severities(&mut findings, &overrides);
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    }
}
