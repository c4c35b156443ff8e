//! Unit nouns: normalising them for comparison, and currency names and symbols.

use super::lexicon::Lower;

/// The currency code a word or symbol names ("dollars", "$", "US$", "EUR", "pounds").
pub(super) fn currency_code(s: &str) -> Option<&'static str> {
    let lower = Lower::new(s);
    let code = match s {
        "$" => "usd",
        "€" => "eur",
        "£" => "gbp",
        "¥" => "jpy",
        "₴" => "uah",
        "₽" => "rub",
        "₹" => "inr",
        _ => match lower.as_str() {
            "us$" | "usd" | "dollar" | "dollars" | "us dollar" | "us dollars" => "usd",
            "eur" | "euro" | "euros" => "eur",
            "gbp" | "pound" | "pounds" | "sterling" | "pounds sterling" => "gbp",
            "jpy" | "yen" => "jpy",
            "cny" | "rmb" | "yuan" | "renminbi" => "cny",
            "rub" | "rouble" | "roubles" | "ruble" | "rubles" => "rub",
            "uah" | "hryvnia" | "hryvnias" | "hryvnya" | "hryvnyas" => "uah",
            "chf" | "franc" | "francs" | "swiss franc" | "swiss francs" => "chf",
            "inr" | "rupee" | "rupees" => "inr",
            "a$" | "aud" => "aud",
            "c$" | "cad" => "cad",
            "nz$" | "nzd" => "nzd",
            "hk$" | "hkd" => "hkd",
            _ => return None,
        },
    };
    Some(code)
}

/// The code for a country prefix glued to "$" ("US$", "A$").
pub(super) fn dollar_prefix(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "US" | "U.S." => "usd",
        "A" | "AU" => "aud",
        "C" | "CA" => "cad",
        "NZ" => "nzd",
        "HK" => "hkd",
        "S" | "SG" => "sgd",
        _ => return None,
    })
}

/// Irregular singulars, and the few synonyms that are safe to merge.
fn irregular(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "people" | "person" | "persons" => "people",
        "children" => "child",
        "men" => "man",
        "women" => "woman",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "lives" => "life",
        "wives" => "wife",
        "knives" => "knife",
        "halves" => "half",
        "wolves" => "wolf",
        "thieves" => "thief",
        "uav" | "uavs" => "drone",
        // Plurals of words that end in "s" ("bus", "virus"): dropping the last letter would
        // give "buse", which "bus" never meets. "houses" and "causes" end in "e" and drop "s".
        "buses" | "busses" => "bus",
        "gases" => "gas",
        "viruses" => "virus",
        "bonuses" => "bonus",
        "campuses" => "campus",
        "surpluses" => "surplus",
        "statuses" => "status",
        "censuses" => "census",
        _ => return None,
    })
}

/// Words ending in "s" that are not plurals.
fn keeps_final_s(lower: &str) -> bool {
    lower.len() <= 3
        || lower.ends_with("ss")
        || lower.ends_with("us")
        || lower.ends_with("is")
        || lower.ends_with("ics")
        || matches!(
            lower,
            "series" | "species" | "news" | "himars" | "atacms" | "means"
        )
}

/// Singular of one lower-case English noun.
fn singular(lower: &str) -> String {
    if let Some(s) = irregular(lower) {
        return s.to_string();
    }
    if !lower.ends_with('s') || keeps_final_s(lower) {
        return lower.to_string();
    }
    if let Some(stem) = lower.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "ches", "shes", "xes", "zzes"] {
        if lower.ends_with(suffix) {
            return lower[..lower.len() - 2].to_string();
        }
    }
    lower[..lower.len() - 1].to_string()
}

/// Normalises a unit noun for comparison: lower case, no possessive, singular ("drones" ->
/// "drone", "casualties" -> "casualty", "people" stays), currencies to codes ("dollars", "$",
/// "US$" -> "usd"), "percent", "%" and "per cent" to "percent", "percentage points" to
/// "percentage point", and "UAVs" to "drone". Several words keep all but the last as they are
/// ("attack drones" -> "attack drone").
pub fn normalize_unit(s: &str) -> String {
    let s = s.trim();
    // Most units are one ASCII word ("drones"): lower-cased in one copy. Others have their
    // white space squeezed and curly apostrophes straightened too.
    let lower: String = if s.bytes().all(|b| b.is_ascii_graphic()) {
        s.to_ascii_lowercase()
    } else {
        squeezed_lower(s)
    };
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower);
    if let Some(code) = currency_code(s).or_else(|| currency_code(lower)) {
        return code.to_string();
    }
    match lower {
        "%" | "percent" | "per cent" | "pct" | "percentage" => return "percent".to_string(),
        "percentage point" | "percentage points" | "pp" | "ppt" | "ppts" => {
            return "percentage point".to_string();
        }
        _ => {}
    }
    match lower.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", singular(last)),
        None => singular(lower),
    }
}

/// `s` lower-cased, its runs of white space made one space, curly apostrophes straight.
fn squeezed_lower(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// One ASCII word is lower-cased as the general path would.
        #[test]
        fn ascii_words_lower_case_as_any_unit_does(s in "[!-~]{0,12}") {
            proptest::prop_assert_eq!(s.to_ascii_lowercase(), squeezed_lower(&s));
        }
    }

    #[test]
    fn singulars() {
        for (plural, single) in [
            ("drones", "drone"),
            ("Drones", "drone"),
            ("buses", "bus"),
            ("bus", "bus"),
            ("electric buses", "electric bus"),
            ("viruses", "virus"),
            ("gases", "gas"),
            ("houses", "house"),
            ("causes", "cause"),
            ("casualties", "casualty"),
            ("people", "people"),
            ("persons", "people"),
            ("children", "child"),
            ("missiles", "missile"),
            ("churches", "church"),
            ("boxes", "box"),
            ("classes", "class"),
            ("virus", "virus"),
            ("crisis", "crisis"),
            ("soldiers'", "soldier"),
            ("drone's", "drone"),
            ("Ukraine’s", "ukraine"),
            ("UAVs", "drone"),
            ("aircraft", "aircraft"),
            ("personnel", "personnel"),
            ("attack  drones", "attack drone"),
            ("lives", "life"),
            ("km", "km"),
            ("gas", "gas"),
            ("", ""),
        ] {
            assert_eq!(normalize_unit(plural), single, "{plural}");
        }
    }

    #[test]
    fn currencies_and_percent() {
        for (unit, code) in [
            ("dollars", "usd"),
            ("$", "usd"),
            ("US$", "usd"),
            ("USD", "usd"),
            ("US dollars", "usd"),
            ("euros", "eur"),
            ("€", "eur"),
            ("pounds", "gbp"),
            ("£", "gbp"),
            ("hryvnias", "uah"),
            ("roubles", "rub"),
            ("percent", "percent"),
            ("%", "percent"),
            ("per cent", "percent"),
            ("Per  Cent", "percent"),
            ("percentage points", "percentage point"),
        ] {
            assert_eq!(normalize_unit(unit), code, "{unit}");
        }
        assert_eq!(dollar_prefix("US"), Some("usd"));
        assert_eq!(currency_code("drones"), None);
    }
}
