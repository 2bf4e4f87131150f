"""The overview's opening: the findings (from `findings` records, nothing written by hand about
the results) and how to read the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

from ..compare.frames import STANDARDISED
from ..compare.ppi import MIN_POSITIVES
from .findings import SEEDED_MIN_SENTENCES, Contrast, ContrastFindings, Interval, Limits, Quote, SeededConcept, TopicTheme
from .pages import SECTIONS, language_attributes, table

# Findings per contrast shown first; the others are folded below them.
SHOWN = 6


@dataclass(frozen=True)
class Links:
    concept: Callable[[str], str]  # concept -> its concordance page
    sentence: Callable[[str, str], str]  # (article, sentence) -> the sentence on its article page
    topic: Callable[[str, str], str]  # (scope name, topic) -> the topic's page


def points(value: float) -> str:
    """A difference of shares in percentage points."""
    return f"{value * 100:+.1f}".replace("-", "−")


def percent(value: float) -> str:
    return "—" if value != value else f"{value * 100:.1f}%"


def _interval(interval: Interval) -> str:
    if interval.low != interval.low:
        return f"{points(interval.value)} points (no interval)"
    return f"{points(interval.value)} points (95% interval {points(interval.low)} to {points(interval.high)})"


def _width(value: float) -> str:
    return f"{value * 100:.1f} points"


def _stratum(name: str, strata: tuple[tuple[str, float], ...]) -> str:
    if name != STANDARDISED:
        return f"within {escape(name)}"
    return "standardised over " + ", ".join(f"{escape(s)} (weight {w:.3f})" for s, w in strata)


def _quotes(group: str, quotes: tuple[Quote, ...], links: Links) -> str:
    if not quotes:
        return f"<div><strong>{escape(group)}</strong><p>No sentence of {escape(group)} carries it.</p></div>"
    items = "".join(
        f'<blockquote{language_attributes(q.language)}>{escape(q.text)} '
        f'<a href="{escape(links.sentence(q.article_id, q.sentence_id), quote=True)}" lang="en" dir="ltr">'
        f"[{escape(q.article_id)}#{escape(q.sentence_id)}]</a></blockquote>"
        for q in quotes
    )
    return f"<div><strong>{escape(group)}</strong>{items}</div>"


def _contrast(c: Contrast, links: Links) -> str:
    more = "more" if c.ppi.value > 0 else "less"
    rests_on = " and ".join(escape(s) for s, _ in c.strata)
    caution = (f" {' and '.join(escape(side) for side in c.narrow)}: too few articles to resample by article, so the "
               "interval speaks only for these articles." if c.narrow else "")
    costs = (f" What the coding's accuracy costs: the ppi interval is {_width(c.ppi.width)} wide, where the coded "
             f"interval claims {_width(c.coded.width)}." if c.coded.low == c.coded.low and c.ppi.low == c.ppi.low else "")
    return (
        f'<article class="finding"><h5><a href="{escape(links.concept(c.concept), quote=True)}">{escape(c.concept)}</a>: '
        f"{escape(c.a)} {more} than {escape(c.b)}, {_stratum(c.stratum, c.strata)}</h5>"
        f"<p>Prediction-powered: {_interval(c.ppi)}, from {c.labelled} labelled sentences; {c.articles_a} vs "
        f"{c.articles_b} articles; rests on {rests_on}. Coded share, ignores coding errors: {_interval(c.coded)}."
        f"{costs}{caution}</p>"
        f'<div class="quotes">{_quotes(c.a, c.quotes_a, links)}{_quotes(c.b, c.quotes_b, links)}</div></article>'
    )


def _contrast_findings(found: ContrastFindings, links: Links) -> str:
    strata = ", ".join(_stratum(s, found.weights) for s in found.strata)
    anchor = escape(f"findings-{found.a}-{found.b}", quote=True)
    heading = f'<h4 id="{anchor}">{escape(found.a)} − {escape(found.b)}</h4>'
    if not found.estimated:
        return (heading + f"<p>Strata: {strata}. No prediction-powered estimate: no finding is stated. The coded "
                "shares' contrasts (which ignore coding errors) are in <code>frame_effects.tsv</code> and, for frames, "
                "in the figure above.</p>")
    costs = (f" What the coding's accuracy costs: the median ppi interval is {_width(found.widths[0])} wide, where the "
             f"coded interval claims {_width(found.widths[1])}." if found.widths else "")
    missing = ", ".join(f"{escape(c.concept)} ({escape(c.stratum)})" for c in found.undetermined)
    undetermined = (f"<details><summary>{len(found.undetermined)} have no ppi interval: too few labelled sentences "
                    f"coded with the concept (fewer than {MIN_POSITIVES} in a cell it rests on)</summary><p>{missing}</p>"
                    "</details>" if missing else "")
    cards = [_contrast(c, links) for c in found.found]
    folded = (f"<details><summary>{len(cards) - SHOWN} more contrasts beyond their intervals</summary>"
              f"{''.join(cards[SHOWN:])}</details>") if len(cards) > SHOWN else ""
    return (heading + f"<p>Strata: {strata}. {len(found.found)} of {found.estimated} prediction-powered contrasts "
            f"(concept × stratum) exclude zero; by stratum, largest first.{costs}</p>{undetermined}"
            + "".join(cards[:SHOWN]) + folded)


def _contrasts(found: list[ContrastFindings], single_frame: dict[str, list[str]], links: Links) -> str:
    frames = [f for f in found if f.across == "frame"]
    languages = [f for f in found if f.across == "language"]
    alone = "".join(f" {escape(language)} has {escape(', '.join(frames_of))} articles only, so it enters no frame "
                    "contrast." for language, frames_of in single_frame.items())
    pending = ("" if any(f.estimated for f in found) else
               "<p><strong>No prediction-powered estimates yet</strong>: the inference study has no adjudicated codes "
               "(docs/inference.md). No finding is stated until it has; the coded shares alone ignore the coding's "
               "errors.</p>")
    return (
        pending + '<h3 id="findings-frame">Frames, within each language</h3>'
        f"<p>Each frame contrast within each language where both frames have articles, and standardised over those "
        f"languages with fixed weights (a raw pool of languages is never computed).{alone}</p>"
        + "".join(_contrast_findings(f, links) for f in frames)
        + '<h3 id="findings-language">Languages, within each frame</h3>'
        "<p>Each pair of languages within each frame where both have articles, and standardised over those frames.</p>"
        + "".join(_contrast_findings(f, links) for f in languages)
    )


def _topics(themes: list[TopicTheme], links: Links) -> str:
    counts = "; ".join(f"{escape(scope)}: {sum(t.named for t in part)} of {len(part)}"
                       for scope, part in _grouped(themes, "scope").items())
    theme_columns = ["model", "topic", "top terms", "closest concept", "lift", "named by the codebook", "language"]
    theme_rows = pd.DataFrame([{
        "model": t.scope, "topic": t.topic, "top terms": " ".join(t.terms), "closest concept": t.concept,
        "lift": round(t.lift, 2), "named by the codebook": "yes" if t.named else "no",
        "language": t.scope.split("-")[0] if "-" in t.scope else "",
    } for t in themes], columns=theme_columns)
    topic_links = {"topic": lambda r: links.topic(r["model"], r["topic"]),
                   "closest concept": lambda r: links.concept(r["closest concept"])}
    return (
        '<h3 id="findings-topics">What the topics add</h3>'
        "<p>The topic models find themes without the codebook. A topic is named by the codebook when the sentences "
        "carrying some concept weigh it at least twice as much as the average passage (lift ≥ 2); the others are "
        f"themes the codebook does not name. Topics named, per model: {counts}. (The cross-lingual topics' differences "
        'between groups pool languages: they are a descriptive table under <a href="#comparisons">Comparisons</a>, '
        "not findings.)</p>"
        + table(theme_rows[theme_rows["named by the codebook"] == "no"].drop(columns="named by the codebook"), topic_links,
                frozenset({"top terms"}))
        + f"<details><summary>All {len(theme_rows)} topics</summary>"
        + table(theme_rows, topic_links, frozenset({"top terms"})) + "</details>"
    )


def _seeded(seeded: list[SeededConcept], links: Links) -> str:
    rows = pd.DataFrame([{
        "language": s.language, "concept": s.concept, "coded sentences": s.coded_sentences,
        "correlation": round(s.correlation.value, 2), "low": round(s.correlation.low, 2), "high": round(s.correlation.high, 2),
        "words beside the cues": " ".join(s.candidates),
    } for s in seeded], columns=["language", "concept", "coded sentences", "correlation", "low", "high", "words beside the cues"])
    positive = "; ".join(f"{escape(lang)}: {sum(s.correlation.value > 0 for s in part)} of {len(part)}"
                         for lang, part in _grouped(seeded, "language").items()) or "no concept is coded often enough"
    return (
        '<h4 id="findings-seeded">The seeded topics</h4>'
        "<p>Each language's seeded model has one topic per concept, seeded with the concept's cues, beside free "
        f"topics. For the concepts coded in at least {SEEDED_MIN_SENTENCES} sentences of a language, the seeded "
        "topic's weight in a passage is correlated with the coding of the concept (Pearson's r across passages, 95% "
        f"article-bootstrap interval); positive: {positive}. The words the topic gives the concept beside its cues "
        "are candidates for the codebook, to be read in the concordance before any is added.</p>"
        + table(rows, {"concept": lambda r: links.concept(r["concept"])}, frozenset({"words beside the cues"}))
    )


def _grouped(records: list, field: str) -> dict[str, list]:
    """Records by the value of one field, in order of first appearance."""
    grouped = {}
    for record in records:
        grouped.setdefault(getattr(record, field), []).append(record)
    return grouped


def _limits(limits: Limits) -> str:
    cells = pd.DataFrame([vars(c) for c in limits.cells], columns=["frame", "language", "articles", "sentences",
                                                                   "labelled", "resampling"])

    def scores(items, what):
        return "; ".join(
            f"{escape(s.coding)} on {escape(s.study)} {escape(s.split)}: {s.value:.2f}"
            + (f" ({s.low:.2f}–{s.high:.2f})" if s.low is not None and s.low == s.low else "")
            for s in items
        ) or f"no {what}"

    return (
        '<h3 id="findings-limits">What the data cannot say</h3>'
        "<p>Cells (a frame in a language) with few articles are resampled by sentences within their articles: their "
        "intervals describe these articles, not the writing they were drawn from. Cells, their sizes, the inference "
        "study's labelled sentences and resampling:</p>" + table(cells)
        + "<p>The coding is a dictionary instrument. The prediction-powered intervals hold whatever its errors (they "
          "are wider the worse it is); the coded shares' intervals ignore them. Its micro-averaged F1 against the "
          "reference codes (the test split was never tuned on; development splits overstate it): "
          f"{scores(limits.instrument, 'instrument scores')}. The human coders against the same reference: "
          f"{scores(limits.coders, 'coder scores')}. Agreement between the two coders (Krippendorff's alpha, pooled "
          f"over concepts): {scores(limits.coder_alpha, 'second coder')}.</p>"
    )


def findings_section(contrasts: list[ContrastFindings], single_frame: dict[str, list[str]], lead_figure: str,
                     themes: list[TopicTheme], seeded: list[SeededConcept], limits: Limits, links: Links) -> str:
    """lead_figure: the frame effects figure's HTML."""
    return (
        '<section><h2 id="findings">Findings</h2>'
        "<p>How advice on upward socializing differs from advice on networking and managing up, within each "
        "language, and how writing in Chinese, Persian and English differs within each frame: the share of sentences "
        "carrying each concept of the codebook. A finding is a contrast whose prediction-powered (ppi) 95% interval "
        "excludes zero: it combines the coding of every sentence with the codes careful coders gave a random sample "
        "of them, and holds whatever the coding's errors. The coded share's contrast is given beside it only as a "
        "secondary figure. Every statement below is generated from the result tables; each concept links to its "
        "concordance (every sentence carrying it), each quote to its sentence.</p>"
        + lead_figure + _contrasts(contrasts, single_frame, links)
        + _topics(themes, links) + _seeded(seeded, links) + _limits(limits) + "</section>"
    )


def how_to_read() -> str:
    detail = "".join(f'<li><a href="#{anchor}">{name}</a></li>' for anchor, name in SECTIONS[2:])
    return (
        '<section><h2 id="how-to-read">How to read this report</h2>'
        "<p>A share is the fraction of a cell's sentences (a frame in a language) that carry a concept; a contrast is "
        "side a's share minus side b's, in percentage points. The findings' intervals are prediction-powered: they "
        "estimate what careful coders would find, from the coding of every sentence and the inference study's codes "
        "of a random sample, clustered by article (docs/inference.md); the coded shares' bootstrap intervals resample "
        "articles (or, in small cells, sentences within articles) and ignore the coding's errors. A contrast is "
        "reported when its ppi interval excludes zero; with many concepts and strata compared, a few such contrasts "
        "are expected by chance alone, so read the "
        "largest and those with quotes that bear them out. Every table can be sorted by clicking its header and "
        "filtered with the box above it; the concordance pages filter by language, frame and article, and "
        "<em>All sentences</em> searches the whole corpus. The detail sections:</p>"
        f"<ul>{detail}</ul></section>"
    )
