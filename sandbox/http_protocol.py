"""uvicorn's HTTP/1.1 protocol, letting go of a closed connection at once.

A thousand kiosks each open a fresh TLS connection every heartbeat. uvicorn's
`H11Protocol` and asyncio's TLS layer point at each other (the protocol holds its
transport, the transport its protocol; the response cycle and the keep-alive timer hold
bound methods of the protocol), so every closed connection left about forty objects that
only Python's cyclic collector could free. Those piled up in the oldest generation, and
its full collections, which stop every request in flight, took 100 to 290 ms with 1,000
kiosks: the heartbeat's p99 (bench/fleet.py) was those pauses, not its own work.

Once a connection is lost nothing of uvicorn calls back into the protocol (the server has
dropped it from its connections, a response still being written sees `disconnected` and
stops), so `connection_lost` cancels the keep-alive timer in every case (uvicorn does so
only when the connection ended cleanly) and drops the references that close the loops;
reference counting then frees the connection on the spot.
`tests/sandbox/test_http_protocol.py` checks that no closed connection is left for the
collector, so an uvicorn upgrade that renames these attributes is caught.
"""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol

#: What ties a closed connection's objects into reference cycles.
_TIES = ("cycle", "flow", "transport", "conn", "scope", "headers")


class ClosingH11Protocol(H11Protocol):
    """`H11Protocol` whose closed connections are freed by reference counting."""

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self._unset_keepalive_if_required()
        for name in _TIES:
            setattr(self, name, None)
