"""`python -m sandbox --host 127.0.0.1 --port 8443 --data-dir DIR`: serve the API over HTTPS.

On first start it creates the data directory, a local CA, a server certificate and the
seeded database; then it prints one machine-readable line, `SANDBOX_READY {json}`, with
the base URL, the CA path to put in the kiosk's `api.ca_bundle`, the admin token and the
demo kiosk's API key (that is what `sandbox.runner.SandboxProcess` waits for), followed by
the same facts for people. `--port 0` picks a free port. Plain HTTP is never served.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import sys
from pathlib import Path

import uvicorn

from sandbox.app import create_app
from sandbox.runner import READY_PREFIX
from sandbox.seed import DEV_KIOSK_KEY
from sandbox.tls import ensure_tls

ADMIN_TOKEN_ENV = "SANDBOX_ADMIN_TOKEN"  # noqa: S105 (a variable name)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox",
                                     description="Al-Ahsa Municipality API sandbox (HTTPS)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443, help="0 picks a free port")
    parser.add_argument("--data-dir", type=Path, default=Path("var/sandbox"))
    parser.add_argument("--admin-token", default=os.environ.get(ADMIN_TOKEN_ENV),
                        help=f"admin token (default ${ADMIN_TOKEN_ENV}, else kept in DATA_DIR)")
    parser.add_argument("--log-level", default="warning",
                        choices=["debug", "info", "warning", "error"])
    return parser.parse_args(argv)


def _admin_token(data_dir: Path, given: str | None) -> str:
    if given:
        return str(given)
    path = data_dir / "admin-token"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    token = secrets.token_urlsafe(24)
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return token


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
    data_dir: Path = args.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    tls = ensure_tls(data_dir)
    token = _admin_token(data_dir, args.admin_token)
    app, sandbox = create_app(data_dir, token)
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
             "admin_token": token, "api_key": DEV_KIOSK_KEY, "data_dir": str(data_dir)}
    print(READY_PREFIX + json.dumps(ready), flush=True)
    print(f"sandbox: serving {base_url} (HTTPS only)\n"
          f"sandbox: CA certificate for the kiosk's api.ca_bundle: {tls.ca_cert}\n"
          f"sandbox: demo kiosk API key: {DEV_KIOSK_KEY}\n"
          f"sandbox: SMS outbox: https://{shown_host}:{port}/admin/sms.html?token={token}",
          flush=True)
    config = uvicorn.Config(
        app, ssl_certfile=str(tls.server_cert), ssl_keyfile=str(tls.server_key),
        http="h11", lifespan="off", log_level=args.log_level, access_log=False,
        timeout_graceful_shutdown=2,
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        sandbox.db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
