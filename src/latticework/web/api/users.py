"""/api/users with their tokens and sessions (admin), /api/me with its tokens and sessions,
/api/access-log (people)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from latticework.services import accounts
from latticework.services.access import not_found
from latticework.services.accounts import Role, User
from latticework.web.deps import UowDep, UserDep, require_session
from latticework.web.guards import SIGNED_IN, RequireRole

router = APIRouter(tags=["users"])


class UserOut(BaseModel):
    id: int
    username: str
    role: Role
    employee_id: str | None
    is_active: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id,
            username=user.username,
            role=user.role,
            employee_id=user.employee_id,
            is_active=user.is_active,
            created_at=user.created_at,
        )


class UserIn(BaseModel):
    username: str
    password: str = Field(description="At least 10 characters; stored only as an argon2 hash.")
    role: Role
    employee_id: str | None = None


class UserChange(BaseModel):
    role: Role | None = None
    employee_id: str | None = None
    is_active: bool | None = None
    password: str | None = None


class TokenIn(BaseModel):
    name: str = Field(default="script", max_length=80)
    expires_in_days: int | None = Field(
        default=None,
        ge=1,
        le=accounts.MAX_TOKEN_DAYS,
        description="The token stops working after this many days; none: until revoked.",
    )


class TokenOut(BaseModel):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None = None


class SessionOut(BaseModel):
    id: int
    created_at: datetime
    expires_at: datetime
    ip: str | None


class Ended(BaseModel):
    ended: int


class NewToken(TokenOut):
    token: str = Field(description="Shown once: send as 'Authorization: Bearer <token>'.")


class AccessRecordOut(BaseModel):
    at: datetime
    username: str | None
    action: str
    subject_employee_id: str | None
    fields: list[str]
    detail: str | None = Field(default=None, description="What an account change changed.")


@router.get("/me", dependencies=[SIGNED_IN], response_model=UserOut)
def me(user: UserDep) -> UserOut:
    return UserOut.of(user)


@router.get("/me/tokens", dependencies=[SIGNED_IN], response_model=list[TokenOut])
def my_tokens(user: UserDep, uow: UowDep) -> list[TokenOut]:
    return [
        TokenOut.model_validate(t, from_attributes=True)
        for t in accounts.list_api_tokens(uow, user.id)
    ]


@router.post("/me/tokens", dependencies=[SIGNED_IN], response_model=NewToken, status_code=201)
def create_token(request: Request, body: TokenIn, user: UserDep, uow: UowDep) -> NewToken:
    """A new API token; only from a signed-in session, never with another token (a leaked
    token must not be able to outlive its revocation through tokens it made)."""
    require_session(request, "create API tokens")
    info, token = accounts.create_api_token(uow, user.id, body.name, body.expires_in_days)
    return NewToken(
        id=info.id,
        name=info.name,
        created_at=info.created_at,
        last_used_at=None,
        expires_at=info.expires_at,
        token=token,
    )


@router.delete("/me/tokens/{token_id}", dependencies=[SIGNED_IN], status_code=204)
def delete_token(token_id: int, user: UserDep, uow: UowDep) -> None:
    if not accounts.revoke_api_token(uow, user.id, token_id):
        raise not_found("token", str(token_id))


@router.get("/me/sessions", dependencies=[SIGNED_IN], response_model=list[SessionOut])
def my_sessions(user: UserDep, uow: UowDep) -> list[SessionOut]:
    return [
        SessionOut.model_validate(s, from_attributes=True)
        for s in accounts.list_sessions(uow, user.id)
    ]


@router.delete("/me/sessions", dependencies=[SIGNED_IN], response_model=Ended)
def log_out_everywhere(user: UserDep, uow: UowDep) -> Ended:
    """End every session of this user (every browser must log in again)."""
    return Ended(ended=accounts.end_all_sessions(uow, user))


@router.get(
    "/users",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=list[UserOut],
)
def list_users(user: UserDep, uow: UowDep) -> list[UserOut]:
    return [UserOut.of(u) for u in accounts.list_users(uow)]


@router.post(
    "/users",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=UserOut,
    status_code=201,
)
def create_user(body: UserIn, user: UserDep, uow: UowDep) -> UserOut:
    return UserOut.of(
        accounts.create_user(
            uow, body.username, body.password, body.role, body.employee_id, actor=user
        )
    )


@router.patch(
    "/users/{user_id}",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=UserOut,
)
def change_user(user_id: int, body: UserChange, user: UserDep, uow: UowDep) -> UserOut:
    if accounts.get_user(uow, user_id) is None:
        raise not_found("user", str(user_id))
    fields = body.model_fields_set
    changed = accounts.update_user(
        uow,
        user_id,
        role=body.role,
        employee_id=body.employee_id,
        clear_employee="employee_id" in fields and body.employee_id is None,
        is_active=body.is_active,
        actor=user,
    )
    if body.password:
        changed = accounts.set_password(uow, user_id, body.password, actor=user)
    return UserOut.of(changed)


def _existing(uow: UowDep, user_id: int) -> User:
    found = accounts.get_user(uow, user_id)
    if found is None:
        raise not_found("user", str(user_id))
    return found


@router.get(
    "/users/{user_id}/tokens",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=list[TokenOut],
)
def user_tokens(user_id: int, user: UserDep, uow: UowDep) -> list[TokenOut]:
    _existing(uow, user_id)
    return [
        TokenOut.model_validate(t, from_attributes=True)
        for t in accounts.list_api_tokens(uow, user_id)
    ]


@router.delete(
    "/users/{user_id}/tokens/{token_id}",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    status_code=204,
)
def revoke_user_token(user_id: int, token_id: int, user: UserDep, uow: UowDep) -> None:
    _existing(uow, user_id)
    if not accounts.revoke_api_token(uow, user_id, token_id, actor=user):
        raise not_found("token", str(token_id))


@router.get(
    "/users/{user_id}/sessions",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=list[SessionOut],
)
def user_sessions(user_id: int, user: UserDep, uow: UowDep) -> list[SessionOut]:
    _existing(uow, user_id)
    return [
        SessionOut.model_validate(s, from_attributes=True)
        for s in accounts.list_sessions(uow, user_id)
    ]


@router.delete(
    "/users/{user_id}/sessions",
    dependencies=[RequireRole(Role.ADMIN, what="manage users")],
    response_model=Ended,
)
def end_user_sessions(user_id: int, user: UserDep, uow: UowDep) -> Ended:
    return Ended(ended=accounts.end_all_sessions(uow, _existing(uow, user_id), actor=user))


@router.get(
    "/access-log",
    dependencies=[RequireRole(Role.PEOPLE, what="read the access log")],
    response_model=list[AccessRecordOut],
)
def access_log(
    user: UserDep, uow: UowDep, employee_id: str | None = None, limit: int = 200
) -> list[AccessRecordOut]:
    """Who read pay or protected attributes of whom (people role)."""
    return [
        AccessRecordOut(
            at=r.at,
            username=r.username,
            action=r.action,
            subject_employee_id=r.subject_employee_id,
            fields=list(r.fields),
            detail=r.detail,
        )
        for r in accounts.read_access_log(uow, subject_employee_id=employee_id, limit=limit)
    ]
