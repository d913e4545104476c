"""`python -m sandbox --host 127.0.0.1 --port 8443 --data-dir DIR`: serve the API over HTTPS.

On first start it creates the data directory, a local CA, a server certificate and the
seeded database; then it prints one machine-readable line, `SANDBOX_READY {json}`, with
the base URL, the CA path to put in the kiosk's `api.ca_bundle`, the demo kiosk's API key
and where the admin token is kept (that is what `sandbox.runner.SandboxProcess` waits
for), followed by the same facts for people. `--port 0` picks a free port. Plain HTTP is
never served. The admin token itself is never printed and never taken on the command
line: it comes from `$SANDBOX_ADMIN_TOKEN` or a 0600 file (`--admin-token-file`, by
default `DATA_DIR/admin-token`, made on first start). The scrape credential of `/metrics`
(what Prometheus's `authorization` setting sends) is kept the same way:
`$SANDBOX_SCRAPE_TOKEN`, `--scrape-token-file`, or `DATA_DIR/scrape-token`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import secrets
import socket
import ssl
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn
from limits import parse

from kiosk.api.tls import apply_policy
from sandbox.app import create_app
from sandbox.http_protocol import ClosingH11Protocol
from sandbox.private import ADMIN_TOKEN_FILE, SCRAPE_TOKEN_FILE, read_private, write_private
from sandbox.ratelimit import VERIFY_LIMIT
from sandbox.runner import READY_PREFIX, die_with_parent
from sandbox.seed import DEV_KIOSK_KEY
from sandbox.tls import ca_sha256, ensure_tls

ADMIN_TOKEN_ENV = "SANDBOX_ADMIN_TOKEN"  # noqa: S105 (a variable name)
SCRAPE_TOKEN_ENV = "SANDBOX_SCRAPE_TOKEN"  # noqa: S105 (a variable name)


def _limit(text: str) -> str:
    """A `limits` rate such as "30/minute"; argparse reports anything else in one line."""
    try:
        parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a rate such as 30/minute (got {text!r})") from None
    return text


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox",
                                     description="Al-Ahsa Municipality API sandbox (HTTPS)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443, help="0 picks a free port")
    parser.add_argument("--data-dir", type=Path, default=Path("var/sandbox"))
    parser.add_argument("--admin-token-file", type=Path, default=None,
                        help="a 0600 file holding the admin token (default: "
                             f"${ADMIN_TOKEN_ENV}, else DATA_DIR/{ADMIN_TOKEN_FILE}, "
                             "made on first start)")
    parser.add_argument("--scrape-token-file", type=Path, default=None,
                        help="a 0600 file holding the bearer credential of /metrics "
                             f"(default: ${SCRAPE_TOKEN_ENV}, else "
                             f"DATA_DIR/{SCRAPE_TOKEN_FILE}, made on first start)")
    parser.add_argument("--verify-limit", default=VERIFY_LIMIT, type=_limit,
                        help="requests per client to the public verification pages "
                             f"(default {VERIFY_LIMIT})")
    parser.add_argument("--log-level", default="warning",
                        choices=["debug", "info", "warning", "error"])
    parser.add_argument("--parent-pid", type=int, default=None, metavar="PID",
                        help="end (SIGTERM) when the process PID ends, e.g. the demo that "
                             "started this sandbox")
    return parser.parse_args(argv)


def _secret(data_dir: Path, token_file: Path | None, env: str,
            default_name: str) -> tuple[str, Path | None]:
    """(token, the file it is kept in, or None when it came from the environment `env`).
    Without either, `data_dir/default_name`, made on first start. ValueError (a
    sentence) for an unusable token file."""
    if token_file is not None:
        return read_private(token_file), token_file.resolve()
    if os.environ.get(env):
        return os.environ[env], None
    path = data_dir / default_name
    if path.exists():
        return read_private(path), path
    token = secrets.token_urlsafe(24)
    write_private(path, token + "\n")
    return token, path


def _tls_policy(config: uvicorn.Config, default: Callable[[], ssl.SSLContext]) -> ssl.SSLContext:
    """uvicorn's own context (certificate and key) with the kiosk's TLS policy: TLS 1.2
    minimum (uvicorn has no setting for it) and AEAD ciphers only (its default cipher
    string still lets TLS 1.2 pick two CBC suites)."""
    return apply_policy(default())


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says it is TCP; with proto 0 every answer waits ~40 ms for an ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.parent_pid is not None:
        die_with_parent(args.parent_pid)
    data_dir: Path = args.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    tls = ensure_tls(data_dir)
    try:
        token, token_file = _secret(data_dir, args.admin_token_file, ADMIN_TOKEN_ENV,
                                    ADMIN_TOKEN_FILE)
        scrape, scrape_file = _secret(data_dir, args.scrape_token_file, SCRAPE_TOKEN_ENV,
                                      SCRAPE_TOKEN_FILE)
    except ValueError as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return 2
    app, sandbox = create_app(data_dir, token, scrape_token=scrape,
                              verify_limit=args.verify_limit,
                              ca_sha256=ca_sha256(tls.ca_cert))
    try:
        sock = _listen(args.host, args.port)
    except OSError as exc:
        print(f"sandbox: cannot listen on {args.host}:{args.port}: {exc.strerror}",
              file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    base_url = f"https://{shown_host}:{port}/v1"
    ready = {"base_url": base_url, "port": port, "ca_path": str(tls.ca_cert),
             "ca_sha256": sandbox.ca_sha256,
             "admin_token_file": str(token_file) if token_file else None,
             "scrape_token_file": str(scrape_file) if scrape_file else None,
             "api_key": DEV_KIOSK_KEY, "data_dir": str(data_dir)}
    print(READY_PREFIX + json.dumps(ready), flush=True)
    kept = f"the admin token in {token_file}" if token_file else f"${ADMIN_TOKEN_ENV}"
    scrape_kept = f"the bearer token in {scrape_file}" if scrape_file else f"${SCRAPE_TOKEN_ENV}"
    print(f"sandbox: serving {base_url} (HTTPS only)\n"
          f"sandbox: CA certificate for the kiosk's api.ca_bundle: {tls.ca_cert}\n"
          f"sandbox: demo kiosk API key: {DEV_KIOSK_KEY}\n"
          f"sandbox: SMS outbox: https://{shown_host}:{port}/admin/sms.html "
          f"(sign in with {kept})\n"
          f"sandbox: operator console, the pilot's figures: "
          f"https://{shown_host}:{port}/admin/pilot.html",
          f"sandbox: Prometheus metrics: https://{shown_host}:{port}/metrics "
          f"({scrape_kept})",
          flush=True)
    config = uvicorn.Config(
        app, ssl_certfile=str(tls.server_chain), ssl_keyfile=str(tls.server_key),
        ssl_context_factory=_tls_policy,
        http=ClosingH11Protocol, lifespan="off", log_level=args.log_level, access_log=False,
        server_header=False, timeout_graceful_shutdown=2,
    )
    # What starting made (modules, routes, schemas: some 85,000 objects) lives as long as
    # the server: out of the cyclic collector's full passes, which would re-scan it each
    # time and stop every request in flight meanwhile.
    gc.freeze()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        sandbox.db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
