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
CAREER_EVENT_TYPES = (*LEVEL_EVENT_TYPES, "path_change")
# The event columns the history reads; a caller may load only these.
AUDITED_EVENT_COLUMNS = (
    "employee_id",
    "date",
    "type",
    "from_level",
    "to_level",
    "from_path",
    "to_path",
)


@dataclass(frozen=True)
class History:
    """Events cleaned once: typed dates, and each person as an integer (`pid`, their row in
    `people`), so that sorting and grouping 500,000 events never hashes a string."""

    events: pd.DataFrame
    people: pd.DataFrame
    framework: Framework

    @classmethod
    def build(cls, events: pd.DataFrame, people: pd.DataFrame, framework: Framework) -> History:
        import pandas as pd

        columns = ["date", "type", "from_level", "to_level", "from_path", "to_path"]
        ids = pd.Index(people["employee_id"].astype(str))
        pid = ids.get_indexer(pd.Index(events["employee_id"].astype(str)))
        ev = pd.DataFrame({"pid": pid, "type": events.get("type")})
        ev["type"] = ev["type"].astype("category")
        # Pay changes and exits say nothing about levels or paths (exits come from people);
        # events of people missing from the people table cannot be placed.
        keep = (ev["type"].isin(CAREER_EVENT_TYPES) & (ev["pid"] >= 0)).to_numpy()
        ev = ev[keep]
        ev["date"] = to_timestamps(events["date"][keep]).to_numpy()
        # Levels and paths as categories: strings compared once, not at every step.
        for name in columns[2:]:
            values = events[name][keep].to_numpy() if name in events else None
            ev[name] = pd.Categorical(values) if values is not None else None
        ev = ev[ev["date"].notna()]
        # Stable order: by person, date, and a hire before anything else on its day.
        ev = ev.assign(_hire_first=(ev["type"] != "hire").astype("int8"))
        ev = ev.sort_values(["pid", "date", "_hire_first"], kind="stable")
        return cls(ev.drop(columns="_hire_first").reset_index(drop=True), people, framework)

    # -- state at a date ------------------------------------------------------------

    def state_at(self, when: date) -> pd.DataFrame:
        """Everyone employed on `when` with their level, path, grade and track kind on that day."""
        import numpy as np
        import pandas as pd

        ts = pd.Timestamp(when)
        people = self.people
        present = np.flatnonzero(
            (people["hire_date"] <= ts) & (people["exit_date"].isna() | (people["exit_date"] > ts))
        )
        ev = self.events
        level = _as_of(ev, ts, "to_level", "from_level").reindex(present)
        path = _as_of(ev, ts, "to_path", "from_path").reindex(present)
        current = people.iloc[present]
        state = pd.DataFrame(
            {
                "employee_id": current["employee_id"].to_numpy(),
                "level": level.to_numpy(dtype=object),
                "path": path.to_numpy(dtype=object),
            }
        )
        state["level"] = state["level"].where(state["level"].notna(), current["level"].to_numpy())
        state["path"] = state["path"].where(state["path"].notna(), current["path"].to_numpy())
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
        pids = ev.loc[mask, "pid"].unique()
        return pd.Series(self.people["employee_id"].to_numpy()[pids])

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
        people = self.people
        lev = ev[ev["type"].isin(LEVEL_EVENT_TYPES) & ev["to_level"].notna()]
        hire_date = people["hire_date"].to_numpy()

        # The stay before a person's first level event, when it is not a hire; it began at hire.
        first = lev.drop_duplicates("pid")
        pre = first[(first["type"] != "hire") & first["from_level"].notna()]
        pre_spells = pd.DataFrame(
            {
                "pid": pre["pid"].to_numpy(),
                "level": pre["from_level"].to_numpy(dtype=object),
                "start": hire_date[pre["pid"].to_numpy()],
            }
        )
        # People without any level event: one stay at their current level.
        silent = np.setdiff1d(np.arange(len(people)), lev["pid"].unique())
        silent_start = people["hire_date"].iloc[silent]
        if "level_start_date" in people:
            started = to_timestamps(people["level_start_date"].iloc[silent])
            silent_start = started.fillna(silent_start)
        silent_spells = pd.DataFrame(
            {
                "pid": silent,
                "level": people["level"].iloc[silent].to_numpy(dtype=object),
                "start": silent_start.to_numpy(),
            }
        )
        event_spells = pd.DataFrame(
            {
                "pid": lev["pid"].to_numpy(),
                "level": lev["to_level"].to_numpy(dtype=object),
                "start": lev["date"].to_numpy(),
            }
        )
        spells = pd.concat([pre_spells, event_spells, silent_spells], ignore_index=True)
        spells = spells.sort_values(["pid", "start"], kind="stable").reset_index(drop=True)

        levels = level_table(self.framework).set_index("level")
        spells["grade"] = spells["level"].map(levels["grade"])
        spells["grade_rank"] = spells["level"].map(levels["grade_rank"])
        spells["track_kind"] = spells["level"].map(levels["track_kind"])

        same_person = spells["pid"].eq(spells["pid"].shift(-1))
        next_start = spells["start"].shift(-1).where(same_person)
        next_rank = spells["grade_rank"].shift(-1).where(same_person)
        exit_date = pd.Series(people["exit_date"].to_numpy()[spells["pid"].to_numpy()])
        as_of_ts = pd.Timestamp(as_of)
        end = next_start.fillna(exit_date).fillna(as_of_ts)
        end = end.where(end <= as_of_ts, as_of_ts)
        # A promotion is a move up in grade; the event type alone is not trusted.
        promoted = same_person & (next_rank > spells["grade_rank"])
        spells["end"] = end
        spells["promoted"] = promoted.astype(int)
        days = (end - spells["start"]).dt.days
        # Whole months begun: monthly resolution, as people think of time in level.
        spells["months"] = np.ceil(days / DAYS_PER_MONTH)
        spells = spells[(days > 0) & spells["grade_rank"].notna()].dropna(subset=["months"])
        spells.insert(0, "employee_id", people["employee_id"].to_numpy()[spells["pid"].to_numpy()])
        return spells.reset_index(drop=True)


def _as_of(ev: pd.DataFrame, ts: pd.Timestamp, to_col: str, from_col: str) -> pd.Series:
    """Per person (pid): the last `to_col` on or before `ts`, else the first `from_col` after it."""
    before = ev.loc[(ev["date"] <= ts) & ev[to_col].notna(), ["pid", to_col]]
    last_before = before.drop_duplicates("pid", keep="last").set_index("pid")[to_col]
    after = ev.loc[(ev["date"] > ts) & ev[from_col].notna(), ["pid", from_col]]
    first_after = after.drop_duplicates("pid", keep="first").set_index("pid")[from_col]
    return last_before.astype(object).combine_first(first_after.astype(object))
