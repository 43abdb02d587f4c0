"""Getting organisations in and out: CSV/XLSX readers, the mapping file, validation, export.

Everything here turns HRIS exports into validated canonical frames that
`services.data` writes (the demo generator is its own package, `latticework.demo`).
"""
