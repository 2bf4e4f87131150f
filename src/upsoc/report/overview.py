"""The overview's opening: the findings (from `findings` records, nothing written by hand about
the results) and how to read the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

from .findings import (CORRECTED, SEEDED_MIN_SENTENCES, Difference, GroupingFindings, Interval, Limits, Quote, SeededConcept,
                       TopicEffect, TopicTheme)
from .pages import SECTIONS, language_attributes, table

# Findings per grouping shown first; the others are folded below them.
SHOWN = 6
ARTICLES = "articles"  # the resampling of a group large enough to speak beyond its articles


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
    return f"{points(interval.value)} points (95% interval {points(interval.low)} to {points(interval.high)})"


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


def _difference(d: Difference, articles: dict[tuple[str, str], int], links: Links) -> str:
    figure = "error-corrected" if d.figure == CORRECTED else "raw (no error rates for this comparison)"
    frame_terms = (f" Counting the frame terms' own evidence too: {_interval(d.inclusive)}." if d.inclusive else "")
    narrow = [f"{escape(group)} ({articles[d.grouping, group]} articles)"
              for group, resampling in ((d.group_a, d.resampling_a), (d.group_b, d.resampling_b)) if resampling != ARTICLES]
    caution = (f" Resampled by sentences within articles: the interval speaks only for the articles of {' and '.join(narrow)}."
               if narrow else "")
    more = "more" if d.difference.value > 0 else "less"
    return (
        f'<article class="finding"><h4><a href="{escape(links.concept(d.concept), quote=True)}">{escape(d.concept)}</a>: '
        f"{escape(d.group_a)} {more} than {escape(d.group_b)}</h4>"
        f"<p>{escape(d.group_a)} {percent(d.share_a)} of sentences, {escape(d.group_b)} {percent(d.share_b)}: "
        f"{_interval(d.difference)}; {figure}.{frame_terms}{caution}</p>"
        f'<div class="quotes">{_quotes(d.group_a, d.quotes_a, links)}{_quotes(d.group_b, d.quotes_b, links)}</div></article>'
    )


def _grouping(found: GroupingFindings, articles: dict[tuple[str, str], int], links: Links) -> str:
    frame_note = (" Frames are compared without the evidence of the frame terms themselves (向上社交 is always about "
                  "connecting upward); the figure with it is given beside." if found.grouping == "frame" else "")
    disappearing = ", ".join(f"{escape(c)} ({escape(a)} − {escape(b)})" for a, b, c in found.disappearing)
    summary = (
        f'<h3 id="findings-{escape(found.grouping, quote=True)}">By {escape(found.grouping)}</h3>'
        f"<p>{len(found.differences)} of {found.compared} pairwise concept differences exceed their 95% intervals, "
        f"largest first. The figure judged is error-corrected where the validation data allow it ({found.corrected} of "
        f"{found.compared}), raw otherwise.{frame_note}"
        + (f" Beyond their interval raw but not after correction for coding error: {disappearing}." if disappearing else "")
        + "</p>"
    )
    cards = [_difference(d, articles, links) for d in found.differences]
    folded = (f"<details><summary>{len(cards) - SHOWN} more differences beyond their intervals</summary>"
              f"{''.join(cards[SHOWN:])}</details>") if len(cards) > SHOWN else ""
    return summary + "".join(cards[:SHOWN]) + folded


def _topics(themes: list[TopicTheme], effects: list[TopicEffect], links: Links) -> str:
    counts = "; ".join(f"{escape(scope)}: {sum(t.named for t in part)} of {len(part)}"
                       for scope, part in _grouped(themes, "scope").items())
    theme_columns = ["model", "topic", "top terms", "closest concept", "lift", "named by the codebook", "language"]
    theme_rows = pd.DataFrame([{
        "model": t.scope, "topic": t.topic, "top terms": " ".join(t.terms), "closest concept": t.concept,
        "lift": round(t.lift, 2), "named by the codebook": "yes" if t.named else "no",
        "language": t.scope.split("-")[0] if "-" in t.scope else "",
    } for t in themes], columns=theme_columns)
    effect_rows = pd.DataFrame([{
        "grouping": e.grouping, "group a": e.group_a, "group b": e.group_b, "topic": e.topic, "top concepts": " ".join(e.terms),
        "effect": round(e.effect.value, 3), "low": round(e.effect.low, 3), "high": round(e.effect.high, 3),
    } for e in effects], columns=["grouping", "group a", "group b", "topic", "top concepts", "effect", "low", "high"])
    topic_links = {"topic": lambda r: links.topic(r["model"], r["topic"]),
                   "closest concept": lambda r: links.concept(r["closest concept"])}
    return (
        '<h3 id="findings-topics">What the topics add</h3>'
        "<p>The topic models find themes without the codebook. A topic is named by the codebook when the sentences "
        "carrying some concept weigh it at least twice as much as the average passage (lift ≥ 2); the others are "
        f"themes the codebook does not name. Topics named, per model: {counts}.</p>"
        + table(theme_rows[theme_rows["named by the codebook"] == "no"].drop(columns="named by the codebook"), topic_links,
                frozenset({"top terms"}))
        + f"<details><summary>All {len(theme_rows)} topics</summary>"
        + table(theme_rows, topic_links, frozenset({"top terms"})) + "</details>"
        + f"<p>{len(effects)} differences between groups in the share of a cross-lingual topic exceed their 95% "
          "intervals (the cross-lingual topics are made of concepts, so they show which concepts travel together):</p>"
        + table(effect_rows, {"topic": lambda r: links.topic("crosslingual", r["topic"])})
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
    groups = pd.DataFrame([vars(g) for g in limits.groups])

    def scores(items, what):
        return "; ".join(
            f"{escape(s.coding)} on {escape(s.study)} {escape(s.split)}: {s.value:.2f}"
            + (f" ({s.low:.2f}–{s.high:.2f})" if s.low is not None and s.low == s.low else "")
            for s in items
        ) or f"no {what}"

    return (
        '<h3 id="findings-limits">What the data cannot say</h3>'
        "<p>Groups with few articles are resampled by sentences within their articles: their intervals describe these "
        "articles, not the writing they were drawn from. Groups, their sizes and resampling:</p>" + table(groups)
        + "<p>The coding is a dictionary instrument, and its errors are not in the intervals above except where the "
          "figure is error-corrected. Its micro-averaged F1 against the reference codes (the test split was never "
          f"tuned on; development splits overstate it): {scores(limits.instrument, 'instrument scores')}. The human "
          f"coders against the same reference: {scores(limits.coders, 'coder scores')}. Agreement between the two "
          f"coders (Krippendorff's alpha, pooled over concepts): {scores(limits.coder_alpha, 'second coder')}.</p>"
    )


def findings_section(groupings: list[GroupingFindings], themes: list[TopicTheme], effects: list[TopicEffect],
                     seeded: list[SeededConcept], limits: Limits, links: Links) -> str:
    articles = {(g.grouping, g.group): g.articles for g in limits.groups}
    return (
        '<section><h2 id="findings">Findings</h2>'
        "<p>How advice on upward socializing differs from advice on networking and managing up, and how writing in "
        "Chinese, Persian and English and from different origins differs: the share of sentences carrying each "
        "concept of the codebook, compared between groups. Every statement below is generated from the result tables; "
        "each concept links to its concordance (every sentence carrying it), each quote to its sentence.</p>"
        + "".join(_grouping(found, articles, links) for found in groupings)
        + _topics(themes, effects, links) + _seeded(seeded, links) + _limits(limits) + "</section>"
    )


def how_to_read() -> str:
    detail = "".join(f'<li><a href="#{anchor}">{name}</a></li>' for anchor, name in SECTIONS[2:])
    return (
        '<section><h2 id="how-to-read">How to read this report</h2>'
        "<p>A share is the fraction of a group's sentences that the coding gives a concept; a difference is group a's "
        "share minus group b's, in percentage points. Intervals are 95% bootstrap intervals that resample articles "
        "(or, in small groups, sentences within articles). A difference is reported when its interval excludes zero; "
        "with many concepts and groups compared, a few such differences are expected by chance alone, so read the "
        "largest and those with quotes that bear them out. Every table can be sorted by clicking its header and "
        "filtered with the box above it; the concordance pages filter by language, frame and article, and "
        "<em>All sentences</em> searches the whole corpus. The detail sections:</p>"
        f"<ul>{detail}</ul></section>"
    )
