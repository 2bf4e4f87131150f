"""A coder's sheet as a self-contained HTML form: opened from disk, no network, saved as TSV.

One row per sentence (the sentence before it in grey): a checkbox per concept, its definition
shown on hover, an advice checkbox and a note. "Save" writes the coder's TSV (the columns of
the blank sheet) through the browser's download. A Content-Security-Policy forbids every
external source; all text is escaped; Persian sentences run right to left.
"""

from __future__ import annotations

import json
from html import escape

import pandas as pd

from ..languages import is_rtl

_STYLE = """
body{font-family:"Noto Sans","Noto Sans CJK SC","Noto Naskh Arabic",sans-serif;margin:1rem;max-width:75rem}
.item{border-top:1px solid #ccc;padding:.6rem 0}.context{color:#777;font-size:.9em}
.text{font-size:1.1em;margin:.3rem 0}.concepts label{display:inline-block;margin:.1rem .6rem .1rem 0;font-size:.85em}
.advice{font-weight:bold}input.note{width:30rem}#save{position:sticky;top:0;font-size:1.1em;padding:.4rem 1rem}
"""

_SCRIPT = """
const columns = %(columns)s;
function cell(value) { return String(value).replace(/[\\t\\n\\r]+/g, " "); }
function quote(value) { return /[\\t"\\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value; }
function sheet() {
  const lines = [columns.join("\\t")];
  for (const item of document.querySelectorAll(".item")) {
    const concepts = [...item.querySelectorAll("input.concept:checked")].map(box => box.value).join(";");
    const row = [item.dataset.item, item.dataset.language, item.dataset.context, item.dataset.text, concepts,
                 item.querySelector("input.advice").checked ? "1" : "0", cell(item.querySelector("input.note").value)];
    lines.push(row.map(quote).join("\\t"));
  }
  return lines.join("\\n") + "\\n";
}
document.getElementById("save").addEventListener("click", () => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([sheet()], {type: "text/tab-separated-values"}));
  link.download = %(filename)s;
  link.click();
});
"""


def coding_form(sheet: pd.DataFrame, definitions: dict[str, str], coder: str, guide: str) -> str:
    """The HTML of one coder's form for a blank sheet (`sheets.SHEET_COLUMNS`); `definitions`:
    concept id -> definition, in codebook order."""
    boxes = "".join(
        f'<label title="{escape(definition)}"><input type="checkbox" class="concept" value="{escape(concept)}"> {escape(concept)}</label>'
        for concept, definition in definitions.items()
    )
    rows = []
    for row in sheet.to_dict(orient="records"):
        direction = ' dir="rtl"' if is_rtl(row["language"]) else ""
        data = "".join(f' data-{key}="{escape(str(row[key]))}"' for key in ("item", "language", "context", "text"))
        rows.append(
            f'<div class="item"{data}><div class="context"{direction}>{escape(row["context"])}</div>'
            f'<div class="text"{direction}><b>{escape(row["item"])}</b> {escape(row["text"])}</div>'
            f'<div class="concepts">{boxes}</div>'
            f'<label class="advice"><input type="checkbox" class="advice"> advice</label> '
            f'<input type="text" class="note" placeholder="note (optional)"></div>'
        )
    script = _SCRIPT % {"columns": json.dumps(list(sheet.columns)), "filename": json.dumps(f"{coder}.tsv")}
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src 'none'\">"
        f"<title>Coding sheet: {escape(coder)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>Coding sheet: {escape(coder)}</h1><p>Code each sentence from {escape(guide)} and the sentence alone "
        "(the grey line is the sentence before it). Hover over a concept for its definition. Tick <b>advice</b> when "
        "the sentence prescribes, recommends or warns about an action or attitude for the reader. "
        f"<button id=\"save\">Save {escape(coder)}.tsv</button></p>"
        + "".join(rows)
        + f"<script>{script}</script></body></html>"
    )
