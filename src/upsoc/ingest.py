"""Reading article files: formats, encodings, and the checks every raw file must pass.

The pipeline reads three formats, told apart by the file's extension:

* plain text (`.txt` and anything else);
* Markdown (`.md`, `.markdown`), whose YAML front matter is metadata, not text;
* saved HTML pages (`.html`, `.htm`), whose main text trafilatura extracts.

Files in `data/raw/` must be UTF-8. `upsoc add` converts other encodings once, when an article
is added, and records the conversion in the sheet's `notes`; the pipeline refuses a non-UTF-8
file and names the encoding it detected.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import yaml

from .languages import LANGUAGES

DEFAULT_MAX_BYTES = 5_000_000
# Letters of the declared language's script must make up at least this share of all letters.
MIN_SCRIPT_SHARE = 0.5
HTML_SUFFIXES = {".html", ".htm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
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


def script_share(text: str, language: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    script = LANGUAGES[language].script
    return sum(1 for ch in letters if script.match(ch)) / len(letters)


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
    """(metadata, length of the front matter block) of a Markdown text; ({}, 0) without one."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        metadata = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return {}, 0
    return (metadata if isinstance(metadata, dict) else {}), match.end()


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
    """The part of a decoded file that is the article: HTML's main text, Markdown without front matter."""
    if fmt == "html":
        return extract_html(text)
    if fmt == "markdown":
        return text[split_front_matter(text)[1] :]
    return text


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
            f"{name}: declared language {language!r}, but only {share:.0%} of its letters are "
            f"{LANGUAGES[language].script_name}: fix `language` in the sheet or the file"
        ], body
    return [], body
