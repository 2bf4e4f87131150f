"""Adapter: rule topic_model -> upsoc.topics.fit."""


from upsoc.rulelog import rule_log
from upsoc.topics.fit import TopicSettings, fit_topics
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    units = read_tsv(snakemake.input.units)
    tables = fit_topics(units, snakemake.wildcards.model, TopicSettings(**snakemake.params.settings))
    for name, table in tables.items():
        write_tsv(table, snakemake.output[name])
