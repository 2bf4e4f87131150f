"""The browsable report: a self-contained HTML page, every piece of text escaped."""

from __future__ import annotations

from html import escape

import pandas as pd

STYLE = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic", sans-serif; margin: 2em auto; max-width: 72em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
[dir=rtl] { text-align: right; }
"""

NUMERIC = {"chars_raw", "chars_clean", "removed_spans", "removed_chars", "paragraphs", "sentences", "tokens"}


def _cell(column: str, value, language: str) -> str:
    if column in NUMERIC:
        return f'<td class="num">{escape(str(value))}</td>'
    direction = ' dir="rtl"' if column == "title" and language == "fa" else ""
    return f"<td{direction}>{escape(str(value))}</td>"


def corpus_table(summary: pd.DataFrame, audit_links: dict[str, str]) -> str:
    columns = list(summary.columns)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns) + "<th>audit</th>"
    rows = []
    for record in summary.to_dict(orient="records"):
        cells = "".join(_cell(c, record[c], record["language"]) for c in columns)
        link = escape(audit_links[record["article_id"]], quote=True)
        rows.append(f'<tr>{cells}<td><a href="{link}">removed spans</a></td></tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def removal_table(audit: pd.DataFrame) -> str:
    """Removed spans by article and rule."""
    counts = audit.groupby(["article_id", "rule"]).size().unstack(fill_value=0) if len(audit) else pd.DataFrame()
    if counts.empty:
        return "<p>Nothing was removed.</p>"
    head = "<th>article_id</th>" + "".join(f"<th>{escape(r)}</th>" for r in counts.columns)
    body = "".join(
        f"<tr><td>{escape(a)}</td>" + "".join(f'<td class="num">{n}</td>' for n in row) + "</tr>"
        for a, row in zip(counts.index, counts.to_numpy())
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_index(summary: pd.DataFrame, audit: pd.DataFrame, audit_links: dict[str, str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Upward socializing and networking advice: corpus</title>
<style>{STYLE}</style></head>
<body>
<h1>Upward socializing and networking advice</h1>
<h2 id="corpus">Corpus</h2>
<p>Characters before and after cleaning, sentences and tokens per article.
Each audit lists every span the cleaning removed, with the rule that removed it.</p>
{corpus_table(summary, audit_links)}
<h2 id="cleaning">Cleaning audit</h2>
<p>Removed spans per article and rule.</p>
{removal_table(audit)}
</body>
</html>
"""
