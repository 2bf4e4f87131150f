"""`upsoc`: add an article to the corpus, or check the corpus, without running the pipeline.

    upsoc add PATH --language fa --frame networking --origin IR [--title … --id …]
    upsoc add-batch COLLECTION.tsv
    upsoc validate
    upsoc annotate --n 600 --seed 7 --out data/validation/my-study
    upsoc annotate --stratify frame language --per-stratum 172 --seed 7 --out data/validation/inference
    upsoc agreement data/validation/my-study/coder_a.tsv data/validation/my-study/coder_b.tsv [--adjudicated …]
    upsoc intrusion items data/validation/intrusion/round3 --seed 7
    upsoc intrusion score data/validation/intrusion/round2

They read `config/config.yaml` (sheet, raw folder, size limit) from the current directory,
the repository root. Every problem is reported with the file or row and the fix; nothing is
written unless the sheet, the new row and the new article pass every check.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pandas as pd

from .annotation.sheets import GUIDE, StudyError, write_study
from .coding.codebook import CodebookError, load_codebook
from .ingest import (
    DEFAULT_MAX_BYTES,
    ArticleError,
    check_article_text,
    check_size_and_kind,
    content_key,
    decode_utf8,
    detect_encoding,
    detect_format,
    html_metadata,
    split_front_matter,
)
from .languages import LANGUAGES
from .sheet import SheetError, check_parallels, load_schema, load_sheet, schema_problems
from .themes.intrusion import IntrusionError
from .tsv import read_tsv, write_text, write_tsv
from .yamlfile import read_yaml

SCHEMA = Path("workflow/schemas/articles.schema.yaml")
CODEBOOK_SCHEMA = Path("workflow/schemas/codebook.schema.yaml")
METADATA_FIELDS = ["title", "author", "publisher", "published", "source_url", "translated_from", "parallel_of", "notes"]
FRONT_MATTER_KEYS = {"date": "published", "url": "source_url", "source": "source_url", "site": "publisher"}


def _settings(args) -> dict:
    config = read_yaml(args.config) if Path(args.config).is_file() else {}
    return {
        "sheet": Path(config.get("articles", "data/articles.tsv")),
        "raw_dir": Path(config.get("raw_dir", "data/raw")),
        "max_bytes": int(config.get("max_article_bytes", DEFAULT_MAX_BYTES)),
        "codebook": Path(config.get("codebook", "data/codebook.yaml")),
        "user_dictionary": config.get("zh_user_dictionary"),
    }


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def read_source(path: Path, language: str, max_bytes: int) -> tuple[str, str | None]:
    """(UTF-8 text, encoding it was converted from or None)."""
    if not path.is_file():
        raise ArticleError(f"{path}: no such file: check the path")
    data = path.read_bytes()
    problems = check_size_and_kind(data, str(path), max_bytes)
    if problems:
        raise ArticleError(problems[0])
    try:
        return decode_utf8(data), None
    except UnicodeDecodeError:
        detected = detect_encoding(data, language)
        if detected is None:
            raise ArticleError(
                f"{path}: not UTF-8, and no encoding turns it into {language!r} text: "
                "check --language, or save the file as UTF-8"
            ) from None
        return detected[0], detected[1]


def source_metadata(text: str, fmt: str) -> dict:
    """Row values a file states itself: a page's metadata, or a text's front matter (whose
    values some blog engines write URL-escaped, %E5%A6%82…)."""
    if fmt == "html":
        return html_metadata(text)
    found = split_front_matter(text)[0]
    return {FRONT_MATTER_KEYS.get(k, k): unquote(str(v)) for k, v in found.items() if v is not None}


@dataclass
class StagedArticle:
    """An article that passed every check, not yet written: its sheet row, its UTF-8 text,
    where the text goes, the encoding it was converted from (or None) and its content key
    (`ingest.content_key`, for duplicate checks)."""

    row: dict
    text: str
    target: Path
    encoding: str | None
    content_key: str


def stage_article(source: Path, fields: dict, sheet: pd.DataFrame, content_keys: dict, settings: dict,
                  schema: dict) -> StagedArticle:
    """Check one article against the sheet it joins, writing nothing. `fields` holds
    `language`, `frame`, `origin`, `id` and the METADATA_FIELDS (None: not given, so the file's
    own front matter or page metadata may fill it)."""
    language = fields["language"]
    fmt = detect_format(source)
    text, encoding = read_source(source, language, settings["max_bytes"])

    metadata = {field: "" for field in METADATA_FIELDS}
    metadata.update({k: v for k, v in source_metadata(text, fmt).items() if k in metadata})
    metadata.update({field: value for field in METADATA_FIELDS if (value := fields.get(field)) is not None})
    if encoding:
        metadata["notes"] = "; ".join(filter(None, [metadata["notes"], f"converted from {encoding} to UTF-8 by upsoc add"]))
    taken = set(sheet["id"])
    if fields.get("id"):
        if fields["id"] in taken:
            raise ArticleError(f"id {fields['id']!r} is already in {settings['sheet']}: choose another id")
        article_id = fields["id"]
    else:
        base = slugify(source.stem.split(".")[0]) or slugify(metadata["title"]) or f"{language}-article"
        article_id = unique_id(base, taken)
    file_name = f"{article_id}.{language}{source.suffix.lower() or '.txt'}"
    row = {"id": article_id, "file": file_name, "language": language, "frame": fields["frame"],
           "origin": fields.get("origin") or "", **metadata}
    problems = schema_problems(row, jsonschema.Draft202012Validator(schema), "the new row")
    # the sheet passed its checks: what check_parallels finds now is the new row's
    problems = problems or check_parallels(pd.concat([sheet, pd.DataFrame([row])], ignore_index=True))
    if problems:
        raise SheetError("the new row is not valid:\n" + "\n".join(f"  - {p}" for p in problems))

    problems, body = check_article_text(text, str(source), language)
    if problems:
        raise ArticleError(problems[0])
    key = content_key(body)
    duplicate = content_keys.get(key)
    if duplicate is not None:
        existing_file = settings["raw_dir"] / sheet.loc[sheet["id"] == duplicate, "file"].item()
        raise ArticleError(f"{source}: same text as article {duplicate!r} ({existing_file}): nothing added")

    target = settings["raw_dir"] / file_name
    if target.exists():
        raise ArticleError(f"{target} exists already: choose another id")
    return StagedArticle(row, text, target, encoding, key)


def _checked_sheet(settings: dict) -> tuple[pd.DataFrame, dict, dict]:
    schema = load_schema(SCHEMA)
    checked = load_sheet(settings["sheet"], schema, settings["raw_dir"], settings["max_bytes"])
    return checked.reset_index(drop=True), dict(checked.attrs["content_keys"]), schema


def _write_articles(staged: list[StagedArticle], sheet: pd.DataFrame, settings: dict) -> None:
    """Every text first, then the sheet once: a sheet row never names a file that is not there."""
    for article in staged:
        write_text(article.text, article.target)
    grown = pd.concat([sheet, pd.DataFrame([a.row for a in staged])], ignore_index=True)
    write_tsv(grown[list(sheet.columns)], settings["sheet"])


NEXT_STEP = "next: run `snakemake --cores 4` (only the new articles' jobs and the corpus-level ones run)"


def add(args) -> str:
    settings = _settings(args)
    sheet, content_keys, schema = _checked_sheet(settings)
    fields = {field: getattr(args, field) for field in ["language", "frame", "origin", "id", *METADATA_FIELDS]}
    article = stage_article(Path(args.path), fields, sheet, content_keys, settings, schema)
    _write_articles([article], sheet, settings)
    converted = f" (converted from {article.encoding})" if article.encoding else ""
    return f"added {article.row['id']!r}: {article.target}{converted} and a row in {settings['sheet']}\n{NEXT_STEP}"


COLLECTION_REQUIRED = ["file", "language", "frame"]
COLLECTION_OPTIONAL = ["origin", "id", *METADATA_FIELDS]


def add_batch(args) -> str:
    """Every row of a collection sheet, in its order, all or nothing. A collection names
    files relative to its own folder and a translation's other side by its file; the pair is
    recorded on whichever side comes second, as `upsoc add --parallel-of` would."""
    settings = _settings(args)
    sheet, content_keys, schema = _checked_sheet(settings)
    collection_path = Path(args.collection)
    collection = _read_collection(collection_path)
    ids_of_files: dict[str, str] = {}
    grown, staged, problems = sheet, [], []
    for line, row in zip(range(2, len(collection) + 2), collection.to_dict(orient="records")):
        fields = {field: row.get(field) or None for field in ["language", "frame", *COLLECTION_OPTIONAL]}
        if fields["parallel_of"] in set(collection["file"]):
            # the first side of a pair is added alone; the second names it by the id it got
            fields["parallel_of"] = ids_of_files.get(fields["parallel_of"])
        try:
            article = stage_article(collection_path.parent / row["file"], fields, grown, content_keys, settings, schema)
        except (ArticleError, SheetError) as error:
            problems.append(f"row {line} ({row['file']}): {error}")
            continue
        ids_of_files[row["file"]] = article.row["id"]
        content_keys[article.content_key] = article.row["id"]
        grown = pd.concat([grown, pd.DataFrame([article.row])], ignore_index=True)
        staged.append(article)
    if problems:
        raise ArticleError(
            f"{collection_path}: {len(problems)} of {len(collection)} rows refused, nothing added; "
            "fix these rows (or remove them from the collection) and run again:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    _write_articles(staged, sheet, settings)
    return (
        f"added {len(staged)} articles from {collection_path} to {settings['sheet']}: "
        + ", ".join(a.row["id"] for a in staged) + f"\n{NEXT_STEP}"
    )


def _read_collection(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ArticleError(f"{path}: no such collection sheet: check the path")
    collection = read_tsv(path)
    missing = [c for c in COLLECTION_REQUIRED if c not in collection.columns]
    unknown = [c for c in collection.columns if c not in COLLECTION_REQUIRED + COLLECTION_OPTIONAL]
    if missing or unknown:
        raise ArticleError(
            f"{path}: " + "; ".join(filter(None, [
                missing and f"missing column(s) {', '.join(missing)}",
                unknown and f"unknown column(s) {', '.join(unknown)}",
            ])) + f": a collection sheet has the columns {', '.join(COLLECTION_REQUIRED + COLLECTION_OPTIONAL)} (only the first three required)"
        )
    duplicated = collection.loc[collection["file"].duplicated(), "file"].tolist()
    if duplicated:
        raise ArticleError(f"{path}: file(s) listed twice: {', '.join(duplicated)}: keep one row per file")
    return collection


def validate(args) -> str:
    settings = _settings(args)
    sheet = load_sheet(settings["sheet"], load_schema(SCHEMA), settings["raw_dir"], settings["max_bytes"])
    return f"{settings['sheet']}: {len(sheet)} articles, all valid"


def annotate(args) -> str:
    """Sheets for two coders, from the pipeline's sentences; the instrument's codes stay out of them."""
    from .annotation.inference import split_by_tuning, tuned_articles
    from .annotation.sample import draw_sample, draw_stratified_sample, eligible_sentences, split_by_article
    from .annotation.study import load_sample

    settings = _settings(args)
    sheet = load_sheet(settings["sheet"], load_schema(SCHEMA), settings["raw_dir"], settings["max_bytes"])
    stratified = args.per_stratum is not None
    if (args.n is not None) == stratified or bool(args.stratify) != stratified:
        raise StudyError("give either --n N (a sample for scoring the coding) or --stratify COLUMN… --per-stratum N "
                         "(a design sample for inference)")
    articles = sheet[sheet["language"].isin(args.language)] if args.language else sheet
    articles = articles[~articles["id"].isin(args.exclude)]
    sentences = _sentences(articles, Path(args.sentences))
    if stratified:
        # a design sample for inference: every sentence is in the population; `split` says which
        # articles the cues were tuned on, for the instrument's scores (neither split is tuned on)
        sentences = sentences.assign(**{c: sentences["article_id"].map(articles.set_index("id")[c]) for c in args.stratify})
        sample = draw_stratified_sample(sentences, args.stratify, args.per_stratum, args.seed)
        studies = [load_sample(folder).reset_index() for folder in sorted(Path(args.studies).iterdir())
                   if (folder / "sample.tsv").is_file()]
        split = split_by_tuning(sample, tuned_articles(studies))
    else:
        sample = draw_sample(eligible_sentences(sentences), args.n, args.seed)
        pairs = {a: b for a, b in zip(sheet["id"], sheet["parallel_of"]) if b}
        split = split_by_article(sample, pairs, args.seed, dev_only=set(args.dev_only))
    codebook = load_codebook(settings["codebook"], load_schema(CODEBOOK_SCHEMA))
    written = write_study(sample, split, Path(args.out), {c.id: c.definition for c in codebook.concepts}, GUIDE)
    counts = sample.groupby("language").size().to_dict()
    return (
        f"{len(sample)} sentences of {sample['article_id'].nunique()} articles ({counts}) in {args.out}/: "
        + ", ".join(str(p) for p in written)
    )


def _sentences(articles: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The pipeline's sentences of these articles, with their language."""
    missing = [a for a in articles["id"] if not (folder / f"{a}.tsv").is_file()]
    if missing:
        raise ArticleError(f"no sentences for {', '.join(missing)} in {folder}/: run `snakemake --cores 4` first")
    sentences = pd.concat([read_tsv(folder / f"{a}.tsv") for a in articles["id"]], ignore_index=True)
    sentences["language"] = sentences["article_id"].map(articles.set_index("id")["language"])
    return sentences


def agreement(args) -> str:
    """Alpha between the codings, and every coding and the instrument against the reference."""
    from .annotation.agreement import aligned, read_coding
    from .annotation.study import ADJUDICATED, Study, items_to_code, validation_tables
    from .coding.validation import code_with_codebook

    settings = _settings(args)
    codebook = load_codebook(settings["codebook"], load_schema(CODEBOOK_SCHEMA))
    paths = {"coder_a": Path(args.coder_a), "coder_b": Path(args.coder_b)}
    if args.adjudicated:
        paths[ADJUDICATED] = Path(args.adjudicated)
    codings = {name: read_coding(path, codebook.ids) for name, path in paths.items()}
    sheet = read_tsv(paths["coder_a"])
    if not {"language", "text"} <= set(sheet.columns):
        raise StudyError(f"{paths['coder_a']}: no `language` and `text` columns: code the sheets `upsoc annotate` writes")
    sample_path = paths["coder_a"].parent / "sample.tsv"
    sample = read_tsv(sample_path) if sample_path.is_file() else sheet.assign(article_id=sheet["item"], split="all")
    codings = aligned({**codings, "sample": sample.set_index("item")})
    study = Study(paths["coder_a"].parent.name, codings.pop("sample"), codings)
    coded = code_with_codebook(items_to_code(study), codebook, settings["user_dictionary"]).set_index("id")
    instrument = coded[["concepts", "is_advice"]].astype(str)
    tables = validation_tables(study, instrument, codebook.ids, args.replicates, args.seed)
    out = Path(args.out) if args.out else paths["coder_a"].parent / "agreement"
    for name, table in tables.items():
        write_tsv(table, out / f"{name}.tsv")
    return _agreement_summary(tables) + f"\ntables: {out}/scores.tsv, agreement.tsv, confusions.tsv"


def _agreement_summary(tables: dict[str, pd.DataFrame]) -> str:
    alphas = tables["agreement"]
    pooled = alphas[(alphas["concept"] == "pooled") & (alphas["language"] == "all")]
    scores = tables["scores"]
    micro = scores[(scores["measure"] == "micro") & (scores["language"] == "all")]
    advice = scores[(scores["measure"] == "advice") & (scores["language"] == "all")].set_index(["split", "coding"])
    lines = ["Krippendorff's alpha, pooled over concepts:"]
    lines += [f"  {r.split}: {r.coding_a} ~ {r.coding_b}: {r.alpha} ({r.items} sentences)" for r in pooled.itertuples()]
    lines.append("against the reference (micro precision / recall / F1 [95% interval], advice accuracy):")
    lines += [f"  {r.split}: {r.coding}: {r.precision} / {r.recall} / {r.f1} [{r.f1_low}, {r.f1_high}], "
              f"{advice.loc[(r.split, r.coding), 'accuracy']}" for r in micro.itertuples()]
    return "\n".join(lines)


def intrusion(args) -> str:
    """Write the intrusion items of the themes and the LDA baseline, or score the coders' answers."""
    from . import layout
    from .themes import intrusion as test

    folder = Path(args.folder)
    if args.action == "score":
        table = test.score_folder(folder)
        out = Path(args.out) if args.out else folder / "scores.tsv"
        write_tsv(table, out)
        overall = table[(table["coder"] == "all") & (table["language"] == "all")]
        lines = [f"{r.model} {r.test}: precision {r.precision} ({r.correct} of {r.answers} answers to {r.items} items; coders agree on "
                 f"{r.agreement})" for r in overall.itertuples()] or list(table["note"])
        return "\n".join(lines + [f"table: {out}"])
    languages = sorted({Path(p).parts[-3] for p in Path(layout.RESULTS).glob("topics/*/lda/topics.tsv")})
    lda = layout.TopicScope
    needed = [layout.theme_table("terms"), layout.theme_table("representatives")] + [
        lda(code, "lda").table(t) for code in languages for t in ("topics", "representatives")]
    missing = [path for path in needed if not Path(path).is_file()]
    if missing or not languages:
        raise test.IntrusionError(f"missing {', '.join(missing) or 'the LDA topics'}: run snakemake first")
    settings = read_yaml(args.config)["themes"]
    terms, texts = test.baseline_tables(
        read_tsv(layout.theme_table("terms")), read_tsv(layout.theme_table("representatives")),
        {code: read_tsv(lda(code, "lda").table("topics")) for code in languages},
        {code: read_tsv(lda(code, "lda").table("representatives")) for code in languages}, settings["terms"])
    tables, key = test.build_items(terms, texts, args.seed)
    test.write_study(folder, tables, key, args.coders, test.INSTRUCTIONS_TEXT)
    counts = key.groupby(["test", "model"]).size().to_dict()
    return (f"{len(key)} items ({', '.join(f'{t} {m}: {n}' for (t, m), n in counts.items())}) in {folder}; give the "
            f"coders {test.INSTRUCTIONS}, {', '.join(test.ITEMS.values())} and their own coder_*.tsv, never {test.KEY}")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="upsoc", description=__doc__.split("\n\n")[0])
    main.add_argument("--config", default="config/config.yaml", help="workflow configuration (default: %(default)s)")
    commands = main.add_subparsers(dest="command", required=True)
    adding = commands.add_parser("add", help="copy an article into data/raw/ and add its row to the sheet")
    adding.add_argument("path", help="a .txt, .md or .html file (front matter and page metadata fill the row)")
    adding.add_argument("--language", required=True, help=", ".join(LANGUAGES))
    adding.add_argument("--frame", required=True, help="e.g. upward_socializing or networking")
    adding.add_argument("--origin", help="ISO 3166-1 alpha-2 country code of the discourse, e.g. CN")
    adding.add_argument("--id", help="ASCII slug; derived from the file name when omitted")
    for field in METADATA_FIELDS:
        adding.add_argument(f"--{field.replace('_', '-')}", dest=field)
    batch = commands.add_parser("add-batch", help="add every row of a collection sheet, all or nothing")
    batch.add_argument("collection", help="a TSV with the columns file, language, frame and optionally "
                       + ", ".join(COLLECTION_OPTIONAL) + "; files relative to its folder")
    commands.add_parser("validate", help="check the sheet and every article file")
    annotating = commands.add_parser("annotate", help="draw a sample of sentences and write coding sheets for two coders")
    annotating.add_argument("--n", type=int, help="number of sentences (stratified by language, then article)")
    annotating.add_argument("--stratify", nargs="+", default=[], choices=["frame", "language", "origin"],
                            help="a design sample for inference: a simple random sample of every sentence in each "
                                 "combination of these sheet columns (with --per-stratum instead of --n)")
    annotating.add_argument("--per-stratum", type=int, help="sentences per stratum of --stratify")
    annotating.add_argument("--studies", default="data/validation",
                            help="with --stratify: the existing studies, whose non-test articles the cues were tuned on (default: %(default)s)")
    annotating.add_argument("--seed", type=int, required=True, help="seed of the random sample")
    annotating.add_argument("--out", required=True, help="folder for the study's sheets (must not exist)")
    annotating.add_argument("--language", nargs="+", help="only these languages (default: all)")
    annotating.add_argument("--exclude", nargs="+", default=[], help="article ids to leave out")
    annotating.add_argument("--dev-only", nargs="+", default=[], help="article ids the instrument was tuned on: development set only")
    annotating.add_argument("--sentences", default="results/sentences", help="the pipeline's sentence tables (default: %(default)s)")
    agreeing = commands.add_parser("agreement", help="agreement of two coders (and an adjudication) and of the instrument")
    agreeing.add_argument("coder_a", help="coder A's sheet (TSV as written by upsoc annotate)")
    agreeing.add_argument("coder_b", help="coder B's sheet, on the same sentences")
    agreeing.add_argument("--adjudicated", help="the adjudicated codes (default reference: what both coders gave)")
    agreeing.add_argument("--out", help="folder for the tables (default: an `agreement` folder beside the sheets)")
    agreeing.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates (default: %(default)s)")
    agreeing.add_argument("--seed", type=int, default=20240101, help="bootstrap seed (default: %(default)s)")
    intruding = commands.add_parser("intrusion", help="word- and sentence-intrusion items of the themes and the LDA, or their scores")
    intruding.add_argument("action", choices=["items", "score"])
    intruding.add_argument("folder", help="the study folder (items: must not exist yet)")
    intruding.add_argument("--seed", type=int, default=20261206, help="items: seed of the draws and orders (default: %(default)s)")
    intruding.add_argument("--coders", nargs="+", default=["a", "b"], help="items: one answer sheet per coder (default: a b)")
    intruding.add_argument("--out", help="score: the table (default: scores.tsv in the folder)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        message = {"add": add, "add-batch": add_batch, "validate": validate, "annotate": annotate,
                   "agreement": agreement, "intrusion": intrusion}[args.command](args)
    except (ArticleError, SheetError, StudyError, CodebookError, IntrusionError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(message)
    return 0
