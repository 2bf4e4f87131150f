"""The themes in the report: per theme its terms side by side in the languages, quotes in each
language and its prevalence figure; then how far the themes can be trusted (stability, the
translation pairs, the intrusion test, the debiasing measured)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd

from ..languages import LANGUAGES, profile
from .overview import percent
from .pages import figure, language_attributes, table

QUOTES = 2
SHOWN_TERMS = 10


def _terms_side_by_side(terms: pd.DataFrame, languages: list[str]) -> str:
    wide = terms.pivot_table(index="rank", columns="language", values="term", aggfunc="first")
    wide = wide.reindex(columns=[code for code in languages if code in wide.columns]).head(SHOWN_TERMS)
    if wide.empty:
        return "<p>(no terms)</p>"
    head = "".join(f"<th>{escape(profile(code).name)}</th>" for code in wide.columns)
    rows = "".join("<tr>" + "".join(f"<td{language_attributes(code)}>{escape(str(word)) if pd.notna(word) else ''}</td>"
                                    for code, word in zip(wide.columns, row)) + "</tr>" for row in wide.to_numpy())
    return f'<div class="table-box"><table class="data"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _quotes(representatives: pd.DataFrame, languages: list[str], article_link: Callable[[str], str]) -> str:
    items = []
    for code in languages:
        for row in representatives[representatives["language"] == code].head(QUOTES).itertuples():
            items.append(f'<li><span{language_attributes(code)}>{escape(row.text)}</span> '
                         f'(<a href="{escape(article_link(row.article_id), quote=True)}">{escape(row.article_id)}</a>)</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _intrusion(scores: pd.DataFrame) -> str:
    if scores["note"].astype(str).str.len().gt(0).all():
        return f'<p class="note">Intrusion test: {escape(scores["note"].iloc[0])}.</p>'
    overall = scores[(scores["coder"] == "all") & (scores["language"] == "all")]
    return ("<p>Intrusion test (share of the coders' answers that found the intruder, all coders; 95% interval "
            "resampling items; test <code>all</code>: word and sentence items together):</p>") + table(
        overall[["model", "test", "items", "answers", "correct", "precision", "low", "high", "agreement"]])


def themes_section(tables: dict[str, pd.DataFrame], intrusion: pd.DataFrame, languages: list[str],
                   figure_path: str, article_link: Callable[[str], str]) -> str:
    themes, terms, reps = tables["themes"], tables["terms"], tables["representatives"]
    languages = [code for code in LANGUAGES if code in languages]
    chosen = tables["selection"][tables["selection"]["chosen"] == "1"]
    parts = ['<h3 id="themes">Cross-lingual themes</h3>',
             "<p>Sentences of all three languages clustered by meaning (a multilingual sentence encoder, "
             "each language's and script's offset removed); each theme's words are its own in each language "
             "(class-based TF-IDF), its quotes the sentences closest to its centre.</p>"]
    if len(chosen):
        row = chosen.iloc[0]
        parts.append(f"<p>{len(themes)} themes: the finest K whose themes come back when refit, with a stability of "
                     f"{escape(row['stability'])} across "
                     f"{escape(row['seeds'])} seeds (NPMI {escape(row['npmi'])}); {percent(float(row['outliers']))} of the "
                     f"units are outliers, and {len(tables['fragments'])} fragments (headings, list lead-ins, short "
                     "lines) were set aside.</p>")
    parts.append(figure(figure_path, "Theme prevalence by frame × language (95% article-bootstrap intervals)"))
    for theme in themes.itertuples():
        mine = str(theme.theme)
        specific = f' <span class="note">language-specific: {escape(theme.language_specific)}</span>' \
            if theme.language_specific else ""
        parts.append(f"<h4>Theme {escape(mine)}: {escape(theme.label)}</h4><p>{escape(theme.units)} units "
                     f"({escape(theme.languages.replace('|', ', '))}); stability {escape(theme.stability)}{specific}</p>")
        parts.append(_terms_side_by_side(terms[terms["theme"] == mine], languages))
        parts.append(_quotes(reps[reps["theme"] == mine], languages, article_link))
    parts.append("<h4>How far the themes can be trusted</h4>")
    parts.append("<p>Translation pairs (never used in fitting): the divergence of the two sides' theme mixtures "
                 "(JSD, bits) and the share of sentence pairs aligned by the encoder that fall in the same theme.</p>")
    parts.append(table(tables["pairs"]))
    parts.append(_intrusion(intrusion))
    parts.append("<p>Number of themes: each K tried, its stability and coherence (the largest K whose stability reaches "
                 "<code>themes.min_stability</code> is chosen; coherence is reported, not used).</p>"
                 + table(tables["selection"]))
    parts.append("<p>Debiasing measured (the configured one is marked <code>chosen</code>).</p>" + table(tables["debiasing"]))
    return "".join(parts)
