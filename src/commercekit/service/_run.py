"""Serving the application with uvicorn: the arguments checked, the extra asked for.

This module imports neither Starlette nor uvicorn when it is imported, so
``commercekit.service`` is importable without the ``[server]`` extra and says what to
install when the service is started without it.
"""

from __future__ import annotations

import ipaddress

from commercekit.errors import InvalidCountError, InvalidTextError, MissingDataError

__all__ = ["APP_FACTORY", "MAX_WORKERS", "check_server_arguments", "require_extra", "run"]

APP_FACTORY = "commercekit.service:create_app"
"""What uvicorn imports in each worker: the factory, so each process builds its own app."""

MAX_WORKERS = 64
"""The most worker processes ``run`` starts (a guard against a mistyped count)."""

_EXTRA = "install them with pip install 'commercekit[server]'"


def require_extra() -> None:
    """Raise ``MissingDataError`` naming the extra when Starlette or uvicorn is missing."""
    try:
        import starlette  # noqa: F401, PLC0415  # only asked whether it is installed
        import uvicorn  # noqa: F401, PLC0415
    except ImportError:
        raise MissingDataError(
            "the HTTP service's packages (starlette, uvicorn)", _EXTRA
        ) from None


def check_server_arguments(host: object, port: object, workers: object) -> None:
    """Refuse a host that is not an IP address (or ``localhost``), a port outside
    1-65535 and a worker count outside 1-``MAX_WORKERS``, before anything starts."""
    if not isinstance(host, str) or not _is_address(host):
        raise InvalidTextError(
            host,
            "is not an address to listen on; give an IP address such as '127.0.0.1' "
            "(this machine only), '0.0.0.0' (every interface) or '::', or 'localhost'",
            field="host",
        )
    for name, value, highest in (("port", port, 65535), ("workers", workers, MAX_WORKERS)):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 1 <= value <= highest
        ):
            raise InvalidCountError(
                value, f"is not a whole number from 1 to {highest}", field=name
            )


def _is_address(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the application with uvicorn on ``host``:``port`` until stopped.

    ``workers`` processes each build their own application with
    [`create_app`][commercekit.service.create_app]; nothing is shared between them, so
    they answer alike behind a load balancer. Raises ``InvalidTextError`` or
    ``InvalidCountError`` for a bad argument and
    [`MissingDataError`][commercekit.errors.MissingDataError] when the ``[server]``
    extra is not installed, both before anything listens.
    """
    check_server_arguments(host, port, workers)
    require_extra()
    import uvicorn  # noqa: PLC0415  # the optional extra, checked just above

    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
