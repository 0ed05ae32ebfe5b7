"""Tools for the one-stop desk and catalogue editors: notice-board sheets, lineage, completeness console."""
