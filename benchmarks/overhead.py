"""The pipeline's overhead: the Snakemake run beside the same stages in one Python process.

For each corpus (as in `scale.py`: "seed", "shipped" or N synthetic articles), two copies of
one working directory are run:

* snakemake: `snakemake --cores C`, as a user runs it;
* one_process: a fresh Python process asks Snakemake for the jobs of the same DAG, then runs
  every job's rule script in dependency order, in that one process, with the job's input,
  output, params and log: the package is called exactly as the rule scripts call it, but
  libraries are imported and tokenizers loaded once, with no scheduling and no bookkeeping.

The ratio snakemake / one_process (wall time) is the pipeline's overhead. The timed part of
one_process is the jobs only (building the DAG is Snakemake's work, counted in the other
run). Both runs must give byte-identical results (compared by sha256 of every file under
results/), otherwise the benchmark stops. Run from the repository root:

    python -m benchmarks.overhead --sizes seed 1000 --cores 2

It writes results/benchmarks/overhead.tsv and prints it as Markdown.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from upsoc.tsv import write_tsv

from .scale import corpus_arguments, prepare, result_digests, run_snakemake, shipped_material


def run_jobs_in_this_process(workdir: Path) -> float:
    """Build the workflow's DAG in `workdir`, then run every job's script here; the seconds
    the jobs took."""
    import snakemake.iocontainers
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import OutputSettings, ResourceSettings

    with SnakemakeApi(OutputSettings(quiet={"all"})) as api:
        workflow_api = api.workflow(resource_settings=ResourceSettings(cores=1), snakefile=Path("Snakefile"),
                                    workdir=workdir)
        workflow_api.dag()
        workflow = workflow_api._workflow
        workflow._prepare_dag(forceall=False, ignore_incomplete=True, lock_warn_only=True, nolock=True)
        workflow._build_dag()
        levels = [sorted(level, key=lambda job: (job.rule.name, str(job.wildcards))) for level in workflow.dag.toposorted()]
        start = time.perf_counter()
        for level in levels:
            for job in level:
                if not job.rule.script:
                    continue
                for path in [*job.output, *job.log]:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                script = Path(job.rule.basedir.get_path_or_uri(secret_free=True), job.rule.script).resolve()
                context = snakemake.iocontainers.Snakemake(
                    job.input, job.output, job.params, job.wildcards, job.threads, job.resources, job.log,
                    workflow.config, job.rule.name, None, script.parent,
                )
                code = compile(script.read_text(encoding="utf-8"), str(script), "exec")
                exec(code, {"snakemake": context, "__file__": str(script), "__name__": "__main__"})
        return time.perf_counter() - start


def one_process(workdir: Path, log: Path) -> float:
    """`run_jobs_in_this_process` in a fresh interpreter, so that it pays every import once."""
    with log.open("w") as out:
        done = subprocess.run([sys.executable, "-m", "benchmarks.overhead", "--jobs-in", str(workdir)],
                              stdout=subprocess.PIPE, stderr=out, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the one-process run failed in {workdir} (exit {done.returncode}); see {log}")
    return float(done.stdout.strip().splitlines()[-1])


def benchmark_size(repo: Path, root: Path, size: str, cores: int, pool, sheet, config) -> dict:
    articles = prepare(repo, root / "snakemake", size, pool, sheet, config)
    shutil.copytree(root / "snakemake", root / "one_process")
    print(f"[{size}] snakemake ...", file=sys.stderr, flush=True)
    pipeline = run_snakemake(root / "snakemake", cores, root / "snakemake.log")
    print(f"[{size}] one process ...", file=sys.stderr, flush=True)
    alone = one_process(root / "one_process", root / "one_process.log")
    pipeline_results, alone_results = result_digests(root / "snakemake"), result_digests(root / "one_process")
    differing = sorted(f for f in pipeline_results.keys() | alone_results.keys() if pipeline_results.get(f) != alone_results.get(f))
    if differing:
        raise SystemExit(f"[{size}] the one-process run ({alone:.1f} s) differs from Snakemake's ({pipeline['wall_s']:.1f} s) "
                         f"in {', '.join(differing[:10])}: see {root} (kept with --keep)")
    return {"size": size, "articles": articles, "cores": cores, "snakemake_wall_s": pipeline["wall_s"],
            "snakemake_cpu_s": pipeline["cpu_s"], "one_process_wall_s": alone, "ratio": pipeline["wall_s"] / alone}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arguments(parser, ["seed", "1000"])
    parser.add_argument("--jobs-in", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.jobs_in:
        print(run_jobs_in_this_process(args.jobs_in.resolve()))
        return
    repo, config, sheet, pool = shipped_material(parser, args.sizes)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="upsoc-overhead-"))
    rows = []
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for size in args.sizes:
            rows.append(benchmark_size(repo, root / size, size, args.cores, pool, sheet, config))
            write_tsv(pd.DataFrame(rows).round(3), args.out / "overhead.tsv")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(pd.DataFrame(rows).round(3).to_markdown(index=False))


if __name__ == "__main__":
    main()
