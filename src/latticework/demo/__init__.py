"""The synthetic demo organisation: realistic history with documented, configurable disparities."""

from latticework.demo.disparities import Disparities
from latticework.demo.dynamics import Dynamics
from latticework.demo.generator import generate_organisation

__all__ = ["Disparities", "Dynamics", "generate_organisation"]
