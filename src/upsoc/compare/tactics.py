"""Tactics by group: how often advice sentences carry each tactic, with the most representative
quotes per group and language (the advice sentences with the most cues of the tactic, shorter
first)."""

from __future__ import annotations

import pandas as pd

from ..tables import parse_cues
from .groups import DIGITS, UNKNOWN

TACTIC_COLUMNS = ["tactic", "grouping", "group", "language", "advice_sentences", "with_tactic", "share",
                  "rank", "article_id", "sentence_id", "text"]


def most_representative(sentences: pd.DataFrame, concept: str) -> pd.DataFrame:
    """Coded sentences that carry `concept`, the most representative first: most cues of the
    concept, then shortest, then by article and sentence."""
    found = sentences["cues"].map(parse_cues)
    return sentences.assign(
        n_cues=found.map(lambda cues: len(cues.get(concept, []))), length=sentences["text"].str.len(),
        sentence=sentences["sentence_id"].astype(int),
    ).sort_values(["n_cues", "length", "article_id", "sentence"], ascending=[False, True, True, True])


def tactics_table(coded: pd.DataFrame, sheet: pd.DataFrame, tactics: list[str], groupings: list[str], quotes: int = 2) -> pd.DataFrame:
    sheet = sheet.set_index("id")
    advice = coded[coded["is_advice"].astype(int) == 1].copy()
    advice["parsed"] = advice["cues"].map(parse_cues)
    rows = []
    for grouping in groupings:
        advice["group"] = advice["article_id"].map(sheet[grouping]).replace("", UNKNOWN)
        for (group, language), part in advice.groupby(["group", "language"], sort=True):
            for tactic in tactics:
                carrying = part[part["parsed"].map(lambda found: tactic in found)]
                base = {"tactic": tactic, "grouping": grouping, "group": group, "language": language,
                        "advice_sentences": len(part), "with_tactic": len(carrying),
                        "share": round(len(carrying) / len(part), DIGITS) if len(part) else 0.0}
                if carrying.empty:
                    rows.append({**base, "rank": 0, "article_id": "", "sentence_id": "", "text": ""})
                    continue
                for rank, row in enumerate(most_representative(carrying, tactic).head(quotes).itertuples(), start=1):
                    rows.append({**base, "rank": rank, "article_id": row.article_id, "sentence_id": row.sentence_id, "text": row.text})
    return pd.DataFrame(rows, columns=TACTIC_COLUMNS)
