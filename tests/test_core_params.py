"""core.params (one way to read a request's values), the bounded path converters, the hostile-path
middleware, core.spreadsheet's CSV cells and core.filelimits' JSON reader."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import resolve
from django.urls.exceptions import Resolver404

from core import params
from core.filelimits import JSONTooComplex, load_json
from core.spreadsheet import csv_cell


def q(text):
    return QueryDict(text)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("n=7", 7), ("n=%C2%B2", None), ("n=%D9%A3", None), ("n=" + "9" * 30, None), ("n=-1", None),
     ("n=1_000", None), ("n=a%00b", None), ("n=", None), ("", None), ("n=1&n=%C2%B2", None), ("n=%C2%B2&n=3", 3),
     ("n=2147483647", 2147483647), ("n=2147483648", None), ("n=+5", 5)],
)  # fmt: skip
def test_integer_takes_ascii_digits_in_range_only(query, expected):
    assert params.integer(q(query), "n") == expected
    assert params.integer(q(query), "n", default=1) == (1 if expected is None else expected)


def test_ids_dates_months_choices_slugs_and_text():
    assert params.object_id(q("id=0"), "id") is None and params.object_id(q("id=12"), "id") == 12
    assert params.id_list(q("t=1,2,%C2%B2,99999999999999999999,2&t=3"), "t") == [1, 2, 3]
    assert params.date(q("d=2026-03-31"), "d") == datetime.date(2026, 3, 31)
    assert params.date(q("d=2026-02-30"), "d") is None and params.date(q("d=%D9%A2026-01-01"), "d") is None
    assert params.year(q("y=0"), "y") is None and params.year(q("y=99999"), "y") is None
    assert params.year(q("y=2025"), "y") == 2025
    assert params.month(q("m=2026-03"), "m") == (2026, 3) and params.month(q("m=2026-13"), "m") is None
    assert params.choice(q("c=a"), "c", {"a", "b"}) == "a" and params.choice(q("c=z"), "c", {"a"}, default="a") == "a"
    assert params.slug(q("s=phuong-sao-do"), "s") == "phuong-sao-do" and params.slug(q("s=a%00b"), "s") == ""
    assert params.raw(q("r=" + "x" * 500), "r") == "" and params.raw(q("r=%20ok%20"), "r") == "ok"
    assert params.text(q("q=a%00b%01c%20%20d"), "q") == "a b c d"
    assert params.text(q("q=" + "ư" * 500), "q", max_length=100) == "ư" * 100
    assert params.is_given(q("x=%20"), "x") is False and params.is_given(q("x=1"), "x") is True


def test_id_choice_field_refuses_what_no_database_holds(db):
    from django.contrib.auth.models import Group
    from django.core.exceptions import ValidationError

    group = Group.objects.create(name="Nhóm")
    field = params.IdChoiceField(queryset=Group.objects.all(), error_messages={"invalid_choice": "Không hợp lệ."})
    assert field.clean(str(group.pk)) == group
    for value in ("9" * 30, "²", "-1", "a\x00"):
        with pytest.raises(ValidationError, match="Không hợp lệ."):
            field.clean(value)


@pytest.mark.parametrize("path", ["/thu-tuc/lich-su/99999999999999999999/", "/thu-tuc/lich-su/0/",
                                  "/thu-tuc/lich-su/2147483648/", "/thu-tuc/ma/a\x00b/", "/thu-tuc/٣abc/"])  # fmt: skip
def test_path_converters_match_nothing_a_database_cannot_hold(path):
    match = None
    try:
        match = resolve(path)
    except Resolver404:
        pass
    assert match is None or match.url_name == "wagtail_serve"


def test_hostile_path_is_a_plain_404(client, db):
    for path in ("/tin-tuc/a%00b/", "/%01/", "/" + "x" * 300 + "/", "/tai-lieu/1/a%00.pdf"):
        assert client.get(path).status_code == 404


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    for formula in ("=1+1", "+84 912", "-2", "@SUM(A1)", "\t=x", "\r=x"):
        assert csv_cell(formula) == "'" + formula
    assert csv_cell("Đăng ký = khai sinh") == "Đăng ký = khai sinh" and csv_cell(None) == "" and csv_cell(3) == "3"


def test_json_reader_bounds_depth_and_number_size():
    assert load_json('[{"a": [1, 2.5, "x"]}]') == [{"a": [1, 2.5, "x"]}]
    for text in ("[" * 100_000 + "]" * 100_000, "[" * 40 + "]" * 40, "[" + "9" * 5000 + "]", "[1e" + "9" * 60 + "]"):
        with pytest.raises(JSONTooComplex):
            load_json(text)
