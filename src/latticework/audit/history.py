"""Career history reconstructed from events, vectorised: level at a date, promotions, spells.

An event with a `to_level` (hire, promotion, level change, track change) puts
a person at that level from its date. A person's level at a date is the
`to_level` of their last such event on or before it; failing that, the
`from_level` of their first level event after it; failing that, their current
level. The same rule gives the path. Everything is merges and group-bys: no
Python loop over people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from latticework.audit.population import DAYS_PER_MONTH, level_table, to_timestamps
from latticework.framework.model import Framework

if TYPE_CHECKING:
    import pandas as pd

LEVEL_EVENT_TYPES = ("hire", "promotion", "level_change", "track_change")


@dataclass(frozen=True)
class History:
    """Events cleaned once: typed dates, string ids, only what the audits read."""

    events: pd.DataFrame
    people: pd.DataFrame
    framework: Framework

    @classmethod
    def build(cls, events: pd.DataFrame, people: pd.DataFrame, framework: Framework) -> History:
        import pandas as pd

        columns = ["employee_id", "date", "type", "from_level", "to_level", "from_path", "to_path"]
        ev = pd.DataFrame({c: events.get(c) for c in columns})
        ev["employee_id"] = ev["employee_id"].astype(str)
        ev["date"] = to_timestamps(ev["date"])
        ev = ev[ev["date"].notna()]
        # Stable order: by person, date, and a hire before anything else on its day.
        ev = ev.assign(_hire_first=(ev["type"] != "hire").astype(int))
        ev = ev.sort_values(["employee_id", "date", "_hire_first"], kind="stable")
        return cls(ev.drop(columns="_hire_first").reset_index(drop=True), people, framework)

    # -- state at a date ------------------------------------------------------------

    def state_at(self, when: date) -> pd.DataFrame:
        """Everyone employed on `when` with their level, path, grade and track kind on that day."""
        import pandas as pd

        ts = pd.Timestamp(when)
        people = self.people
        present = people[
            (people["hire_date"] <= ts) & (people["exit_date"].isna() | (people["exit_date"] > ts))
        ]
        base = present[["employee_id", "level", "path"]].set_index("employee_id")
        ev = self.events
        level = _as_of(ev, ts, "to_level", "from_level")
        path = _as_of(ev, ts, "to_path", "from_path")
        state = pd.DataFrame(index=base.index)
        state["level"] = level.reindex(base.index).combine_first(base["level"])
        state["path"] = path.reindex(base.index).combine_first(base["path"])
        state = state.reset_index()
        levels = level_table(self.framework)[["level", "grade", "grade_rank", "track_kind"]]
        return state.merge(levels, on="level", how="left")

    def promoted_between(self, start: date, end: date) -> pd.Series:
        """Ids of people with at least one promotion in (start, end]."""
        import pandas as pd

        ev = self.events
        mask = (
            (ev["type"] == "promotion")
            & (ev["date"] > pd.Timestamp(start))
            & (ev["date"] <= pd.Timestamp(end))
        )
        return pd.Series(ev.loc[mask, "employee_id"].unique())

    # -- spells in a level ------------------------------------------------------------

    def spells(self, as_of: date) -> pd.DataFrame:
        """Each stay in a level: start, whole months begun, whether it ended in a promotion.

        A stay ends in a promotion when the next level event is a promotion to a
        higher grade; it is censored by a lateral move, a track change, an exit
        or the end of the data (`as_of`).
        """
        import numpy as np
        import pandas as pd

        ev = self.events
        lev = ev[ev["type"].isin(LEVEL_EVENT_TYPES) & ev["to_level"].notna()]
        lev = lev[["employee_id", "date", "type", "from_level", "to_level"]]
        people = self.people.set_index("employee_id")

        # The stay before a person's first level event, when it is not a hire.
        first = lev.groupby("employee_id", sort=False).head(1)
        pre = first[(first["type"] != "hire") & first["from_level"].notna()]
        # Without a hire event, the stay before the first recorded move began at hire.
        pre_start = people["hire_date"]
        pre_spells = pd.DataFrame(
            {
                "employee_id": pre["employee_id"].to_numpy(),
                "level": pre["from_level"].to_numpy(),
                "start": pre_start.reindex(pre["employee_id"]).to_numpy(),
            }
        )
        # People without any level event: one stay at their current level.
        silent = people.index.difference(pd.Index(lev["employee_id"].unique()))
        silent_people = people.loc[silent]
        silent_start = silent_people["hire_date"]
        if "level_start_date" in silent_people:
            silent_start = to_timestamps(silent_people["level_start_date"]).fillna(silent_start)
        silent_spells = pd.DataFrame(
            {
                "employee_id": silent.to_numpy(),
                "level": silent_people["level"].to_numpy(),
                "start": silent_start.to_numpy(),
            }
        )
        event_spells = pd.DataFrame(
            {
                "employee_id": lev["employee_id"].to_numpy(),
                "level": lev["to_level"].to_numpy(),
                "start": lev["date"].to_numpy(),
            }
        )
        spells = pd.concat([pre_spells, event_spells, silent_spells], ignore_index=True)
        spells = spells.sort_values(["employee_id", "start"], kind="stable").reset_index(drop=True)

        levels = level_table(self.framework).set_index("level")
        spells["grade"] = spells["level"].map(levels["grade"])
        spells["grade_rank"] = spells["level"].map(levels["grade_rank"])
        spells["track_kind"] = spells["level"].map(levels["track_kind"])

        same_person = spells["employee_id"].eq(spells["employee_id"].shift(-1))
        next_start = spells["start"].shift(-1).where(same_person)
        next_rank = spells["grade_rank"].shift(-1).where(same_person)
        exit_date = spells["employee_id"].map(people["exit_date"])
        as_of_ts = pd.Timestamp(as_of)
        end = next_start.fillna(exit_date).fillna(as_of_ts)
        end = end.where(end <= as_of_ts, as_of_ts)
        # A promotion is a move up in grade; the event type alone is not trusted.
        promoted = same_person & (next_rank > spells["grade_rank"])
        spells["end"] = end
        spells["promoted"] = promoted.astype(int)
        days = (end - spells["start"]).dt.days
        # Whole months begun: ties at monthly resolution keep the Cox fit fast at any size.
        spells["months"] = np.ceil(days / DAYS_PER_MONTH)
        spells = spells[(days > 0) & spells["grade_rank"].notna()]
        return spells.dropna(subset=["months"]).reset_index(drop=True)


def _as_of(ev: pd.DataFrame, ts: pd.Timestamp, to_col: str, from_col: str) -> pd.Series:
    """Per person: the last `to_col` on or before `ts`, else the first `from_col` after it."""
    before = ev[(ev["date"] <= ts) & ev[to_col].notna()]
    last_before = before.groupby("employee_id", sort=False)[to_col].last()
    after = ev[(ev["date"] > ts) & ev[from_col].notna()]
    first_after = after.groupby("employee_id", sort=False)[from_col].first()
    return last_before.combine_first(first_after)
