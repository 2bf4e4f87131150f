"""Adapter: rule analyse_studies -> upsoc.coding.validation."""

from pathlib import Path

import pandas as pd

from upsoc.annotation.study import load_sample
from upsoc.coding.validation import analyse_sample, analyser
from upsoc.rulelog import rule_log
from upsoc.tables import STUDY_TOKEN_COLUMNS
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    samples = {Path(folder).name: load_sample(folder).reset_index().rename(columns={"item": "id"})
               for folder in snakemake.params.studies}
    languages = sorted({lang for sample in samples.values() for lang in sample["language"]})
    analysers = {lang: analyser(lang, snakemake.input.get("user_dictionary")) for lang in languages}
    tables = [analyse_sample(sample, analysers).rename(columns={"id": "item"}).assign(study=study)
              for study, sample in samples.items()]
    write_tsv(pd.concat(tables, ignore_index=True)[STUDY_TOKEN_COLUMNS], snakemake.output.tokens)
