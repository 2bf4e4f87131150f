"""Adapter: rule topic_units -> upsoc.topics.units."""

from contextlib import redirect_stderr

import pandas as pd

from upsoc.topics.units import build_units
from upsoc.tsv import read_tsv, write_tsv

with open(snakemake.log[0], "w") as log, redirect_stderr(log):
    sentences = pd.concat([read_tsv(p) for p in snakemake.input.sentences], ignore_index=True)
    coded = pd.concat([read_tsv(p) for p in snakemake.input.coded], ignore_index=True)
    units = build_units(sentences, coded, snakemake.wildcards.language, snakemake.params.min_tokens)
    write_tsv(units, snakemake.output.units)
