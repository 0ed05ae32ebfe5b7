"""The administrative-procedure (TTHC) catalogue."""
