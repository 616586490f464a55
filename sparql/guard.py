"""Who may talk to the endpoint: the Host header checked, CORS off unless asked for.

A server on loopback is still reachable from any web page the user opens: through
DNS rebinding (a page's own name made to resolve to 127.0.0.1) and through
cross-origin requests. So every request must name this server in its ``Host``
header (421 otherwise): the address it listens on, or when that is loopback also
``localhost``; when it listens on a wildcard address, any IP literal and this
machine's names; plus the names given with ``--allowed-host``. Cross-origin reads
are refused (no ``Access-Control-Allow-Origin``) unless ``--cors ORIGIN`` names the
one origin allowed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

from flask import Flask, Response, request

LOOPBACK_NAMES = ("localhost", "localhost.", "ip6-localhost")
EXPOSED_HEADERS = "X-SPARQL-MaxRows"


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def allowed_host_names(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names (lower case, no port) requests may name for a server bound to ``bound``."""
    names = {bound.lower().strip("[]"), *(name.lower() for name in extra)}
    address = _address(bound)
    if bound.lower() in LOOPBACK_NAMES or (address is not None and address.is_loopback):
        names.update(LOOPBACK_NAMES)
        names.update(("127.0.0.1", "::1"))
    elif address is None or address.is_unspecified:
        names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return frozenset(names)


def host_allowed(host_header: str, names: frozenset[str], bound: str) -> bool:
    """Whether a ``Host`` header (``name[:port]``, ``[v6]:port``) names this server."""
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[1:host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in names:
        return True
    address, bound_address = _address(host), _address(bound)
    # on a wildcard address the server answers on every interface: any IP literal is
    # this machine (an IP literal cannot be rebound to another host the way a name can)
    return address is not None and bound_address is not None and bound_address.is_unspecified


def install_guards(app: Flask, *, bound: str, allowed_hosts: Iterable[str] = (),
                   cors: str | None = None) -> None:
    """Refuse requests whose ``Host`` names another server; allow CORS for ``cors`` only."""
    names = allowed_host_names(bound, allowed_hosts)

    @app.before_request
    def check_host() -> Response | None:
        if not request.host:
            return Response("a Host header is required\n", status=400,
                            content_type="text/plain; charset=utf-8")
        if not host_allowed(request.host, names, bound):
            return Response("this server does not answer for that Host name "
                            "(start it with --allowed-host NAME to allow one)\n", status=421,
                            content_type="text/plain; charset=utf-8")
        return None

    @app.after_request
    def cross_origin(response: Response) -> Response:
        if cors:
            response.headers["Access-Control-Allow-Origin"] = cors
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
            response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            response.vary.add("Origin")
        return response
