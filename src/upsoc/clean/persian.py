"""Persian normalisation, with the zero-width non-joiner (ZWNJ) restored where a scrape lost it.

Without ZWNJ, "شبکه‌سازی" comes out as "شبکهسازی" and no tokenizer or lemmatizer can
recover the word. The repair is lexicon-driven, so it generalises to unseen words:

1. a token that hazm's lexicon knows only with a ZWNJ ("شبکهسازی" → "شبکه‌سازی") takes
   the lexicon's spelling;
2. otherwise, a token that is a known stem plus a suffix that is written apart
   ("توانمندیهای" = "توانمندی" + "های") gets a ZWNJ at the seam;
3. hazm's normaliser then handles "می"/"نمی" prefixes, Arabic letters and spacing.
"""

from __future__ import annotations

import re
from functools import cached_property

ZWNJ = "\u200c"
# Suffixes written with a ZWNJ after any stem.
PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها", "ترین", "تر")
# Suffixes written with a ZWNJ after a final heh ("مقدمه‌ای", "شده‌اند").
PLURAL_WEIGHT = 2
HEH_SUFFIXES = ("ایم", "اید", "اند", "ای", "ام", "ات", "اش")
_WORD = re.compile(r"(?:[^\W\d_]|\u200c)+")
MIN_STEM = 2
# Letters that never join the next one: after them a ZWNJ changes nothing visible, and
# hazm's lexicon spells such words without it ("کشورها").
NON_JOINING = frozenset("اآأإدذرزژوؤة")


class PersianNormalizer:
    """Callable: text -> normalised text. Loads hazm's lexicon on first use."""

    @cached_property
    def _hazm(self):
        from ..hazm_loader import load_hazm

        return load_hazm().Normalizer()

    @property
    def _lexicon(self) -> dict[str, tuple]:
        """hazm's lexicon, as its normaliser holds it: word -> (corpus frequency, tags)."""
        return self._hazm.words

    def _frequency(self, word: str) -> int:
        return self._lexicon[word][0] or 0

    @cached_property
    def _joined_spellings(self) -> dict[str, str]:
        """Lexicon words written with a ZWNJ, keyed by their spelling without it."""
        spellings = {}
        for word in self._lexicon:
            if ZWNJ in word:
                bare = word.replace(ZWNJ, "")
                if bare not in self._lexicon:
                    spellings.setdefault(bare, word)
        return spellings

    def restore_zwnj(self, word: str) -> str:
        if ZWNJ in word or word in self._lexicon:
            return word
        known = self._joined_spellings.get(word)
        if known:
            return known
        # the most frequent known stem wins, the plural's counted double, since the plural is by far
        # the commoner suffix: "نیازهای" is "نیاز" + "های", not "نیازه" + "ای"; "نقشهای" is "نقش" + "های"
        # although "نقشه" is a little more frequent; "مقدمهای" is "مقدمه" + "ای", "مقدمه" being four
        # times as frequent as "مقدم". A tie (stems the lexicon knows without a count) goes to the plural.
        candidates = [
            (self._frequency(stem) * (PLURAL_WEIGHT if suffix in PLURAL_SUFFIXES else 1), suffix in PLURAL_SUFFIXES,
             len(stem), stem, suffix)
            for bare, suffix in self._suffix_splits(word)
            if (stem := self._known_stem(bare))
        ]
        if not candidates:
            return word
        *_, stem, suffix = max(candidates)
        return word if stem[-1] in NON_JOINING else stem + ZWNJ + suffix

    @staticmethod
    def _suffix_splits(word: str):
        for suffix in PLURAL_SUFFIXES + HEH_SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < MIN_STEM:
                continue
            if suffix in HEH_SUFFIXES and not stem.endswith("ه"):
                continue
            yield stem, suffix

    def _known_stem(self, stem: str) -> str | None:
        if stem in self._lexicon:
            return stem
        return self._joined_spellings.get(stem)

    def __call__(self, text: str) -> str:
        text = self._hazm.normalize(text)
        text = _WORD.sub(lambda m: self.restore_zwnj(m.group(0)), text)
        return self._hazm.normalize(text)
