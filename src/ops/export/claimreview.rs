//! schema.org `ClaimReview`, as Google's fact-check profile reads it: one object per judged
//! claim (unreviewed claims are left out), in a JSON array.
//!
//! Required by the profile: `claimReviewed`, `reviewRating` (with `alternateName`) and `url`;
//! recommended: `author`, `datePublished`, `itemReviewed`. What the document cannot supply
//! is left out and reported, never made up.

use serde::Serialize;

use super::Options;
use crate::model::{Claim, Document, Scale, Verdict};

/// `claimReviewed` must stay under this many characters.
const CLAIM_CHARS: usize = 75;

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    #[serde(rename = "reviewBody", skip_serializing_if = "str::is_empty")]
    review_body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ItemReviewed<'a>,
}

#[derive(Serialize)]
#[allow(clippy::struct_field_names)] // schema.org's names
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The level's rating, with the scale's ends: on an ordered scale only.
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<u32>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<u32>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u32>,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct ItemReviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<CreativeWork<'a>>,
}

/// Where the claim appeared: the article, with what the page says about itself.
#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "str::is_empty")]
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
}

impl<'a> CreativeWork<'a> {
    /// The article as a `CreativeWork`, or `None` when nothing is known of it but its title.
    fn of(article: &'a crate::model::Article) -> Option<Self> {
        let meta = &article.meta;
        let named = |kind, name: &'a str| (!name.is_empty()).then_some(Organization { kind, name });
        let work = Self {
            kind: "CreativeWork",
            url: article.page_url(),
            headline: &article.title,
            author: named("Person", &meta.author),
            date_published: &meta.published,
            publisher: named("Organization", &meta.publisher),
        };
        let known = !work.url.is_empty()
            || work.author.is_some()
            || work.publisher.is_some()
            || !work.date_published.is_empty();
        known.then_some(work)
    }
}

/// The rating of a verdict on `scale`: its rating 1 (worst) to n (best) on an ordered
/// scale (none on an unordered one), and its label. `None` for unreviewed.
pub fn rating<'a>(scale: &'a Scale, verdict: &Verdict) -> Option<(Option<u32>, &'a str)> {
    let level = scale.level(verdict)?;
    Some((scale.rating(verdict), &level.label))
}

/// The claim's words on one line, shortened at a word boundary to fit `claimReviewed`.
pub fn claim_reviewed(exact: &str) -> String {
    let words: Vec<&str> = exact.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() < CLAIM_CHARS {
        return line;
    }
    // Room for the ellipsis: at most CLAIM_CHARS - 2 characters of words.
    let mut short = String::new();
    for word in &words {
        let needed = short.chars().count() + usize::from(!short.is_empty()) + word.chars().count();
        if needed > CLAIM_CHARS - 2 {
            break;
        }
        if !short.is_empty() {
            short.push(' ');
        }
        short.push_str(word);
    }
    if short.is_empty() {
        // One word longer than the limit (a URL, say): cut it.
        short = line.chars().take(CLAIM_CHARS - 2).collect();
    }
    short.push('…');
    short
}

/// The review's own address: the fact-check page with `#<claim id>`.
fn review_url(base: &str, claim: &Claim) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{}", claim.id)
}

pub fn export(
    document: &Document,
    options: &Options,
    warnings: &mut Vec<String>,
) -> Result<String, super::ExportError> {
    let publisher = options
        .publisher
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let article_url = document.article.page_url();
    let scale = document.scale();
    let mut unreviewed = 0;
    let mut undated = 0;
    let reviews: Vec<ClaimReview<'_>> = document
        .claims()
        .iter()
        .filter_map(|claim| {
            let Some((value, name)) = rating(scale, &claim.verdict) else {
                unreviewed += 1;
                return None;
            };
            let date = claim
                .modified
                .as_ref()
                .or(claim.created.as_ref())
                .map(|s| s.at.date_naive().to_string());
            undated += usize::from(date.is_none());
            Some(ClaimReview {
                context: "https://schema.org",
                kind: "ClaimReview",
                url: options.review_url.as_deref().map(|u| review_url(u, claim)),
                claim_reviewed: claim_reviewed(document.exact(claim)),
                review_rating: Rating {
                    kind: "Rating",
                    rating_value: value,
                    best_rating: value.map(|_| scale.best_rating()),
                    worst_rating: value.map(|_| 1),
                    alternate_name: name,
                },
                review_body: &claim.rationale,
                author: publisher.map(|name| Organization {
                    kind: "Organization",
                    name,
                }),
                date_published: date,
                item_reviewed: ItemReviewed {
                    kind: "Claim",
                    appearance: CreativeWork::of(&document.article),
                },
            })
        })
        .collect();

    let n = reviews.len();
    if n > 0 {
        if options.review_url.is_none() {
            warnings.push(format!(
                "url (required) left out of {n} reviews: pass --review-url URL, the page where \
                 the fact-check is published (each review gets URL#<claim id>)"
            ));
        }
        if publisher.is_none() {
            warnings.push(format!(
                "author (recommended) left out of {n} reviews: pass --publisher NAME, the \
                 organisation publishing the fact-check"
            ));
        }
        if article_url.is_empty() {
            warnings.push(format!(
                "itemReviewed.appearance.url (recommended) left out of {n} reviews: the \
                 article has no URL (set it in the app: Article, Properties…)"
            ));
        }
        if undated > 0 {
            warnings.push(format!(
                "datePublished (recommended) left out of {undated} reviews: those claims have \
                 no created or modified date"
            ));
        }
    } else {
        warnings.push("no judged claims: the array is empty".to_owned());
    }
    if unreviewed > 0 {
        warnings.push(format!(
            "{unreviewed} unreviewed claims left out (a ClaimReview needs a verdict)"
        ));
    }
    if n > 0 && !scale.ordered {
        warnings.push(format!(
            "ratingValue, bestRating and worstRating left out of {n} reviews: the {:?} scale \
             is not ordered, so each review carries its label as alternateName only",
            scale.name
        ));
    }
    Ok(super::super::pretty_json(&reviews)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_reviewed_is_one_line_under_75_characters() {
        assert_eq!(claim_reviewed("Short\nclaim  here"), "Short claim here");
        let long = "word ".repeat(40);
        let short = claim_reviewed(&long);
        assert!(short.chars().count() < CLAIM_CHARS, "{short}");
        assert!(short.ends_with("word…"));
        let exactly = "x".repeat(74);
        assert_eq!(claim_reviewed(&exactly), exactly);
        let one_long_word = "y".repeat(200);
        assert_eq!(
            claim_reviewed(&one_long_word).chars().count(),
            CLAIM_CHARS - 1
        );
        // Multi-byte text is counted in characters, not bytes.
        let cjk = "東京の人口は".repeat(20);
        assert!(claim_reviewed(&cjk).chars().count() < CLAIM_CHARS);
    }

    #[test]
    fn a_missing_article_url_points_to_the_app_never_to_a_destructive_command() {
        use crate::model::{Article, Claim, Clock as _, FixedClock};
        let mut document = Document::new(Article::new(crate::text::Text::new(
            "Kim met Putin.".to_owned(),
        )));
        let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("t");
        document
            .insert_claim(Claim::new(0, 3, Verdict::VERIFIED, stamp))
            .expect("valid");
        let mut warnings = Vec::new();
        export(&document, &Options::default(), &mut warnings).expect("exports");
        let url = warnings
            .iter()
            .find(|w| w.contains("has no URL"))
            .expect("the missing URL is reported");
        assert!(url.contains("Article, Properties"), "{url}");
        assert!(
            !url.contains("--force") && !url.contains("factmark import"),
            "{url}"
        );
    }
}
