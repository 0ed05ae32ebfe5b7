"""CCHC communications: articles, directive documents, radio column, reform indices."""
