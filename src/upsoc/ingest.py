"""Reading article files: formats, encodings, and the checks every raw file must pass.

The pipeline reads three formats, told apart by the file's extension:

* plain text (`.txt` and anything else) and Markdown (`.md`, `.markdown`); in both, a YAML
  (`---`) or TOML (`+++`) front matter block at the start is metadata, not text;
* saved HTML pages (`.html`, `.htm`), whose main text trafilatura extracts.

Files in `data/raw/` must be UTF-8. `upsoc add` converts other encodings once, when an article
is added, and records the conversion in the sheet's `notes`; the pipeline refuses a non-UTF-8
file and names the encoding it detected.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from pathlib import Path

import yaml

from .languages import LANGUAGES

DEFAULT_MAX_BYTES = 5_000_000
# Words of the declared language's script must make up at least this share of all words.
MIN_SCRIPT_SHARE = 0.5
HTML_SUFFIXES = {".html", ".htm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# YAML front matter between `---` lines, TOML between `+++` lines, at the very start
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?\n)\1[ \t]*(?:\n|\Z)", re.DOTALL)
_METADATA_LINE = re.compile(r"^([\w.-]+\s*[:=]|\s|-\s|\[|#|$)")
# What a reader does not read: tags, addresses, the targets of Markdown links and images.
_MARKUP = re.compile(r"<[^<>\n]+>|\]\([^)\s]*\)|https?://\S+")
# One unit of writing: a character of a script written without spaces between words (a Han
# character), or a run of letters of any other script
_UNSPACED = "".join(p.script.pattern.strip("[]") for p in LANGUAGES.values() if not p.spaced)
_UNIT = re.compile(rf"[{_UNSPACED}]|[^\W\d_{_UNSPACED}]+")
_IGNORED_IN_KEY = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")


class ArticleError(ValueError):
    """An article file is unusable; the message names the file and the fix."""


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean the file is not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def script_units(text: str, language: str) -> tuple[int, int]:
    """(units of writing in the language's script, all units) of a text.

    A unit is a Han character or a word of an alphabetic script, so that a Latin word in
    Chinese prose (LinkedIn) weighs as much as one character beside it, not once per letter;
    tags, addresses and link targets are not counted, since nobody reads them."""
    units = _UNIT.findall(_MARKUP.sub(" ", text))
    script = LANGUAGES[language].script
    return sum(1 for unit in units if script.match(unit)), len(units)


def script_share(text: str, language: str) -> float:
    in_script, total = script_units(text, language)
    return in_script / total if total else 0.0


def dominant_language(text: str) -> str | None:
    """The language whose script most letters of the text are in, if any has a majority."""
    shares = {language: script_share(text, language) for language in LANGUAGES}
    language = max(shares, key=shares.get)
    return language if shares[language] >= MIN_SCRIPT_SHARE else None


def detect_encoding(data: bytes, language: str) -> tuple[str, str] | None:
    """(text, encoding) of non-UTF-8 bytes in the declared language, or None.

    charset-normalizer's guess is taken when it gives text in the declared language's script.
    When it gives text in another of the project's scripts (GBK Chinese declared as English),
    the file is refused rather than forced into a legacy encoding that decodes any byte. Only
    when its guess is in no known script (short Persian text often reads as Cyrillic) are the
    declared language's legacy encodings tried.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        guessed = dominant_language(text)
        if guessed == language:
            return text, best.encoding
        if guessed is not None:
            return None
    for encoding in (LANGUAGES[language].legacy_encodings if language in LANGUAGES else ()):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if dominant_language(text) == language:
            return text, encoding
    return None


def split_front_matter(text: str) -> tuple[dict, int]:
    """(metadata, length of the front matter block) of a text; ({}, 0) without one.

    A block is front matter when it parses as a YAML (`---`) or TOML (`+++`) mapping, or,
    when the parser refuses it (an unquoted colon in a title), when every line still looks
    like a `key: value` entry, a list item or a continuation; its metadata is then unknown.
    Anything else between two rules at the top (a Markdown horizontal rule) is text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    fence, block = match.group(1), match.group(2)
    try:
        metadata = tomllib.loads(block) if fence == "+++" else yaml.safe_load(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError):
        metadata = None
    if isinstance(metadata, dict):
        return metadata, match.end()
    if all(_METADATA_LINE.match(line) for line in block.splitlines()):
        return {}, match.end()
    return {}, 0


def extract_html(html: str) -> str:
    """The main text of a saved page (trafilatura, precision-oriented, without comments)."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    )
    return text or ""


def html_metadata(html: str) -> dict:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    if meta is None:
        return {}
    # no date: when a page states none, trafilatura guesses one (from a copyright line, say)
    found = {"title": meta.title, "author": meta.author, "source_url": meta.url, "publisher": meta.sitename}
    return {key: value for key, value in found.items() if value}


def article_text(text: str, fmt: str) -> str:
    """The part of a decoded file that is the article: HTML's main text, other text without front matter."""
    if fmt == "html":
        return extract_html(text)
    return text[split_front_matter(text)[1] :]


def comparable_text(text: str) -> str:
    """The text without white space, zero-width characters, case and compatibility forms: what
    two copies of it share however they were scraped."""
    return _IGNORED_IN_KEY.sub("", unicodedata.normalize("NFKC", text)).casefold()


def content_key(text: str) -> str:
    """Hash of `comparable_text`: the same for copies of one article."""
    return hashlib.sha256(comparable_text(text).encode("utf-8")).hexdigest()


def decode_utf8(data: bytes) -> str:
    """UTF-8 bytes as text, without a byte-order mark; UnicodeDecodeError when they are not UTF-8."""
    return data.decode("utf-8").removeprefix("\ufeff")


def check_size_and_kind(data: bytes, name: str, max_bytes: int) -> list[str]:
    """A file too large for the pipeline, or one that is not text at all."""
    if len(data) > max_bytes:
        return [f"{name}: {len(data):,} bytes, over the limit of {max_bytes:,} (`max_article_bytes` in config/config.yaml)"]
    if looks_binary(data):
        return [f"{name}: a binary file, not text: save the article as .txt, .md or .html"]
    return []


def check_article_bytes(data: bytes, name: str, language: str, max_bytes: int) -> tuple[list[str], str]:
    """(problems, article text) of a raw file as it stands in data/raw/; no problems: fine."""
    problems = check_size_and_kind(data, name, max_bytes)
    if problems:
        return problems, ""
    try:
        text = decode_utf8(data)
    except UnicodeDecodeError:
        detected = detect_encoding(data, language)
        guess = f"it looks like {detected[1]}" if detected else "its encoding could not be detected"
        return [f"{name}: not UTF-8 ({guess}): add it with `upsoc add`, which converts it, or save it as UTF-8"], ""
    return check_article_text(text, name, language)


def check_article_text(text: str, name: str, language: str) -> tuple[list[str], str]:
    """(problems, article text) of a decoded file: the article part must exist and be written
    in the declared language's script."""
    body = article_text(text, detect_format(name))
    if not body.strip():
        return [f"{name}: no text (the file is empty, white space only, or the page has no main text)"], body
    share = script_share(body, language)
    if language in LANGUAGES and share < MIN_SCRIPT_SHARE:
        return [
            f"{name}: declared language {language!r}, but only {share:.0%} of its words are in "
            f"{LANGUAGES[language].script_name}: check `language`, and that the file holds the article's text"
        ], body
    return [], body
