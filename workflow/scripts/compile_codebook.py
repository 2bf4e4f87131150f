"""Adapter: rule compile_codebook -> upsoc.coding.codebook / advice."""


from upsoc.coding.advice import compile_advice
from upsoc.coding.codebook import compile_cues, load_codebook
from upsoc.languages import profile
from upsoc.rulelog import rule_log
from upsoc.sheet import load_schema
from upsoc.tsv import write_tsv

with rule_log(snakemake.log[0]):
    language = snakemake.wildcards.language
    codebook = load_codebook(snakemake.params.codebook, load_schema(snakemake.params.schema)).in_language(language)
    tokenizer = profile(language).make_tokenizer(snakemake.input.get("user_dictionary"))
    normalizer = profile(language).make_normalizer()
    write_tsv(compile_cues(codebook, language, tokenizer, normalizer), snakemake.output.cues)
    write_tsv(compile_advice(codebook.advice[language], tokenizer, normalizer), snakemake.output.advice)
