"""Growth on one's own path: impact statements, readiness, packets, plans and lattice moves.

A domain package: it imports nothing from storage, web, ingest or cli. Services
hand it typed records (see `records`) built from an `OrgDataset`.
"""
