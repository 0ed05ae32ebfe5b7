"""The directive library's search box speaks the citizen search's Vietnamese (search/lookup.py), on the
engine and on the database fallback."""

import re

import pytest
from django.test import override_settings

from tests.test_news_fixtures import news_demo  # noqa: F401

pytestmark = [pytest.mark.search, pytest.mark.django_db]

ENGINE_DOWN = override_settings(ELASTICSEARCH_URL=None)


@pytest.mark.parametrize("down", [False, True], ids=["engine", "fallback"])
def test_directive_library_without_diacritics(client, news_demo, es_client, down):  # noqa: F811
    from search import indexing

    indexing.rebuild()  # the directives in the citizen search (the fixture loads them without it)
    with ENGINE_DOWN if down else override_settings():
        marked = client.get("/van-ban-chi-dao/", {"q": "một cửa"}).content.decode()
        folded = client.get("/van-ban-chi-dao/", {"q": "mot cua"}).content.decode()
        count = re.search(r"Kết quả: (\d+) văn bản", folded)
        assert count and int(count.group(1)) >= 3, (
            "the decree, its amendment and the scheme on one-stop desks"
        )
        assert count.group(0) in marked
        assert "cơ chế một cửa, một cửa liên thông" in folded
        # A typo no document holds: the citizen search's spelling correction finds it.
        typo = client.get("/van-ban-chi-dao/", {"q": "mot cua lien thnog"}).content.decode()
        assert "cơ chế một cửa, một cửa liên thông" in typo
