#!/usr/bin/env python3
"""Writes the fixtures that `factmark stats` is tested against, with the expected numbers
computed by the reference implementations: scikit-learn's `cohen_kappa_score`, statsmodels'
`fleiss_kappa` and the `krippendorff` package.

    pip install krippendorff scikit-learn statsmodels
    python3 scripts/reference_stats.py        # rewrites tests/data/stats/

The tests read what this writes and need no Python. Each fixture is a folder of reviewers'
.factmark.json files on one text and `expected.json`, shaped as `factmark stats --json`
prints (file names relative to the folder).

Every fixture is built from unit slots: slot u owns the words at [off_u, off_u + 40). For
each reviewer a slot is `none` (no claim), `same` (a claim on exactly those words), `shifted`
(a claim on [off_u + 4, off_u + 40): overlap 0.9, the same unit but not the same span) or
`far` (a claim on [off_u + 25, off_u + 48): overlap 0.31, a unit of its own). A claim's
verdict is a level of the scale or `unreviewed`.
"""

import hashlib
import json
import math
import random
import shutil
import warnings
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "stats"
SLOT = 50
PREFIX = "北京 👩‍👩‍👧 "  # code points, not bytes: 3 + 1 + 5 + 1 = 10 before the first slot

SCALES = {
    "factmark": (True, [("verified", 3), ("disputed", 2), ("inaccurate", 1)]),
    "five-point": (True, [(str(i), i) for i in range(1, 6)]),
    "meta": (False, [(v, None) for v in
                     ["false", "altered", "partly-false", "missing-context", "satire", "true"]]),
}
STATES = ["draft", "in_review", "approved", "changes_requested"]


def clean(x):
    """A float for JSON, None for an undefined value."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def text_for(slots):
    body = "".join(f"Claim {u:04d} says something checkable about it.".ljust(SLOT) for u in range(slots))
    return PREFIX + body


def span(mode, u):
    off = len(PREFIX) + u * SLOT
    return {"same": (off, off + 40), "shifted": (off + 4, off + 40),
            "far": (off + 25, off + 48)}[mode]


def write_file(folder, name, text, scale_name, claims):
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = {"format": "factmark", "version": 1,
           "article": {"title": "Stats fixture", "url": "", "source_file": "fixture.txt",
                       "sha256": sha, "text": text}}
    if scale_name != "factmark":
        ordered, levels = SCALES[scale_name]
        doc["scale"] = {"name": scale_name, "ordered": ordered,
                        "levels": [dict({"id": v, "label": v}, **({"rating": r} if r else {}))
                                   for v, r in levels]}
    out = []
    for (start, end, verdict, state, cid) in sorted(claims):
        claim = {"id": cid, "start": start, "end": end, "exact": text[start:end],
                 "verdict": verdict}
        if state != "draft":
            claim["status"] = {"state": state, "by": name, "at": "2026-12-01T10:00:00Z",
                               "reason": "check the source" if state == "changes_requested" else ""}
        out.append(claim)
    doc["claims"] = out
    (folder / f"{name}.factmark.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def fixture(name, scale_name, reviewers, plan, rng):
    """plan[r][u] = (mode, verdict or 'unreviewed')."""
    folder = OUT / name
    folder.mkdir(parents=True)
    slots = len(plan[0])
    text = text_for(slots)
    ordered, levels = SCALES[scale_name]
    rating = {v: r for v, r in levels}
    codes = {v: i for i, (v, _) in enumerate(levels)}

    # Units: one per slot, plus one per `far` claim.
    units = []  # each: list over reviewers of verdict-or-None (None: no claim or unreviewed)
    for u in range(slots):
        units.append([plan[r][u][1] if plan[r][u][0] in ("same", "shifted") else None
                      for r in range(len(reviewers))])
    for u in range(slots):  # the `far` claims of one slot are on one span: one unit
        row = [plan[r][u][1] if plan[r][u][0] == "far" else None for r in range(len(reviewers))]
        if any(plan[r][u][0] == "far" for r in range(len(reviewers))):
            units.append(row)
    # A slot no one has a claim on is not a unit.
    present = [any(plan[r][u][0] in ("same", "shifted") for r in range(len(reviewers)))
               for u in range(slots)]
    units = [row for i, row in enumerate(units) if i >= slots or present[i]]
    rated = [[None if v in (None, "unreviewed") else v for v in row] for row in units]

    counts = {}
    for r, who in enumerate(reviewers):
        claims = []
        for u in range(slots):
            mode, verdict = plan[r][u]
            if mode == "none":
                continue
            start, end = span(mode, u)
            state = rng.choice(STATES)
            claims.append((start, end, verdict, state, f"{who}-{u:04d}"))
        write_file(folder, who, text, scale_name, claims)
        counts[f"{who}.factmark.json"] = {
            "claims": len(claims),
            "verdicts": {v: sum(1 for c in claims if c[2] == v) for v, _ in levels + [("unreviewed", 0)]},
            "status": {s: sum(1 for c in claims if c[3] == s) for s in STATES},
        }

    files = [f"{who}.factmark.json" for who in reviewers]
    spans = []
    for a in range(len(reviewers)):
        for b in range(a + 1, len(reviewers)):
            n_a = sum(1 for u in range(slots) if plan[a][u][0] != "none")
            n_b = sum(1 for u in range(slots) if plan[b][u][0] != "none")
            exact = sum(1 for u in range(slots)
                        if plan[a][u][0] != "none" and plan[a][u][0] == plan[b][u][0])
            overlap = sum(1 for u in range(slots)
                          if (plan[a][u][0] in ("same", "shifted") and plan[b][u][0] in ("same", "shifted"))
                          or (plan[a][u][0] == "far" and plan[b][u][0] == "far"))

            def prf(m):
                return {"precision": clean(m / n_b) if n_b else None,
                        "recall": clean(m / n_a) if n_a else None,
                        "f1": clean(2 * m / (n_a + n_b)) if n_a + n_b else None}
            spans.append({"a": files[a], "b": files[b], "exact": prf(exact), "overlap": prf(overlap)})

    # Percent agreement: of the units two or more files rated, the share where all agree.
    multi = [[v for v in row if v is not None] for row in rated]
    multi = [vs for vs in multi if len(vs) >= 2]
    pa = clean(sum(1 for vs in multi if len(set(vs)) == 1) / len(multi)) if multi else None

    cohen = []
    for a in range(len(reviewers)):
        for b in range(a + 1, len(reviewers)):
            both = [(row[a], row[b]) for row in rated if row[a] is not None and row[b] is not None]
            value = None
            if both:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    value = clean(cohen_kappa_score([x for x, _ in both], [y for _, y in both]))
            cohen.append({"a": files[a], "b": files[b], "units": len(both), "value": value})

    full = [row for row in rated if all(v is not None for v in row)]
    fleiss = None
    if full:
        table, _ = aggregate_raters(np.array([[codes[v] for v in row] for row in full]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                fleiss = clean(fleiss_kappa(table, method="fleiss"))

    def alpha(level):
        if level == "ordinal" and not ordered:
            return None
        value_of = (lambda v: rating[v]) if level == "ordinal" else (lambda v: codes[v])
        data = np.array([[np.nan if row[r] is None else value_of(row[r]) for row in rated]
                         for r in range(len(reviewers))], dtype=float)
        pairable = sum(1 for row in rated if sum(v is not None for v in row) >= 2)
        values = sorted(set(value_of(v) for row in rated for v in row if v is not None))
        if pairable == 0 or len(values) < 2:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return clean(krippendorff.alpha(reliability_data=data, level_of_measurement=level,
                                                value_domain=values))

    expected = {
        "files": files, "units": len(units), "spans": spans,
        "verdicts": {"percent_agreement": pa, "cohen_kappa": cohen, "fleiss_kappa": fleiss,
                     "krippendorff_alpha": {"nominal": alpha("nominal"), "ordinal": alpha("ordinal")}},
        "counts": counts,
    }
    (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


def noisy(rng, reviewers, slots, levels, p_none, p_unrev, p_shift, p_far, agree):
    """Reviewers who mostly agree with a hidden truth."""
    truth = [rng.choice(levels) for _ in range(slots)]
    plan = []
    for _ in reviewers:
        row = []
        for u in range(slots):
            x = rng.random()
            if x < p_none:
                row.append(("none", "unreviewed"))
                continue
            mode = "shifted" if x < p_none + p_shift else "far" if x < p_none + p_shift + p_far else "same"
            if rng.random() < p_unrev:
                verdict = "unreviewed"
            elif rng.random() < agree:
                verdict = truth[u]
            else:
                verdict = rng.choice(levels)
            row.append((mode, verdict))
        plan.append(row)
    return plan


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    rng = random.Random(20261204)
    ids = lambda s: [v for v, _ in SCALES[s][1]]

    fixture("three-reviewers", "factmark", ["ana", "ben", "chloe"],
            noisy(rng, "abc", 60, ids("factmark"), 0.1, 0.1, 0.1, 0.05, 0.7), rng)
    fixture("two-reviewers", "factmark", ["ana", "ben"],
            noisy(rng, "ab", 40, ids("factmark"), 0.05, 0.05, 0.2, 0.1, 0.8), rng)
    fixture("five-point", "five-point", ["r1", "r2", "r3", "r4"],
            noisy(rng, "abcd", 80, ids("five-point"), 0.15, 0.1, 0.1, 0.05, 0.5), rng)
    fixture("unordered", "meta", ["ana", "ben", "chloe"],
            noisy(rng, "abc", 50, ids("meta"), 0.1, 0.05, 0.05, 0.0, 0.6), rng)
    # Everyone says verified: one category, so kappa and alpha are undefined.
    fixture("one-category", "factmark", ["ana", "ben"],
            [[("same", "verified")] * 10, [("same", "verified")] * 9 + [("shifted", "verified")]], rng)
    # No unit that both rated: the verdict statistics are undefined, the spans are not.
    fixture("nothing-shared", "factmark", ["ana", "ben"],
            [[("same", "verified")] * 5 + [("none", "unreviewed")] * 5,
             [("none", "unreviewed")] * 5 + [("same", "disputed")] * 5], rng)
    # One reviewer has no claims at all.
    fixture("one-empty", "factmark", ["ana", "ben"],
            [[("same", "verified"), ("same", "disputed")], [("none", "unreviewed")] * 2], rng)


if __name__ == "__main__":
    main()
