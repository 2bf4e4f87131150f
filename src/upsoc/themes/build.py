"""Every table of results/themes/ from the sentences, their coding, their vectors and the sheet.

Units are sentences: the encoder reads one sentence at a time well (longer passages are
truncated and averaged into one meaning), a sentence is what the report quotes and links, and
translation pairs align sentence by sentence. Fragments (`upsoc.themes.fragments`) are no units.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from threadpoolctl import threadpool_limits

from ..compare.bootstrap import BootstrapSettings
from ..compare.groups import interval, jensen_shannon, ratio, summarise
from ..embed.store import stale_articles
from ..languages import LANGUAGES, profile
from ..layout import EMBEDDINGS
from ..tables import THEME_COLUMNS, format_list
from .align import mutual_nearest, nearest_in
from .cluster import ThemeFit, ThemeSettings, finest_stable, fit_themes, kmeans, reduce
from .debias import GroupMeans, NullspaceProjection, variety
from .fragments import fragment_reasons
from .terms import class_tfidf, coherence, sentence_terms, top_terms

DIGITS = 6
OUTLIER = -1
# a theme spans a language that holds at least this share of its units (and MIN_SPAN_UNITS)
MIN_SPAN_SHARE, MIN_SPAN_UNITS = 0.05, 3
LANGUAGE_SPECIFIC_UNITS = 20
LABEL_TERMS = 3
# the debiasing table's clustering: a fixed number of clusters, the same for every method
CHECK_CLUSTERS = 20
MIXED = 0.8  # a cluster is mixed when no language holds more than this share of it


class Corpus:
    """The units (non-fragment sentences) with their vectors, terms and groups."""

    def __init__(self, sentences: pd.DataFrame, coded: pd.DataFrame, sheet: pd.DataFrame, vectors: np.ndarray,
                 ids: pd.DataFrame, names: dict[str, frozenset[str]]):
        sentences = sentences.reset_index(drop=True)
        stale = stale_articles(ids, sentences)
        if stale:
            raise ValueError(f"the sentence vectors of {', '.join(stale)} were made from other sentences than their "
                             "sentence tables hold now: embed them again with `snakemake --cores 4 --forcerun "
                             f"{' '.join(EMBEDDINGS.format(article=article) for article in stale)}`")
        if ids["article_id"].tolist() != sentences["article_id"].tolist():
            raise ValueError("the sentence vectors are not in the order of the sentence tables")
        sheet = sheet.set_index("id")
        sentences["language"] = sentences["article_id"].map(sheet["language"])
        sentences["frame"] = sentences["article_id"].map(sheet["frame"])
        reasons = pd.concat([fragment_reasons(sentences[sentences["language"] == code],
                                              coded[coded["language"] == code], code)
                             for code in LANGUAGES if (sentences["language"] == code).any()]).reindex(sentences.index)
        fragments = sentences[reasons != ""].assign(reason=reasons[reasons != ""])
        self.fragments = fragments.rename(columns={"sentence_id": "unit"})[THEME_COLUMNS["fragments"]]
        keep = (reasons == "").to_numpy()
        self.units = sentences[keep].reset_index(drop=True)
        self.vectors = vectors[keep]
        self.units["terms"] = [
            sentence_terms(lemmas, flags, profile(code).reader_form, names.get(code, frozenset()))
            for lemmas, flags, code in zip(self.units["lemmas"], self.units["stopword_flags"], self.units["language"])]
        self.units["group"] = variety(self.units)
        self.parallel = [(a, b) for a, b in sorted(zip(sheet.index, sheet["parallel_of"])) if b]
        self.sheet = sheet

    def languages(self) -> list[str]:
        return [code for code in LANGUAGES if (self.units["language"] == code).any()]

    def rows(self, article: str) -> np.ndarray:
        return np.flatnonzero(self.units["article_id"].to_numpy() == article)

    @functools.cached_property
    def translations(self) -> list[tuple[str, str, np.ndarray, np.ndarray, list[tuple[int, int, float]]]]:
        """Each translation pair: its two articles, their units' rows, and their sentences aligned
        as mutual nearest neighbours by the encoder's own vectors (what every check compares)."""
        sides = [(a, b, self.rows(a), self.rows(b)) for a, b in self.parallel]
        return [(a, b, rows_a, rows_b, mutual_nearest(self.vectors[rows_a], self.vectors[rows_b]))
                for a, b, rows_a, rows_b in sides]


def debiaser(method: str, settings: ThemeSettings):
    if method == "nullspace":
        return NullspaceProjection(settings.iterations, random_state=settings.random_state)
    return GroupMeans()


DEBIASING = {"none": None, "language": "language", "variety": "group", "nullspace": "group"}


def debiased(corpus: Corpus, method: str, settings: ThemeSettings) -> np.ndarray:
    column = DEBIASING[method]
    if column is None:
        return corpus.vectors
    return debiaser(method, settings).fit_transform(corpus.vectors, corpus.units[column].to_numpy())


class Themes:
    """The chosen model and everything read from it."""

    def __init__(self, corpus: Corpus, settings: ThemeSettings):
        self.corpus, self.settings = corpus, settings
        with threadpool_limits(1):  # the same sums whatever the machine's threads
            self.points = reduce(debiased(corpus, settings.debias, settings), settings)
            self.selection, fits = self._sweep()
        k = finest_stable(self.selection, settings)
        self.selection["chosen"] = (self.selection["k"] == k).astype(int)
        self.fit = self._numbered(fits[k])

    def _sweep(self) -> tuple[pd.DataFrame, dict[int, ThemeFit]]:
        # as for the topic models: at most a fifth of the units per theme on average
        ks = [k for k in self.settings.ks if k <= max(2, len(self.points) // 5)] or [min(2, len(self.points))]
        if self.settings.k is not None and self.settings.k not in ks:
            ks.append(self.settings.k)
        rows, fits = [], {}
        for k in ks:
            fit = fit_themes(self.points, k, self.settings)
            fits[k] = fit
            scores = [s for code in self.corpus.languages() for s in self._coherence(fit, code)]
            rows.append({"k": k, "seeds": self.settings.seeds, "stability": fit.stability,
                         "npmi": float(np.nanmean(scores)) if np.isfinite(scores).any() else np.nan,
                         "outliers": float((fit.labels == OUTLIER).mean()), "chosen": 0, "note": ""})
        return pd.DataFrame(rows, columns=THEME_COLUMNS["selection"]), fits

    def _terms(self, fit: ThemeFit, code: str):
        rows = self.corpus.units["language"].to_numpy() == code
        return class_tfidf(self.corpus.units.loc[rows, "terms"], fit.labels[rows], fit.k)

    def _coherence(self, fit: ThemeFit, code: str) -> list[float]:
        weights, _, counts = self._terms(fit, code)
        return coherence(top_terms(weights, self.settings.coherence_terms), counts)

    @staticmethod
    def _numbered(fit: ThemeFit) -> ThemeFit:
        """Themes numbered 1.. from the largest; outliers -1."""
        sizes = np.bincount(fit.labels[fit.labels >= 0], minlength=fit.k)
        order = np.argsort(-sizes, kind="stable")
        number = np.empty(fit.k, dtype=int)
        number[order] = np.arange(1, fit.k + 1)
        labels = np.where(fit.labels >= 0, number[np.maximum(fit.labels, 0)], OUTLIER)
        return ThemeFit(fit.k, labels, fit.centres[order], fit.theme_stability[order])

    @functools.cached_property
    def similarity(self) -> np.ndarray:
        """Each unit's cosine similarity to its theme's centre (to its nearest centre for outliers)."""
        centres = self.fit.centres / np.maximum(np.linalg.norm(self.fit.centres, axis=1, keepdims=True), 1e-12)
        scores = self.points @ centres.T
        nearest = scores.argmax(axis=1)
        theme = np.where(self.fit.labels > 0, self.fit.labels - 1, nearest)
        return scores[np.arange(len(scores)), theme]

    def units_table(self) -> pd.DataFrame:
        units = self.corpus.units
        return pd.DataFrame({"article_id": units["article_id"], "unit": units["sentence_id"].astype(int),
                             "language": units["language"], "theme": self.fit.labels,
                             "similarity": self.similarity}, columns=THEME_COLUMNS["units"])

    def terms_table(self) -> pd.DataFrame:
        rows = []
        for code in self.corpus.languages():
            weights, vocabulary, _ = self._terms(self._zero_based(), code)
            for theme, terms in enumerate(top_terms(weights, self.settings.terms), start=1):
                rows += [{"theme": theme, "language": code, "rank": rank, "term": vocabulary[t], "weight": weights[theme - 1, t]}
                         for rank, t in enumerate(terms, start=1)]
        return pd.DataFrame(rows, columns=THEME_COLUMNS["terms"])

    def _zero_based(self) -> ThemeFit:
        return ThemeFit(self.fit.k, np.where(self.fit.labels > 0, self.fit.labels - 1, OUTLIER), self.fit.centres,
                        self.fit.theme_stability)

    def themes_table(self, terms: pd.DataFrame) -> pd.DataFrame:
        units = self.corpus.units
        rows = []
        for theme in range(1, self.fit.k + 1):
            mine = self.fit.labels == theme
            counts = {code: int((mine & (units["language"] == code).to_numpy()).sum()) for code in self.corpus.languages()}
            total = int(mine.sum())
            spans = [code for code, n in counts.items() if n >= max(MIN_SPAN_UNITS, MIN_SPAN_SHARE * total)]
            specific = ""
            if total >= LANGUAGE_SPECIFIC_UNITS and len(spans) < 2:
                main = max(counts, key=counts.get)
                specific = f"{counts[main]} of its {total} units are {profile(main).name}"
            rows.append({"theme": theme, "label": self._label(terms, theme, counts), "units": total,
                         "languages": format_list([f"{code}={n}" for code, n in counts.items()]),
                         "stability": self.fit.theme_stability[theme - 1], "language_specific": specific})
        return pd.DataFrame(rows, columns=THEME_COLUMNS["themes"])

    @staticmethod
    def _label(terms: pd.DataFrame, theme: int, counts: dict[str, int]) -> str:
        """The theme's top terms in English where it has English units (the report's language),
        else in its largest language."""
        mine = terms[terms["theme"] == theme]
        for code in (["en"] if counts.get("en") else []) + sorted(counts, key=lambda c: -counts[c]):
            words = mine.loc[mine["language"] == code, "term"].head(LABEL_TERMS).tolist()
            if words:
                return " · ".join(words)
        return ""

    def representatives(self) -> pd.DataFrame:
        """Per theme and language, the units closest to the theme's centre, one per article."""
        units = self.corpus.units.assign(theme=self.fit.labels, similarity=self.similarity)
        rows = []
        for (theme, code), group in units[units["theme"] > 0].groupby(["theme", "language"], sort=True):
            group = group.sort_values(["similarity", "article_id", "sentence_id"], ascending=[False, True, True],
                                      kind="stable")
            chosen = group.drop_duplicates("article_id").head(self.settings.representatives)
            rows += [{"theme": theme, "language": code, "rank": rank, "article_id": row.article_id,
                      "unit": int(row.sentence_id), "similarity": row.similarity, "text": row.text}
                     for rank, row in enumerate(chosen.itertuples(index=False), start=1)]
        return pd.DataFrame(rows, columns=THEME_COLUMNS["representatives"])

    def prevalence(self) -> pd.DataFrame:
        """The share of each frame × language group's units in each theme (and among the
        outliers, theme -1), with article-bootstrap intervals (`upsoc.compare.bootstrap`)."""
        units = self.corpus.units
        bootstrap = BootstrapSettings(self.settings.replicates, self.settings.min_articles, self.settings.random_state)
        rng = np.random.default_rng(bootstrap.random_state)
        themes = list(range(1, self.fit.k + 1)) + [OUTLIER]
        indicators = (self.fit.labels[:, None] == np.array(themes)[None, :]).astype(float)
        rows = []
        for (frame, code), group in units.groupby(["frame", "language"], sort=True):
            index = group.index.to_numpy()
            summed = summarise(f"{frame}:{code}", group["article_id"].to_numpy(), indicators[index], bootstrap, rng)
            shares = ratio(summed.totals, summed.weights_sum[:, None])
            low, high = interval(shares)
            rows += [{"theme": theme, "frame": frame, "language": code, "share": shares[0, j], "low": low[j],
                      "high": high[j], "articles": summed.articles, "units": summed.rows, "resampling": summed.scheme}
                     for j, theme in enumerate(themes)]
        return pd.DataFrame(rows, columns=THEME_COLUMNS["prevalence"])

    def pairs(self) -> pd.DataFrame:
        """Translation pairs as a check: the JSD (bits) of the two sides' theme mixtures
        (outliers left out), and how many of their sentences aligned as mutual nearest
        neighbours fall in the same theme. Nothing fitted has seen the pairs."""
        labels = self.fit.labels
        rows = []
        for a, b, rows_a, rows_b, aligned in self.corpus.translations:
            if not len(rows_a) or not len(rows_b):
                continue
            mixture = [np.bincount(labels[r][labels[r] > 0], minlength=self.fit.k + 1)[1:] for r in (rows_a, rows_b)]
            same = sum(labels[rows_a[i]] == labels[rows_b[j]] and labels[rows_a[i]] > 0 for i, j, _ in aligned)
            rows.append({"article_a": a, "article_b": b, "language_a": self.corpus.sheet.loc[a, "language"],
                         "language_b": self.corpus.sheet.loc[b, "language"], "units_a": len(rows_a),
                         "units_b": len(rows_b), "jsd": float(jensen_shannon(*mixture)) if all(m.sum() for m in mixture)
                         else np.nan, "aligned": len(aligned), "same_theme": int(same),
                         "same_theme_share": same / len(aligned) if aligned else np.nan})
        return pd.DataFrame(rows, columns=THEME_COLUMNS["pairs"])

    def neighbours(self, n: int = 1) -> pd.DataFrame:
        """Each unit's n closest units in each other language (the encoder's own vectors)."""
        units = self.corpus.units
        language = units["language"].to_numpy()
        frames = []
        for code in self.corpus.languages():
            queries = np.flatnonzero(language != code)
            candidates = np.flatnonzero(language == code)
            rows, values = nearest_in(self.corpus.vectors[queries], self.corpus.vectors[candidates], n)
            for rank in range(rows.shape[1]):
                found = candidates[rows[:, rank]]
                frames.append(pd.DataFrame({
                    "article_id": units["article_id"].to_numpy()[queries], "unit": units["sentence_id"].to_numpy()[queries],
                    "language": code, "rank": rank + 1, "neighbour_article": units["article_id"].to_numpy()[found],
                    "neighbour_unit": units["sentence_id"].to_numpy()[found], "similarity": values[:, rank]}))
        table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=THEME_COLUMNS["neighbours"])
        table["unit"] = table["unit"].astype(int)
        order = {code: i for i, code in enumerate(LANGUAGES)}
        table = table.assign(_order=table["language"].map(order)).sort_values(
            ["article_id", "unit", "_order", "rank"], kind="stable")
        return table[THEME_COLUMNS["neighbours"]].reset_index(drop=True)


def debiasing_table(corpus: Corpus, settings: ThemeSettings) -> pd.DataFrame:
    """Each debiasing measured on the same footing: how well a linear classifier still tells the
    language (3-fold accuracy; the share of the largest language is what guessing gets), the
    share of `CHECK_CLUSTERS` k-means clusters in which no language holds over 80%, and on the
    translation pairs: the share of sentences that are mutual nearest neighbours, and the share of
    those in the same cluster. Which one the themes use is set in the configuration, not chosen
    here."""
    language = corpus.units["language"].to_numpy()
    rows = []
    with threadpool_limits(1):
        for method in DEBIASING:
            vectors = debiased(corpus, method, settings)
            folds = min(3, pd.Series(language).value_counts().min())
            accuracy = cross_val_score(LogisticRegression(max_iter=2000), vectors, language, cv=folds).mean() \
                if folds >= 2 and len(set(language)) > 1 else np.nan
            k = min(CHECK_CLUSTERS, len(vectors) - 1)
            labels, _ = kmeans(reduce(vectors, settings), k, settings.random_state)
            mixed = np.mean([pd.Series(language[labels == c]).value_counts(normalize=True).max() <= MIXED
                             for c in range(k) if (labels == c).any()])
            neighbours, same, sentences, aligned_raw = 0, 0, 0, 0
            # the pairs aligned by the encoder's own vectors, whatever the debiasing
            for _, _, rows_a, rows_b, raw in corpus.translations:
                neighbours += len(mutual_nearest(vectors[rows_a], vectors[rows_b]))
                sentences += min(len(rows_a), len(rows_b))
                aligned_raw += len(raw)
                same += sum(labels[rows_a[i]] == labels[rows_b[j]] for i, j, _ in raw)
            rows.append({"method": method, "language_accuracy": accuracy, "mixed_clusters": mixed,
                         "pair_neighbours": neighbours / sentences if sentences else np.nan,
                         "pair_same_cluster": same / aligned_raw if aligned_raw else np.nan,
                         "chosen": int(method == settings.debias)})
    return pd.DataFrame(rows, columns=THEME_COLUMNS["debiasing"])


def theme_tables(corpus: Corpus, settings: ThemeSettings) -> dict[str, pd.DataFrame]:
    themes = Themes(corpus, settings)
    terms = themes.terms_table()
    tables = {
        "themes": themes.themes_table(terms),
        "terms": terms,
        "units": themes.units_table(),
        "prevalence": themes.prevalence(),
        "selection": themes.selection,
        "fragments": corpus.fragments,
        "representatives": themes.representatives(),
        "debiasing": debiasing_table(corpus, settings),
        "pairs": themes.pairs(),
        "neighbours": themes.neighbours(),
    }
    return {name: table.round(DIGITS) for name, table in tables.items()}
