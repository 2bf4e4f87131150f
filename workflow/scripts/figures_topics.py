"""Adapter: rule figures_topics -> upsoc.report.figures."""

from upsoc import layout
from upsoc.report import figures
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv


def model_table(table, language, model):
    return read_tsv(snakemake.input[layout.key(table, layout.TopicScope(language, model).name)])


with rule_log(snakemake.log[0]):
    figures.setup()
    out = snakemake.output
    for language in snakemake.params.languages:
        selection = {model: model_table("selection", language, model) for model in layout.MODELS}
        figures.save(figures.selection_figure(selection, f"K selection ({language})"), out,
                     layout.SELECTION_FIGURE.format(language=language))
        for model in layout.MODELS:
            title = f"{language} {model.upper()}: top terms"
            figures.save(figures.topic_terms_figure(model_table("topics", language, model), title), out,
                         layout.TOPIC_TERMS_FIGURE.format(language=language, model=model))
