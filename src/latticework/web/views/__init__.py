"""View models (pydantic, the shapes of the JSON API and what templates read) and the
presenters that build them from what the services return."""
