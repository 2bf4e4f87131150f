"""The browsable report: self-contained HTML pages (inline CSS and script, relative links).

Every piece of text from the corpus passes through `html.escape`, so an article that quotes
`<script>` shows it as text. Text in a corpus language carries its `lang` (for the fonts) and,
for a right-to-left language (Persian), `dir="rtl"`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

from ..languages import is_rtl
from ..tables import parse_concepts
from .assets import CONTENT_SECURITY_POLICY, SCRIPT, STYLE

# The overview's sections, in order: (anchor, title in the navigation)
SECTIONS = [("findings", "Findings"), ("how-to-read", "How to read"), ("corpus", "Corpus"), ("codebook", "Codebook"),
            ("validation", "Validation"), ("topics", "Topics"), ("comparisons", "Comparisons"), ("tactics", "Tactics"),
            ("articles", "Articles"), ("methods", "Methods")]


@dataclass(frozen=True)
class Nav:
    """Links every page carries, relative to the page."""

    home: str  # the overview
    search: str  # the page of every sentence, with its search box


def language_attributes(language: str) -> str:
    """lang (and dir for right-to-left scripts) of an element holding text in `language`."""
    if not language:
        return ""
    return f' lang="{escape(language, quote=True)}"' + (' dir="rtl"' if is_rtl(language) else "")


def page(title: str, body: str, nav: Nav) -> str:
    links = "".join(f'<a href="{nav.home}#{anchor}">{name}</a>' for anchor, name in SECTIONS)
    search = (f'<a href="{nav.search}">All sentences</a>'
              f'<form action="{nav.search}" method="get" role="search" data-needs-script hidden>'
              '<input type="search" name="q" placeholder="Search the sentences" aria-label="Search all sentences"></form>')
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style><script>{SCRIPT}</script></head>\n<body>\n"
            f'<nav class="site" aria-label="Report">{links}{search}</nav>\n<main>\n<h1>{escape(title)}</h1>\n{body}\n</main>\n'
            "</body>\n</html>\n")


def _is_numeric(values) -> bool:
    present = [str(v) for v in values if str(v) != ""]
    try:
        return bool(present) and all(float(v) == float(v) for v in present)
    except ValueError:
        return False


# A column whose cells average more characters than this gets room to wrap instead of a narrow column.
LONG_CELL = 40


def table(frame: pd.DataFrame, links: dict[str, Callable[[dict], str]] | None = None,
          language_columns: frozenset = frozenset()) -> str:
    """A sortable HTML table in a box that scrolls sideways when it is wider than the page.
    `links` maps a column to a function record -> href; `language_columns` hold text in the
    row's `language`."""
    links = links or {}
    if frame.empty:
        return "<p>(no rows)</p>"
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    classes = {}
    for column in frame.columns:
        if _is_numeric(frame[column]):
            classes[column] = ' class="num"'
        elif frame[column].astype(str).str.len().mean() > LONG_CELL:
            classes[column] = ' class="long"'
    rows = []
    for record in frame.to_dict(orient="records"):
        cells = []
        for column, value in record.items():
            text = escape(str(value))
            if column in links and str(value):
                text = f'<a href="{escape(links[column](record), quote=True)}">{text}</a>'
            attributes = classes.get(column, "")
            if column in language_columns:
                attributes += language_attributes(record.get("language", ""))
            cells.append(f"<td{attributes}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="table-box"><table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def figure(path: str, alt: str) -> str:
    return (f'<figure><img src="{escape(path, quote=True)}" alt="{escape(alt, quote=True)}">'
            f"<figcaption>{escape(alt)}</figcaption></figure>")


Closest = Callable[[str, str], list[tuple[str, str, str]]]


def closest_links(closest: Closest | None, article: str, sentence: str, sentence_link: Callable[[str, str], str]) -> str:
    """Links to a sentence's closest sentences in the other languages (`closest`: (article,
    sentence) -> [(language, article, sentence)], from the themes' neighbours table)."""
    if closest is None:
        return ""
    links = [f'<a class="closest" href="{escape(sentence_link(a, s), quote=True)}" '
             f'title="closest {escape(language)} sentence">≈{escape(language)}</a>' for language, a, s in closest(article, sentence)]
    return " ".join(links)


def article_page(meta: dict, sentences: pd.DataFrame, removed: pd.DataFrame, nav: Nav,
                 concept_link: Callable[[str], str], closest: Closest | None = None,
                 sentence_link: Callable[[str, str], str] | None = None) -> str:
    """Every sentence, highlighted when it carries concepts (cues on hover; each concept links to
    its concordance) or gives advice, with links to its closest sentences in the other languages."""
    text_attributes = language_attributes(meta["language"])
    details = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(meta.get(k, '')))}</td></tr>"
        for k in ["id", "language", "frame", "origin", "translated_from", "title", "author", "publisher", "published", "source_url", "notes"]
    )
    parts = []
    paragraph = None
    for row in sentences.to_dict(orient="records"):
        if row["paragraph"] != paragraph:
            if paragraph is not None:
                parts.append("</div>")
            parts.append(f'<div class="paragraph"{text_attributes}>')
            paragraph = row["paragraph"]
        classes = ["sentence"] + (["coded"] if row["concepts"] else []) + (["advice"] if str(row["is_advice"]) == "1" else [])
        hover = "; ".join(filter(None, [row["cues"], f"advice: {row['advice_cues']}" if row["advice_cues"] else ""]))
        badges = "".join(f'<a class="concept" href="{escape(concept_link(c), quote=True)}">{escape(c)}</a>'
                         for c in parse_concepts(row["concepts"]))
        parts.append(
            f'<p id="s{row["sentence_id"]}" class="{" ".join(classes)}" title="{escape(hover, quote=True)}"{text_attributes}>'
            f'<small>{row["sentence_id"]}</small> {escape(row["text"])} {badges}'
            f'{closest_links(closest, row["article_id"], str(row["sentence_id"]), sentence_link)}</p>'
        )
    if paragraph is not None:
        parts.append("</div>")
    legend = ('<p class="legend"><span class="sentence coded">has concepts (hover for the cues)</span>'
              '<span class="sentence advice">gives advice</span>'
              + ('<span>≈zh, ≈fa, ≈en: the closest sentence in that language (by meaning)</span>' if closest else "")
              + '</p>')
    body = (f'<div class="table-box"><table>{details}</table></div><h2>Sentences</h2>{legend}{"".join(parts)}'
            f"<h2>Removed by the cleaning</h2>{table(removed[['rule', 'start', 'end', 'text']])}")
    return page(meta["title"] or meta["id"], body, nav)


def topic_page(title: str, terms: pd.DataFrame, representatives: pd.DataFrame, concepts: pd.DataFrame, language: str,
               nav: Nav, article_link: Callable[[str], str]) -> str:
    """article_link: article id -> the link to its page from this one."""
    reps = representatives.assign(language=language)
    links = {"article_id": lambda rec: article_link(rec["article_id"])}
    body = (
        f"<h2>Top terms</h2>{table(terms[['rank', 'term', 'weight', 'frex', 'frex_rank']].assign(language=language), language_columns=frozenset({'term'}))}"
        f"<h2>Representative passages</h2>"
        f"{table(reps[['rank', 'unit_id', 'article_id', 'weight', 'text', 'language']], links, language_columns=frozenset({'text'}))}"
        f"<h2>Codebook concepts most aligned</h2>{table(concepts[['concept', 'units', 'mean_weight', 'lift']])}"
    )
    return page(title, body, nav)
