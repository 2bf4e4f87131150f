"""Adapter: rule themes -> upsoc.themes.build."""

import pandas as pd

from upsoc.embed.store import read_vectors
from upsoc.rulelog import rule_log
from upsoc.themes.build import Corpus, theme_tables
from upsoc.themes.cluster import ThemeSettings
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    vectors, ids = read_vectors(snakemake.input.vectors, snakemake.input.ids)
    names = {code: frozenset(read_tsv(snakemake.input[f"names_{code}"])["term"]) for code in snakemake.params.languages}
    corpus = Corpus(pd.concat([read_tsv(p) for p in snakemake.input.sentences], ignore_index=True),
                    read_tsv(snakemake.input.coded), read_tsv(snakemake.input.sheet), vectors, ids, names)
    settings = ThemeSettings(**{**snakemake.params.settings, **snakemake.params.bootstrap})
    for name, table in theme_tables(corpus, settings).items():
        write_tsv(table, snakemake.output[name])
