"""The unit of work: one transaction, committed only when asked, rolled back otherwise, and
the repositories that read and write inside it."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType

from sqlalchemy import Connection, Engine

from latticework.storage.access_log import AccessLogRepository
from latticework.storage.accounts import AccountRepository
from latticework.storage.audit_jobs import AuditJobRepository
from latticework.storage.audit_runs import AuditRunRepository
from latticework.storage.engine import engine_for
from latticework.storage.eu_registers import EuRegisterRepository
from latticework.storage.framework_store import FrameworkRepository
from latticework.storage.impact_ratings import AssessmentRepository, ImpactRepository
from latticework.storage.organisation import OrganisationRepository
from latticework.storage.people import PeopleRepository
from latticework.storage.plans import PlanRepository
from latticework.storage.privacy import PersonDataRepository
from latticework.storage.promotions import PromotionRepository
from latticework.storage.team_view import TeamViewRepository


class UnitOfWork:
    """`with UnitOfWork(url) as uow: ...; uow.commit()`.

    Everything done through its repositories is one transaction. Leaving the
    block without `commit()` — or with an exception — rolls it back, so a
    failed import writes nothing. Entry points (CLI commands, web requests)
    open the unit of work and commit; services only use its repositories.
    """

    def __init__(self, url_or_engine: str | Engine) -> None:
        self.engine = engine_for(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
        self.url = (
            url_or_engine
            if isinstance(url_or_engine, str)
            else self.engine.url.render_as_string(hide_password=True)
        )
        """The database URL as given, for messages that name the database."""
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for storage code only (repositories, tests)."""
        if self._connection is None:
            raise RuntimeError("UnitOfWork used outside its `with` block")
        return self._connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @cached_property
    def people(self) -> PeopleRepository:
        return PeopleRepository(self.connection)

    @cached_property
    def organisation(self) -> OrganisationRepository:
        return OrganisationRepository(self.connection)

    @cached_property
    def frameworks(self) -> FrameworkRepository:
        return FrameworkRepository(self.connection)

    @cached_property
    def impact(self) -> ImpactRepository:
        return ImpactRepository(self.connection)

    @cached_property
    def assessments(self) -> AssessmentRepository:
        return AssessmentRepository(self.connection)

    @cached_property
    def plans(self) -> PlanRepository:
        return PlanRepository(self.connection)

    @cached_property
    def accounts(self) -> AccountRepository:
        return AccountRepository(self.connection)

    @cached_property
    def access_log(self) -> AccessLogRepository:
        return AccessLogRepository(self.connection)

    @cached_property
    def audit_runs(self) -> AuditRunRepository:
        return AuditRunRepository(self.connection)

    @cached_property
    def audit_jobs(self) -> AuditJobRepository:
        """The audit job queue (storage.audit_jobs)."""
        return AuditJobRepository(self.connection)

    @cached_property
    def person_data(self) -> PersonDataRepository:
        return PersonDataRepository(self.connection)

    @cached_property
    def eu(self) -> EuRegisterRepository:
        """The EU Pay Transparency Directive's registers."""
        return EuRegisterRepository(self.connection)

    @cached_property
    def promotions(self) -> PromotionRepository:
        return PromotionRepository(self.connection)

    @cached_property
    def team_view(self) -> TeamViewRepository:
        return TeamViewRepository(self.connection)

    _REPOSITORIES = (
        "people",
        "organisation",
        "frameworks",
        "impact",
        "assessments",
        "plans",
        "accounts",
        "access_log",
        "audit_runs",
        "audit_jobs",
        "person_data",
        "eu",
        "promotions",
        "team_view",
    )

    def __enter__(self) -> UnitOfWork:
        self._connection = self.engine.connect()
        self._connection.begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection = self.connection
        try:
            if connection.in_transaction():
                connection.rollback()
        finally:
            connection.close()
            self._connection = None
            for name in self._REPOSITORIES:  # they hold the closed connection
                self.__dict__.pop(name, None)

    def commit(self) -> None:
        """Make the work durable; a new transaction starts for anything after."""
        self.connection.commit()
        self.connection.begin()

    def rollback(self) -> None:
        self.connection.rollback()
        self.connection.begin()
