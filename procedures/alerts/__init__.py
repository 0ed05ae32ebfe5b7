"""Citizens' e-mail alerts about procedure changes and the "was this page useful?" control."""
