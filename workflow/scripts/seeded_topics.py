"""Adapter: rule seeded_topics -> upsoc.topics.fit (the seeded model)."""


from upsoc.languages import profile
from upsoc.layout import SEEDED
from upsoc.rulelog import rule_log
from upsoc.topics.fit import TopicSettings, fit_topics
from upsoc.topics.units import cue_terms
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    units = read_tsv(snakemake.input.units)
    terms = cue_terms(read_tsv(snakemake.input.cues), profile(snakemake.wildcards.language).reader_form)
    tables = fit_topics(units, SEEDED, TopicSettings(**snakemake.params.settings), cue_terms=terms)
    for name, table in tables.items():
        write_tsv(table, snakemake.output[name])
