//! Inline suppression comments: `<!-- factdiff: ignore[fact-id, other-kind] reason -->`.

/// A parsed suppression: what it silences and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Parsed {
    pub targets: Vec<String>,
    pub reason: String,
}

/// The suppressions a reader found (each with its comment's span and the text offset where the
/// block it covers begins) as the article keeps them, each covering its block of `text`.
pub(super) fn placed(
    found: Vec<(Parsed, crate::span::Span, usize)>,
    text: &str,
) -> Vec<crate::article::Suppression> {
    found
        .into_iter()
        .map(|(p, span, at)| crate::article::Suppression {
            targets: p.targets,
            reason: p.reason,
            span,
            covers: super::text::covered_block(text, at),
        })
        .collect()
}

/// Parses the inside of an HTML comment (between `<!--` and `-->`).
///
/// `Ok(None)`: not addressed to factdiff. `Err`: addressed to factdiff but malformed, with
/// what is wrong.
pub(super) fn parse(comment: &str) -> Result<Option<Parsed>, String> {
    let body = comment.trim();
    let Some(rest) = strip_prefix_ignore_case(body, "factdiff:") else {
        return Ok(None);
    };
    let rest = rest.trim_start();
    let Some(rest) = strip_prefix_ignore_case(rest, "ignore") else {
        let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        return Err(format!(
            "unknown factdiff directive `{word}`; expected `factdiff: ignore[fact-id] reason`"
        ));
    };
    let Some(rest) = rest.trim_start().strip_prefix('[') else {
        return Err("expected `[` after `factdiff: ignore`, as in `ignore[fact-id] reason`".into());
    };
    let Some(close) = rest.find(']') else {
        return Err("missing `]` after the suppressed ids".into());
    };
    let mut targets = Vec::new();
    for t in rest[..close].split(',') {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if !t
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
        {
            return Err(format!("`{t}` is not a fact id or finding kind"));
        }
        targets.push(t.to_string());
    }
    if targets.is_empty() {
        return Err("`ignore[]` names nothing to suppress".into());
    }
    let reason = rest[close + 1..].trim().to_string();
    Ok(Some(Parsed { targets, reason }))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Every `<!-- ... -->` in `text`, as (span of the whole comment, its inside), relative to
/// `text`.
pub(super) fn comments(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--") {
        let open = from + open;
        let inner = open + 4;
        let Some(close) = text[inner..].find("-->") else {
            break;
        };
        let close = inner + close;
        out.push((open..close + 3, &text[inner..close]));
        from = close + 3;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_suppressions_parse() {
        let p = parse(" factdiff: ignore[trump-putin-call, date-mismatch] wire copy ")
            .expect("well formed")
            .expect("for us");
        assert_eq!(p.targets, ["trump-putin-call", "date-mismatch"]);
        assert_eq!(p.reason, "wire copy");
        let p = parse("factdiff:ignore[x]").expect("ok").expect("for us");
        assert_eq!(
            (p.targets, p.reason),
            (vec!["x".to_string()], String::new())
        );
    }

    #[test]
    fn other_comments_are_not_ours() {
        assert_eq!(parse(" a note to the editor "), Ok(None));
    }

    #[test]
    fn malformed_suppressions_say_what_is_wrong() {
        for (c, needle) in [
            ("factdiff: ignore fact-id", "expected `[`"),
            ("factdiff: ignore[fact-id reason", "missing `]`"),
            ("factdiff: ignore[] why", "nothing"),
            ("factdiff: ignroe[x]", "unknown factdiff directive"),
            ("factdiff: ignore[a b] why", "not a fact id"),
        ] {
            let e = parse(c).expect_err(c);
            assert!(e.contains(needle), "{c}: {e}");
        }
    }

    #[test]
    fn comments_are_found_with_their_spans() {
        let t = "a <!-- x --> b <!--y-->";
        let found = comments(t);
        assert_eq!(found, vec![(2..12, " x "), (15..23, "y")]);
    }
}
