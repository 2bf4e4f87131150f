"""Adapter: rule crosslingual_topics -> upsoc.topics.fit."""


import pandas as pd

from upsoc.rulelog import rule_log
from upsoc.topics.fit import TopicSettings, crosslingual_topics
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    units = pd.concat([read_tsv(p) for p in snakemake.input.units], ignore_index=True)
    for name, table in crosslingual_topics(units, TopicSettings(**snakemake.params.settings)).items():
        write_tsv(table, snakemake.output[name])
