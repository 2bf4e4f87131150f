"""Adapter: rule corpus_summary -> upsoc.corpus."""

from pathlib import Path

import pandas as pd

from upsoc.clean import decode
from upsoc.corpus import design_table, summary_row, summary_table, supported_contrasts
from upsoc.rulelog import rule_log
from upsoc.tables import AUDIT_COLUMNS
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    sheet = read_tsv(snakemake.input.sheet).set_index("id", drop=False)
    inputs = snakemake.input
    rows, audits = [], []
    for article_id, raw, text, removed, sentences in zip(
        snakemake.params.articles, inputs.raw, inputs.text, inputs.removed, inputs.sentences
    ):
        audit = read_tsv(removed)
        table = read_tsv(sentences)
        article = sheet.loc[article_id].to_dict()
        raw_text = decode(Path(raw).read_bytes(), raw)
        rows.append(summary_row(article, raw_text, Path(text).read_text(encoding="utf-8"), audit, table))
        audits.append(audit)
    summary = summary_table(rows)
    design = design_table(summary)
    write_tsv(summary, snakemake.output.summary)
    write_tsv(design, snakemake.output.design)
    contrasts = supported_contrasts(design, snakemake.params.min_articles, [tuple(p) for p in snakemake.params.frame_contrasts])
    write_tsv(contrasts, snakemake.output.contrasts)
    write_tsv(pd.concat(audits, ignore_index=True)[AUDIT_COLUMNS], snakemake.output.removed)
