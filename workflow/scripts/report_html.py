"""Adapter: rule report_html -> upsoc.report."""

from contextlib import redirect_stderr

from upsoc.report import render_index
from upsoc.tsv import read_tsv, write_text

with open(snakemake.log[0], "w") as log, redirect_stderr(log):
    summary = read_tsv(snakemake.input.summary)
    audit = read_tsv(snakemake.input.removed)
    links = {a: f"../clean/{a}.removed.tsv" for a in summary["article_id"]}
    write_text(render_index(summary, audit, links), snakemake.output.index)
