"""Connection to the Elasticsearch server or cluster: one client per process, short timeouts, status."""

import functools
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def hosts():
    """The nodes named in ELASTICSEARCH_URL (comma-separated)."""
    return [url.strip() for url in (settings.ELASTICSEARCH_URL or "").split(",") if url.strip()]


@functools.cache
def _client_for(urls, timeout):
    from elasticsearch import Elasticsearch

    # One retry per extra node: a request that meets a dead node goes on to the next one. No retry on
    # a timeout: a citizen waiting on a hung engine must fall back to the database quickly.
    return Elasticsearch(
        list(urls), request_timeout=timeout, max_retries=max(1, len(urls) - 1), retry_on_timeout=False
    )


def get_client():
    """The shared client, or None when no engine is configured."""
    if not is_configured():
        return None
    return _client_for(tuple(hosts()), settings.ELASTICSEARCH_TIMEOUT)


def admin_client(timeout=30):
    """The client with a long timeout, for index maintenance (create, bulk, refresh), never for searches."""
    client = get_client()
    return None if client is None else client.options(request_timeout=timeout)


def task_client():
    """The client for background tasks: a hung engine must not hold a worker for long."""
    return admin_client(timeout=settings.ELASTICSEARCH_TASK_TIMEOUT)


def index_name(base):
    """Environment-prefixed index name, so tests and environments never share an index."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_{base}".lower()


def server_version(timeout=None):
    """The server's version string, or None if it does not answer.

    The test distribution has no handler for GET /, so ask the nodes API instead of info().
    """
    client = get_client()
    if client is None:
        return None
    if timeout is not None:
        client = client.options(request_timeout=timeout)
    try:
        nodes = client.nodes.info(filter_path="nodes.*.version")["nodes"]
    except Exception as exc:  # any transport or API error means "not available"
        logger.warning("Elasticsearch unavailable: %s", exc)
        return None
    versions = sorted({node["version"] for node in nodes.values()})
    return ", ".join(versions) or None


def data_node_count(client=None):
    """How many data nodes the cluster has now (for the replica count of a new index)."""
    client = client or admin_client()
    health = client.cluster.health(filter_path="number_of_data_nodes")
    return int(health["number_of_data_nodes"])


def status_label():
    """'disabled' (no engine configured), 'ok' or 'unavailable'."""
    if not is_configured():
        return "disabled"
    return "ok" if server_version() else "unavailable"
