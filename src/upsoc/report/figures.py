"""Figures with seaborn, each saved as PNG and SVG, byte-identical from run to run."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from ..compare.frames import CODED as CODED_METHOD, PPI as PPI_METHOD  # noqa: E402
from ..layout import key  # noqa: E402
from .fonts import font_families, shape  # noqa: E402

DPI = 120
# Per-article figures label each article up to this many; beyond, they stop growing.
LABELLED_ARTICLES = 40


def setup() -> None:
    """Theme and fonts; raises FontError when Chinese or Persian glyphs are missing."""
    sns.set_theme(style="whitegrid", context="paper")
    plt.rcParams["font.family"] = font_families()
    plt.rcParams["svg.hashsalt"] = "upsoc"  # stable element ids in SVG
    plt.rcParams["axes.unicode_minus"] = False


def _message_figure(title: str, message: str):
    figure, ax = plt.subplots(figsize=(6, 1.5))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    ax.set_title(title)
    return figure


def save(figure, outputs: Mapping[str, str], name: str) -> None:
    """Saves figure `name` as the PNG and SVG outputs a rule declares for it (`layout.key(name, "png")`, …)."""
    png, svg = Path(outputs[key(name, "png")]), Path(outputs[key(name, "svg")])
    png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(png, dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    figure.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(figure)


def _errorbars(ax, frame: pd.DataFrame, value: str, low: str, high: str, label: str, offset: float, color) -> None:
    positions = [i + offset for i in range(len(frame))]
    ax.errorbar(frame[value], positions, xerr=[frame[value] - frame[low], frame[high] - frame[value]],
                fmt="o", color=color, capsize=2, markersize=4, label=label)


def interval_plot(table: pd.DataFrame, category: str, hue: str, value: str, low: str, high: str, title: str, xlabel: str):
    categories = list(dict.fromkeys(table[category]))
    hues = list(dict.fromkeys(table[hue]))
    figure, ax = plt.subplots(figsize=(7, 0.28 * len(categories) + 1.5))
    palette = sns.color_palette("colorblind", len(hues))
    step = 0.8 / max(len(hues), 1)
    for i, (name, color) in enumerate(zip(hues, palette)):
        part = table[table[hue] == name].set_index(category).reindex(categories).reset_index()
        _errorbars(ax, part.astype({value: float, low: float, high: float}), value, low, high, shape(str(name)),
                   -0.4 + step * (i + 0.5), color)
    ax.set_yticks(range(len(categories)), [shape(c) for c in categories])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="best", fontsize="small")
    return figure


def prevalence_figure(prevalence: pd.DataFrame, grouping: str):
    table = prevalence[prevalence["grouping"] == grouping]
    return interval_plot(table, "concept", "group", "share", "share_low", "share_high",
                         f"Concept prevalence by {grouping} (95% bootstrap intervals)", "share of sentences")


def themes_figure(prevalence: pd.DataFrame, themes: pd.DataFrame):
    """Each theme's share of the units of each frame × language group; outliers last."""
    labels = {str(t): f"{t}: {label}" for t, label in zip(themes["theme"], themes["label"])} | {"-1": "-1: outliers"}
    table = prevalence.assign(theme=prevalence["theme"].astype(str).map(labels),
                              group=prevalence["frame"] + " · " + prevalence["language"])
    if table.empty:
        return _message_figure("Themes by frame and language", "no themes in this corpus")
    return interval_plot(table, "theme", "group", "share", "low", "high",
                         "Theme prevalence by frame × language (95% article-bootstrap intervals)", "share of units")


def difference_figure(differences: pd.DataFrame, grouping: str):
    table = differences[(differences["grouping"] == grouping) & (differences["comparison"] == "pairwise")].copy()
    table["pair"] = table["group_a"] + " − " + table["group_b"]
    figure = interval_plot(table, "concept", "pair", "difference", "low", "high",
                           f"Difference in prevalence by {grouping} (95% bootstrap intervals)", "difference in share of sentences")
    figure.axes[0].axvline(0, color="grey", linewidth=0.8)
    return figure


def frame_effects_figure(effects: pd.DataFrame, frame_contrasts: list[tuple[str, str]]):
    """One panel per frame contrast: each concept's contrast in every stratum (each language,
    then `standardised`), prediction-powered (`ppi`, solid) and coded (light: its interval
    ignores the coding's errors), with 95% intervals. A missing interval draws the point alone."""
    contrasts = [f"{a}-{b}" for a, b in frame_contrasts]
    table = effects[effects["contrast"].isin(contrasts)]
    table = table.assign(**{c: pd.to_numeric(table[c], errors="coerce") for c in ("estimate", "low", "high")})
    concepts = list(dict.fromkeys(effects["concept"]))
    strata = list(dict.fromkeys(table["stratum"]))
    figure, axes = plt.subplots(1, len(contrasts), figsize=(3.6 * len(contrasts) + 1.5, 0.3 * len(concepts) + 1.8),
                                sharey=True, squeeze=False)
    palette = sns.color_palette("colorblind", max(len(strata), 1))
    # per stratum two slots, ppi above coded
    step = 0.8 / max(2 * len(strata), 1)
    for ax, contrast in zip(axes.flat, contrasts):
        panel = table[table["contrast"] == contrast]
        for i, (stratum, color) in enumerate(zip(strata, palette)):
            for j, (method, style) in enumerate(((PPI_METHOD, {"alpha": 1.0, "fmt": "o"}),
                                                 (CODED_METHOD, {"alpha": 0.35, "fmt": "s"}))):
                part = panel[(panel["stratum"] == stratum) & (panel["method"] == method)].set_index("concept").reindex(concepts)
                if part["estimate"].isna().all():  # no ppi rows until the inference study is adjudicated
                    continue
                at = [k - 0.4 + step * (2 * i + j + 0.5) for k in range(len(concepts))]
                ax.errorbar(part["estimate"], at, xerr=[(part["estimate"] - part["low"]).fillna(0),
                                                        (part["high"] - part["estimate"]).fillna(0)],
                            color=color, capsize=1.5, markersize=3.5, linewidth=1, label=f"{stratum}, {method}", **style)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_title(shape(contrast.replace("-", " − ")), fontsize="small")
        ax.set_xlabel("difference in share of sentences")
    axes[0, 0].set_yticks(range(len(concepts)), [shape(c) for c in concepts])
    axes[0, 0].set_ylim(len(concepts) - 0.5, -0.5)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 0.95), fontsize="small",
                      title="stratum, method")
    figure.suptitle("Frame contrasts within each language (95% intervals; coded: light, ignores coding errors)")
    figure.tight_layout()
    return figure


def heatmap_figure(prevalence: pd.DataFrame, labelled_articles: int = LABELLED_ARTICLES):
    """Concept shares per article. Beyond `labelled_articles` the figure stops growing: columns
    get narrow and unlabelled, and the cells are drawn as one image (also in the SVG)."""
    table = prevalence[prevalence["grouping"] == "article"].astype({"share": float})
    matrix = table.pivot(index="concept", columns="group", values="share").reindex(list(dict.fromkeys(table["concept"])))
    articles = matrix.shape[1]
    labelled = articles <= labelled_articles
    width = 1.2 * articles + 3 if labelled else 1.2 * labelled_articles + 3
    figure, ax = plt.subplots(figsize=(width, 0.3 * matrix.shape[0] + 1.5))
    sns.heatmap(matrix, cmap="mako_r", ax=ax, cbar_kws={"label": "share of sentences"},
                linewidths=0.3 if labelled else 0, xticklabels=labelled, rasterized=not labelled)
    ax.set_xlabel("article" if labelled else f"{articles} articles, in id order")
    ax.set_ylabel("concept")
    ax.set_title("Concepts by article")
    return figure


def topic_terms_figure(topics: pd.DataFrame, title: str, n_terms: int = 6):
    table = topics.astype({"topic": int, "rank": int, "weight": float})
    table = table[table["rank"] <= n_terms]
    k = table["topic"].nunique()
    if k == 0:
        return _message_figure(title, "no model: too little text (see selection.tsv)")
    columns = min(4, k)
    rows = -(-k // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.2 * rows), squeeze=False)
    color = sns.color_palette("colorblind")[0]
    for ax, (topic, part) in zip(axes.flat, table.groupby("topic")):
        # matplotlib's bars, not seaborn's: a figure has up to forty panels, and seaborn's
        # categorical machinery made building them slower than drawing them
        positions = range(len(part))
        ax.barh(positions, part["weight"], color=color)
        ax.set_yticks(positions, [shape(t) for t in part["term"]])
        # the first term on top; room for n_terms in every panel, so that a topic with fewer
        # terms (a seeded topic of one cue) keeps bars of the same thickness
        ax.set_ylim(n_terms - 0.5, -0.5)
        # no weight scale: the bars compare a topic's terms (weights in topics.tsv), and the
        # panels' tick labels were half of the figure's drawing time
        ax.set_xticks([])
        ax.grid(axis="y", visible=False)
        ax.set_title(f"topic {topic}", fontsize="small")
    for ax in list(axes.flat)[k:]:
        ax.set_visible(False)
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def selection_figure(selections: dict[str, pd.DataFrame], title: str):
    figure, axes = plt.subplots(1, 2, figsize=(8, 3))
    for model, table in selections.items():
        # stability is empty for the Ks whose refits the selection rule did not need
        table = table[table["k"] != ""].astype({"k": int, "npmi": float})
        stability = pd.to_numeric(table["stability"], errors="coerce")
        axes[0].plot(table["k"], table["npmi"], marker="o", label=model)
        axes[1].plot(table["k"][stability.notna()], stability.dropna(), marker="o", label=model)
        chosen = table[table["chosen"].astype(int) == 1]
        axes[0].scatter(chosen["k"], chosen["npmi"], s=90, facecolors="none", edgecolors="black")
    axes[0].set(xlabel="K", ylabel="NPMI", title="coherence")
    axes[1].set(xlabel="K", ylabel="mean matched Jaccard", title="stability across seeds")
    axes[0].legend()
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def keyness_figure(keyness: pd.DataFrame, language: str, n: int = 10):
    if keyness.empty:
        return _message_figure(f"Keyness ({language})", "no comparison: every article of this language is in one group")
    figure, ax = plt.subplots(figsize=(6, 4.5))
    first = keyness[["grouping", "group_a", "group_b"]].iloc[0]
    table = keyness[(keyness["grouping"] == first["grouping"]) & (keyness["group_a"] == first["group_a"])
                    & (keyness["group_b"] == first["group_b"])].astype({"z": float})
    table = pd.concat([table.nlargest(n, "z"), table.nsmallest(n, "z")]).drop_duplicates("term").sort_values("z")
    colors = [sns.color_palette("colorblind")[0 if z > 0 else 1] for z in table["z"]]
    ax.barh([shape(t) for t in table["term"]], table["z"], color=colors)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlabel(f"z of the log-odds ratio: > 0 {first['group_a']}, < 0 {first['group_b']}")
    ax.set_title(f"Keyness ({language}, by {first['grouping']})")
    return figure


def mixture_figure(article_topics: pd.DataFrame, labelled_articles: int = LABELLED_ARTICLES):
    """Stacked topic shares per article: one labelled bar each, or beyond `labelled_articles`
    unlabelled bands of a fixed height."""
    table = article_topics.astype({"topic": int, "weight": float}).pivot(index="article_id", columns="topic", values="weight")
    labelled = len(table) <= labelled_articles
    figure, ax = plt.subplots(figsize=(7, 0.45 * min(len(table), labelled_articles) + 1.5))
    if labelled:
        table.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.8)
        ax.set_ylabel("")
    else:
        right = table.fillna(0).cumsum(axis=1)
        colours = plt.get_cmap("tab10")
        for i, topic in enumerate(table.columns):
            left = right[table.columns[i - 1]] if i else 0
            ax.fill_betweenx(range(len(table)), left, right[topic], step="mid", color=colours(i % 10), label=topic,
                             linewidth=0)
        ax.set_ylim(-0.5, len(table) - 0.5)
        ax.set_yticks([])
        ax.set_ylabel(f"{len(table)} articles, in id order")
    ax.set_xlabel("share of the article's concept mass")
    ax.set_title("Cross-lingual topic mixtures by article")
    ax.legend(title="topic", bbox_to_anchor=(1.01, 1), loc="upper left", fontsize="small")
    return figure
