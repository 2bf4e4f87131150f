"""The codebook as data: concepts with multilingual cues, and the advice markers.

`data/codebook.yaml` holds everything a researcher edits; this module reads it, checks it
against its schema and against the concept ids of the instrument, and compiles each cue into
the same normalised tokens and lemmas the pipeline produces for the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pandas as pd

from ..languages import LANGUAGES, profile
from ..tables import CUE_COLUMNS, format_list
from ..yamlfile import read_yaml

DEFAULT_WINDOW = 2
# Compiled frame terms are rows of the cue table of this kind, with the frame as `concept`.
FRAME_KIND = "frame"


class CodebookError(ValueError):
    """The codebook is malformed or incomplete; the message says where."""


@dataclass(frozen=True)
class Cue:
    text: str
    exclude_near: tuple[str, ...] = ()
    require_near: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    exact: bool = False
    # require_near within this many tokens of the cue; 0: anywhere in the sentence
    require_window: int = 0


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str
    definition: str
    cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Codebook:
    concepts: tuple[Concept, ...]
    advice: dict[str, dict]
    # frame -> language -> the terms that define the frame (see `FRAME_KIND`)
    frame_terms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.concepts]

    def in_language(self, language: str) -> Codebook:
        """What compiling `language` reads: its cues, frame terms and advice markers, with the
        concepts' ids and kinds (no definitions)."""
        return Codebook(
            concepts=tuple(Concept(c.id, c.kind, "", {language: c.cues[language]}) for c in self.concepts),
            advice={language: self.advice[language]},
            frame_terms={frame: {language: terms[language]} for frame, terms in self.frame_terms.items() if language in terms},
        )

    def language_digest(self, language: str) -> str:
        """Changes exactly when `in_language(language)` does, so that editing one language's
        cues, or a definition, leaves the other languages' compiled tables and codings as they were."""
        return hashlib.sha256(repr(self.in_language(language)).encode("utf-8")).hexdigest()[:16]


def load_codebook(path: str | Path, schema: dict) -> Codebook:
    path = Path(path)
    data = read_yaml(path)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        lines = [f"  - {'/'.join(str(p) for p in e.path) or '(top)'}: {e.message}" for e in errors]
        raise CodebookError(f"{path} is not valid:\n" + "\n".join(lines))
    concepts = tuple(
        Concept(
            id=concept_id,
            kind=entry["kind"],
            definition=" ".join(entry["definition"].split()),
            cues={lang: tuple(_cue(c) for c in entry["cues"].get(lang, [])) for lang in LANGUAGES},
        )
        for concept_id, entry in data["concepts"].items()
    )
    missing = [f"{c.id} has no {lang} cue" for c in concepts for lang in LANGUAGES if not c.cues[lang]]
    if missing:
        raise CodebookError(f"{path}: every concept needs cues in every language:\n" + "\n".join(f"  - {m}" for m in missing))
    frame_terms = {frame: {lang: tuple(terms) for lang, terms in by_language.items()}
                   for frame, by_language in data.get("frame_terms", {}).items()}
    return Codebook(concepts=concepts, advice=data["advice"], frame_terms=frame_terms)


def _cue(entry) -> Cue:
    if isinstance(entry, str):
        return Cue(entry)
    return Cue(
        entry["cue"],
        tuple(entry.get("exclude_near", ())),
        tuple(entry.get("require_near", ())),
        entry.get("window", DEFAULT_WINDOW),
        entry.get("exact", False),
        entry.get("require_window", 0),
    )


def analyse(text: str, tokenizer, normalizer: Callable[[str], str]) -> tuple[str, str]:
    """A cue or marker as the pipeline segments text: lower-cased tokens and lemmas, space-joined."""
    tokens = tokenizer(normalizer(text))
    return " ".join(t.text.lower() for t in tokens), " ".join(t.lemma for t in tokens)


def compile_cues(codebook: Codebook, language: str, tokenizer, normalizer: Callable[[str], str] | None = None) -> pd.DataFrame:
    """One row per cue of `language`, segmented exactly like the text.

    Context words (`exclude_near`, `require_near`) are normalised the same way and kept
    as their tokens and lemmas, joined by "|".
    """
    normalizer = normalizer or profile(language).make_normalizer()

    def context(words: tuple[str, ...]) -> str:
        forms = set()
        for word in words:
            forms.update(analyse(word, tokenizer, normalizer))
        return format_list(sorted(f for f in forms if f))

    rows = []
    cues = [(concept.id, concept.kind, cue) for concept in codebook.concepts for cue in concept.cues[language]]
    cues += [(frame, FRAME_KIND, Cue(term)) for frame, terms in codebook.frame_terms.items() for term in terms.get(language, ())]
    for concept_id, kind, cue in cues:
        tokens, lemmas = analyse(cue.text, tokenizer, normalizer)
        if not tokens:
            raise CodebookError(f"{concept_id}: {language} cue {cue.text!r} has no token after normalisation")
        rows.append(
            {
                "concept": concept_id,
                "kind": kind,
                "cue": cue.text,
                "tokens": tokens,
                "lemmas": lemmas,
                "exclude_near": context(cue.exclude_near),
                "require_near": context(cue.require_near),
                "window": cue.window,
                "exact": int(cue.exact),
                "require_window": cue.require_window,
            }
        )
    return pd.DataFrame(rows, columns=CUE_COLUMNS)
