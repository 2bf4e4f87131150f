"""How the pipeline scales: cold run, no-op rerun and one added article, for corpora of N articles.

For each size, a working directory gets a copy of the workflow, the config, codebook and
lexicon of this repository, and a corpus: the five seed articles ("seed", the first rows of
the shipped sheet), the shipped corpus ("shipped"), or N synthetic articles recombined from
the shipped corpus's sentences (`synthetic.py`). Then, with `snakemake --cores C` each time:

* cold: from no results;
* noop: again, nothing to do;
* add_one: after adding one more synthetic article to the sheet;
* verify: a cold run of the grown corpus in a fresh copy, whose results must be
  byte-identical to add_one's (sha256 of every file under results/); it stops otherwise.

Measured per phase: wall time, CPU time (user + system of every process the run started) and
peak memory (the summed RSS of Snakemake and all its job processes, sampled every 0.2 s); and
per stage, from the rules' `benchmark:` files, the jobs' summed wall and CPU time and their
largest RSS. Run from the repository root:

    python -m benchmarks.scale --sizes seed shipped 1000 5000 --cores 2

It writes results/benchmarks/scale.tsv (one row per size) and scale_stages.tsv (size × phase ×
stage), after each size, and prints both as Markdown at the end. Working directories are
removed unless --keep is given; `--phases cold` measures cold runs only.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
import yaml

from upsoc import layout
from upsoc.tsv import write_tsv
from upsoc.yamlfile import read_yaml

from .synthetic import seed_pool, write_corpus

SEED = 20240101
# The shared seed corpus: the first rows of the shipped sheet.
SEED_ARTICLES = 5
NAMED_CORPORA = ("seed", "shipped")
PHASES = ("cold", "noop", "add_one", "verify")
PROJECT = ("Snakefile", "workflow", "config", "data")
STAGE_COLUMNS = ["size", "articles", "phase", "stage", "jobs", "wall_s", "cpu_s", "max_rss_mb"]
SHARED_INPUTS = ("codebook", "zh_user_dictionary", "person_names")


class PeakMemory(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.root, self.interval, self.peak = psutil.Process(pid), interval, 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            total = 0
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    total += process.memory_info().rss
            except psutil.NoSuchProcess:
                pass
            self.peak = max(self.peak, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


def run_snakemake(workdir: Path, cores: int, log: Path) -> dict:
    """Wall, CPU and peak memory of one Snakemake run; stops with its log if it fails."""
    shutil.rmtree(workdir / "logs" / "benchmarks", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "snakemake", "--cores", str(cores)], cwd=workdir, stdout=out, stderr=subprocess.STDOUT
        )
        sampler = PeakMemory(process.pid)
        sampler.start()
        code = process.wait()
    wall = time.perf_counter() - start
    peak = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code:
        raise SystemExit(f"snakemake failed in {workdir} (exit {code}); see {log}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "max_rss_mb": peak / 2**20}


def result_digests(workdir: Path) -> dict[str, str]:
    """sha256 of every file under results/, benchmarks and Snakemake's markers of folder
    outputs aside."""
    results = workdir / "results"
    return {
        str(path.relative_to(results)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(results.rglob("*"))
        if path.is_file() and path.relative_to(results).parts[0] != "benchmarks" and path.name != ".snakemake_timestamp"
    }


def fresh_copy(workdir: Path) -> Path:
    """The project and corpus of `workdir`, without results or Snakemake's records."""
    fresh = workdir.with_name(f"{workdir.name}-fresh")
    fresh.mkdir()
    for item in PROJECT:
        source = workdir / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, fresh / item)
    return fresh


def stage_table(workdir: Path) -> pd.DataFrame:
    """Per stage (the folder of each rule's benchmark files): jobs, summed wall and CPU, largest RSS."""
    rows = []
    for path in sorted((workdir / "logs" / "benchmarks").glob("*/*.tsv")):
        measured = pd.read_csv(path, sep="\t")
        rows.append({"stage": path.parent.name, "wall_s": measured["s"].sum(),
                     "cpu_s": measured["cpu_time"].sum(), "max_rss_mb": measured["max_rss"].max()})
    table = pd.DataFrame(rows, columns=["stage", "wall_s", "cpu_s", "max_rss_mb"])
    return (
        table.groupby("stage", sort=True)
        .agg(jobs=("wall_s", "size"), wall_s=("wall_s", "sum"), cpu_s=("cpu_s", "sum"), max_rss_mb=("max_rss_mb", "max"))
        .reset_index()
    )


def prepare(repo: Path, workdir: Path, size: str, pool, sheet: pd.DataFrame, config: dict) -> int:
    """Lay out a working directory with the workflow and a corpus; returns its number of articles."""
    workdir.mkdir(parents=True)
    shutil.copy(repo / "Snakefile", workdir / "Snakefile")
    shutil.copytree(repo / "workflow", workdir / "workflow")
    settings = {**config, **{key: str(repo / config[key]) for key in SHARED_INPUTS}}
    settings.update(articles="data/articles.tsv", raw_dir="data/raw")
    settings["validation"] = {**config["validation"], "studies": str(repo / config["validation"]["studies"])}
    (workdir / "config").mkdir()
    (workdir / "config" / "config.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    raw_dir = workdir / "data" / "raw"
    if size in NAMED_CORPORA:
        corpus = sheet.head(SEED_ARTICLES) if size == "seed" else sheet
        raw_dir.mkdir(parents=True)
        for file in corpus["file"]:
            shutil.copy(repo / config["raw_dir"] / file, raw_dir / file)
    else:
        corpus = write_corpus(pool, range(int(size)), SEED, list(sheet.columns), raw_dir)
    write_tsv(corpus, workdir / "data" / "articles.tsv")
    return len(corpus)


def add_one(workdir: Path, pool, sheet_columns: list[str], index: int) -> None:
    sheet_path = workdir / "data" / "articles.tsv"
    sheet = pd.read_csv(sheet_path, sep="\t", dtype=str, keep_default_na=False)
    new = write_corpus(pool, range(index, index + 1), SEED, sheet_columns, workdir / "data" / "raw")
    write_tsv(pd.concat([sheet, new], ignore_index=True), sheet_path)


def benchmark_size(repo: Path, workdir: Path, size: str, cores: int, phases: list[str], pool, sheet,
                   config) -> tuple[dict, pd.DataFrame]:
    articles = prepare(repo, workdir, size, pool, sheet, config)
    megabytes = sum(p.stat().st_size for p in (workdir / "data" / "raw").iterdir()) / 1e6
    summary = {"size": size, "articles": articles, "megabytes": round(megabytes, 2)}
    stages = []
    synthetic_count = 0 if size in NAMED_CORPORA else articles
    for phase in phases:
        if phase == "add_one":
            add_one(workdir, pool, list(sheet.columns), synthetic_count)
        print(f"[{size}] {phase} ...", file=sys.stderr, flush=True)
        rundir = fresh_copy(workdir) if phase == "verify" else workdir
        totals = run_snakemake(rundir, cores, workdir / f"{phase}.log")
        if phase == "verify" and result_digests(rundir) != result_digests(workdir):
            raise SystemExit(f"[{size}] adding one article gave other results than a cold run: compare {workdir} and {rundir}")
        per_stage = stage_table(rundir).to_dict(orient="records")
        total_row = {"stage": "total", "jobs": sum(row["jobs"] for row in per_stage), **totals}
        stages.append(pd.DataFrame(per_stage + [total_row]).assign(size=size, articles=articles, phase=phase))
        for key, value in totals.items():
            summary[f"{phase}_{key}"] = value
    if "add_one" in phases:
        summary["add_one_share"] = summary["add_one_wall_s"] / summary["cold_wall_s"]
        # less sensitive than wall time to other work on the machine
        summary["add_one_cpu_share"] = summary["add_one_cpu_s"] / summary["cold_cpu_s"]
    summary["cold_s_per_article"] = summary["cold_wall_s"] / articles
    return summary, pd.concat(stages, ignore_index=True)[STAGE_COLUMNS]


def corpus_arguments(parser: argparse.ArgumentParser, sizes: list[str]) -> None:
    """The options of the benchmarks that build corpora and run the pipeline on them."""
    parser.add_argument("--sizes", nargs="+", default=sizes)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(layout.BENCHMARKS))
    parser.add_argument("--workdir", type=Path, help="where to build the corpora (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working directories")


def shipped_material(parser: argparse.ArgumentParser, sizes: list[str]):
    """(repository, configuration, article sheet, sentence pool): what the corpora of `sizes`
    are built from, after checking the sizes. Run from the repository root."""
    for size in sizes:
        if size not in NAMED_CORPORA and not size.isdigit():
            parser.error(f"--sizes: {size!r} is neither {' nor '.join(NAMED_CORPORA)} nor a number of articles")
    repo = Path.cwd()
    config = read_yaml(repo / "config" / "config.yaml")
    sheet = pd.read_csv(repo / config["articles"], sep="\t", dtype=str, keep_default_na=False)
    return repo, config, sheet, seed_pool(sheet, repo / config["raw_dir"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arguments(parser, ["seed", "shipped", "1000", "5000"])
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES),
                        help="cold runs first in any case (the others need its results); verify needs add_one")
    args = parser.parse_args(argv)
    repo, config, sheet, pool = shipped_material(parser, args.sizes)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="upsoc-scale-"))
    phases = [p for p in PHASES if p == "cold" or p in args.phases or (p == "add_one" and "verify" in args.phases)]
    summaries, stages = [], []
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for size in args.sizes:
            summary, per_stage = benchmark_size(repo, root / size, size, args.cores, phases, pool, sheet, config)
            summaries.append(summary)
            stages.append(per_stage)
            # written after every size, so that a long run keeps what it has measured
            write_tsv(pd.DataFrame(summaries).round(3), args.out / "scale.tsv")
            write_tsv(pd.concat(stages, ignore_index=True).round(2), args.out / "scale_stages.tsv")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(pd.DataFrame(summaries).round(3).to_markdown(index=False))
    print()
    print(pd.concat(stages, ignore_index=True).round(2).to_markdown(index=False))


if __name__ == "__main__":
    main()
