"""Do the chosen topic models beat a plain baseline? NPMI of both on the same reference.

Baseline, per language: scikit-learn's LatentDirichletAllocation with its default settings
(10 topics, priors 1/K) on plain tokens of each cleaned sentence: jieba's default dictionary
(zh), hazm's word_tokenize (fa), lower-cased \\w+ runs (en); no stopword removal, no lemmas.

Because NPMI on a small corpus rewards topics of stopwords (they co-occur in every unit), the
baseline is also scored on its top 10 terms *without* stopwords and punctuation (those the
pipeline flags), which compares what the topics say rather than how common their words are.

Reference for NPMI, for all: the pipeline's modelling units, each counted as containing a
term when the term is one of its tokens (lower-cased) or lemmas, so that surface tokens and
lemmas are scored on the same documents. Top 10 terms per topic.

    python -m benchmarks.topic_baseline
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from sklearn.decomposition import LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer

from upsoc import layout
from upsoc.languages import LANGUAGES
from upsoc.topics.metrics import npmi
from upsoc.tsv import read_tsv, write_tsv

TOP = 10


def plain_tokenizer(language: str):
    if language == "zh":
        import jieba

        return lambda text: [t for t in jieba.lcut(text) if t.strip()]
    if language == "fa":
        from hazm import word_tokenize

        return word_tokenize
    return lambda text: re.findall(r"\w+", text.lower())


def reference_sets(units: pd.DataFrame, sentences: pd.DataFrame) -> list[set[str]]:
    by_sentence = {
        (a, int(s)): set(t.lower() for t in tok.split()) | set(lem.split())
        for a, s, tok, lem in zip(sentences["article_id"], sentences["sentence_id"], sentences["tokens"], sentences["lemmas"])
    }
    return [
        set().union(*(by_sentence[(a, s)] for s in range(int(first), int(last) + 1)))
        for a, first, last in zip(units["article_id"], units["first_sentence"], units["last_sentence"])
    ]


def reference_npmi(topics: list[list[str]], reference: list[set[str]]) -> float:
    vocabulary = sorted({t for terms in topics for t in terms})
    index = {t: i for i, t in enumerate(vocabulary)}
    rows, cols = zip(*[(d, index[t]) for d, doc in enumerate(reference) for t in doc if t in index]) or ((), ())
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(reference), len(vocabulary)))
    return float(np.mean(npmi([[index[t] for t in terms] for terms in topics], matrix)))


def baseline_topics(texts: list[str], language: str, excluded: set[str] = frozenset()) -> list[list[str]]:
    tokenize = plain_tokenizer(language)
    vectorizer = CountVectorizer(analyzer=tokenize)
    counts = vectorizer.fit_transform(texts)
    lda = LatentDirichletAllocation(random_state=0).fit(counts)
    vocabulary = vectorizer.get_feature_names_out()
    return [
        [vocabulary[i] for i in np.argsort(-row, kind="stable") if vocabulary[i] not in excluded][:TOP]
        for row in lda.components_
    ]


def non_content(sentences: pd.DataFrame) -> set[str]:
    """Tokens the pipeline flags as stopwords or punctuation."""
    return {
        token.lower()
        for tokens, flags in zip(sentences["tokens"], sentences["stopword_flags"])
        for token, flag in zip(tokens.split(), flags.split())
        if flag == "1"
    }


def chosen_topics(path: str | Path) -> list[list[str]]:
    table = read_tsv(path)
    table = table[table["rank"].astype(int) <= TOP]
    return [list(group.sort_values("rank", key=lambda r: r.astype(int))["term"]) for _, group in table.groupby("topic")]


def run() -> pd.DataFrame:
    """Every language the pipeline has modelled, from the results of its last run."""
    rows = []
    for language in sorted(lang for lang in LANGUAGES if Path(layout.UNITS.format(language=lang)).is_file()):
        units = read_tsv(layout.UNITS.format(language=language))
        article_ids = sorted(set(units["article_id"]))
        sentences = pd.concat([read_tsv(layout.SENTENCES.format(article=a)) for a in article_ids], ignore_index=True)
        reference = reference_sets(units, sentences)
        for name, excluded in [("baseline_lda_default", set()), ("baseline_lda_default_content_terms", non_content(sentences))]:
            baseline = baseline_topics(list(sentences["text"]), language, excluded)
            rows.append({"language": language, "model": name, "k": len(baseline), "npmi": reference_npmi(baseline, reference)})
        for model in layout.MODELS:
            topics = chosen_topics(layout.TopicScope(language, model).table("topics"))
            rows.append({"language": language, "model": f"chosen_{model}", "k": len(topics),
                         "npmi": reference_npmi(topics, reference)})
    return pd.DataFrame(rows).round(4)


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    table = run()
    write_tsv(table, Path(layout.BENCHMARKS) / "topic_baseline.tsv")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()
