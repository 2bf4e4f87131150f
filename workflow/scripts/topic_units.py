"""Adapter: rule topic_units -> upsoc.topics.units."""


import pandas as pd

from upsoc.rulelog import rule_log
from upsoc.topics.units import build_units
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    sentences = pd.concat([read_tsv(p) for p in snakemake.input.sentences], ignore_index=True)
    coded = pd.concat([read_tsv(p) for p in snakemake.input.coded], ignore_index=True)
    units = build_units(sentences, coded, snakemake.wildcards.language, snakemake.params.min_tokens)
    write_tsv(units, snakemake.output.units)
