"""Adapter: rule validate_instrument -> upsoc.annotation.study."""

import pandas as pd

from upsoc.annotation.instrument import cue_precision
from upsoc.annotation.study import items_to_code, load_study, validation_tables
from upsoc.coding.advice import AdviceDetector
from upsoc.coding.matcher import CueMatcher
from upsoc.coding.validation import code_analysed, with_tokens
from upsoc.layout import key
from upsoc.rulelog import rule_log
from upsoc.tsv import read_tsv, write_tsv


with rule_log(snakemake.log[0]):
    concepts = snakemake.params.concepts
    studies = [load_study(folder, concepts) for folder in snakemake.params.studies]
    languages = sorted({lang for study in studies for lang in study.sample["language"]})
    tokens = read_tsv(snakemake.input.tokens).rename(columns={"item": "id"})
    matchers = {lang: CueMatcher(read_tsv(snakemake.input[key("cues", lang)]), lang) for lang in languages}
    detectors = {lang: AdviceDetector(read_tsv(snakemake.input[key("advice", lang)])) for lang in languages}
    tables, sentences = [], []
    for study in studies:
        items = with_tokens(items_to_code(study), tokens[tokens["study"] == study.name], f"{snakemake.input.tokens} ({study.name})")
        coded = code_analysed(items, matchers, detectors, concepts).set_index("id")
        reference = study.reference
        sentences.append(pd.DataFrame({
            "study": study.name, "split": study.sample["split"], "item": study.sample.index,
            "article_id": study.sample["article_id"], "language": study.sample["language"], "text": study.sample["text"],
            "reference_concepts": reference["concepts"], "concepts": coded["concepts"], "cues": coded["cues"],
            "reference_advice": reference["is_advice"], "is_advice": coded["is_advice"].astype(str), "advice_cues": coded["advice_cues"],
        }))
        instrument = coded[["concepts", "is_advice"]].astype(str)
        tables.append(validation_tables(study, instrument, concepts, snakemake.params.replicates, snakemake.params.random_state))
    for table in ("scores", "agreement", "confusions"):
        write_tsv(pd.concat([t[table] for t in tables], ignore_index=True), snakemake.output[table])
    sentences = pd.concat(sentences, ignore_index=True)
    write_tsv(sentences, snakemake.output.sentences)
    write_tsv(cue_precision(sentences), snakemake.output.cues)
