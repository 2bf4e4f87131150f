"""Pages of sentences: a concordance per concept (every sentence that carries it, by language,
its evidence marked) and every sentence of the corpus with a search box.

Rows carry their language, frame and article as data attributes, which the filters of the
report's script select on; without the script every row shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

import pandas as pd

from ..tables import parse_concepts, parse_cues
from .pages import Closest, Nav, closest_links, language_attributes, page

SENTENCE_FIELDS = ("language", "frame", "article")


def marked(text: str, evidence: list[str]) -> str:
    """`text` escaped, with each occurrence of an evidence string (case-insensitive) in <mark>.
    A cue matched on its lemma ("reached out" for "reach out") may not occur as written; it is
    then listed beside the sentence only."""
    terms = sorted({e for e in evidence if e}, key=lambda e: (-len(e), e))
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[position:match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position = match.end()
    return "".join(parts) + escape(text[position:])


def _filters(rows: pd.DataFrame, search: bool) -> str:
    """The filter form (shown by the script): a select per field, and on the search page a text box."""
    selects = []
    for field in SENTENCE_FIELDS:
        column = "article_id" if field == "article" else field
        options = "".join(f'<option value="{escape(v, quote=True)}">{escape(v)}</option>' for v in sorted(set(rows[column])))
        selects.append(f'<label>{field} <select data-field="{field}"><option value="">all</option>{options}</select></label>')
    box = ('<label>text <input type="search" name="q" data-search placeholder="words in the sentence" '
           'aria-label="Search the sentences"></label>') if search else ""
    return (f'<form class="filters" role="search" data-needs-script hidden>{box}{"".join(selects)} '
            f'<span class="count" aria-live="polite"></span></form>')


def _sentence_rows(rows: pd.DataFrame, article_link: Callable[[str, str], str], concept_link: Callable[[str], str],
                   concept: str | None, closest: Closest | None = None) -> str:
    """One <tr> per sentence; with `concept`, its evidence marked and listed."""
    out = []
    for r in rows.itertuples():
        if concept is None:
            evidence = []
            extra = "".join(f'<a class="concept" href="{escape(concept_link(c), quote=True)}">{escape(c)}</a>'
                            for c in parse_concepts(r.concepts))
        else:
            evidence = parse_cues(r.cues).get(concept, [])
            frame_only = concept in parse_concepts(r.frame_only)
            extra = escape(" | ".join(evidence)) + (' <span class="note">(frame term only)</span>' if frame_only else "")
        link = escape(article_link(r.article_id, r.sentence_id), quote=True)
        out.append(
            f'<tr data-language="{escape(r.language, quote=True)}" data-frame="{escape(r.frame, quote=True)}" '
            f'data-article="{escape(r.article_id, quote=True)}">'
            f'<td class="text long"{language_attributes(r.language)}>{marked(r.text, evidence)}</td>'
            f"<td>{extra}</td>"
            f'<td><a href="{link}">{escape(r.article_id)}#{escape(str(r.sentence_id))}</a> '
            f"{closest_links(closest, r.article_id, str(r.sentence_id), article_link)}</td>"
            f"<td>{escape(r.frame)}</td><td>{'yes' if str(r.is_advice) == '1' else ''}</td></tr>"
        )
    return "".join(out)


def _sentence_table(rows: pd.DataFrame, second_column: str, body: str) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("sentence", second_column, "article", "frame", "advice"))
    return f'<div class="table-box"><table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def concept_page(concept: str, kind: str, definition: str, sentences: pd.DataFrame, nav: Nav,
                 article_link: Callable[[str, str], str], concept_link: Callable[[str], str],
                 closest: Closest | None = None) -> str:
    """Every sentence carrying `concept` (coded sentences, in corpus order), by language.
    article_link: (article, sentence) -> the link to the sentence from this page."""
    counts = ", ".join(f"{language}: {len(part)}" for language, part in sentences.groupby("language", sort=True))
    defined = f'<p class="definition"><b>Definition.</b> {escape(definition)}</p>' if definition else ""
    intro = defined + (f"<p>A {escape(kind)} of the codebook. {len(sentences)} sentences carry it ({escape(counts) or 'none'}). "
             "The words that matched are marked (a cue matched through its lemma is listed beside the sentence); "
             "<em>frame term only</em>: the frame's own term is the only evidence, so the frame comparison does not "
             "count the sentence. Links go to the sentence in its article, and ≈zh, ≈fa, ≈en to its closest "
             "sentence by meaning in that language.</p>")
    sections = []
    for language, part in sentences.groupby("language", sort=True):
        body = _sentence_rows(part, article_link, concept_link, concept, closest)
        sections.append(f'<section data-rows><h2 id="{escape(language, quote=True)}">{escape(language)} '
                        f'({len(part)})</h2>{_sentence_table(part, "evidence", body)}</section>')
    return page(f"Concordance: {concept}", intro + _filters(sentences, search=False) + "".join(sections), nav)


def search_page(coded: pd.DataFrame, nav: Nav, article_link: Callable[[str, str], str],
                concept_link: Callable[[str], str]) -> str:
    """Every sentence of the corpus with its concepts; the search box filters them by their words."""
    intro = (f"<p>All {len(coded)} sentences of the corpus, in article order, with the concepts the coding gave them. "
             "Type words to keep the sentences that contain them, or narrow by language, frame and article.</p>")
    body = _sentence_rows(coded, article_link, concept_link, None)
    section = f'<section data-rows>{_sentence_table(coded, "concepts", body)}</section>'
    return page("All sentences", intro + _filters(coded, search=True) + section, nav)
