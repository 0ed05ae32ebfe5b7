"""The test harness really talks to Elasticsearch: create, write, search and delete an index."""

import pytest

from search import engine

pytestmark = pytest.mark.search


def test_real_elasticsearch_index_write_and_search(es_client):
    name = engine.index_name("harness_probe")
    assert name.startswith("test_"), "tests must use the environment-prefixed test index names"
    es_client.indices.create(
        index=name,
        mappings={"properties": {"title": {"type": "text"}, "code": {"type": "keyword"}}},
    )
    try:
        es_client.index(index=name, id="1", document={"title": "Đăng ký khai sinh", "code": "1.001193"})
        es_client.index(index=name, id="2", document={"title": "Đăng ký kết hôn", "code": "1.000894"})
        es_client.indices.refresh(index=name)
        hits = es_client.search(index=name, query={"match": {"title": "khai sinh"}})["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == ["1"]
        by_code = es_client.search(index=name, query={"term": {"code": "1.000894"}})["hits"]["hits"]
        assert [hit["_source"]["title"] for hit in by_code] == ["Đăng ký kết hôn"]
    finally:
        es_client.indices.delete(index=name)
    version = engine.server_version()
    assert version and version[0].isdigit()
