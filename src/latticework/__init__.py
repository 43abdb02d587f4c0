"""latticework."""
