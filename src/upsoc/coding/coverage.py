"""Codebook coverage: how many cues each concept has per language, and which ever matched."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..tables import format_list, parse_cues

COVERAGE_COLUMNS = ["concept", "language", "cues", "sentences_matched", "unmatched_cues"]


def coverage_table(cue_tables: dict[str, pd.DataFrame], coded: pd.DataFrame, concept_ids: list[str]) -> pd.DataFrame:
    matched_cues: dict[tuple[str, str], set[str]] = defaultdict(set)
    sentence_counts: dict[tuple[str, str], int] = defaultdict(int)
    for language, field in zip(coded["language"], coded["cues"]):
        for concept, cues in parse_cues(field).items():
            matched_cues[concept, language].update(cues)
            sentence_counts[concept, language] += 1
    rows = []
    for concept in concept_ids:
        for language, table in cue_tables.items():
            cues = list(table.loc[table["concept"] == concept, "cue"])
            rows.append(
                {
                    "concept": concept,
                    "language": language,
                    "cues": len(cues),
                    "sentences_matched": sentence_counts[concept, language],
                    "unmatched_cues": format_list([c for c in cues if c not in matched_cues[concept, language]]),
                }
            )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
