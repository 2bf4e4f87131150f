"""Adapter: rule coding_tables -> upsoc.coding.coverage."""


import pandas as pd

from upsoc.coding.coverage import coverage_table
from upsoc.languages import LANGUAGES
from upsoc.layout import key
from upsoc.rulelog import rule_log
from upsoc.tables import CODED_COLUMNS
from upsoc.tsv import read_tsv, write_tsv

with rule_log(snakemake.log[0]):
    coded = pd.concat([read_tsv(path) for path in snakemake.input.coded], ignore_index=True)[CODED_COLUMNS]
    write_tsv(coded, snakemake.output.sentences)
    cue_tables = {language: read_tsv(snakemake.input[key("cues", language)]) for language in LANGUAGES}
    write_tsv(coverage_table(cue_tables, coded, snakemake.params.concepts), snakemake.output.coverage)
