"""The promotion-process tables: which cycles and nominations are stored."""

from __future__ import annotations

import sqlalchemy as sa

from latticework.promotion.stored_keys import StoredPromotions
from latticework.storage.tables import nominations, promotion_cycles


class PromotionRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._conn = connection

    def stored(self) -> StoredPromotions:
        """Which cycles and nominations exist, so an import may refer to them."""
        cycles = self._conn.execute(sa.select(promotion_cycles.c.cycle_id)).scalars()
        nominated = self._conn.execute(sa.select(nominations.c.cycle_id, nominations.c.employee_id))
        return StoredPromotions(
            cycles=frozenset(str(c) for c in cycles),
            nominations=frozenset((str(r.cycle_id), str(r.employee_id)) for r in nominated),
        )
