"""Adapter: rule figures -> upsoc.report.figures."""

from pathlib import Path

from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv

with rule_log(snakemake.log[0]):
    figures.setup()
    out = Path(snakemake.output[0]).parent
    prevalence = read_tsv(snakemake.input.prevalence)
    differences = read_tsv(snakemake.input.differences)
    for grouping in snakemake.params.groupings:
        figures.save(figures.prevalence_figure(prevalence, grouping), out / f"prevalence_{grouping}")
        figures.save(figures.difference_figure(differences, grouping), out / f"differences_{grouping}")
    figures.save(figures.heatmap_figure(prevalence), out / "concept_heatmap")
    figures.save(figures.mixture_figure(read_tsv(snakemake.input.mixtures)), out / "crosslingual_mixtures")
    results = Path(snakemake.input.mixtures).parents[2]
    for language in snakemake.params.languages:
        selections = {m: read_tsv(results / "topics" / language / m / "selection.tsv") for m in ("lda", "nmf")}
        figures.save(figures.selection_figure(selections, f"K selection ({language})"), out / f"selection_{language}")
        figures.save(figures.keyness_figure(read_tsv(results / "compare" / f"keyness_{language}.tsv"), language),
                     out / f"keyness_{language}")
        for model in ("lda", "nmf"):
            topics = read_tsv(results / "topics" / language / model / "topics.tsv")
            figures.save(figures.topic_terms_figure(topics, f"{language} {model.upper()}: top terms"),
                         out / f"topic_terms_{language}_{model}")
