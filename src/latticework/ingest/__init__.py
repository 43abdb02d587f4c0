"""Getting organisations in and out: CSV/XLSX readers, the mapping file, validation, export.

The demo generator lives in `ingest.demo`; everything else here turns HRIS
exports into validated canonical frames that `services.data` writes.
"""
