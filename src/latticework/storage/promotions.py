"""Reads of the promotion-process tables: cycles, calibrations, nominations, decisions."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection

from latticework.promotion.records import StoredPromotions
from latticework.storage.tables import nominations, promotion_cycles


def stored_promotions(connection: Connection) -> StoredPromotions:
    """Which cycles and nominations exist, so an import may refer to them."""
    cycles = connection.execute(sa.select(promotion_cycles.c.cycle_id)).scalars()
    nominated = connection.execute(sa.select(nominations.c.cycle_id, nominations.c.employee_id))
    return StoredPromotions(
        cycles=frozenset(str(c) for c in cycles),
        nominations=frozenset((str(r.cycle_id), str(r.employee_id)) for r in nominated),
    )
