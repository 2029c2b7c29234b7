//! Putting a document on a new version of its article: every claim re-anchored
//! ([`crate::anchor`]), the orphans it already had tried again, and the whole of it one
//! change ([`Change::ReplaceText`]) that the command line writes and the app applies as one
//! undoable step after the reviewer's choices.

use std::ops::Range;
use std::sync::Arc;

use crate::anchor::{self, State};
use crate::edit::Change;
use crate::model::{Claim, ClaimId, Document, Orphan};
use crate::text::Text;

/// What re-anchoring proposes for one claim or orphan.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: ClaimId,
    pub state: State,
    /// Code points of the old text; `None` for an orphan the document already had.
    pub old: Option<Range<usize>>,
    /// Code points of the new text; `None` when it was not placed.
    pub new: Option<Range<usize>>,
    pub score: f64,
}

/// What the reviewer decided for one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Put it where re-anchoring placed it.
    Accept,
    /// Keep it as an orphan (to re-attach by hand later, or delete).
    Orphan,
}

/// A proposed update of a document to a new text: an entry per claim (in article order),
/// then one per orphan it had.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub text: Arc<Text>,
    pub source_file: String,
    pub entries: Vec<Entry>,
}

/// Reads the new version of an article from `path` (a web page's text as `extract` says):
/// its canonical text, and the file name it will say it came from.
pub fn read_new_text(
    path: &std::path::Path,
    extract: crate::text::Extract,
) -> Result<(Arc<Text>, String), crate::text::ImportError> {
    let imported = crate::text::import_file_with(path, extract)?;
    Ok((
        Arc::new(Text::imported(imported.text, imported.blocks)),
        super::open::source_file_name(path),
    ))
}

impl Plan {
    /// Re-anchors every claim of `document` onto `text` and tries its orphans again.
    pub fn new(document: &Document, text: Arc<Text>, source_file: String) -> Self {
        let placements = anchor::reanchor(document.text(), &text, document.claims());
        let mut entries: Vec<Entry> = document
            .claims()
            .iter()
            .zip(placements)
            .map(|(claim, placement)| Entry {
                id: claim.id.clone(),
                state: placement.state,
                old: Some(claim.start..claim.end),
                new: placement.new,
                score: placement.score,
            })
            .collect();
        entries.extend(document.orphans().iter().map(|orphan| {
            let placement = anchor::place_quote(&text, orphan.quote());
            Entry {
                id: orphan.id.clone(),
                state: placement.state,
                old: None,
                new: placement.new,
                score: placement.score,
            }
        }));
        Self {
            text,
            source_file,
            entries,
        }
    }

    pub fn summary(&self) -> anchor::Summary {
        let mut summary = anchor::Summary::default();
        for entry in &self.entries {
            summary.add(entry.state);
        }
        summary
    }

    /// What a reviewer accepts without a look: `exact` and `moved` placements. A `fuzzy`
    /// one waits for a decision (the app lists it) and is orphaned if none comes.
    pub fn default_decisions(&self) -> Vec<Decision> {
        self.entries
            .iter()
            .map(|e| match e.state {
                State::Exact | State::Moved => Decision::Accept,
                State::Fuzzy | State::Orphaned => Decision::Orphan,
            })
            .collect()
    }

    /// Every placed entry accepted (the command line: the file it writes says how each
    /// claim was placed, and `validate` checks every one).
    pub fn accept_all(&self) -> Vec<Decision> {
        vec![Decision::Accept; self.entries.len()]
    }

    /// The change that makes `document` this plan with these decisions (one per entry;
    /// missing ones orphan). A claim left unplaced becomes an orphan carrying its quote
    /// and the hash of the text it was made on; an orphan placed becomes a claim again.
    pub fn change(&self, document: &Document, decisions: &[Decision]) -> Change {
        let mut claims = Vec::with_capacity(document.claims().len());
        let mut orphans = Vec::new();
        let old_text = document.text();
        let placed = |i: usize, entry: &Entry| {
            entry
                .new
                .clone()
                .filter(|_| decisions.get(i) == Some(&Decision::Accept))
        };
        for (i, (entry, claim)) in self.entries.iter().zip(document.claims()).enumerate() {
            if let Some(range) = placed(i, entry) {
                claims.push(Claim {
                    start: range.start,
                    end: range.end,
                    ..claim.clone()
                });
            } else {
                let quote = old_text
                    .quote(claim.start..claim.end, anchor::CONTEXT)
                    .unwrap_or_default();
                orphans.push(Orphan::from_claim(claim.clone(), quote, old_text.sha256()));
            }
        }
        let first_orphan = document.claims().len();
        for (i, orphan) in (first_orphan..).zip(document.orphans()) {
            let entry = self.entries.get(i);
            match entry.and_then(|entry| placed(i, entry)) {
                Some(range) => claims.push(orphan.clone().into_claim(range.start, range.end)),
                None => orphans.push(orphan.clone()),
            }
        }
        Change::ReplaceText {
            text: self.text.clone(),
            source_file: self.source_file.clone(),
            claims,
            orphans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Article, Clock as _, FixedClock, Verdict};

    fn stamp() -> crate::model::Stamp {
        FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("t")
    }

    #[test]
    fn a_plan_places_keeps_and_revives() {
        let old = "The minister said the economy grew by three percent last year. \
                   Unemployment fell to its lowest level since records began. \
                   Critics argue the figures hide large regional differences.";
        let mut document = Document::new(Article::new(Text::new(old.to_owned())));
        let grew = old.find("the economy grew").expect("grew");
        let critics = old.find("the figures hide").expect("figures");
        let mut keep = Claim::new(grew, grew + 16, Verdict::DISPUTED, stamp());
        keep.rationale = "Two percent.".to_owned();
        let keep_id = keep.id.clone();
        document.insert_claim(keep).expect("claim");
        let gone = Claim::new(critics, critics + 16, Verdict::VERIFIED, stamp());
        let gone_id = gone.id.clone();
        document.insert_claim(gone).expect("claim");

        let new = "The minister said the economy grew by three percent last year. \
                   Unemployment fell to its lowest level since records began.";
        let plan = Plan::new(
            &document,
            Arc::new(Text::new(new.to_owned())),
            "v2.txt".into(),
        );
        assert_eq!(
            plan.summary().to_string(),
            "exact 1, moved 0, fuzzy 0, orphaned 1"
        );
        let change = plan.change(&document, &plan.default_decisions());
        let mut updated = document.clone();
        Edit::new(change, stamp())
            .apply(&mut updated)
            .expect("applies");
        let kept = updated.claim(&keep_id).expect("kept");
        assert_eq!(updated.exact(kept), "the economy grew");
        assert_eq!(kept.rationale, "Two percent.");
        let orphan = updated.orphan(&gone_id).expect("orphaned");
        assert_eq!(orphan.exact, "the figures hide");
        assert_eq!(orphan.text_sha256, document.text().sha256());

        // Back on the first text, the orphan finds its words again.
        let back = Plan::new(&updated, document.article.text.clone(), String::new());
        let revived = back
            .entries
            .iter()
            .find(|e| e.id == gone_id)
            .expect("entry");
        assert_eq!(revived.state, State::Moved);
        assert_eq!(revived.old, None);
        let change = back.change(&updated, &back.accept_all());
        Edit::new(change, stamp())
            .apply(&mut updated)
            .expect("applies");
        assert!(updated.orphans().is_empty());
        assert_eq!(updated.claims(), document.claims());
    }
}
