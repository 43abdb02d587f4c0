"""The promotion process: cycles, calibration, nominations and committee decisions."""
