"""Unicode normalisation suited to each script, applied paragraph by paragraph; each
language's profile (`upsoc.languages`) names its normaliser.

* zh: compatibility forms folded (full-width letters and digits become ASCII; full-width
  punctuation stays as written, so that a bracket pair never ends up half and half), then the
  half-width punctuation that touches Chinese characters is written full-width, so "你好,世界"
  and "你好，世界" become the same text; spaces between Chinese characters are dropped.
* fa: hazm's normaliser (Arabic yeh and kaf to Persian, spacing of affixes, Persian digits),
  after the zero-width non-joiners the scrape lost are restored (see `persian`).
* en: curly quotes become straight, dash variants become "-" (ranges) or "—" (breaks).
"""

from __future__ import annotations

import html
import re
import unicodedata

from .persian import PersianNormalizer

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_HALF_TO_FULL = str.maketrans({",": "，", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"})
_CJK_PUNCT = re.compile(rf"(?<=[{CJK}])[,?!:;()]|[,?!:;()](?=[{CJK}])|(?<=[{CJK}])[,?!:;()]$")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
# NFKC would make these half-width, also beside Latin letters ("（或是Facebook）")
_FULL_WIDTH_PUNCTUATION = "，？！：；（）～"
_FOLDABLE = re.compile(rf"[^{_FULL_WIDTH_PUNCTUATION}]+")

_EN_TRANSLATION = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "−": "-",
        "—": "—", "―": "—",
    }
)


# HTML entities that Markdown sources write for a character (&mdash;, &#8217;); a bare "&" stays
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def collapse_spaces(text: str) -> str:
    """Entities written as the characters they stand for, runs of spaces as one space."""
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _SPACES.sub(" ", text).strip()


def normalize_zh(text: str) -> str:
    text = _FOLDABLE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = _CJK_PUNCT.sub(lambda m: m.group(0).translate(_HALF_TO_FULL), collapse_spaces(text))
    return _SPACE_BETWEEN_CJK.sub("", text)


def normalize_en(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_EN_TRANSLATION))
    return collapse_spaces(text)


class PersianParagraphs:
    """fa: hazm's normaliser, with the zero-width non-joiners the scrape lost restored; loads
    hazm's lexicon on first use."""

    def __init__(self):
        self._persian = PersianNormalizer()

    def __call__(self, text: str) -> str:
        return self._persian(collapse_spaces(text))
