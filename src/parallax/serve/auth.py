"""Writes need a token. Read-only is the default: with no token configured, every write is refused.

The token comes from ``settings.api_token`` when the settings have it, else from the
``PARALLAX_API_TOKEN`` environment variable; clients send ``Authorization: Bearer TOKEN``.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from parallax.settings import Settings

TOKEN_VARIABLE = "PARALLAX_API_TOKEN"
bearer = HTTPBearer(auto_error=False, description="the server's API token (PARALLAX_API_TOKEN)")


def configured_token(settings: Settings) -> str:
    """The write token, "" when none is configured (then the server stays read-only)."""
    return str(getattr(settings, "api_token", "") or os.environ.get(TOKEN_VARIABLE, "")).strip()


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """403 when writes are disabled, 401 when the bearer token is missing or wrong."""
    expected = request.app.state.api_token
    if not expected:
        raise HTTPException(403, f"writes disabled: this server has no API token (set {TOKEN_VARIABLE})")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid API token is required: send Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


WriteAccess = Depends(require_token)
