"""The languages the pipeline reads: everything a stage needs to know about each, in one place.

Adding a language is a new `LanguageProfile` in `LANGUAGES` plus its normaliser and tokenizer
(`upsoc.clean.normalize`, `upsoc.tokenize`); the sheet and codebook schemas, the sheet
checks, the cleaning, the sentence splitter, the cue matcher and the report read it from here.

Normalisers and tokenizers are built on demand: hazm and jieba take seconds to load, so a
stage loads only the tools of the language it processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .tokenize import persian_reader_form

# Closing quotes and brackets that stay with the sentence they close.
_CLOSERS = re.escape("\"'”’»」』）)］]")


@dataclass(frozen=True)
class LanguageProfile:
    code: str  # ISO 639-1, as in the sheet's `language` column
    name: str
    script: re.Pattern[str]  # matches one letter of the language's script
    script_name: str
    # tried in order when `upsoc add` meets a non-UTF-8 file that charset detection misreads
    legacy_encodings: tuple[str, ...]
    # terminal punctuation and the closers after it, where a sentence ends
    sentence_end: re.Pattern[str]
    # () -> callable(paragraph) -> normalised paragraph
    make_normalizer: Callable[[], Callable[[str], str]]
    # (user dictionary or None) -> callable(sentence) -> list of upsoc.tokenize.Token
    make_tokenizer: Callable[..., Callable]
    direction: str = "ltr"  # or "rtl"
    spaced: bool = True  # words are separated by spaces (Chinese: no; cues then match runs of characters)
    # words (lower case, without the final ".") after which a "." does not end a sentence
    abbreviations: frozenset[str] = frozenset()
    initials: bool = False  # a single letter followed by "." is an initial, not a sentence end
    uses_user_dictionary: bool = False  # its tokenizer keeps the field terms of `zh_user_dictionary` whole
    # writers mix Latin-script names, terms, list items and headings into the text (LinkedIn,
    # "Pizza Party"): a line without the language's script is as likely the article as a caption
    mixes_latin: bool = False
    # cues and advice markers are matched on the lemmas (Chinese: the Simplified form, so that
    # Traditional text is coded like Simplified); otherwise on the tokens as written
    coded_on_lemmas: bool = False
    # local font families that cover the script, in order of preference: the report's pages
    # ask for them by name (never fetched) and the figures need one of them installed
    fonts: tuple[str, ...] = ()
    # lemma -> the form a reader knows (Persian verbs: the infinitive, not hazm's stem pair);
    # applied wherever terms are shown: the topic and keyness vocabularies
    reader_form: Callable[[str], str] = str
    # the rules of `upsoc.topics.names` that find people's names in the language's sentences
    # (none: only the known names of the lexicon)
    name_rules: tuple[str, ...] = ()


def _chinese_normalizer():
    from .clean.normalize import normalize_zh

    return normalize_zh


def _persian_normalizer():
    from .clean.normalize import PersianParagraphs

    return PersianParagraphs()


def _english_normalizer():
    from .clean.normalize import normalize_en

    return normalize_en


def _chinese_tokenizer(user_dictionary=None):
    from .tokenize import ChineseTokenizer

    return ChineseTokenizer(user_dictionary)


def _persian_tokenizer(user_dictionary=None):
    from .tokenize import PersianTokenizer

    return PersianTokenizer()


def _english_tokenizer(user_dictionary=None):
    from .tokenize import EnglishTokenizer

    return EnglishTokenizer()



# In this order in every per-language table (coverage, validation).
LANGUAGES: dict[str, LanguageProfile] = {
    "zh": LanguageProfile(
        code="zh",
        name="Chinese",
        script=re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
        script_name="Chinese characters",
        legacy_encodings=("gb18030", "big5"),
        sentence_end=re.compile(rf"[。！？!?…]+[{_CLOSERS}]*"),
        make_normalizer=_chinese_normalizer,
        make_tokenizer=_chinese_tokenizer,
        spaced=False,
        uses_user_dictionary=True,
        mixes_latin=True,
        coded_on_lemmas=True,
        fonts=("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "Noto Serif CJK JP",
               "Source Han Sans SC", "WenQuanYi Zen Hei"),
        # Latin-script names (Julie, Zhuo) are written into Chinese text as they are
        name_rules=("jieba_name_tag", "capitalised"),
    ),
    "fa": LanguageProfile(
        code="fa",
        name="Persian",
        script=re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]"),
        script_name="Arabic script",
        legacy_encodings=("cp1256", "iso8859_6"),
        # followed by a space or the end, so that decimals ("۱.۵") stay whole
        sentence_end=re.compile(rf"[.!?؟…]+[{_CLOSERS}]*(?=\s|$)"),
        make_normalizer=_persian_normalizer,
        make_tokenizer=_persian_tokenizer,
        direction="rtl",
        fonts=("Noto Naskh Arabic", "Noto Sans Arabic", "Vazirmatn", "DejaVu Sans"),
        reader_form=persian_reader_form,
    ),
    "en": LanguageProfile(
        code="en",
        name="English",
        script=re.compile(r"[A-Za-z\u00c0-\u024f]"),
        script_name="Latin script",
        legacy_encodings=("cp1252", "latin_1"),
        # followed by a capital, a digit or an opening quote: "3.5" and "e.g. this" stay whole
        sentence_end=re.compile(rf"[.!?…]+[{_CLOSERS}]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)"),
        make_normalizer=_english_normalizer,
        make_tokenizer=_english_tokenizer,
        abbreviations=frozenset(
            "mr mrs ms dr prof sr jr st vs etc e.g i.e inc ltd co corp no fig approx dept est u.s u.k ph.d "
            "a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec".split()
        ),
        initials=True,
        name_rules=("capitalised",),
    ),
}


def profile(code: str) -> LanguageProfile:
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(f"unknown language {code!r}; expected one of {list(LANGUAGES)}") from None


def is_rtl(code: str) -> bool:
    """Whether text of this language code runs right to left (False for unknown codes, such as "")."""
    return code in LANGUAGES and LANGUAGES[code].direction == "rtl"
