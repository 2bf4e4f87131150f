"""The language registry is the one list of languages: schemas, checks and stages read it."""

import jsonschema
import pytest
import yaml
from conftest import CODEBOOK_SCHEMA, ROOT

from upsoc.ingest import dominant_language
from upsoc.languages import LANGUAGES, is_rtl, profile
from upsoc.sheet import load_schema

ARTICLES_SCHEMA = ROOT / "workflow" / "schemas" / "articles.schema.yaml"
SAMPLES = {"zh": "向上社交的意义", "fa": "شبکه‌سازی یعنی ساختن رابطه", "en": "Networking means building relationships"}


def test_the_registry_holds_the_shipped_languages_in_table_order():
    assert list(LANGUAGES) == ["zh", "fa", "en"]
    assert all(code == p.code for code, p in LANGUAGES.items())


@pytest.mark.parametrize("path", [ARTICLES_SCHEMA, CODEBOOK_SCHEMA])
def test_schemas_take_their_language_codes_from_the_registry(path):
    assert "[zh, fa, en]" not in path.read_text(encoding="utf-8")  # no second list to keep in step
    assert load_schema(path)["$defs"]["language"]["enum"] == list(LANGUAGES)


def test_the_sheet_schema_refuses_a_language_outside_the_registry():
    validator = jsonschema.Draft202012Validator(load_schema(ARTICLES_SCHEMA))
    errors = [e.message for e in validator.iter_errors({"language": "de"}) if list(e.path) == ["language"]]
    assert errors == ["'de' is not one of ['zh', 'fa', 'en']"]


def test_the_codebook_schema_refuses_cues_in_a_language_outside_the_registry():
    codebook = yaml.safe_load((ROOT / "data" / "codebook.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(load_schema(CODEBOOK_SCHEMA))
    assert not list(validator.iter_errors(codebook))
    codebook["advice"]["de"] = {"markers": ["sollte"]}
    assert any("'de' is not one of" in e.message for e in validator.iter_errors(codebook))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_script_recognises_its_own_text_only(code):
    assert dominant_language(SAMPLES[code]) == code
    others = [other for other in LANGUAGES if other != code]
    assert not any(profile(code).script.search(SAMPLES[other]) for other in others)


def test_direction_and_spacing():
    assert [code for code in LANGUAGES if is_rtl(code)] == ["fa"]
    assert not is_rtl("") and not is_rtl("crosslingual")
    assert [code for code, p in LANGUAGES.items() if not p.spaced] == ["zh"]


def test_profiles_build_the_language_tools():
    normalize = profile("en").make_normalizer()
    tokenize = profile("en").make_tokenizer(None)
    assert normalize("“Don’t wait”") == '"Don\'t wait"'
    assert [t.text for t in tokenize(normalize("Ask them first."))] == ["Ask", "them", "first", "."]
    assert profile("zh").make_normalizer()("你好,世界") == "你好，世界"


def test_an_unknown_language_is_named():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        profile("de")
