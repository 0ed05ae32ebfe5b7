"""The catalogue import, in layers.

- Parsing, which needs no database (and no Django): grid (reading .xlsx/.csv/.json), appendix
  (a decision's appendix), records (full JSON records), header, labels, codes, mapping (records to
  StreamField data).
- Planning against the catalogue (the dry run): planner, plan_records, plan_appendix, reference_rows.
- Writing the plan in one transaction: writing, bulk (multi-row inserts), tasks (indexes after commit).
- The report both steps fill (report), the names they share (constants), the entry points (apply:
  import_file, import_records) and the export (export).
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
