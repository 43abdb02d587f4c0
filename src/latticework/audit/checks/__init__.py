"""The audits, one per module; every module here is imported by `all_audits()`."""
