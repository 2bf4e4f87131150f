"""Finding cues in a sentence's tokens and lemmas.

* en, fa: a cue matches where its token sequence equals the sentence's (lower-cased) tokens,
  or its lemma sequence equals the sentence's lemmas ("opportunities" matches the cue
  "opportunity").
* zh: a cue matches where it equals a run of whole tokens, so that the match does not depend
  on how jieba happened to split the cue itself (帮助他人 matches 帮助 + 他人), and never
  matches inside a longer word (印度 does not match inside 印度尼西亚).

A cue with `exclude_near` does not match when one of those words stands within `window`
tokens of it (网络 next to 上 is "online", not networking); a cue with `require_near` only
matches when one of those words is in the same sentence, or within `require_window` tokens of
it when that is set; an `exact` cue matches its written form only, never a lemma. In Chinese,
context words are looked for as characters in the neighbouring tokens, since jieba may glue a
context character to the next word.

Only the cues that could start at one of the sentence's words are tried: those whose first
token or lemma is among the sentence's (en, fa), or whose first character begins one of its
tokens (zh). The others cannot match, so the result is the same as trying every cue. Each
sentence is indexed once for all of them (`Words`): where each word stands, or in Chinese the
joined text, searched as a string, and where its tokens begin and end.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ..languages import profile
from ..tables import parse_list
from .codebook import FRAME_KIND


@dataclass(frozen=True)
class CompiledCue:
    concept: str
    cue: str
    tokens: tuple[str, ...]
    lemmas: tuple[str, ...]
    exclude_near: tuple[tuple[str, ...], ...]
    require_near: tuple[tuple[str, ...], ...]
    window: int
    exact: bool
    require_window: int  # 0: the required words may stand anywhere in the sentence


def _forms(field: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(form.split()) for form in parse_list(field))


class Words:
    """A sentence's tokens or lemmas, indexed once for the many cues looked for in it.

    joined: targets are compared as concatenated strings on token boundaries (Chinese)."""

    def __init__(self, words: list[str], joined: bool):
        self.words, self.joined = words, joined
        if joined:
            self.text = "".join(words)
            offsets = [0]
            for word in words:
                offsets.append(offsets[-1] + len(word))
            # token indices starting at each character offset, and the first token boundary there
            self._starting: dict[int, list[int]] = defaultdict(list)
            for i, offset in enumerate(offsets[:-1]):
                self._starting[offset].append(i)
            self._boundary: dict[int, int] = {}
            for k, offset in enumerate(offsets[1:], start=1):
                self._boundary.setdefault(offset, k)
        else:
            self._positions: dict[str, list[int]] = defaultdict(list)
            for i, word in enumerate(words):
                self._positions[word].append(i)

    def __contains__(self, word: str) -> bool:
        """Whether `word` is one of the sentence's words (not joined)."""
        return word in self._positions

    def runs(self, target: tuple[str, ...]) -> list[tuple[int, int]]:
        """(start, end) token spans where `target` occurs, in order of start."""
        if not target:
            return []
        if not self.joined:
            n = len(target)
            return [(i, i + n) for i in self._positions.get(target[0], ()) if tuple(self.words[i : i + n]) == target]
        needle = "".join(target)
        if not needle:
            return []
        spans = []
        at = self.text.find(needle)
        while at >= 0:
            end = self._boundary.get(at + len(needle))
            if end is not None:
                spans.extend((i, end) for i in self._starting.get(at, ()))
            at = self.text.find(needle, at + 1)
        return sorted(spans)

    def first(self, target: tuple[str, ...], start: int = 0, stop: int | None = None) -> int | None:
        """Where `target` first occurs within words[start:stop], as an index of the whole sentence."""
        stop = len(self.words) if stop is None else min(stop, len(self.words))
        return next((i for i, end in self.runs(target) if i >= start and end <= stop), None)


def _around(tokens: list[str], lemmas: list[str], start: int, end: int, window: int) -> tuple[list[str], list[str]]:
    """The tokens and lemmas within `window` of the span start:end, with a separator where the
    span was, so that a context word is never found across it."""
    lo, hi = max(0, start - window), end + window
    return tokens[lo:start] + ["\u0000"] + tokens[end:hi], lemmas[lo:start] + ["\u0000"] + lemmas[end:hi]


@dataclass(frozen=True)
class Evidence:
    concepts: dict[str, list[str]]  # concept -> the cues that matched, in the cue table's order
    frame_terms: list[str]  # the frame terms found (rows of kind FRAME_KIND)
    frame_only: set[str]  # concepts whose every match lies inside a frame term


class CueMatcher:
    """Callable: (tokens, lemmas) -> {concept: [cues that matched]} for one language;
    `evidence` also tells which concepts only a frame term expresses."""

    def __init__(self, cues: pd.DataFrame, language: str):
        # without spaces between words, cues are compared as runs of characters
        self.joined = not profile(language).spaced
        self.cues = [
            CompiledCue(
                row["concept"], row["cue"], tuple(row["tokens"].split()), tuple(row["lemmas"].split()),
                _forms(row["exclude_near"]), _forms(row["require_near"]), int(row["window"]), bool(int(row["exact"])),
                int(row["require_window"]),
            )
            for row in cues.to_dict(orient="records")
        ]
        self.frames = set(cues.loc[cues["kind"] == FRAME_KIND, "concept"])
        self._by_start: dict[str, list[int]] = defaultdict(list)
        for index, cue in enumerate(self.cues):
            for start in self._starts(cue):
                self._by_start[start].append(index)

    def _starts(self, cue: CompiledCue) -> set[str]:
        """The keys under which a sentence can reach this cue."""
        if self.joined:
            return {"".join(cue.tokens)[0]} if "".join(cue.tokens) else set()
        return {form[0] for form in (cue.tokens, cue.lemmas) if form}

    def _candidates(self, tokens: list[str], lemmas: list[str]) -> list[CompiledCue]:
        keys = {t[0] for t in tokens if t} if self.joined else set(tokens) | set(lemmas)
        return [self.cues[i] for i in sorted({i for key in keys for i in self._by_start.get(key, ())})]

    def _occurrences(self, tokens: Words, lemmas: Words, target_tokens, target_lemmas, exact=False) -> list[tuple[int, int]]:
        spans = set(tokens.runs(target_tokens))
        if not self.joined and not exact:
            spans.update(lemmas.runs(target_lemmas))
        return sorted(spans)

    def _present(self, forms, tokens: Words, lemmas: Words) -> bool:
        if self.joined:
            # context words are looked for as characters: jieba may glue a context
            # character to its neighbour (网络上教 -> 网络 / 上教)
            return any("".join(form) in tokens.text for form in forms)
        return any(self._occurrences(tokens, lemmas, form, form) for form in forms)

    def _near(self, forms, tokens: list[str], lemmas: list[str], start: int, end: int, window: int) -> bool:
        around_tokens, around_lemmas = _around(tokens, lemmas, start, end, window)
        return self._present(forms, Words(around_tokens, self.joined), Words(around_lemmas, False))

    def _matches(self, tokens: list[str], lemmas: list[str]):
        """(cue, start, end) of every occurrence of a cue that its context conditions allow."""
        tokens = [t.lower() for t in tokens]
        indexed_tokens, indexed_lemmas = Words(tokens, self.joined), Words(lemmas, False)
        for cue in self._candidates(tokens, lemmas):
            if cue.require_near and not self._present(cue.require_near, indexed_tokens, indexed_lemmas):
                continue
            for start, end in self._occurrences(indexed_tokens, indexed_lemmas, cue.tokens, cue.lemmas, cue.exact):
                if cue.exclude_near and self._near(cue.exclude_near, tokens, lemmas, start, end, cue.window):
                    continue
                if cue.require_window and not self._near(cue.require_near, tokens, lemmas, start, end, cue.require_window):
                    continue
                yield cue, start, end

    def evidence(self, tokens: list[str], lemmas: list[str]) -> Evidence:
        concepts: dict[str, list[str]] = {}
        frame_terms: list[str] = []
        frame_spans: list[tuple[int, int]] = []
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for cue, start, end in self._matches(tokens, lemmas):
            if cue.concept in self.frames:
                frame_spans.append((start, end))
                cues = frame_terms
            else:
                spans[cue.concept].append((start, end))
                cues = concepts.setdefault(cue.concept, [])
            if cue.cue not in cues:
                cues.append(cue.cue)
        inside = lambda span: any(lo <= span[0] and span[1] <= hi for lo, hi in frame_spans)
        frame_only = {concept for concept, found in spans.items() if all(map(inside, found))}
        return Evidence(concepts, frame_terms, frame_only)

    def __call__(self, tokens: list[str], lemmas: list[str]) -> dict[str, list[str]]:
        return self.evidence(tokens, lemmas).concepts
