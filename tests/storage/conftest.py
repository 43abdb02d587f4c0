"""Storage tests use the shared `db_url` fixture (tests/conftest.py): a temporary SQLite
file, and a PostgreSQL schema of its own when the server is there."""
