"""Getting an organisation's data in: HRIS readers, mapping, validation and the demo generator."""
