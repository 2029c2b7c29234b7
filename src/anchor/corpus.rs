//! Generated pairs of article versions with known ground truth, for measuring re-anchoring
//! (`cargo bench --bench anchor`, and a test on a small subset).
//!
//! An article is built as paragraphs of sentences of words, so that every edit is known
//! exactly: which words changed, which sentences went, where each paragraph ended up. Each
//! claim is a run of words in one sentence; its true place in the new version is found
//! from the structure, not from the text, so the measure does not share the re-anchorer's
//! assumptions. Deterministic: the same seed gives the same pair.

use std::ops::Range;

/// The kinds of edit a pair can have (each pair has one kind, applied a few times).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EditKind {
    Insertion,
    Deletion,
    WordReplacement,
    TypoFix,
    SentenceRewrite,
    ParagraphMove,
    DuplicatedParagraph,
    Whitespace,
    Case,
}

impl EditKind {
    pub const ALL: [Self; 9] = [
        Self::Insertion,
        Self::Deletion,
        Self::WordReplacement,
        Self::TypoFix,
        Self::SentenceRewrite,
        Self::ParagraphMove,
        Self::DuplicatedParagraph,
        Self::Whitespace,
        Self::Case,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Insertion => "insertion",
            Self::Deletion => "deletion",
            Self::WordReplacement => "word replacement",
            Self::TypoFix => "typo fix",
            Self::SentenceRewrite => "sentence rewrite",
            Self::ParagraphMove => "paragraph move",
            Self::DuplicatedParagraph => "duplicated paragraph",
            Self::Whitespace => "whitespace",
            Self::Case => "case",
        }
    }
}

/// What happened to one claim's words, and where they truly are in the new version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Truth {
    /// Its words and the context on both sides (32 code points) are unchanged, in a
    /// paragraph that did not move: it must be placed `exact`, here.
    Untouched(Range<usize>),
    /// Its words are unchanged but their context was edited, or their paragraph moved.
    Kept(Range<usize>),
    /// One word inside it was edited (replaced, a typo fixed, its case or a space changed).
    OneWordEdit(Range<usize>),
    /// Its sentence was deleted or rewritten: it must not be placed anywhere.
    Gone,
}

impl Truth {
    /// Where the claim belongs, if anywhere.
    pub fn span(&self) -> Option<&Range<usize>> {
        match self {
            Self::Untouched(r) | Self::Kept(r) | Self::OneWordEdit(r) => Some(r),
            Self::Gone => None,
        }
    }
}

/// Two versions of an article and the claims on the old one, each with its truth.
pub struct Pair {
    pub kind: EditKind,
    pub old: String,
    pub new: String,
    /// Code points of `old`, and the truth on `new`.
    pub claims: Vec<(Range<usize>, Truth)>,
}

/// `count` pairs; odd ones mix scripts (Arabic, Chinese, Russian, Hindi, emoji) with English.
pub fn pairs(count: usize) -> Vec<Pair> {
    (0..count)
        .map(|i| {
            let kind = EditKind::ALL[i % EditKind::ALL.len()];
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64).wrapping_mul(0x2545_F491));
            let paras = 12 + rng.below(12);
            let article = Article::generate(&mut rng, paras, i % 2 == 1);
            let claims = article.claims(&mut rng, 30);
            let mut edited = article.clone();
            // One duplicate only: a second one put beside the first's original would give
            // that original the neighbours of a copy, and the truth would be a coin toss.
            let edits = if kind == EditKind::DuplicatedParagraph {
                1
            } else {
                3
            };
            for _ in 0..edits {
                edited.edit(&mut rng, kind, &claims);
            }
            make_pair(kind, &article, &edited, &claims)
        })
        .collect()
}

/// A book: at least `bytes` of text, `claims` claims, and a new version with about
/// `edited` (0 to 1) of its text changed by word replacements, typo fixes, sentence
/// rewrites and paragraph moves. The truth of each claim comes with it.
pub fn book(bytes: usize, claims: usize, edited: f64, seed: u64) -> Pair {
    let mut rng = Rng(seed);
    let mut article = Article::generate(&mut rng, 8, true);
    while article.render().text.len() < bytes {
        let more = Article::generate(&mut rng, 400, true);
        let base = article.next_id;
        article.absorb(more, base);
    }
    let claim_list = article.claims(&mut rng, claims);
    let mut new = article.clone();
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_sign_loss,
        reason = "a share of a length"
    )]
    let target = (article.render().text.len() as f64 * edited.clamp(0.0, 1.0)) as usize;
    let kinds = [
        EditKind::WordReplacement,
        EditKind::TypoFix,
        EditKind::SentenceRewrite,
        EditKind::ParagraphMove,
    ];
    let mut changed = 0;
    while changed < target {
        let kind = kinds[rng.below(kinds.len())];
        changed += new.edit(&mut rng, kind, &claim_list);
    }
    make_pair(EditKind::WordReplacement, &article, &new, &claim_list)
}

fn make_pair(kind: EditKind, old: &Article, new: &Article, claims: &[ClaimAt]) -> Pair {
    let old_r = old.render();
    let new_r = new.render();
    let old_chars: Vec<char> = old_r.text.chars().collect();
    let new_chars: Vec<char> = new_r.text.chars().collect();
    let context = |chars: &[char], r: &Range<usize>| {
        let before: String = chars[r.start.saturating_sub(32)..r.start].iter().collect();
        let after: String = chars[r.end..(r.end + 32).min(chars.len())].iter().collect();
        let words: String = chars[r.clone()].iter().collect();
        (before, words, after)
    };
    let claims = claims
        .iter()
        .filter_map(|claim| {
            let old_span = old_r.span(claim)?;
            let truth = match new_r.span(claim) {
                None => Truth::Gone,
                Some(new_span) => {
                    let (ob, ow, oa) = context(&old_chars, &old_span);
                    let (nb, nw, na) = context(&new_chars, &new_span);
                    let moved = new.moved.contains(&claim.para);
                    if ow != nw {
                        Truth::OneWordEdit(new_span)
                    } else if ob == nb && oa == na && !moved {
                        Truth::Untouched(new_span)
                    } else {
                        Truth::Kept(new_span)
                    }
                }
            };
            Some((old_span, truth))
        })
        .collect();
    Pair {
        kind,
        old: old_r.text,
        new: new_r.text,
        claims,
    }
}

/// `SplitMix64`: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ENGLISH: &[&str] = &[
    "the",
    "minister",
    "said",
    "economy",
    "grew",
    "percent",
    "last",
    "year",
    "while",
    "unemployment",
    "fell",
    "to",
    "its",
    "lowest",
    "level",
    "since",
    "records",
    "began",
    "according",
    "official",
    "figures",
    "released",
    "on",
    "Monday",
    "critics",
    "argue",
    "that",
    "numbers",
    "hide",
    "regional",
    "differences",
    "and",
    "rising",
    "prices",
    "government",
    "spending",
    "increased",
    "by",
    "billion",
    "dollars",
    "over",
    "decade",
    "report",
    "found",
    "inflation",
    "reached",
    "highest",
    "point",
    "parliament",
    "voted",
    "against",
    "proposal",
    "after",
    "long",
    "debate",
    "opposition",
    "leader",
    "claimed",
    "hospital",
    "waiting",
    "times",
    "doubled",
    "schools",
    "received",
    "more",
    "funding",
    "than",
    "ever",
    "before",
    "election",
    "turnout",
    "was",
    "record",
    "high",
    "in",
    "city",
    "police",
    "reported",
    "fewer",
    "crimes",
    "this",
    "spring",
    "company",
    "profits",
    "rose",
    "sharply",
    "despite",
    "weak",
    "demand",
    "exports",
    "China",
    "Europe",
    "farmers",
    "protested",
    "new",
    "rules",
    "climate",
    "targets",
    "were",
    "missed",
    "again",
    "energy",
    "bills",
    "will",
    "fall",
    "next",
    "winter",
    "analysts",
    "expect",
    "growth",
    "slow",
    "president",
    "signed",
    "law",
    "banning",
    "imports",
    "of",
    "steel",
    "tariffs",
    "cost",
    "households",
    "average",
    "pounds",
    "month",
    "study",
    "shows",
    "vaccine",
    "prevented",
    "deaths",
    "among",
    "older",
    "people",
    "army",
    "troops",
    "withdrew",
    "from",
    "border",
    "region",
    "within",
    "weeks",
    "three",
    "million",
    "twelve",
    "forty",
    "nineteen",
];
const ARABIC: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "الاقتصاد",
    "نما",
    "بنسبة",
    "في",
    "المئة",
    "العام",
    "الماضي",
    "بينما",
    "انخفضت",
    "البطالة",
    "إلى",
    "أدنى",
    "مستوى",
    "منذ",
    "الحكومة",
    "أعلنت",
    "الأرقام",
    "الرسمية",
    "يوم",
    "الاثنين",
    "المعارضة",
    "تقول",
    "الأسعار",
    "ارتفعت",
];
const CHINESE: &[&str] = &[
    "部长",
    "表示",
    "经济",
    "增长",
    "百分之",
    "三",
    "去年",
    "失业率",
    "下降",
    "到",
    "最低",
    "水平",
    "官方",
    "数据",
    "显示",
    "批评者",
    "认为",
    "政府",
    "支出",
    "增加",
    "亿元",
    "报告",
    "发现",
    "通货膨胀",
    "达到",
    "议会",
    "投票",
    "反对",
    "提案",
    "选举",
];
const RUSSIAN: &[&str] = &[
    "министр",
    "заявил",
    "что",
    "экономика",
    "выросла",
    "на",
    "процента",
    "в",
    "прошлом",
    "году",
    "безработица",
    "снизилась",
    "до",
    "минимума",
    "правительство",
    "объявило",
    "данные",
    "показали",
    "цены",
    "выросли",
    "оппозиция",
    "считает",
];
const HINDI: &[&str] = &[
    "मंत्री",
    "ने",
    "कहा",
    "कि",
    "अर्थव्यवस्था",
    "प्रतिशत",
    "बढ़ी",
    "पिछले",
    "साल",
    "बेरोज़गारी",
    "घटकर",
    "सरकार",
    "आंकड़े",
    "जारी",
    "किए",
];
const EMOJI: &[&str] = &["👍🏽", "🇫🇷", "👨‍👩‍👧", "🙂", "é", "café"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    English,
    Arabic,
    Chinese,
    Russian,
    Hindi,
    Mixed,
}

impl Script {
    fn words(self) -> &'static [&'static str] {
        match self {
            Self::English | Self::Mixed => ENGLISH,
            Self::Arabic => ARABIC,
            Self::Chinese => CHINESE,
            Self::Russian => RUSSIAN,
            Self::Hindi => HINDI,
        }
    }

    fn word(self, rng: &mut Rng) -> String {
        if self == Self::Mixed && rng.below(4) == 0 {
            return rng.pick(EMOJI).to_owned();
        }
        if rng.below(12) == 0 {
            return (rng.below(9000) + 10).to_string();
        }
        rng.pick(self.words()).to_owned()
    }

    /// What joins two words of a sentence.
    fn space(self) -> &'static str {
        if self == Self::Chinese { "" } else { " " }
    }

    fn full_stop(self) -> &'static str {
        if self == Self::Chinese { "。" } else { "." }
    }
}

#[derive(Clone)]
struct Word {
    text: String,
    /// What follows the word inside its sentence (not after the last word).
    after: String,
}

#[derive(Clone)]
struct Sentence {
    id: usize,
    words: Vec<Word>,
}

#[derive(Clone)]
struct Para {
    id: usize,
    script: Script,
    sentences: Vec<Sentence>,
}

#[derive(Clone)]
struct Article {
    paras: Vec<Para>,
    next_id: usize,
    /// Paragraphs an edit moved elsewhere.
    moved: std::collections::HashSet<usize>,
}

/// A claim as the structure knows it: words `words` of sentence `sentence` of `para`.
#[derive(Clone, Copy)]
struct ClaimAt {
    para: usize,
    sentence: usize,
    words: (usize, usize),
}

struct Rendered {
    text: String,
    /// For each sentence id: the code-point range of each of its words.
    words: std::collections::HashMap<usize, Vec<Range<usize>>>,
}

impl Rendered {
    fn span(&self, claim: &ClaimAt) -> Option<Range<usize>> {
        let words = self.words.get(&claim.sentence)?;
        Some(words.get(claim.words.0)?.start..words.get(claim.words.1)?.end)
    }
}

impl Article {
    fn generate(rng: &mut Rng, paras: usize, multi_script: bool) -> Self {
        let mut article = Self {
            paras: Vec::new(),
            next_id: 0,
            moved: std::collections::HashSet::new(),
        };
        for _ in 0..paras {
            let script = if multi_script {
                [
                    Script::English,
                    Script::Arabic,
                    Script::Chinese,
                    Script::Russian,
                    Script::Hindi,
                    Script::Mixed,
                ][rng.below(6)]
            } else {
                Script::English
            };
            let para = article.new_para(rng, script);
            article.paras.push(para);
        }
        article
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn new_para(&mut self, rng: &mut Rng, script: Script) -> Para {
        let id = self.id();
        let sentences = (0..2 + rng.below(4))
            .map(|_| self.new_sentence(rng, script))
            .collect();
        Para {
            id,
            script,
            sentences,
        }
    }

    fn new_sentence(&mut self, rng: &mut Rng, script: Script) -> Sentence {
        let id = self.id();
        let words = (0..6 + rng.below(11))
            .map(|_| Word {
                text: script.word(rng),
                after: script.space().to_owned(),
            })
            .collect();
        Sentence { id, words }
    }

    /// Appends `other`'s paragraphs, renumbered past this article's ids.
    fn absorb(&mut self, other: Self, base: usize) {
        for mut para in other.paras {
            para.id += base;
            for sentence in &mut para.sentences {
                sentence.id += base;
            }
            self.paras.push(para);
        }
        self.next_id = base + other.next_id;
    }

    fn position(&self, para: usize) -> Option<usize> {
        self.paras.iter().position(|p| p.id == para)
    }

    fn render(&self) -> Rendered {
        let mut text = String::new();
        let mut chars = 0;
        let mut words = std::collections::HashMap::new();
        let push = |text: &mut String, s: &str, chars: &mut usize| {
            text.push_str(s);
            *chars += s.chars().count();
        };
        for (p, para) in self.paras.iter().enumerate() {
            if p > 0 {
                push(&mut text, "\n\n", &mut chars);
            }
            for (s, sentence) in para.sentences.iter().enumerate() {
                if s > 0 {
                    push(&mut text, para.script.space(), &mut chars);
                }
                let mut spans = Vec::with_capacity(sentence.words.len());
                for (w, word) in sentence.words.iter().enumerate() {
                    let start = chars;
                    push(&mut text, &word.text, &mut chars);
                    spans.push(start..chars);
                    if w + 1 < sentence.words.len() {
                        push(&mut text, &word.after, &mut chars);
                    }
                }
                push(&mut text, para.script.full_stop(), &mut chars);
                words.insert(sentence.id, spans);
            }
        }
        Rendered { text, words }
    }

    fn claims(&self, rng: &mut Rng, count: usize) -> Vec<ClaimAt> {
        (0..count)
            .map(|_| {
                let para = &self.paras[rng.below(self.paras.len())];
                let sentence = &para.sentences[rng.below(para.sentences.len())];
                let len = 2 + rng.below(7).min(sentence.words.len() - 2);
                let first = rng.below(sentence.words.len() - len + 1);
                ClaimAt {
                    para: para.id,
                    sentence: sentence.id,
                    words: (first, first + len - 1),
                }
            })
            .collect()
    }

    /// A sentence: half the time one with a claim in it, so that edits meet claims.
    fn pick_sentence(&self, rng: &mut Rng, claims: &[ClaimAt]) -> (usize, usize) {
        if rng.below(2) == 0
            && let Some(claim) = claims.get(rng.below(claims.len()))
            && let Some(p) = self.position(claim.para)
            && let Some(s) = self.paras[p]
                .sentences
                .iter()
                .position(|s| s.id == claim.sentence)
        {
            return (p, s);
        }
        let p = rng.below(self.paras.len());
        (p, rng.below(self.paras[p].sentences.len()))
    }

    /// Applies one edit of `kind`; returns about how many bytes it changed.
    fn edit(&mut self, rng: &mut Rng, kind: EditKind, claims: &[ClaimAt]) -> usize {
        let (p, s) = self.pick_sentence(rng, claims);
        let script = self.paras[p].script;
        match kind {
            EditKind::Insertion => {
                if rng.below(2) == 0 {
                    let sentence = self.new_sentence(rng, script);
                    let at = rng.below(self.paras[p].sentences.len() + 1);
                    self.paras[p].sentences.insert(at, sentence);
                    80
                } else {
                    let para = self.new_para(rng, script);
                    self.paras.insert(rng.below(self.paras.len() + 1), para);
                    300
                }
            }
            EditKind::Deletion => {
                if self.paras[p].sentences.len() > 1 && rng.below(2) == 0 {
                    self.paras[p].sentences.remove(s);
                    80
                } else if self.paras.len() > 2 {
                    self.paras.remove(p);
                    300
                } else {
                    0
                }
            }
            EditKind::SentenceRewrite => {
                let sentence = self.new_sentence(rng, script);
                self.paras[p].sentences[s] = sentence;
                80
            }
            EditKind::ParagraphMove => {
                // At least three places away: a paragraph swapped with its neighbour could
                // as well be the neighbour moved, and no diff can say which.
                if self.paras.len() < 8 {
                    return 0;
                }
                let para = self.paras.remove(p);
                let mut to = rng.below(self.paras.len() + 1);
                while to.abs_diff(p) < 3 {
                    to = rng.below(self.paras.len() + 1);
                }
                self.moved.insert(para.id);
                self.paras.insert(to, para);
                300
            }
            EditKind::DuplicatedParagraph => {
                let mut copy = self.paras[p].clone();
                copy.id = self.id();
                for sentence in &mut copy.sentences {
                    sentence.id = self.id();
                }
                // Not next to the original, nor between the paragraphs it had on either
                // side: there the two copies could not be told apart.
                let neighbours = |paras: &[Para], at: usize| {
                    let before = at.checked_sub(1).and_then(|i| paras.get(i)).map(|p| p.id);
                    (before, paras.get(at).map(|p| p.id))
                };
                let (left, right) = (
                    neighbours(&self.paras, p).0,
                    neighbours(&self.paras, p + 1).1,
                );
                let fits = |to: usize| {
                    let (l, r) = neighbours(&self.paras, to);
                    to.abs_diff(p) > 1 && l != left && r != right
                };
                let Some(to) = (0..8)
                    .map(|_| rng.below(self.paras.len() + 1))
                    .find(|&to| fits(to))
                else {
                    return 0;
                };
                self.paras.insert(to, copy);
                300
            }
            EditKind::WordReplacement
            | EditKind::TypoFix
            | EditKind::Whitespace
            | EditKind::Case => self.edit_word(rng, kind, p, s, claims),
        }
    }

    fn edit_word(
        &mut self,
        rng: &mut Rng,
        kind: EditKind,
        p: usize,
        s: usize,
        claims: &[ClaimAt],
    ) -> usize {
        let script = self.paras[p].script;
        let sentence = &mut self.paras[p].sentences[s];
        // A word inside a claim on this sentence, if there is one, else any.
        let inside = claims
            .iter()
            .find(|c| c.sentence == sentence.id)
            .map(|c| c.words.0 + rng.below(c.words.1 - c.words.0 + 1));
        let w = inside.unwrap_or_else(|| rng.below(sentence.words.len()));
        let word = &mut sentence.words[w];
        match kind {
            EditKind::WordReplacement => {
                let mut other = script.word(rng);
                while other == word.text {
                    other = script.word(rng);
                }
                word.text = other;
            }
            EditKind::TypoFix => {
                // Two letters swapped, or (when that changes nothing) the last one replaced.
                // Chinese has no spaces to say where a word ends, so two characters
                // swapped at a claim's edge could as well have moved out of it: there one
                // character is replaced.
                let mut chars: Vec<char> = word.text.chars().collect();
                if chars.len() >= 2 && script != Script::Chinese {
                    let i = 1 + rng.below(chars.len() - 1);
                    chars.swap(i, i - 1);
                }
                let mut fixed: String = chars.iter().collect();
                if fixed == word.text {
                    let last = chars.pop().unwrap_or('x');
                    chars.push(if last == 'x' { 'y' } else { 'x' });
                    fixed = chars.into_iter().collect();
                }
                word.text = fixed;
            }
            EditKind::Case => {
                // Scripts without case (Arabic, Chinese, Hindi) are left alone.
                let upper = word.text.to_uppercase();
                if upper == word.text {
                    return 0;
                }
                word.text = upper;
            }
            _ => {
                // Inside a claim, the space after its first word (the last word has none).
                let w = match inside {
                    Some(_) if w + 1 < sentence.words.len() => w,
                    _ => w.saturating_sub(1),
                };
                let after = &mut sentence.words[w].after;
                *after = if after.is_empty() {
                    " ".to_owned()
                } else {
                    format!("{after} ")
                };
            }
        }
        10
    }
}
