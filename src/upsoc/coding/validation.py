"""Agreement of the automatic coding with a hand-coded sample: precision, recall, F1, accuracy.

Concepts are scored as a multi-label task: per concept, a true positive is a sentence both
codings give the concept. `micro` pools the counts of all concepts; `macro` averages the
per-concept F1 over concepts present in the gold or the predicted coding. Advice is scored
as a binary task (precision, recall and F1 of the advice class, and accuracy).
"""

from __future__ import annotations

import pandas as pd

from ..tables import parse_concepts

ANALYSED_COLUMNS = ["id", "tokens", "lemmas"]

SCORE_COLUMNS = ["measure", "concept", "language", "sentences", "support", "predicted", "tp", "fp", "fn",
                 "precision", "recall", "f1", "accuracy"]
DIGITS = 4


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, DIGITS), round(recall, DIGITS), round(f1, DIGITS)


def _row(measure, concept, language, n, tp, fp, fn, accuracy=None):
    precision, recall, f1 = _prf(tp, fp, fn)
    return {
        "measure": measure, "concept": concept, "language": language, "sentences": n,
        "support": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
        "precision": precision, "recall": recall, "f1": f1,
        "accuracy": "" if accuracy is None else round(accuracy, DIGITS),
    }


def score(gold: pd.DataFrame, predicted: pd.DataFrame, concept_ids: list[str]) -> pd.DataFrame:
    """gold and predicted: aligned rows with `language`, `concepts` (";"-joined) and `is_advice` (0/1)."""
    rows = []
    for language in ["all"] + sorted(set(gold["language"])):
        mask = (gold["language"] == language) if language != "all" else pd.Series(True, index=gold.index)
        g, p = gold[mask], predicted[mask]
        gold_sets = [set(parse_concepts(x)) for x in g["concepts"]]
        pred_sets = [set(parse_concepts(x)) for x in p["concepts"]]
        per_concept = []
        for concept in concept_ids:
            tp = sum(concept in a and concept in b for a, b in zip(gold_sets, pred_sets))
            fp = sum(concept not in a and concept in b for a, b in zip(gold_sets, pred_sets))
            fn = sum(concept in a and concept not in b for a, b in zip(gold_sets, pred_sets))
            per_concept.append(_row("concept", concept, language, len(g), tp, fp, fn))
        rows += per_concept
        tp, fp, fn = (sum(r[k] for r in per_concept) for k in ("tp", "fp", "fn"))
        rows.append(_row("micro", "", language, len(g), tp, fp, fn))
        present = [r for r in per_concept if r["support"] or r["predicted"]]
        macro = _row("macro", "", language, len(g), tp, fp, fn)
        macro["f1"] = round(sum(r["f1"] for r in present) / len(present), DIGITS) if present else 0.0
        macro["precision"] = round(sum(r["precision"] for r in present) / len(present), DIGITS) if present else 0.0
        macro["recall"] = round(sum(r["recall"] for r in present) / len(present), DIGITS) if present else 0.0
        rows.append(macro)
        ga, pa = g["is_advice"].astype(int).to_numpy(), p["is_advice"].astype(int).to_numpy()
        accuracy = float((ga == pa).mean()) if len(ga) else 0.0
        rows.append(_row("advice", "", language, len(g), int(((ga == 1) & (pa == 1)).sum()),
                         int(((ga == 0) & (pa == 1)).sum()), int(((ga == 1) & (pa == 0)).sum()), accuracy))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def analyse_sample(sample: pd.DataFrame, analysers: dict) -> pd.DataFrame:
    """The `tokens` and `lemmas` of each sentence (`id`, `language`, `text`), space-joined as in
    the pipeline's sentence tables. This is the slow part of coding a sample (the tokenizers'
    start-up and work), and it does not depend on the codebook.

    analysers: language -> callable(text) -> list of Token (normalised and tokenized)."""
    rows = []
    for row in sample.to_dict(orient="records"):
        tokens = analysers[row["language"]](row["text"])
        rows.append({"id": row["id"], "tokens": " ".join(t.text for t in tokens), "lemmas": " ".join(t.lemma for t in tokens)})
    return pd.DataFrame(rows, columns=ANALYSED_COLUMNS)


def code_sample(sample: pd.DataFrame, analysers: dict, matchers: dict, detectors: dict, concept_ids: list[str]) -> pd.DataFrame:
    """Code hand-coded sentences exactly as the pipeline codes article sentences."""
    analysed = analyse_sample(sample, analysers)
    return code_analysed(sample.assign(tokens=analysed["tokens"].to_numpy(), lemmas=analysed["lemmas"].to_numpy()),
                         matchers, detectors, concept_ids)


def with_tokens(sample: pd.DataFrame, analysed: pd.DataFrame, where: str) -> pd.DataFrame:
    """The sample with the `tokens` and `lemmas` that `analyse_sample` gave its sentences
    (matched by `id`); `where` names the sample in the error when one is missing."""
    by_id = analysed.set_index("id")
    missing = sorted(set(sample["id"]) - set(by_id.index))
    if missing:
        raise ValueError(f"{where}: no tokens for item(s) {', '.join(missing[:5])}: rerun the analysis of the studies")
    return sample.assign(tokens=by_id.loc[sample["id"], "tokens"].to_numpy(), lemmas=by_id.loc[sample["id"], "lemmas"].to_numpy())


def code_analysed(sample: pd.DataFrame, matchers: dict, detectors: dict, concept_ids: list[str]) -> pd.DataFrame:
    """`code_sample` of sentences that `analyse_sample` has already tokenized (`tokens`, `lemmas` columns)."""
    from . import code_sentence

    rows = []
    for row in sample.to_dict(orient="records"):
        language = row["language"]
        coded = code_sentence(row["tokens"].split(), row["lemmas"].split(), language,
                              matchers[language], detectors[language], concept_ids)
        rows.append(
            {
                "id": row["id"], "language": language, "text": row["text"],
                "gold_concepts": row["concepts"], "concepts": coded["concepts"], "cues": coded["cues"],
                "gold_advice": int(row["is_advice"]), "is_advice": coded["is_advice"], "advice_cues": coded["advice_cues"],
            }
        )
    return pd.DataFrame(rows)


def analyser(language: str, user_dictionary=None):
    """text -> tokens, normalised and tokenized as the pipeline does it."""
    from ..languages import profile

    return _analyse(profile(language).make_tokenizer(user_dictionary), profile(language).make_normalizer())


def _analyse(tokenizer, normalizer):
    return lambda text: tokenizer(normalizer(text))


def code_with_codebook(sample: pd.DataFrame, codebook, user_dictionary=None) -> pd.DataFrame:
    """`code_sample` with the codebook compiled on the spot (outside the workflow)."""
    from ..languages import profile
    from .advice import AdviceDetector, compile_advice
    from .codebook import compile_cues
    from .matcher import CueMatcher

    analysers, matchers, detectors = {}, {}, {}
    for language in sorted(set(sample["language"])):
        tokenizer, normalizer = profile(language).make_tokenizer(user_dictionary), profile(language).make_normalizer()
        analysers[language] = _analyse(tokenizer, normalizer)
        matchers[language] = CueMatcher(compile_cues(codebook, language, tokenizer, normalizer), language)
        detectors[language] = AdviceDetector(compile_advice(codebook.advice[language], tokenizer, normalizer))
    return code_sample(sample, analysers, matchers, detectors, codebook.ids)
