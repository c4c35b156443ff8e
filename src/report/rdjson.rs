//! Placeholder.

use super::ReportData;

pub fn render(_data: &ReportData) -> String {
    String::new()
}
