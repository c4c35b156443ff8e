//! Suggestion output: human text with quoted evidence, or versioned JSON.

use super::Suggestion;

pub fn human(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in suggestions {
        out.push_str(&one(s));
        out.push('\n');
    }
    let n = suggestions.len();
    let proposals = suggestions.iter().filter(|s| !s.changes.is_empty()).count();
    out.push_str(&format!(
        "{n} suggestion{}, {proposals} with a change; apply with `factdiff update --only ID`\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// One suggestion: its id and message, the proposed YAML, the evidence and notes.
pub fn one(s: &Suggestion) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}: {}\n", s.id, s.message));
    if let Some(yaml) = &s.yaml {
        out.push_str("  proposed:\n");
        for line in yaml.lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.push_str("  evidence:\n");
    for e in &s.evidence {
        let mut who = Vec::new();
        if let Some(o) = &e.outlet {
            who.push(o.as_str());
        }
        if let Some(p) = &e.published {
            who.push(p.as_str());
        }
        let who = if who.is_empty() {
            String::new()
        } else {
            format!(" ({})", who.join(", "))
        };
        let says = e
            .says
            .as_deref()
            .map_or_else(String::new, |s| format!(": {s}"));
        out.push_str(&format!("    {}:{}{who}{says}\n", e.path, e.line));
        out.push_str(&format!("      \"{}\"\n", e.sentence));
    }
    for n in &s.notes {
        out.push_str(&format!("  = note: {n}\n"));
    }
    out
}

pub fn json(suggestions: &[Suggestion]) -> String {
    let value = serde_json::json!({
        "version": 1,
        "suggestions": suggestions,
    });
    let mut s = serde_json::to_string_pretty(&value).expect("suggestions always serialise");
    s.push('\n');
    s
}
