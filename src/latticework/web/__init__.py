"""The web application and JSON API (FastAPI): `create_app(settings)` in `app`."""
