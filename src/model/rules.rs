//! The rules a link, a date and a source must follow, in one place: the file reader, the
//! importers, the command line and the app's source form all call these, so they can never
//! disagree on what is accepted.

use chrono::NaiveDate;

use super::{Extra, Source};

/// Source and article links must be absolute http(s) URLs with a host: they are the only
/// ones the app will open, and the only ones a reader of an export can follow.
pub fn check_url(url: &str) -> Result<(), String> {
    let quoted = crate::text::excerpt(url);
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(format!("{quoted:?} is not an http:// or https:// link"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("{quoted:?} has no host name"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{quoted:?} contains spaces or control characters"));
    }
    Ok(())
}

/// A calendar date written exactly as `YYYY-MM-DD` (chrono alone would also take
/// `2026-1-5`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let well_formed = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    well_formed
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

/// A source's fields as typed or read, before they are checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceFields<'a> {
    pub url: &'a str,
    pub title: &'a str,
    /// Empty: not known.
    pub accessed: &'a str,
    pub note: &'a str,
}

/// Which part of a source is wrong, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SourceProblem {
    #[error("has neither url nor title: a source must say where the evidence is")]
    Nothing,
    #[error("{0}")]
    Url(String),
    #[error("{0:?} is not a date: write it as YYYY-MM-DD, like 2026-11-25")]
    Accessed(String),
}

impl SourceProblem {
    /// The field the problem is in (`url`, `accessed`), or `None` for the source as a whole.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Nothing => None,
            Self::Url(_) => Some("url"),
            Self::Accessed(_) => Some("accessed"),
        }
    }
}

/// Builds a source from its fields, or says every problem with them. Fields are taken as
/// they are (the app trims what the user typed before calling this); `extra` holds fields
/// other tools wrote, kept with the source they belong to.
pub fn source(fields: &SourceFields<'_>, extra: Extra) -> Result<Source, Vec<SourceProblem>> {
    let mut problems = Vec::new();
    if fields.url.is_empty() && fields.title.is_empty() {
        problems.push(SourceProblem::Nothing);
    }
    if !fields.url.is_empty()
        && let Err(why) = check_url(fields.url)
    {
        problems.push(SourceProblem::Url(why));
    }
    let accessed = if fields.accessed.is_empty() {
        None
    } else {
        let parsed = parse_date(fields.accessed);
        if parsed.is_none() {
            problems.push(SourceProblem::Accessed(
                crate::text::excerpt(fields.accessed).into_owned(),
            ));
        }
        parsed
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Source {
        url: fields.url.to_owned(),
        title: fields.title.to_owned(),
        accessed,
        note: fields.note.to_owned(),
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_must_be_web_links_with_a_host() {
        for ok in [
            "https://example.org",
            "http://a.b/c?d#e",
            "HTTPS://EXAMPLE.ORG/x",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://:80/x",
            "example.org",
            "https://exa mple.org",
            "https://example.org/\u{7}",
            "",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn dates_are_exactly_year_month_day() {
        let check = |s: &str, ok: bool| assert_eq!(parse_date(s).is_some(), ok, "{s:?}");
        check("2026-11-25", true);
        check("2024-02-29", true);
        check("2025-02-29", false);
        check("2026-1-5", false);
        check("25/11/2026", false);
        check("2026-11-25T10:00", false);
        check(" 2026-11-25", false);
        check("", false);
    }

    fn fields<'a>(url: &'a str, title: &'a str, accessed: &'a str) -> SourceFields<'a> {
        SourceFields {
            url,
            title,
            accessed,
            note: "",
        }
    }

    #[test]
    fn a_source_needs_a_link_or_a_title_and_a_real_date() {
        let ok = |f: SourceFields<'_>| source(&f, Extra::new()).expect("accepted");
        assert_eq!(ok(fields("https://a.org", "", "")).url, "https://a.org");
        assert_eq!(
            ok(fields("", "Annual report, p. 4", "")).title,
            "Annual report, p. 4"
        );
        assert_eq!(
            ok(fields("https://a.org", "", "2026-11-25")).accessed,
            NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        let problems = |f: SourceFields<'_>| source(&f, Extra::new()).expect_err("refused");
        assert_eq!(problems(fields("", "", "")), [SourceProblem::Nothing]);
        let both = problems(fields("javascript:x", "", "yesterday"));
        assert_eq!(both.len(), 2, "every problem is reported: {both:?}");
        assert_eq!(both[0].field(), Some("url"));
        assert_eq!(both[1].field(), Some("accessed"));
    }
}
