"""The synthetic demo organisation: realistic history with documented, configurable disparities."""

from latticework.ingest.demo.disparities import Disparities
from latticework.ingest.demo.dynamics import Dynamics
from latticework.ingest.demo.generator import generate_organisation

__all__ = ["Disparities", "Dynamics", "generate_organisation"]
