"""``tomwizard serve FILE``: the wizard in a web browser, through textual-serve.

The server starts ``python -m tomwizard edit FILE`` (this same installation, with the same
catalogue folders and environment) for every browser tab that connects; the wizard then talks
to the browser instead of a terminal. textual-serve and aiohttp are imported only when this
command runs, so the other commands start as fast as before.

There is no login: whoever reaches the port can edit FILE. So the server listens on the
loopback address (this computer only) unless told otherwise, and then refuses requests that name
another host (DNS rebinding); a browser tab of another web site can never drive the wizard
(the WebSocket must come from the wizard's own page).
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tomwizard.problems import unusable_path

if TYPE_CHECKING:
    from textual_serve.server import Server

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_GOOGLE_FONTS = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/?>'
)
"""The page's font link to Google, replaced by the same font that textual-serve ships."""
_FONT = "RobotoMono-VariableFont_wght.ttf"


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this computer only (``127.0.0.1``, ``::1``, ``localhost``)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def wizard_command(path: Path, extra_dirs: Sequence[Path]) -> str:
    """The command line that runs the wizard on ``path`` with this same Python and tomwizard
    (``-P``: a ``tomwizard`` folder in the current directory cannot stand in for it)."""
    argv = [sys.executable, "-P", "-m", "tomwizard"]
    for directory in extra_dirs:
        argv += ["--catalogue", str(directory.absolute())]
    argv += ["edit", str(path.absolute())]
    if sys.platform == "win32":  # pragma: no cover - textual-serve runs it through cmd.exe
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)  # each word quoted with shlex.quote for /bin/sh


def url(host: str, port: int) -> str:
    """The address to open in a browser."""
    if host in ("0.0.0.0", "::"):  # every address of this computer
        host = socket.gethostname()
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _check_file(path: Path) -> str | None:
    """Why ``path`` cannot be edited, or None (a missing file is created by the wizard)."""
    try:
        if path.is_dir():
            return f"{path}: is a folder, not an answers file"
        if not path.exists() and not path.absolute().parent.is_dir():
            return f"{path}: the folder {path.absolute().parent} does not exist"
    except (OSError, ValueError) as exc:
        return unusable_path(path, exc, "en").text("en")  # serve speaks English
    return None


def run_serve(path: Path, extra_dirs: Sequence[Path], host: str, port: int) -> int:
    """Serve the wizard on ``path`` at ``host:port`` until interrupted; return the exit code."""
    if not host.strip():
        print("tomwizard: --host: the address must not be empty", file=sys.stderr)
        return EXIT_USAGE
    if (problem := _check_file(path)) is not None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    from tomwizard.commands import load_catalogue_or_report

    if load_catalogue_or_report(extra_dirs) is None:  # say so once, not in every browser tab
        return EXIT_PROBLEMS
    loopback = is_loopback(host)
    if not loopback:
        print(
            f"tomwizard: warning: listening on {host}, not on this computer only: anybody who "
            f"can reach port {port} can open and edit {path} (there is no login). To work on "
            "another computer, keep the default address and use an SSH tunnel "
            f"(ssh -L {port}:127.0.0.1:{port} user@host).",
            file=sys.stderr,
            flush=True,
        )
    server = _server(wizard_command(path, extra_dirs), host, port, path, loopback=loopback)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, the address is not this computer's, ...
        print(f"tomwizard: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _server(command: str, host: str, port: int, path: Path, *, loopback: bool) -> Server:
    """A textual-serve server running ``command`` per browser tab."""
    from aiohttp import web
    from textual_serve.server import Server

    def check_host(request: web.Request) -> None:
        """Bound to loopback, only requests for a loopback name are answered: a web page
        whose name was made to point at 127.0.0.1 (DNS rebinding) gets nothing."""
        if loopback and not is_loopback(request.url.host or ""):
            raise web.HTTPForbidden(text="tomwizard: this server answers to localhost only\n")

    sessions: set[asyncio.Task[object]] = set()
    """The request handlers of the open browser sessions."""

    class WizardServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            print(
                f"tomwizard: serving {path} at {url(host, port)} (open it in a browser; "
                "ctrl+c stops the server)",
                flush=True,
            )

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            check_host(request)
            # the page's links and WebSocket go back the way the browser came (an SSH tunnel
            # on another local port, a name for the 0.0.0.0 address)
            self.public_url = f"{request.scheme}://{request.host}"
            response = await super().handle_index(request)
            if isinstance(response, web.Response) and response.text is not None:
                # the font from this server, not from Google (which would learn who uses it)
                font = html.escape(f"{self.public_url}/static/fonts/{_FONT}")
                face = f'<style>@font-face {{ font-family: "Roboto Mono"; src: url("{font}"); }}'
                response.text = _GOOGLE_FONTS.sub(lambda _: f"{face}</style>", response.text)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            check_host(request)
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                # browsers let any web site open a WebSocket to any address: only the
                # wizard's own page may start a session
                raise web.HTTPForbidden(text="tomwizard: the session must come from this page\n")
            task = asyncio.current_task()
            assert task is not None  # aiohttp runs every request handler in a task
            sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                sessions.discard(task)

        async def on_shutdown(self, app: web.Application) -> None:
            """ctrl+c ends the open sessions (their wizards quit) instead of waiting for the
            browsers to close them."""
            for task in list(sessions):
                task.cancel()

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            check_host(request)
            return await super().handle_download(request)

    title = f"tomwizard – {path.name}"
    return WizardServer(command, host=host, port=port, title=title)
