"""The report's one style sheet and one script, inlined in every page, and the
Content-Security-Policy that allows exactly these two and nothing from anywhere else.

The policy names the style and the script by their SHA-256 (computed here, at build time), so
no other inline code runs, not even HTML that slipped through unescaped; pages load nothing but
their own images; forms may only go to the report's own search page. Fonts are the machine's
(local family names), never fetched. Everything works without the script: it only adds
sorting, filter boxes, the concordance filters and the search.
"""

from __future__ import annotations

import base64
import hashlib

from ..languages import LANGUAGES


def _families(families) -> str:
    return ", ".join(f'"{family}"' for family in families) + ", sans-serif"


# Text of each language in the families the language registry names for its script.
_SCRIPTED = [language for language in LANGUAGES.values() if language.fonts]
_LANGUAGE_FONTS = "\n".join(f":lang({lang.code}) {{ font-family: {_families(lang.fonts)}; }}" for lang in _SCRIPTED)
_BODY_FONTS = _families(["Noto Sans", "DejaVu Sans", *(lang.fonts[0] for lang in _SCRIPTED)])

STYLE = f"""
:root {{ --line: #d4d4d8; --soft: #f4f4f5; --accent: #1d4ed8; }}
body {{ font-family: {_BODY_FONTS}; margin: 0; line-height: 1.5; color: #1f2937; }}
main {{ max-width: 74em; margin: 0 auto; padding: 0 1.2em 3em; }}
{_LANGUAGE_FONTS}
[dir=rtl] {{ text-align: right; line-height: 1.8; }}
""" + """
nav.site { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
           padding: .4em 1.2em; display: flex; flex-wrap: wrap; gap: .2em 1em; align-items: center; }
nav.site form { margin-left: auto; }
nav.site input { width: 14em; }
:target { scroll-margin-top: 4em; }
a { color: var(--accent); }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2em; margin-top: 2em; }
.table-box { overflow-x: auto; max-width: 100%; margin: .6em 0 1.2em; }
table { border-collapse: collapse; font-size: .9em; }
th, td { border: 1px solid var(--line); padding: .25em .5em; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
td.long { min-width: 18em; max-width: 40em; }
th { background: var(--soft); overflow-wrap: normal; }
th button { all: unset; cursor: pointer; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
input.filter { margin: .3em 0; width: 20em; max-width: 100%; }
figure { margin: 1em 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .9em; color: #555; }
.sentence { margin: .35em 0; padding: .15em .4em; border-left: 4px solid transparent; }
.sentence.coded { background: #eef6ff; }
.sentence.advice { border-left-color: #d97706; }
.sentence[dir=rtl] { border-left: none; border-right: 4px solid transparent; }
.sentence.advice[dir=rtl] { border-right-color: #d97706; }
.concept { display: inline-block; font-size: .75em; background: #dbeafe; border-radius: .6em; padding: 0 .5em;
           margin: 0 .15em; direction: ltr; }
.legend span { margin-right: 1em; }
.note { color: #92400e; }
mark { background: #fde68a; padding: 0 .1em; }
.finding { border: 1px solid var(--line); border-radius: .4em; padding: .5em 1em; margin: .8em 0; }
.finding h4 { margin: .2em 0; }
.quotes { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr)); gap: .5em 1.5em; }
.quotes blockquote { margin: .3em 0; padding: .2em .6em; border-left: 3px solid var(--line); }
.quotes blockquote[dir=rtl] { border-left: none; border-right: 3px solid var(--line); }
.filters label { margin-right: 1em; }
.count { color: #555; }
@media print {
  nav.site, .filters, input.filter, nav.site form { display: none !important; }
  main { max-width: none; padding: 0; }
  .table-box { overflow: visible; }
  table { font-size: 8pt; }
  tr, .finding, figure { break-inside: avoid; }
  details { display: block; }
  details > * { display: block; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    if (!numeric) return text;
    var value = parseFloat(text);
    return isNaN(value) ? -Infinity : value;
  }
  function makeSortable(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.length > 0 && rows.every(function (row) {
          var cell = row.cells[index];
          return !cell || cell.classList.contains("num") || cell.textContent.trim() === "";
        });
        rows.forEach(function (row, position) { row.dataset.position = position; });
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = numeric ? x - y : x.localeCompare(y);
          return (ascending ? order : -order) || a.dataset.position - b.dataset.position;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function addFilterBox(table) {
    var box = table.parentNode;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "filter";
    input.placeholder = "Filter these rows";
    input.setAttribute("aria-label", "Filter the rows of the table below");
    box.parentNode.insertBefore(input, box);
    input.addEventListener("input", function () {
      var wanted = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
  }
  function applyRowFilters(form) {
    var selects = form.querySelectorAll("select[data-field]");
    var query = form.querySelector("input[data-search]");
    var wanted = query ? query.value.trim().toLowerCase() : "";
    var shown = 0;
    document.querySelectorAll("tr[data-language]").forEach(function (row) {
      var keep = Array.prototype.every.call(selects, function (select) {
        return select.value === "" || row.dataset[select.dataset.field] === select.value;
      });
      if (keep && wanted) {
        var text = row.querySelector(".text");
        keep = text !== null && text.textContent.toLowerCase().indexOf(wanted) >= 0;
      }
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    document.querySelectorAll("section[data-rows]").forEach(function (section) {
      section.hidden = section.querySelector("tr[data-language]:not([hidden])") === null;
    });
    var count = form.querySelector(".count");
    if (count) count.textContent = shown + " sentences";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.data").forEach(function (table) {
      makeSortable(table);
      if (table.tBodies[0] && table.tBodies[0].rows.length > 10 && !table.closest("[data-rows]")) addFilterBox(table);
    });
    document.querySelectorAll("[data-needs-script]").forEach(function (element) { element.hidden = false; });
    document.querySelectorAll("form.filters").forEach(function (form) {
      var query = form.querySelector("input[data-search]");
      var parameter = new URLSearchParams(window.location.search).get("q");
      if (query && parameter) query.value = parameter;
      ["input", "change"].forEach(function (type) {
        form.addEventListener(type, function () { applyRowFilters(form); });
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); applyRowFilters(form); });
      applyRowFilters(form);
    });
  });
})();
"""


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# img-src 'self' lets a page show the report's own figures (also from file://); form-action
# 'self' lets the search box open the search page; everything else is refused.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; img-src 'self'; style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}; "
    "form-action 'self'; base-uri 'none'"
)
