"""Tokens, lemmas and stopword flags, with the right tool for each language (each language's
profile in `upsoc.languages` names its tokenizer).

* zh: jieba, with a user dictionary of the field's terms so that 向上社交, 人脉 or 信息面试
  stay one token; Chinese does not inflect, so the lemma is the token; stopwords from
  stopwords-iso.
* fa: hazm's word tokenizer (verb parts left separate, so tokens are surface words),
  lemmatizer (verbs come out as "past#present" stems, e.g. "شد#شو") and stopword list. The
  stem pair is the pipeline's internal lemma (the coding reads the present stem from it);
  wherever a person reads terms, `persian_reader_form` shows the verb's infinitive instead.
* en: NLTK's Treebank-style tokenizer (needs no downloaded data), simplemma's lemmas,
  scikit-learn's English stopword list.

Punctuation stays as tokens (the coding step reads clause boundaries from it) and is flagged
like a stopword, so that content analyses skip both. Lemmas are lower case.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    stopword: bool  # a stopword or punctuation: not content


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


# NLTK writes opening and closing double quotes as `` and ''
_TREEBANK_QUOTES = {"``": '"', "''": '"'}


def _clean_token(token: str) -> str:
    # a token must never hold the separator of the space-joined token columns
    return "_".join(token.split())


def _punctuation(text: str) -> Token:
    return Token(text, text, True)


class ChineseTokenizer:
    """jieba on the Simplified form of the sentence (OpenCC's character-level `t2s`), so that
    Traditional Chinese is segmented, looked up and coded like Simplified; each token keeps
    the characters the article wrote, and its lemma is the Simplified form."""

    def __init__(self, user_dictionary: str | Path | None = None):
        import jieba
        import opencc
        import stopwordsiso

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        if user_dictionary:
            self._jieba.load_userdict(str(user_dictionary))
        self._to_simplified = opencc.OpenCC("t2s")
        self._stopwords = frozenset(stopwordsiso.stopwords("zh"))

    def __call__(self, sentence: str) -> list[Token]:
        simplified = self._to_simplified.convert(sentence)
        # t2s maps a character to one character; should a phrase ever change length, the
        # tokens are shown in Simplified rather than cut at the wrong place
        written = sentence if len(simplified) == len(sentence) else simplified
        tokens, start = [], 0
        for piece in self._jieba.lcut(simplified, HMM=True):
            text, lemma = _clean_token(written[start : start + len(piece)]), _clean_token(piece).lower()
            start += len(piece)
            if not text:
                continue
            tokens.append(Token(text, lemma, lemma in self._stopwords) if is_word(text) else _punctuation(text))
        return tokens


# hazm leaves the suffixes on words its lexicon lacks (ایونت‌هایی); they are written after a
# ZWNJ, so they can be cut safely there
_PERSIAN_SUFFIXES = ("\u200cهایی", "\u200cهای", "\u200cها", "\u200cای", "\u200cی")


def _strip_plural(lemma: str) -> str:
    for suffix in _PERSIAN_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 1:
            return lemma[: -len(suffix)]
    return lemma


# imperative and subjunctive prefixes: بـ (do), نـ (do not); before a stem in ا/آ: بیـ، نیـ
VERB_PREFIXES = ("بی", "نی", "ب", "ن")
_SECOND_PLURAL = "ید"


def plain_alef(word: str) -> str:
    """After a prefix a stem's آ is written ا (آموز -> بیاموزید): compare stems in this form."""
    return word.replace("آ", "ا")


# hazm files the subjunctive of "to be" (باشد, باشید) under a past stem of its own; the verb a
# reader knows is بودن
_PERSIAN_INFINITIVES = {"باشید#باش": "بودن"}


def persian_reader_form(lemma: str) -> str:
    """hazm's verb lemma as a reader knows the verb: the infinitive, past stem + ن (کرد#کن ->
    کردن); the present stem when hazm gives no past stem (#هست -> هست). Other lemmas as they are."""
    if "#" not in lemma:
        return lemma
    if lemma in _PERSIAN_INFINITIVES:
        return _PERSIAN_INFINITIVES[lemma]
    past, _, present = lemma.partition("#")
    if not past:
        return present
    # past stems end in د or ت; hazm lists a few verbs by their infinitive already (نیازیدن#نیاز)
    return past + "ن" if past.endswith(("د", "ت")) else past


class PersianTokenizer:
    def __init__(self):
        from hazm.utils import verbs_list

        from .hazm_loader import load_hazm

        hazm = load_hazm()

        self._tokenizer = hazm.WordTokenizer(join_verb_parts=False)
        self._lemmatizer = hazm.Lemmatizer()
        self._stopwords = frozenset(hazm.stopwords_list())
        # present stem (in plain_alef form) -> hazm's "past#present" lemma
        self._verbs = {plain_alef(v.split("#")[1]): v for v in verbs_list() if v.split("#")[1]}

    def _lemmatize(self, word: str) -> str:
        """hazm's lemma; for a prefixed second-person form hazm does not know
        (بیاموزید, بیاورید), the verb found from its present stem."""
        lemma = self._lemmatizer.lemmatize(word)
        if lemma != word or not word.endswith(_SECOND_PLURAL):
            return lemma
        for prefix in VERB_PREFIXES:
            stem = word[len(prefix) : -len(_SECOND_PLURAL)]
            if word.startswith(prefix) and stem in self._verbs:
                return self._verbs[stem]
        return lemma

    def __call__(self, sentence: str) -> list[Token]:
        tokens = []
        for piece in self._tokenizer.tokenize(sentence):
            text = _clean_token(piece)
            if not text:
                continue
            if not is_word(text):
                tokens.append(_punctuation(text))
                continue
            lemma = _clean_token(self._lemmatize(text)) or text
            # a verb is a stopword when its past stem is one (کرد#کن: the light verb کردن)
            stop = text in self._stopwords or lemma.split("#")[0] in self._stopwords
            tokens.append(Token(text, _strip_plural(lemma).lower(), stop))
        return tokens


class EnglishTokenizer:
    def __init__(self):
        import simplemma
        from nltk.tokenize import NLTKWordTokenizer
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        self._tokenizer = NLTKWordTokenizer()
        self._lemmatize = lambda word: simplemma.lemmatize(word, lang="en")
        self._stopwords = ENGLISH_STOP_WORDS

    def __call__(self, sentence: str) -> list[Token]:
        tokens = []
        for piece in self._tokenizer.tokenize(sentence):
            text = _TREEBANK_QUOTES.get(piece, _clean_token(piece))
            if not text:
                continue
            if not is_word(text):
                tokens.append(_punctuation(text))
                continue
            lower = text.lower()
            lemma = "not" if lower == "n't" else self._lemmatize(lower).lower()
            tokens.append(Token(text, lemma, lower in self._stopwords or lemma in self._stopwords))
        return tokens
