"""Word- and sentence-intrusion tests of the themes and of the per-language LDA baseline
(Chang et al. 2009, with the design of R's oolong), answered by coders who see only the items.

* A word item shows a topic's `WORD_TERMS` top terms and one intruder: a term among the top
  `WORD_TERMS` of another topic of the same model and language, and not among this topic's
  listed terms (its top 10–20). A coder who reads the topic as one theme finds the intruder.
* A sentence item shows `SENTENCE_TEXTS` of a topic's most representative sentences (the LDA's
  units are passages of a few sentences) and one of another topic's, in the same language.

Items of both models and every language are drawn with one seed, their options shuffled, and
written together in one random order, so that a coder cannot tell which model an item comes
from; the answer key is a separate file. A model's precision is the share of items whose
intruder the coder found (chance: 1/6 for words, 1/4 for sentences), per topic and overall,
with a percentile interval that resamples items.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..compare.bootstrap import percentile_interval
from ..tables import INTRUSION_SCORE_COLUMNS
from ..tsv import read_tsv, write_text, write_tsv

WORD_TERMS, SENTENCE_TEXTS = 5, 3
# the precision's interval: items resampled with all their answers
INTERVAL_REPLICATES, INTERVAL_SEED = 2000, 20261207
WORD, SENTENCE = "word", "sentence"
THEMES, LDA = "themes", "lda"
KEY = "key.tsv"
ITEMS = {WORD: "word_items.tsv", SENTENCE: "sentence_items.tsv"}
INSTRUCTIONS = "instructions.md"
ANSWER_COLUMNS = ["item", "test", "language", "answer", "note"]
KEY_COLUMNS = ["item", "test", "model", "language", "topic", "answer", "intruder", "intruder_topic"]


class IntrusionError(ValueError):
    """An answer sheet that cannot be scored; the message names the file and row."""


def baseline_tables(theme_terms: pd.DataFrame, theme_representatives: pd.DataFrame,
                    lda_terms: dict[str, pd.DataFrame], lda_representatives: dict[str, pd.DataFrame],
                    listed_terms: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The themes' and every language's LDA terms and representatives in one form: model,
    language, topic, rank, term (or text). The LDA lists as many terms per topic as the themes."""
    terms = [theme_terms.rename(columns={"theme": "topic"}).assign(model=THEMES)]
    texts = [theme_representatives.rename(columns={"theme": "topic"}).assign(model=THEMES)]
    for language, table in lda_terms.items():
        table = table.assign(model=LDA, language=language)
        terms.append(table[table["rank"].astype(int) <= listed_terms])
    for language, table in lda_representatives.items():
        texts.append(table.assign(model=LDA, language=language))
    columns = ["model", "language", "topic", "rank"]
    terms = pd.concat(terms, ignore_index=True)[columns + ["term"]]
    texts = pd.concat(texts, ignore_index=True)[columns + ["text"]]
    for table in (terms, texts):
        table["topic"], table["rank"] = table["topic"].astype(int), table["rank"].astype(int)
    return terms, texts


def _options(rng: np.random.Generator, shown: list[str], intruder: str) -> tuple[list[str], int]:
    options = shown + [intruder]
    order = rng.permutation(len(options))
    shuffled = [options[i] for i in order]
    return shuffled, shuffled.index(intruder) + 1


def _draw(table: pd.DataFrame, column: str, test: str, shown: int, intruders, rng: np.random.Generator) -> list[dict]:
    """One item per topic of each model and language: the topic's first `shown` entries of
    `column` (ranked) and an intruder drawn from `intruders(ranked, topic)`, (entry, its topic)
    pairs of the other topics. A topic with fewer entries, or no intruder, has no item."""
    items = []
    for (model, language), group in table.groupby(["model", "language"], sort=True):
        ranked = {topic: rows.sort_values("rank")[column].tolist() for topic, rows in group.groupby("topic", sort=True)}
        for topic, own in ranked.items():
            candidates = intruders(ranked, topic) if len(own) >= shown else []
            if not candidates:
                continue
            intruder, source = candidates[rng.integers(len(candidates))]
            options, answer = _options(rng, own[:shown], intruder)
            items.append({"test": test, "model": model, "language": language, "topic": topic, "options": options,
                          "answer": answer, "intruder": intruder, "intruder_topic": source})
    return items


def word_items(terms: pd.DataFrame, rng: np.random.Generator) -> list[dict]:
    """terms: model, language, topic, rank, term (each topic's listed terms, ranked). The intruder
    is among another topic's top terms and not among this topic's listed ones."""
    def intruders(ranked, topic):
        return sorted({(word, other) for other, others in ranked.items() if other != topic
                       for word in others[:WORD_TERMS] if word not in ranked[topic]})
    return _draw(terms, "term", WORD, WORD_TERMS, intruders, rng)


def sentence_items(representatives: pd.DataFrame, rng: np.random.Generator) -> list[dict]:
    """representatives: model, language, topic, rank, text (each topic's most representative
    first). The intruder is another topic's most representative text."""
    def intruders(ranked, topic):
        return [(texts[0], other) for other, texts in ranked.items()
                if other != topic and texts and texts[0] not in ranked[topic]]
    return _draw(representatives, "text", SENTENCE, SENTENCE_TEXTS, intruders, rng)


def build_items(terms: pd.DataFrame, representatives: pd.DataFrame, seed: int) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """({test: the items coders see}, the answer key): item ids in a random order per test."""
    rng = np.random.default_rng(seed)
    tables, keys = {}, []
    for test, items in ((WORD, word_items(terms, rng)), (SENTENCE, sentence_items(representatives, rng))):
        order = rng.permutation(len(items))
        rows = []
        for number, index in enumerate(order, start=1):
            item = items[index]
            name = f"{test[0]}{number:03d}"
            rows.append({"item": name, "language": item["language"],
                         **{f"option_{i}": option for i, option in enumerate(item["options"], start=1)}})
            keys.append({"item": name, **{column: item[column] for column in KEY_COLUMNS[1:]}})
        tables[test] = pd.DataFrame(rows)
    return tables, pd.DataFrame(keys, columns=KEY_COLUMNS)


def answer_template(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = [{"item": item, "test": test, "language": language, "answer": "", "note": ""}
            for test, table in tables.items() for item, language in zip(table["item"], table["language"])]
    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def write_study(folder: Path, tables: dict[str, pd.DataFrame], key: pd.DataFrame, coders: list[str],
                instructions: str) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise IntrusionError(f"{folder} already holds a study: choose another folder (items are never redrawn in place)")
    for test, table in tables.items():
        write_tsv(table, folder / ITEMS[test])
    write_tsv(key, folder / KEY)
    template = answer_template(tables)
    for coder in coders:
        write_tsv(template, folder / f"coder_{coder}.tsv")
    write_text(instructions, folder / INSTRUCTIONS)


def answer_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("coder_*.tsv"))


def read_answers(path: Path, key: pd.DataFrame) -> pd.DataFrame:
    """A coder's answered items (answer as an int); empty answers are items not answered."""
    table = read_tsv(path)
    if not {"item", "answer"} <= set(table.columns):
        raise IntrusionError(f"{path}: needs the columns item and answer; start from the template `upsoc intrusion` wrote")
    answered = table[table["answer"].str.strip() != ""]
    known = set(key["item"])
    for row, (item, answer) in enumerate(zip(answered["item"], answered["answer"].str.strip()), start=2):
        if item not in known:
            raise IntrusionError(f"{path}: item {item!r} is not in the study: copy the rows of the template")
        if not answer.isdigit():
            raise IntrusionError(f"{path}: item {item}: answer {answer!r} must be the number of the odd option out (1–6)")
    return pd.DataFrame({"item": answered["item"], "answer": answered["answer"].str.strip().astype(int)})


def score(key: pd.DataFrame, answers: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Precision per model, test (and both tests together: `all`), language and topic, per coder
    and for all coders together, with its 95% interval resampling items and the coders'
    agreement (share of the items answered by two or more coders on which all chose the same
    option)."""
    key = key.assign(answer=key["answer"].astype(int))
    long = pd.concat([a.assign(coder=coder) for coder, a in answers.items()], ignore_index=True) \
        if answers else pd.DataFrame(columns=["item", "answer", "coder"])
    if long.empty:
        return missing_answers("no coder has answered an item yet")
    merged = long.merge(key, on="item", suffixes=("", "_key"))
    merged["correct"] = (merged["answer"] == merged["answer_key"]).astype(int)
    per_item = merged.groupby("item")["answer"].agg(["size", "nunique"])
    # items answered by two or more coders -> whether they all chose the same option
    agreed = (per_item.loc[per_item["size"] > 1, "nunique"] == 1).to_dict()
    rows = []
    levels = [(["model"], "all", "all"), (["model", "test"], "all", "all"), (["model", "test", "language"], None, "all"),
              (["model", "test", "language", "topic"], None, None)]
    for columns, language, topic in levels:
        for values, group in merged.groupby(columns, sort=True):
            values = dict(zip(columns, values))
            for coder, answered in [("all", group), *sorted(group.groupby("coder"))]:
                shared = [agreed[i] for i in sorted(set(group["item"])) if i in agreed]
                low, high = item_interval(answered)
                rows.append({"model": values["model"], "test": values.get("test", "all"),
                             "language": values.get("language", language), "theme": values.get("topic", topic),
                             "coder": coder, "items": answered["item"].nunique(), "answers": len(answered),
                             "correct": int(answered["correct"].sum()),
                             "precision": answered["correct"].mean(), "low": low, "high": high,
                             "agreement": np.mean(shared) if shared and coder == "all" else np.nan, "note": ""})
    return pd.DataFrame(rows, columns=INTRUSION_SCORE_COLUMNS).round(6)


def item_interval(answers: pd.DataFrame) -> tuple[float, float]:
    """95% percentile interval of the precision of these answers (item, correct), resampling
    items with all their answers, since one item's answers are not independent."""
    per_item = answers.groupby("item")["correct"].agg(["sum", "size"])
    if len(per_item) < 2:
        return np.nan, np.nan
    draws = np.random.default_rng(INTERVAL_SEED).integers(len(per_item), size=(INTERVAL_REPLICATES, len(per_item)))
    correct, given = per_item["sum"].to_numpy()[draws].sum(axis=1), per_item["size"].to_numpy()[draws].sum(axis=1)
    return percentile_interval(correct / given)


def missing_answers(reason: str) -> pd.DataFrame:
    row = {"model": "", "test": "", "language": "", "theme": "", "coder": "", "items": 0, "answers": 0, "correct": 0,
           "precision": np.nan, "low": np.nan, "high": np.nan, "agreement": np.nan, "note": reason}
    return pd.DataFrame([row], columns=INTRUSION_SCORE_COLUMNS)


def score_files(key: Path | None, answers: list[Path]) -> pd.DataFrame:
    """The study's scores, or one row saying why there are none (no study, no answers yet).
    key: the study's answer key (None: there is no study); answers: the coders' sheets."""
    if key is None or not key.is_file():
        return missing_answers("no intrusion study yet (write one with `upsoc intrusion items`)")
    table = read_tsv(key)
    sheets = {path.stem.removeprefix("coder_"): read_answers(path, table) for path in answers}
    return score(table, {coder: a for coder, a in sheets.items() if not a.empty})


def study_files(folder: Path) -> tuple[Path | None, list[Path]]:
    """(the answer key or None, the coders' sheets) of a study folder."""
    return (folder / KEY if (folder / KEY).is_file() else None), answer_files(folder)


def score_folder(folder: Path) -> pd.DataFrame:
    return score_files(*study_files(folder))


INSTRUCTIONS_TEXT = """# Intrusion test: instructions for coders

You get two kinds of items. In each item, all options but one belong together; one is the odd one
out. Find it.

* `word_items.tsv`: six words (options 1–6). Five of them were chosen because they belong to one
  theme of advice writing about networking, upward socializing or managing up; one was put in
  from elsewhere. Which word does not belong with the other five?
* `sentence_items.tsv`: four sentences or short passages (options 1–4). Three of them belong to one
  theme; one was put in from elsewhere. Which one does not belong with the other three?

How to answer:

1. Open your own answer sheet, `coder_<your letter>.tsv` (a spreadsheet program reads it; keep it
   tab-separated, UTF-8). Fill in the `answer` column with the number of the option you think is
   the odd one out, one number per item. Use `note` for anything you want to say (optional).
2. Answer only the items in languages you read fluently (`language`: zh Chinese, fa Persian,
   en English). Leave the others empty: an empty answer is an item you did not answer.
3. Work alone. Do not look at the other coders' sheets, at `key.tsv` (the answers: it is for
   scoring only), at the project's results or its report, and do not search the web for the words.
   Decide from the item alone. If no option stands out, choose the one that fits least; do not
   leave an item empty because it is hard.
4. Go through the items in the order of the file; do not come back to change earlier answers.
5. When you are done, save the sheet under the same name and hand it back.
"""
