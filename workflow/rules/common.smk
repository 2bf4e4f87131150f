from upsoc.sheet import SheetError, load_schema, load_sheet

try:
    ARTICLES = load_sheet(
        config["articles"],
        load_schema(workflow.source_path("../schemas/articles.schema.yaml")),
        config["raw_dir"],
    )
except SheetError as error:
    raise WorkflowError(str(error)) from None

ARTICLE_IDS = sorted(ARTICLES.index)


wildcard_constraints:
    article=r"[a-z0-9]+(-[a-z0-9]+)*",


def raw_path(article):
    return f"{config['raw_dir']}/{ARTICLES.loc[article, 'file']}"


def raw_file(wildcards):
    return raw_path(wildcards.article)


def article_language(wildcards):
    return ARTICLES.loc[wildcards.article, "language"]


def language_resources(wildcards):
    """Inputs that only some languages read, so that editing them reruns only those."""
    if article_language(wildcards) == "zh":
        return {"user_dictionary": config["zh_user_dictionary"]}
    return {}
