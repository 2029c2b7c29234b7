//! A verdict scale: the levels a claim's verdict can take, what people read for each, and
//! for an ordered scale each level's rating, 1 (worst) to n (best).
//!
//! `unreviewed` is never a level and is always allowed. A document without a scale of its
//! own uses [`Scale::factmark`], so a file written before scales existed means what it meant.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{Extra, Verdict};

/// One level of a scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// What a claim's `verdict` holds.
    pub id: Verdict,
    /// What people read.
    pub label: String,
    /// 1..n, worst to best, on an ordered scale; none on an unordered one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u32>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Level {
    pub fn new(id: &str, label: &str, rating: Option<u32>) -> Self {
        Self {
            id: Verdict::new(id),
            label: label.to_owned(),
            rating,
            extra: Extra::new(),
        }
    }
}

/// The levels a verdict can take, in the order keys 1..9 and menus offer them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub name: String,
    pub ordered: bool,
    pub levels: Vec<Level>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// What is wrong with a scale: the field (`levels[2].rating`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleProblem {
    pub field: String,
    pub message: String,
}

/// The presets `factmark scales` lists, by name.
pub const PRESETS: [&str; 4] = ["factmark", "truth-o-meter", "five-point", "meta"];

/// Red, amber, green: the ends and middle of an ordered scale's ramp, for light and dark
/// backgrounds (the default scale's three levels are exactly these).
const RAMP_LIGHT: [[f32; 3]; 3] = [
    [200.0, 40.0, 40.0],
    [190.0, 120.0, 0.0],
    [30.0, 140.0, 60.0],
];
const RAMP_DARK: [[f32; 3]; 3] = [
    [240.0, 100.0, 90.0],
    [240.0, 180.0, 60.0],
    [90.0, 200.0, 120.0],
];

/// Distinct colours for an unordered scale's levels (after Okabe and Ito's set, which
/// most colour-blind readers tell apart), light then dark variants.
const PALETTE: [([u8; 3], [u8; 3]); 8] = [
    ([0, 114, 178], [86, 180, 233]),
    ([213, 94, 0], [240, 150, 80]),
    ([0, 140, 110], [60, 200, 160]),
    ([204, 121, 167], [230, 160, 200]),
    ([150, 130, 0], [240, 228, 66]),
    ([170, 60, 60], [240, 120, 110]),
    ([90, 90, 200], [150, 150, 255]),
    ([60, 60, 60], [220, 220, 220]),
];

fn ramp(stops: &[[f32; 3]; 3], t: f32) -> [u8; 3] {
    let (a, b, u) = if t <= 0.5 {
        (stops[0], stops[1], t * 2.0)
    } else {
        (stops[1], stops[2], (t - 0.5) * 2.0)
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mix = |i: usize| (a[i] + (b[i] - a[i]) * u).round().clamp(0.0, 255.0) as u8;
    [mix(0), mix(1), mix(2)]
}

static FACTMARK: LazyLock<Scale> = LazyLock::new(Scale::factmark);

impl Scale {
    fn of(name: &str, ordered: bool, levels: &[(&str, &str, Option<u32>)]) -> Self {
        Self {
            name: name.to_owned(),
            ordered,
            levels: levels
                .iter()
                .map(|&(id, label, rating)| Level::new(id, label, rating))
                .collect(),
            extra: Extra::new(),
        }
    }

    /// factmark's own scale, what a file without `scale` uses. Listed as keys 1, 2, 3 mark.
    pub fn factmark() -> Self {
        Self::of(
            "factmark",
            true,
            &[
                ("verified", "Verified", Some(3)),
                ("disputed", "Disputed", Some(2)),
                ("inaccurate", "Inaccurate", Some(1)),
            ],
        )
    }

    /// [`Self::factmark`], made once.
    pub fn default_ref() -> &'static Self {
        &FACTMARK
    }

    /// A preset by name (see [`PRESETS`]).
    pub fn preset(name: &str) -> Option<Self> {
        Some(match name {
            "factmark" => Self::factmark(),
            "truth-o-meter" => Self::of(
                "truth-o-meter",
                true,
                &[
                    ("pants-on-fire", "Pants on Fire", Some(1)),
                    ("false", "False", Some(2)),
                    ("mostly-false", "Mostly False", Some(3)),
                    ("half-true", "Half True", Some(4)),
                    ("mostly-true", "Mostly True", Some(5)),
                    ("true", "True", Some(6)),
                ],
            ),
            "five-point" => Self::of(
                "five-point",
                true,
                &[
                    ("1", "1 (false)", Some(1)),
                    ("2", "2", Some(2)),
                    ("3", "3", Some(3)),
                    ("4", "4", Some(4)),
                    ("5", "5 (true)", Some(5)),
                ],
            ),
            "meta" => Self::of(
                "meta",
                false,
                &[
                    ("false", "False", None),
                    ("altered", "Altered", None),
                    ("partly-false", "Partly false", None),
                    ("missing-context", "Missing context", None),
                    ("satire", "Satire", None),
                    ("true", "True", None),
                ],
            ),
            _ => return None,
        })
    }

    /// Every verdict a claim may have: each level's id in order, then `unreviewed`.
    pub fn verdicts(&self) -> impl Iterator<Item = &Verdict> {
        self.levels
            .iter()
            .map(|l| &l.id)
            .chain([&Verdict::UNREVIEWED])
    }

    /// Position of the level with this id.
    pub fn index_of(&self, verdict: &Verdict) -> Option<usize> {
        self.levels.iter().position(|l| &l.id == verdict)
    }

    pub fn level(&self, verdict: &Verdict) -> Option<&Level> {
        self.levels.iter().find(|l| &l.id == verdict)
    }

    /// Whether a claim may have this verdict: `unreviewed` or one of the levels.
    pub fn allows(&self, verdict: &Verdict) -> bool {
        verdict.is_unreviewed() || self.index_of(verdict).is_some()
    }

    /// What people read for a verdict: the level's label, "Unreviewed", or the id itself.
    pub fn label<'a>(&'a self, verdict: &'a Verdict) -> &'a str {
        if verdict.is_unreviewed() {
            return "Unreviewed";
        }
        self.level(verdict).map_or(verdict.as_str(), |l| &l.label)
    }

    /// The level a label from another tool means: its id or its label, case ignored.
    pub fn match_label(&self, label: &str) -> Option<Verdict> {
        let label = label.trim();
        if label.eq_ignore_ascii_case("unreviewed") {
            return Some(Verdict::UNREVIEWED);
        }
        let lower = label.to_lowercase();
        self.levels
            .iter()
            .find(|l| l.id.as_str().to_lowercase() == lower || l.label.to_lowercase() == lower)
            .map(|l| l.id.clone())
    }

    /// Everything wrong with the scale; empty when it is usable.
    pub fn problems(&self) -> Vec<ScaleProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: String, message: String| {
            problems.push(ScaleProblem { field, message });
        };
        if self.levels.is_empty() {
            problem("levels".into(), "a scale needs at least one level".into());
        }
        let n = self.levels.len();
        let mut seen_ratings = vec![false; n];
        for (i, level) in self.levels.iter().enumerate() {
            let id = level.id.as_str();
            if id.trim().is_empty() {
                problem(
                    format!("levels[{i}].id"),
                    "empty: a level needs an id".into(),
                );
            } else if level.id.is_unreviewed() {
                problem(
                    format!("levels[{i}].id"),
                    "\"unreviewed\" is always allowed and cannot be a level".into(),
                );
            } else if let Some(first) = self.levels[..i].iter().position(|l| l.id == level.id) {
                problem(
                    format!("levels[{i}].id"),
                    format!(
                        "{:?} is already the id of level {}",
                        crate::text::excerpt(id),
                        first + 1
                    ),
                );
            }
            match (self.ordered, level.rating) {
                (true, None) => problem(
                    format!("levels[{i}].rating"),
                    format!("missing: each level of an ordered scale has a rating 1..{n}"),
                ),
                (true, Some(r)) => {
                    let at = usize::try_from(r).ok().filter(|&r| (1..=n).contains(&r));
                    match at {
                        None => problem(
                            format!("levels[{i}].rating"),
                            format!("{r} is not a rating 1..{n}"),
                        ),
                        Some(r) if seen_ratings[r - 1] => problem(
                            format!("levels[{i}].rating"),
                            format!("{r} is the rating of another level: each of 1..{n} once"),
                        ),
                        Some(r) => seen_ratings[r - 1] = true,
                    }
                }
                (false, Some(_)) => problem(
                    format!("levels[{i}].rating"),
                    "an unordered scale's levels have no rating".into(),
                ),
                (false, None) => {}
            }
        }
        problems
    }

    /// The level's rating on an ordered scale.
    pub fn rating(&self, verdict: &Verdict) -> Option<u32> {
        self.ordered.then(|| self.level(verdict)?.rating).flatten()
    }

    /// The colour of a verdict, as red, green, blue, for a light (`dark` false) or dark
    /// background: an ordered scale goes red (worst) through amber to green (best) by
    /// rating, an unordered one takes distinct colours in level order, unreviewed is grey.
    /// The app and the HTML report both use it.
    pub fn color(&self, verdict: &Verdict, dark: bool) -> [u8; 3] {
        let grey = if dark { [170; 3] } else { [110; 3] };
        let Some(index) = self.index_of(verdict) else {
            return grey;
        };
        if !self.ordered {
            let (light, dark_variant) = PALETTE[index % PALETTE.len()];
            return if dark { dark_variant } else { light };
        }
        let Some(rating) = self.rating(verdict) else {
            return grey;
        };
        let n = self.best_rating();
        #[allow(clippy::cast_precision_loss)]
        let t = if n <= 1 {
            1.0
        } else {
            rating.saturating_sub(1) as f32 / (n - 1) as f32
        };
        ramp(
            if dark { &RAMP_DARK } else { &RAMP_LIGHT },
            t.clamp(0.0, 1.0),
        )
    }

    /// n, the best rating (the number of levels).
    pub fn best_rating(&self) -> u32 {
        u32::try_from(self.levels.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_usable_scale() {
        for name in PRESETS {
            let scale = Scale::preset(name).unwrap();
            assert_eq!(scale.name, name);
            assert_eq!(scale.problems(), [], "{name}");
        }
        assert_eq!(Scale::preset("nope"), None);
        assert_eq!(Scale::preset("truth-o-meter").unwrap().levels.len(), 6);
        assert!(!Scale::preset("meta").unwrap().ordered);
    }

    #[test]
    fn the_default_scale_rates_as_before() {
        let scale = Scale::default_ref();
        assert_eq!(scale.rating(&Verdict::INACCURATE), Some(1));
        assert_eq!(scale.rating(&Verdict::DISPUTED), Some(2));
        assert_eq!(scale.rating(&Verdict::VERIFIED), Some(3));
        assert_eq!(scale.rating(&Verdict::UNREVIEWED), None);
        assert_eq!(scale.index_of(&Verdict::VERIFIED), Some(0));
        assert!(scale.allows(&Verdict::UNREVIEWED));
        assert!(!scale.allows(&Verdict::new("true")));
    }

    #[test]
    fn labels_match_an_id_or_a_label_case_ignored() {
        let scale = Scale::preset("truth-o-meter").unwrap();
        assert_eq!(
            scale.match_label("PANTS ON FIRE"),
            Some(Verdict::new("pants-on-fire"))
        );
        assert_eq!(
            scale.match_label("Half-True"),
            Some(Verdict::new("half-true"))
        );
        assert_eq!(scale.match_label("Unreviewed"), Some(Verdict::UNREVIEWED));
        assert_eq!(scale.match_label("verified"), None);
        assert_eq!(scale.label(&Verdict::new("true")), "True");
        assert_eq!(scale.label(&Verdict::new("odd")), "odd");
    }

    #[test]
    fn problems_name_the_level_and_field() {
        let mut scale = Scale::preset("five-point").unwrap();
        scale.levels[1].id = Verdict::new("1");
        scale.levels[2].rating = Some(9);
        scale.levels[3].rating = Some(5);
        scale.levels[4].rating = None;
        let fields: Vec<_> = scale.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["levels[1].id", "levels[2].rating", "levels[4].rating"]
        );
        let mut scale = Scale::preset("meta").unwrap();
        scale.levels[0].rating = Some(1);
        scale.levels[1].id = Verdict::UNREVIEWED;
        scale.levels[2].id = Verdict::new(" ");
        let fields: Vec<_> = scale.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["levels[0].rating", "levels[1].id", "levels[2].id"]);
        let empty = Scale {
            levels: Vec::new(),
            ..Scale::factmark()
        };
        assert_eq!(empty.problems()[0].field, "levels");
    }
}
