"""Citizen search: Vietnamese language layer, Elasticsearch engine, database fallback, search page."""
