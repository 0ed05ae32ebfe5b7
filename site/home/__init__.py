"""Site shell: city home page, ward home pages, generic pages and site settings."""
