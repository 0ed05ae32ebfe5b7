"""Connection to the Elasticsearch server: one client per process, short timeouts, status."""

import functools
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


@functools.cache
def _client_for(url, timeout):
    from elasticsearch import Elasticsearch

    # Few retries: a citizen waiting on a dead engine must fall back to the database quickly.
    return Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)


def get_client():
    """The shared client, or None when no engine is configured."""
    if not is_configured():
        return None
    return _client_for(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def admin_client(timeout=30):
    """The client with a long timeout, for index maintenance (create, bulk, refresh), never for searches."""
    client = get_client()
    return None if client is None else client.options(request_timeout=timeout)


def index_name(base):
    """Environment-prefixed index name, so tests and environments never share an index."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{base}".lower()


def server_version():
    """The server's version string, or None if it does not answer.

    The test distribution has no handler for GET /, so ask the nodes API instead of info().
    """
    client = get_client()
    if client is None:
        return None
    try:
        nodes = client.nodes.info(filter_path="nodes.*.version")["nodes"]
    except Exception as exc:  # any transport or API error means "not available"
        logger.warning("Elasticsearch unavailable: %s", exc)
        return None
    versions = sorted({node["version"] for node in nodes.values()})
    return ", ".join(versions) or None


def status_label():
    """'disabled' (no engine configured), 'ok' or 'unavailable'."""
    if not is_configured():
        return "disabled"
    return "ok" if server_version() else "unavailable"
