"""Adapter: rule crosslingual_topics -> upsoc.topics.fit on concept-mapped units."""


import pandas as pd

from upsoc.rulelog import rule_log
from upsoc.topics.fit import TopicSettings, article_topics, fit_topics
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    units = pd.concat([read_tsv(p) for p in snakemake.input.units], ignore_index=True)
    # the vocabulary is the codebook's concepts: every one counts, however rare or small
    settings = TopicSettings(**snakemake.params.settings, min_df=1, min_reliable_vocabulary=0)
    tables = fit_topics(units, "lda", settings, column="concepts")
    tables["article_topics"] = article_topics(tables["doc_topics"], units, column="concepts")
    for name, table in tables.items():
        write_tsv(table, snakemake.output[name])
