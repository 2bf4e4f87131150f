"""The browsable report: self-contained HTML pages (inline CSS, relative links, no scripts).

Every piece of text from the corpus passes through `html.escape`, so an article that quotes
`<script>` shows it as text. Text of a right-to-left language (Persian) is marked `dir="rtl"`.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd

from ..languages import is_rtl
from ..tables import parse_concepts

STYLE = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic", sans-serif; margin: 2em auto;
       max-width: 78em; padding: 0 1em; line-height: 1.45; color: #222; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
[dir=rtl] { text-align: right; }
img { max-width: 100%; border: 1px solid #eee; margin: .5em 0; }
.sentence { margin: .35em 0; padding: .15em .4em; border-left: 4px solid transparent; }
.sentence.coded { background: #eef6ff; }
.sentence.advice { border-left-color: #d97706; }
.sentence[dir=rtl] { border-left: none; border-right: 4px solid transparent; }
.sentence.advice[dir=rtl] { border-right-color: #d97706; }
.concept { display: inline-block; font-size: .75em; background: #dbeafe; border-radius: .6em; padding: 0 .5em;
           margin: 0 .15em; direction: ltr; }
.legend span { margin-right: 1em; }
.note { color: #92400e; }
"""



def page(title: str, body: str, home: str = "index.html") -> str:
    """home: the link to the overview page from this one."""
    nav = (f'<nav><a href="{home}">Overview</a><a href="{home}#corpus">Corpus</a>'
           f'<a href="{home}#codebook">Codebook</a><a href="{home}#topics">Topics</a>'
           f'<a href="{home}#comparisons">Comparisons</a><a href="{home}#tactics">Tactics</a>'
           f'<a href="{home}#articles">Articles</a><a href="{home}#methods">Methods</a></nav>')
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head>\n<body>\n{nav}\n<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def _is_numeric(values) -> bool:
    present = [str(v) for v in values if str(v) != ""]
    try:
        return bool(present) and all(float(v) == float(v) for v in present)
    except ValueError:
        return False


def table(frame: pd.DataFrame, links: dict[str, callable] | None = None, rtl_columns: frozenset = frozenset()) -> str:
    """An HTML table; `links` maps a column to a function value -> href."""
    links = links or {}
    if frame.empty:
        return "<p>(no rows)</p>"
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    numeric = {c for c in frame.columns if _is_numeric(frame[c])}
    rows = []
    for record in frame.to_dict(orient="records"):
        cells = []
        for column, value in record.items():
            text = escape(str(value))
            if column in links and str(value):
                text = f'<a href="{escape(links[column](record), quote=True)}">{text}</a>'
            attributes = ' class="num"' if column in numeric else ""
            if column in rtl_columns and is_rtl(record.get("language", "")):
                attributes += ' dir="rtl"'
            cells.append(f"<td{attributes}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def figure(path: str, alt: str) -> str:
    return f'<figure><img src="{escape(path, quote=True)}" alt="{escape(alt, quote=True)}"><figcaption>{escape(alt)}</figcaption></figure>'


def article_page(meta: dict, sentences: pd.DataFrame, removed: pd.DataFrame, home: str) -> str:
    """Every sentence, highlighted when it carries concepts (cues on hover) or gives advice."""
    rtl = ' dir="rtl"' if is_rtl(meta["language"]) else ""
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
            parts.append(f'<div class="paragraph"{rtl}>')
            paragraph = row["paragraph"]
        classes = ["sentence"] + (["coded"] if row["concepts"] else []) + (["advice"] if str(row["is_advice"]) == "1" else [])
        hover = "; ".join(filter(None, [row["cues"], f"advice: {row['advice_cues']}" if row["advice_cues"] else ""]))
        badges = "".join(f'<span class="concept">{escape(c)}</span>' for c in parse_concepts(row["concepts"]))
        parts.append(
            f'<p id="s{row["sentence_id"]}" class="{" ".join(classes)}" title="{escape(hover, quote=True)}"{rtl}>'
            f'<small>{row["sentence_id"]}</small> {escape(row["text"])} {badges}</p>'
        )
    if paragraph is not None:
        parts.append("</div>")
    legend = ('<p class="legend"><span class="sentence coded">has concepts (hover for the cues)</span>'
              '<span class="sentence advice">gives advice</span></p>')
    body = (f"<table>{details}</table><h2>Sentences</h2>{legend}{''.join(parts)}"
            f"<h2>Removed by the cleaning</h2>{table(removed[['rule', 'start', 'end', 'text']], rtl_columns=frozenset())}")
    return page(meta["title"] or meta["id"], body, home)


def topic_page(title: str, terms: pd.DataFrame, representatives: pd.DataFrame, concepts: pd.DataFrame, language: str,
               home: str, article_link: Callable[[str], str]) -> str:
    """article_link: article id -> the link to its page from this one."""
    reps = representatives.assign(language=language)
    links = {"article_id": lambda rec: article_link(rec["article_id"])}
    body = (
        f"<h2>Top terms</h2>{table(terms[['rank', 'term', 'weight', 'frex', 'frex_rank']].assign(language=language), rtl_columns=frozenset({'term'}))}"
        f"<h2>Representative passages</h2>"
        f"{table(reps[['rank', 'unit_id', 'article_id', 'weight', 'text', 'language']], links, rtl_columns=frozenset({'text'}))}"
        f"<h2>Codebook concepts most aligned</h2>{table(concepts[['concept', 'units', 'mean_weight', 'lift']])}"
    )
    return page(title, body, home)
