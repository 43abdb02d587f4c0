"""Renderers: terminal text, JSON, Markdown, HTML and PDF for every report."""
