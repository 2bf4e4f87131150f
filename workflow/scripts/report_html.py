"""Adapter: rule report_html -> upsoc.report.build.build_index."""

from pathlib import Path

from upsoc.report.build import ReportInputs, Site, build_index
from upsoc.rulelog import rule_log

with rule_log(snakemake.log[0]):
    inputs, params = snakemake.input, snakemake.params
    hashed = [inputs.sheet, inputs.codebook, *inputs.studies, inputs.user_dictionary, *inputs.raw]
    build_index(
        ReportInputs(named=inputs, languages=list(params.languages), groupings=list(params.groupings),
                     config=dict(params.config), inputs_to_hash=[Path(p) for p in hashed]),
        Site.at(params.site),
    )
