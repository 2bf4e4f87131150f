"""Adapter: rule figures_compare -> upsoc.report.figures."""

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
    for language, keyness in zip(snakemake.params.languages, snakemake.input.keyness):
        figures.save(figures.keyness_figure(read_tsv(keyness), language), out / f"keyness_{language}")
