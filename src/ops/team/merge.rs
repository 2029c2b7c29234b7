//! `factmark merge`: one file from several reviewers' files of one text.
//!
//! Claims are grouped by the rule of [`super::units`]. A unit whose claims agree — one
//! span, and one verdict among those rated (`unreviewed` disagrees with no one) — becomes
//! one claim: sources united by URL, each rationale kept with its author (`rationales`),
//! histories and comments united. A unit that does not agree becomes one claim in review
//! whose `conflict` list holds every reviewer's version, so nothing anyone wrote is lost.
//! Every merged claim names the claims it was made from (`from`: author and id).
//!
//! Everything a merged claim holds is a function of the *set* of claims in its unit
//! (unions, minimums, maximums, sorted lists), and the files are put in one canonical
//! order first, so any order of the inputs gives the same output. A claim of an input
//! that a merged claim already holds entirely (its id is in the merged claim's `from`,
//! and merging the two gives the merged claim back) adds nothing and is left out: merging
//! the output again with any of its inputs changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::stats::{Reviewer, StatsError, same_text};
use super::units::{Span, units};
use crate::model::{
    Claim, ClaimId, Comment, Document, Extra, HistoryEntry, Orphan, Source, Stamp, State, Status,
    Verdict,
};

pub use crate::format::team::{CONFLICT, FROM, RATIONALES};
const MANAGED: [&str; 3] = [FROM, RATIONALES, CONFLICT];

/// One input: the name it was given by (for messages and the report; its file stem
/// names the author of claims that do not say who made them) and its document.
pub struct Input<'a> {
    pub name: &'a str,
    pub document: &'a Document,
}

/// One reviewer's version of a claim, as a conflict lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub by: String,
    pub id: String,
    pub verdict: Verdict,
    pub start: usize,
    pub end: usize,
    pub rationale: String,
    pub sources: Vec<Source>,
}

/// A claim a merged claim was made from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct From {
    pub by: String,
    pub id: String,
}

/// A rationale and who wrote it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rationale {
    pub by: String,
    pub text: String,
}

/// One unit in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitReport {
    /// The merged claim's id.
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub verdict: String,
    /// The inputs with a claim in the unit, in argument order.
    pub files: Vec<String>,
    /// For a conflict: what differs, `span`, `verdict` or both.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differ: Vec<&'static str>,
}

/// What a merge did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub files: Vec<String>,
    pub claims: usize,
    pub agreed: Vec<UnitReport>,
    pub conflicts: Vec<UnitReport>,
    /// Claims left out because a merged claim among the inputs holds them already.
    pub already_merged: usize,
}

/// The merged document and the report.
pub struct Merged {
    pub document: Document,
    pub report: Report,
}

/// Why files cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error(transparent)]
    DifferentText(#[from] StatsError),
    #[error(
        "{odd}: its verdicts are on the {odd_scale:?} scale, not {first}'s {first_scale:?}; merge needs one scale (`factmark import --scale` or the app's Scale menu can change a file's)"
    )]
    DifferentScale {
        first: String,
        odd: String,
        first_scale: String,
        odd_scale: String,
    },
    #[error("the merged file could not be built: {0}")]
    Invalid(String),
}

/// Who made a claim: who last changed it, else who created it, else the file's stem.
fn author(claim: &Claim, fallback: &str) -> String {
    [&claim.modified, &claim.created]
        .into_iter()
        .flatten()
        .map(|s| s.by.trim())
        .find(|by| !by.is_empty())
        .unwrap_or(fallback)
        .to_owned()
}

/// A file's name without folders and without `.factmark.json` (or its last extension).
pub fn stem(name: &str) -> &str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.strip_suffix(".factmark.json")
        .or_else(|| file.rsplit_once('.').map(|(s, _)| s))
        .filter(|s| !s.is_empty())
        .unwrap_or(file)
}

fn parse<T: serde::de::DeserializeOwned>(claim: &Claim, key: &str) -> Option<T> {
    serde_json::from_value(claim.extra.get(key)?.clone()).ok()
}

/// A total order on anything serialisable: its JSON.
fn key<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// What one claim brings to its unit.
struct Piece<'a> {
    claim: &'a Claim,
    from: BTreeSet<From>,
    rationales: BTreeSet<Rationale>,
    versions: Vec<Version>,
}

/// The rationale text of a set of authored rationales: the one text if all say the same,
/// else each as `author: text`, a blank line between.
fn rationale_text(rationales: &BTreeSet<Rationale>) -> String {
    let texts: BTreeSet<&str> = rationales.iter().map(|r| r.text.as_str()).collect();
    if texts.len() <= 1 {
        return texts.into_iter().next().unwrap_or_default().to_owned();
    }
    rationales
        .iter()
        .map(|r| format!("{}: {}", r.by, r.text))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn version(claim: &Claim, by: &str, id: &str, rationale: &str) -> Version {
    Version {
        by: by.to_owned(),
        id: id.to_owned(),
        verdict: claim.verdict.clone(),
        start: claim.start,
        end: claim.end,
        rationale: rationale.to_owned(),
        sources: claim.sources.clone(),
    }
}

impl<'a> Piece<'a> {
    fn of(claim: &'a Claim, fallback: &str) -> Self {
        let by = author(claim, fallback);
        let plain = |by: &str| {
            let mut rationales = BTreeSet::new();
            if !claim.rationale.trim().is_empty() {
                rationales.insert(Rationale {
                    by: by.to_owned(),
                    text: claim.rationale.clone(),
                });
            }
            rationales
        };
        let Some(from) = parse::<BTreeSet<From>>(claim, FROM).filter(|f| !f.is_empty()) else {
            return Self {
                claim,
                from: BTreeSet::from([From {
                    by: by.clone(),
                    id: claim.id.to_string(),
                }]),
                rationales: plain(&by),
                versions: vec![version(claim, &by, claim.id.as_str(), &claim.rationale)],
            };
        };
        // A merged claim whose rationale was edited since is the editor's own words.
        let rationales = parse::<BTreeSet<Rationale>>(claim, RATIONALES)
            .filter(|r| rationale_text(r) == claim.rationale)
            .unwrap_or_else(|| plain(&by));
        let versions = parse::<Vec<Version>>(claim, CONFLICT).unwrap_or_else(|| {
            from.iter()
                .map(|f| {
                    let said: Vec<&str> = rationales
                        .iter()
                        .filter(|r| r.by == f.by)
                        .map(|r| r.text.as_str())
                        .collect();
                    version(claim, &f.by, &f.id, &said.join("\n\n"))
                })
                .collect()
        });
        Self {
            claim,
            from,
            rationales,
            versions,
        }
    }
}

/// When a status was set, and by whom (none: never).
fn when_set(status: &Status) -> Option<(chrono::DateTime<chrono::Utc>, &str)> {
    status.stamp.as_ref().map(|s| (s.at, s.by.as_str()))
}

/// A fixed order of unknown fields, serialising only when both have some.
fn extra_order(a: &Extra, b: &Extra) -> std::cmp::Ordering {
    if a.is_empty() || b.is_empty() {
        a.len().cmp(&b.len())
    } else {
        key(a).cmp(&key(b))
    }
}

/// The one claim a unit becomes, and what differs in it (empty: it agrees).
/// A unit's versions, each once in a fixed order; what differs among them; the span most
/// have (of those, the first); and the verdict the rated ones share, else `unreviewed`.
fn decide<'p>(pieces: &[&'p Piece<'_>]) -> (Vec<&'p Version>, Vec<&'static str>, Span, Verdict) {
    let mut versions: Vec<&Version> = Vec::new();
    for v in pieces.iter().flat_map(|p| &p.versions) {
        if !versions.contains(&v) {
            versions.push(v);
        }
    }
    versions.sort_by(|a, b| {
        (&a.by, &a.id, a.start, a.end, &a.verdict, &a.rationale)
            .cmp(&(&b.by, &b.id, b.start, b.end, &b.verdict, &b.rationale))
            .then_with(|| key(a).cmp(&key(b)))
    });
    let spans: BTreeSet<Span> = versions.iter().map(|v| (v.start, v.end)).collect();
    let rated: BTreeSet<&Verdict> = versions
        .iter()
        .map(|v| &v.verdict)
        .filter(|v| !v.is_unreviewed())
        .collect();
    let mut differ = Vec::new();
    if spans.len() > 1 {
        differ.push("span");
    }
    if rated.len() > 1 {
        differ.push("verdict");
    }
    // The span most versions have; of those, the first.
    let mut votes: BTreeMap<Span, usize> = BTreeMap::new();
    for v in &versions {
        *votes.entry((v.start, v.end)).or_default() += 1;
    }
    let (start, end) = votes
        .iter()
        .max_by(|(s, n), (t, m)| n.cmp(m).then_with(|| t.cmp(s)))
        .map_or((0, 0), |(s, _)| *s);
    let verdict = if rated.len() == 1 {
        rated
            .iter()
            .next()
            .map(|v| (*v).clone())
            .unwrap_or_default()
    } else {
        Verdict::UNREVIEWED
    };

    (versions, differ, (start, end), verdict)
}

fn join(pieces: &[&Piece<'_>]) -> (Claim, Vec<&'static str>) {
    let (versions, differ, (start, end), verdict) = decide(pieces);
    let from: BTreeSet<From> = pieces.iter().flat_map(|p| p.from.iter().cloned()).collect();
    let rationales: BTreeSet<Rationale> = pieces
        .iter()
        .flat_map(|p| p.rationales.iter().cloned())
        .collect();
    let claims = || pieces.iter().map(|p| p.claim);

    let (sources, history, comments) = unite(pieces);
    let stamps = |s: &&Stamp, t: &&Stamp| {
        (s.at, &s.by)
            .cmp(&(t.at, &t.by))
            .then_with(|| extra_order(&s.extra, &t.extra))
    };
    let created = claims()
        .filter_map(|c| c.created.as_ref())
        .min_by(stamps)
        .cloned();
    let modified = claims()
        .filter_map(|c| c.modified.as_ref())
        .max_by(stamps)
        .cloned();
    let status = if differ.is_empty() {
        latest_status(pieces)
    } else {
        Status {
            state: State::InReview,
            stamp: None,
            reason: format!(
                "{} reviewers differ on the {}; each one's version is in `conflict`",
                from.len(),
                differ.join(" and ")
            ),
            extra: Extra::new(),
        }
    };
    let mut extra = Extra::new();
    unite_extra(
        &mut extra,
        claims()
            .flat_map(|c| &c.extra)
            .filter(|(k, _)| !MANAGED.contains(&k.as_str())),
    );
    extra.insert(FROM.to_owned(), json(&from));
    if !rationales.is_empty() {
        extra.insert(RATIONALES.to_owned(), json(&rationales));
    }
    if !differ.is_empty() {
        extra.insert(CONFLICT.to_owned(), json(&versions));
    }
    let id = match from.iter().next() {
        Some(only) if from.len() == 1 => ClaimId::parse(&only.id),
        _ => None,
    }
    .unwrap_or_else(|| derived_id(&from));
    let review = crate::model::Review {
        status,
        history,
        comments,
    };
    (
        Claim {
            id,
            start,
            end,
            verdict,
            rationale: rationale_text(&rationales),
            sources,
            created,
            modified,
            review,
            extra,
        },
        differ,
    )
}

/// A claim's sources united by URL, histories and comments united, of a unit's claims.
fn unite(pieces: &[&Piece<'_>]) -> (Vec<Source>, Vec<HistoryEntry>, Vec<Comment>) {
    let claims = || pieces.iter().map(|p| p.claim);
    // Of two sources with one URL, the one whose details sort last (a fixed choice).
    let detail = |s: &Source, t: &Source| {
        (&s.title, &s.note, s.accessed)
            .cmp(&(&t.title, &t.note, t.accessed))
            .then_with(|| extra_order(&s.extra, &t.extra))
    };
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    for s in claims().flat_map(|c| &c.sources) {
        let id = if s.url.is_empty() {
            key(s)
        } else {
            s.url.clone()
        };
        let slot = sources.entry(id).or_insert_with(|| s.clone());
        if detail(s, slot).is_gt() {
            *slot = s.clone();
        }
    }
    let mut history: Vec<&HistoryEntry> = claims().flat_map(|c| &c.review.history).collect();
    history.sort_by(|a, b| {
        (a.at, &a.by, &a.field, &a.from, &a.to)
            .cmp(&(b.at, &b.by, &b.field, &b.from, &b.to))
            .then_with(|| extra_order(&a.extra, &b.extra))
    });
    history.dedup();
    let mut comments: BTreeMap<&str, &Comment> = BTreeMap::new();
    let said = |c: &Comment, d: &Comment| {
        (c.resolved, c.at, &c.text, &c.by)
            .cmp(&(d.resolved, d.at, &d.text, &d.by))
            .then_with(|| extra_order(&c.extra, &d.extra))
    };
    for c in claims().flat_map(|c| &c.review.comments) {
        let slot = comments.entry(c.id.as_str()).or_insert(c);
        if said(c, slot).is_gt() {
            *slot = c;
        }
    }
    let mut comments: Vec<Comment> = comments.into_values().cloned().collect();
    comments.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    (
        sources.into_values().collect(),
        history.into_iter().cloned().collect(),
        comments,
    )
}

/// The status set last among a unit's claims (a draft if none was set).
fn latest_status(pieces: &[&Piece<'_>]) -> Status {
    pieces
        .iter()
        .map(|p| p.claim)
        .map(|c| &c.review.status)
        .max_by(|s, t| {
            let when = when_set;
            (when(s), s.state, &s.reason)
                .cmp(&(when(t), t.state, &t.reason))
                .then_with(|| {
                    let extra = |s: &Status| s.stamp.as_ref().map(|s| key(&s.extra));
                    extra(s).cmp(&extra(t))
                })
                .then_with(|| extra_order(&s.extra, &t.extra))
        })
        .cloned()
        .unwrap_or_default()
}

/// Adds unknown fields to `into`; of two values for one key, the one whose JSON sorts last.
fn unite_extra<'a>(
    into: &mut Extra,
    items: impl Iterator<Item = (&'a String, &'a serde_json::Value)>,
) {
    for (k, v) in items {
        let slot = into.entry(k.clone()).or_insert_with(|| v.clone());
        if key(v) > key(slot) {
            *slot = v.clone();
        }
    }
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// An id made from the claims a merged claim was made from: the same claims, the same id.
fn derived_id(from: &BTreeSet<From>) -> ClaimId {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(key(from).as_bytes());
    let mut bytes = [0; 16];
    bytes.copy_from_slice(&digest[..16]);
    let id = uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string();
    ClaimId::from_string(id).unwrap_or_else(ClaimId::random)
}

/// `f` of each item, in order, on as many threads as there are cores (the work is the
/// same whatever the split: each item on its own).
fn par_map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || items.len() < 1024 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Puts the files in one order that depends only on their claims (the text is one, and
/// only the claims decide the units): by a fingerprint of each claim's span, id, author,
/// verdict, rationale and sources.
fn canonical(inputs: &[Input<'_>]) -> Vec<usize> {
    use sha2::Digest as _;
    let keys: Vec<Vec<u8>> = inputs
        .iter()
        .map(|i| {
            let mut hash = sha2::Sha256::new();
            for c in i.document.claims() {
                hash.update(c.start.to_le_bytes());
                hash.update(c.end.to_le_bytes());
                for part in [c.id.as_str(), c.verdict.as_str(), &c.rationale] {
                    hash.update(part.as_bytes());
                    hash.update([0]);
                }
                for stamp in [&c.created, &c.modified].into_iter().flatten() {
                    hash.update(stamp.by.as_bytes());
                    hash.update([0]);
                }
                for s in &c.sources {
                    hash.update(s.url.as_bytes());
                    hash.update([0]);
                }
                hash.update([1]);
            }
            hash.finalize().to_vec()
        })
        .collect();
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
}

/// Files must be on one text and one scale.
fn check(inputs: &[Input<'_>]) -> Result<(), MergeError> {
    let reviewers: Vec<Reviewer<'_>> = inputs
        .iter()
        .map(|i| Reviewer {
            name: i.name,
            document: i.document,
        })
        .collect();
    same_text(&reviewers)?;
    if let Some(first) = inputs.first()
        && let Some(odd) = inputs
            .iter()
            .find(|i| i.document.scale() != first.document.scale())
    {
        return Err(MergeError::DifferentScale {
            first: first.name.to_owned(),
            odd: odd.name.to_owned(),
            first_scale: first.document.scale().name.clone(),
            odd_scale: odd.document.scale().name.clone(),
        });
    }
    Ok(())
}

/// Which claims a merged claim of another input holds entirely (they add nothing), and how
/// many. Inputs are looked at in order, and a claim left out holds nothing, so of two
/// equal merged claims one stays.
fn held_already(pieces: &[Vec<Piece<'_>>]) -> (Vec<Vec<bool>>, usize) {
    let mut holders: BTreeMap<&From, Vec<(usize, usize)>> = BTreeMap::new();
    for (f, file) in pieces.iter().enumerate() {
        for (c, piece) in file.iter().enumerate() {
            if piece.claim.extra.contains_key(FROM) {
                for from in &piece.from {
                    holders.entry(from).or_default().push((f, c));
                }
            }
        }
    }
    let mut left_out: Vec<Vec<bool>> = pieces.iter().map(|f| vec![false; f.len()]).collect();
    let mut already_merged = 0;
    for (f, file) in pieces.iter().enumerate() {
        for (c, piece) in file.iter().enumerate() {
            let held = piece
                .from
                .iter()
                .flat_map(|from| holders.get(from).into_iter().flatten())
                .filter(|&&(g, m)| g != f && !left_out[g][m])
                .any(|&(g, m)| {
                    let holder = &pieces[g][m];
                    // Ids are given after the join (two units may want one), so the
                    // holder's own id is not part of what it holds.
                    let mut joined = join(&[holder, piece]).0;
                    joined.id = holder.claim.id.clone();
                    piece.from.is_subset(&holder.from) && joined == *holder.claim
                });
            if held {
                left_out[f][c] = true;
                already_merged += 1;
            }
        }
    }

    (left_out, already_merged)
}

/// Merges several reviewers' files of one text into one.
pub fn merge(inputs: &[Input<'_>]) -> Result<Merged, MergeError> {
    check(inputs)?;
    let order = canonical(inputs);
    let stems: Vec<&str> = inputs.iter().map(|i| stem(i.name)).collect();
    let pieces: Vec<Vec<Piece<'_>>> = order
        .iter()
        .map(|&f| par_map(inputs[f].document.claims(), |c| Piece::of(c, stems[f])))
        .collect();

    let (left_out, already_merged) = held_already(&pieces);

    let kept: Vec<Vec<usize>> = left_out
        .iter()
        .map(|f| (0..f.len()).filter(|&c| !f[c]).collect())
        .collect();
    let spans: Vec<Vec<Span>> = kept
        .iter()
        .zip(&pieces)
        .map(|(k, file)| {
            k.iter()
                .map(|&c| (file[c].claim.start, file[c].claim.end))
                .collect()
        })
        .collect();

    let joined = par_map(&units(&spans), |unit| {
        let members: Vec<(usize, &Piece<'_>)> = unit
            .members
            .iter()
            .enumerate()
            .filter_map(|(f, m)| m.map(|i| (f, &pieces[f][kept[f][i]])))
            .collect();
        let group: Vec<&Piece<'_>> = members.iter().map(|&(_, p)| p).collect();
        let (claim, differ) = join(&group);
        let mut files: Vec<usize> = members.iter().map(|&(f, _)| order[f]).collect();
        files.sort_unstable();
        let report = UnitReport {
            id: claim.id.to_string(),
            start: claim.start,
            end: claim.end,
            verdict: claim.verdict.to_string(),
            files: files.iter().map(|&f| inputs[f].name.to_owned()).collect(),
            differ,
        };
        (claim, report)
    });
    let (mut claims, mut reports): (Vec<Claim>, Vec<UnitReport>) = joined.into_iter().unzip();

    // Two units may be made from claims of one id (a file copied from another, then
    // moved): the later ones take ids made from what they hold, and a count if need be.
    let mut seen: BTreeSet<ClaimId> = BTreeSet::new();
    let mut order_of: Vec<usize> = (0..claims.len()).collect();
    order_of.sort_by(|&a, &b| {
        let (x, y) = (&claims[a], &claims[b]);
        (x.start, x.end, &x.id)
            .cmp(&(y.start, y.end, &y.id))
            .then_with(|| key(x).cmp(&key(y)))
    });
    for &i in &order_of {
        if seen.contains(&claims[i].id) {
            let from: BTreeSet<From> = parse(&claims[i], FROM).unwrap_or_default();
            let mut id = derived_id(&from);
            let mut n = 2;
            while seen.contains(&id) {
                id = ClaimId::from_string(format!("{}-{n}", derived_id(&from)))
                    .unwrap_or_else(ClaimId::random);
                n += 1;
            }
            reports[i].id = id.to_string();
            claims[i].id = id;
        }
        seen.insert(claims[i].id.clone());
    }

    let document = assemble(inputs, claims)?;
    let (mut agreed, mut conflicts) = (Vec::new(), Vec::new());
    for report in reports {
        if report.differ.is_empty() {
            agreed.push(report);
        } else {
            conflicts.push(report);
        }
    }
    let by_place = |r: &UnitReport| (r.start, r.end, r.id.clone());
    agreed.sort_by_key(by_place);
    conflicts.sort_by_key(by_place);
    Ok(Merged {
        report: Report {
            files: inputs.iter().map(|i| i.name.to_owned()).collect(),
            claims: document.claims().len(),
            agreed,
            conflicts,
            already_merged,
        },
        document,
    })
}

/// The merged document: the article (the first by a fixed order of its fields), the one
/// scale, the claims, every input's orphans and unknown fields.
fn assemble(inputs: &[Input<'_>], claims: Vec<Claim>) -> Result<Document, MergeError> {
    let article_key = |i: &&Input<'_>| {
        let a = &i.document.article;
        (
            a.title.is_empty(),
            a.title.clone(),
            a.url.clone(),
            a.source_file.clone(),
            key(&a.meta),
            key(&a.extra),
        )
    };
    let Some(first) = inputs.iter().min_by_key(article_key) else {
        return Err(MergeError::Invalid("no files to merge".to_owned()));
    };
    let mut document = Document::new(first.document.article.clone());
    let own = inputs.iter().find_map(|i| i.document.own_scale()).cloned();
    document
        .set_scale(own)
        .map_err(|p| MergeError::Invalid(format!("{}: {}", p.field, p.message)))?;
    unite_extra(
        &mut document.extra,
        inputs.iter().flat_map(|i| &i.document.extra),
    );
    if let Some((claim, error)) = document.insert_claims(claims).into_iter().next() {
        return Err(MergeError::Invalid(format!("claim {}: {error}", claim.id)));
    }
    let mut orphans: BTreeMap<String, Orphan> = BTreeMap::new();
    for o in inputs.iter().flat_map(|i| i.document.orphans()) {
        let slot = orphans.entry(o.id.to_string()).or_insert_with(|| o.clone());
        if key(o) > key(slot) {
            *slot = o.clone();
        }
    }
    for mut orphan in orphans.into_values() {
        // An orphan in one file may share its id with a claim of another: it stays, as
        // itself, under an id of its own.
        if document.claim(&orphan.id).is_some() {
            orphan.id = derived_id(&BTreeSet::from([From {
                by: "orphan".to_owned(),
                id: orphan.id.to_string(),
            }]));
        }
        let at = document.orphans().len();
        document
            .insert_orphan(at, orphan)
            .map_err(|e| MergeError::Invalid(e.to_string()))?;
    }
    Ok(document)
}
