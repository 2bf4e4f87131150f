"""People's names, kept out of the topic and keyness vocabularies.

The names of the people in an article's stories (Kaikai, Feng, 娄艺潇) are frequent in the few
units that tell the story and absent elsewhere, so they make topics and keyness lists of their
own while saying nothing about the advice. Each language finds them by the rules its profile
names (`name_rules` in `upsoc.languages`), and every language also takes the known names of
the lexicon (`data/lexicon/person_names.tsv`):

* zh (`JiebaNames`): jieba's part-of-speech tagger, run on each sentence (with the field's user
  dictionary), tags a word of two or more characters as a person's name (`nr`, `nrfg`, `nrt`);
  jieba's character model (its HMM, without the dictionary) reads the word's characters as one
  name too; and the word is not a common one: jieba's dictionary lacks it or counts it fewer
  than `COMMON_WORD_FREQUENCY` times. jieba's dictionary tags some words as names that are not
  (尤为重要, 冷启动, which the character model reads otherwise; 谢谢, 明白, 博客, counted
  hundreds of times or more).
* en (`CapitalisedNames`): a word written capitalised after the first word of a sentence that
  is not a title-case heading (some word of four or more letters in lower case, or most words
  without case), and never in lower case anywhere in the language's corpus; all-capital
  acronyms are not names. Chinese text writes Latin-script names as they are (Julie, Zhuo), so
  zh uses this rule too. This also takes the proper names of places, firms and days, which
  likewise belong to one article's story.
* fa: the script has no capitals and hazm no name tagger: the known names only.

A term that belongs to one of the codebook's cues in the language is never excluded (LinkedIn,
WeChat, 喝咖啡): the codebook makes it the vocabulary of a concept.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ..tables import EXCLUDED_NAME_COLUMNS
from ..tokenize import is_word
from ..tsv import read_tsv

KNOWN = "known_name"
KNOWN_NAME_COLUMNS = ["language", "name", "article_id"]
# jieba's dictionary counts of the common words it tags as names start in the hundreds
COMMON_WORD_FREQUENCY = 100


class JiebaNames:
    rule = "jieba_name_tag"
    tags = frozenset({"nr", "nrfg", "nrt"})

    def __init__(self, user_dictionary: str | Path | None = None):
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
        if user_dictionary:
            self._tagger.load_userdict(str(user_dictionary))

    def __call__(self, sentences: pd.DataFrame) -> set[str]:
        # the lemmas are the sentence in Simplified characters, as the tokenizer segmented it
        tagged = {pair.word for lemmas in sentences["lemmas"] for pair in self._tagger.lcut("".join(lemmas.split()))
                  if pair.flag in self.tags and len(pair.word) > 1}
        frequency = self._tagger.tokenizer.FREQ
        return {word for word in tagged
                if self._one_name(word) and (frequency.get(word) or 0) < COMMON_WORD_FREQUENCY}

    def _one_name(self, word: str) -> bool:
        """Whether jieba's character model alone reads the word as a single name."""
        from jieba import posseg
        from jieba.posseg.viterbi import viterbi

        _, states = viterbi(word, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
        positions = "".join(position for position, _ in states)
        # one word: it begins at the first character and nowhere after
        one_word = positions[0] == "B" and "B" not in positions[1:] and "S" not in positions[1:]
        return one_word and all(tag in self.tags for _, tag in states)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and not token.isupper()


class CapitalisedNames:
    rule = "capitalised"

    def __init__(self, user_dictionary: str | Path | None = None):
        """Takes the user dictionary like every finder, and needs none."""

    def __call__(self, sentences: pd.DataFrame) -> set[str]:
        inside, lower = set(), set()
        for tokens, lemmas in zip(sentences["tokens"], sentences["lemmas"]):
            words = [(token, lemma) for token, lemma in zip(tokens.split(), lemmas.split()) if is_word(token)]
            # a heading in title case ("How to Build a Data Science Network") capitalises every
            # word but the short function words
            cased = [token for token, _ in words if token.lower() != token.upper()]
            title_case = 2 * len(cased) >= len(words) and not any(t.islower() and len(t) > 3 for t in cased)
            for position, (token, lemma) in enumerate(words):
                if token.islower():
                    lower.add(lemma)
                elif position > 0 and not title_case and _capitalised(token):
                    inside.add(lemma)
        return inside - lower


FINDERS = {finder.rule: finder for finder in (JiebaNames, CapitalisedNames)}


def name_finders(rules: tuple[str, ...], user_dictionary: str | Path | None = None) -> list:
    """The finders of a language's `name_rules`, ready to call on its sentences."""
    return [FINDERS[rule](user_dictionary) for rule in rules]


def load_known_names(path: str | Path) -> pd.DataFrame:
    """The lexicon of known names: language, name (as the text writes it), the article it is from."""
    table = read_tsv(path)
    if list(table.columns) != KNOWN_NAME_COLUMNS:
        raise ValueError(f"{path}: columns must be {KNOWN_NAME_COLUMNS}, not {list(table.columns)}: fix the header")
    empty = table.index[(table["language"] == "") | (table["name"] == "")]
    if len(empty):
        raise ValueError(f"{path}: row {empty[0] + 2} has no language or no name: fill it in or delete it")
    return table


def person_names(sentences: pd.DataFrame, known: set[str], protected: set[str], finders=()) -> pd.DataFrame:
    """The names among the content lemmas of one language's sentences: `term` (the lemma), `rule`
    (the first finder's that finds it, or `known_name`), `count` (occurrences as a content
    term), `articles`.

    known: lemmas of the known names (lower case); protected: cue terms, never excluded."""
    found = {}
    for finder in finders:
        for lemma in sorted(finder(sentences)):
            found.setdefault(lemma, finder.rule)
    for name in known:
        found.setdefault(name, KNOWN)
    counts, articles = Counter(), {}
    for article_id, lemmas, flags in zip(sentences["article_id"], sentences["lemmas"], sentences["stopword_flags"]):
        for lemma, flag in zip(lemmas.split(), flags.split()):
            if flag == "0" and lemma in found and lemma not in protected:
                counts[lemma] += 1
                articles.setdefault(lemma, set()).add(article_id)
    rows = [{"term": term, "rule": found[term], "count": counts[term], "articles": len(articles[term])}
            for term in sorted(counts, key=lambda t: (-counts[t], t))]
    return pd.DataFrame(rows, columns=EXCLUDED_NAME_COLUMNS)
