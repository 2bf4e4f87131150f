"""Adapter: rule figures_compare -> upsoc.report.figures."""

from upsoc import layout
from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv

with rule_log(snakemake.log[0]):
    figures.setup()
    out = snakemake.output
    prevalence = read_tsv(snakemake.input.prevalence)
    differences = read_tsv(snakemake.input.differences)
    frame_contrasts = [tuple(pair) for pair in snakemake.params.frame_contrasts]
    figures.save(figures.frame_effects_figure(read_tsv(snakemake.input.frame_effects), frame_contrasts), out,
                 layout.FRAME_EFFECTS_FIGURE)
    for grouping in snakemake.params.groupings:
        figures.save(figures.prevalence_figure(prevalence, grouping), out, layout.PREVALENCE_FIGURE.format(grouping=grouping))
        figures.save(figures.difference_figure(differences, grouping), out, layout.DIFFERENCES_FIGURE.format(grouping=grouping))
    figures.save(figures.heatmap_figure(prevalence), out, layout.HEATMAP_FIGURE)
    figures.save(figures.mixture_figure(read_tsv(snakemake.input.mixtures)), out, layout.MIXTURES_FIGURE)
    for language in snakemake.params.languages:
        keyness = read_tsv(snakemake.input[layout.key("keyness", language)])
        figures.save(figures.keyness_figure(keyness, language), out, layout.KEYNESS_FIGURE.format(language=language))
