"""Settings: `base` reads the environment, `dev`, `test` and `production` are thin overlays."""
