"""The message catalogues: the same keys and placeholders in both languages."""

import re
import string

import pytest

from jejaring.errors import JejaringError
from jejaring.i18n import catalogue, detect_lang, t, use_lang


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys():
    assert catalogue("id").keys() == catalogue("en").keys()


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_placeholders_match(key):
    assert _fields(catalogue("id")[key]) == _fields(catalogue("en")[key])


def test_indonesian_texts_are_not_english_copies():
    same = [k for k, v in catalogue("id").items() if v == catalogue("en")[k] and re.search(r"[a-z]{4,} [a-z]{4,}", v)]
    assert same == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"JEJARING_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
        ({"JEJARING_LANG": "en", "LC_ALL": "id_ID"}, "en"),
        ({"JEJARING_LANG": "fr", "LANG": "id_ID"}, "id"),
    ],
)
def test_language_detection(environ, expected):
    assert detect_lang(environ) == expected


def test_errors_render_in_the_language_in_force():
    error = JejaringError("cli.bad_quarter", value="2024Q9")
    with use_lang("en"):
        assert str(error) == '"2024Q9" is not a quarter; write it like 2024Q2.'
    with use_lang("id"):
        assert str(error) == '"2024Q9" bukan triwulan; tulis seperti 2024Q2.'
    assert t("common.yes", lang="id") == "ya"
