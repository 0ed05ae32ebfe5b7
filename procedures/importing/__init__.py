"""Pure parsing layer of the catalogue import: no Django, no database.

- appendix.parse_appendix: the appendix (.xlsx/.csv) of an announcing decision.
- records.parse_records: full procedure records as JSON.

Applying the parsed result to the catalogue is a separate, all-or-nothing step.
"""

from .appendix import AppendixRow, DecisionInfo, ParsedAppendix, RowError, parse_appendix
from .records import ParsedRecords, RecordError, parse_records

__all__ = [
    "AppendixRow",
    "DecisionInfo",
    "ParsedAppendix",
    "ParsedRecords",
    "RecordError",
    "RowError",
    "parse_appendix",
    "parse_records",
]
