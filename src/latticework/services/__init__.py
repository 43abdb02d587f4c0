"""Application services: plain functions over a unit of work that the CLI and web call.

One module per area (data, demo, audit, growth, web accounts). Services take
plain values, open storage through a unit of work, call the domain and return
typed results; they raise LatticeworkError for bad input.
"""
