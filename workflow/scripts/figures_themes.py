"""Adapter: rule figures_themes -> upsoc.report.figures."""

from upsoc import layout
from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv

with rule_log(snakemake.log[0]):
    figures.setup()
    figure = figures.themes_figure(read_tsv(snakemake.input.prevalence), read_tsv(snakemake.input.themes))
    figures.save(figure, snakemake.output, layout.THEMES_FIGURE)
