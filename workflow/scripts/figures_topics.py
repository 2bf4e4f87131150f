"""Adapter: rule figures_topics -> upsoc.report.figures (one language's models).

The rule's outputs are keyed by the figure names with `{language}` left in (the wildcard)."""

from upsoc import layout
from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv

with rule_log(snakemake.log[0]):
    figures.setup()
    language, out = snakemake.wildcards.language, snakemake.output
    selection = {model: read_tsv(snakemake.input[layout.key("selection", model)]) for model in layout.MODELS}
    figures.save(figures.selection_figure(selection, f"K selection ({language})"), out, layout.SELECTION_FIGURE)
    for model in layout.MODELS:
        title = f"{language} {model.upper()}: top terms"
        figures.save(figures.topic_terms_figure(read_tsv(snakemake.input[layout.key("topics", model)]), title), out,
                     layout.TOPIC_TERMS_FIGURE.format(language="{language}", model=model))
