"""Adapter: rule figures_topics -> upsoc.report.figures."""

from pathlib import Path

from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv

with rule_log(snakemake.log[0]):
    figures.setup()
    out = Path(snakemake.output[0]).parent
    models = ("lda", "nmf")  # the rule's inputs are language × model, in this order
    topics = iter(snakemake.input.topics)
    selections = iter(snakemake.input.selection)
    for language in snakemake.params.languages:
        selection = {model: read_tsv(next(selections)) for model in models}
        figures.save(figures.selection_figure(selection, f"K selection ({language})"), out / f"selection_{language}")
        for model in models:
            figures.save(figures.topic_terms_figure(read_tsv(next(topics)), f"{language} {model.upper()}: top terms"),
                         out / f"topic_terms_{language}_{model}")
