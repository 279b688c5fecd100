"""``tomwizard serve FILE``: the wizard in a browser through textual-serve (issue 13): the
server as a process of its own (the page, loopback only, a browser session running the wizard,
stopping), its argument errors, and the download of an export in the browser."""

from __future__ import annotations

import asyncio
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.cli import main
from tomwizard.commands.serve import is_loopback, url, wizard_command

PROC = Path("/proc")

# -- the server, as users start it -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Served:
    """A running ``tomwizard serve`` on a free loopback port."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, file: Path, log: Path):
        self.process, self.port, self.file, self.log = process, port, file, log
        self.url = f"http://127.0.0.1:{port}/"

    def output(self) -> str:
        return "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in (self.log.with_suffix(".out"), self.log.with_suffix(".err"))
        )

    def stop(self) -> int:
        """ctrl+c, as a user stops it; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=20)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    file = tmp_path / "anlage tom's.toml"  # a space and a quote: the command line is quoted
    port = free_port()
    log = tmp_path / "serve.log"
    with log.with_suffix(".out").open("wb") as out, log.with_suffix(".err").open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "tomwizard", "serve", str(file), "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=tmp_path,
            env=os.environ.copy(),  # TOMWIZARD_HOME and the catalogue from conftest
        )
    server = Served(process, port, file, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"the server ended: {server.output()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"no answer on {port}: {server.output()}"
                time.sleep(0.1)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def get(address: str, **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(address, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.mark.slow
def test_serve_answers_with_the_page_of_the_app(served: Served) -> None:
    status, page = get(served.url)
    assert status == 200
    assert "<html>" in page and "textual.js" in page  # textual-serve's page
    assert "tomwizard – anlage tom&#39;s.toml" in page  # its title, escaped
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in page
    assert "googleapis" not in page and "/static/fonts/RobotoMono" in page
    assert get(f"{served.url}static/js/textual.js")[0] == 200
    font = f"{served.url}static/fonts/RobotoMono-VariableFont_wght.ttf"
    assert f'url("{font}")' in page
    with urllib.request.urlopen(font, timeout=10) as response:
        assert response.status == 200 and len(response.read()) > 10_000
    assert f"tomwizard: serving {served.file} at {served.url}" in served.output()
    # the links follow the name the browser used (an SSH tunnel on another local port)
    status, page = get(served.url, Host="localhost:9000")
    assert status == 200 and 'data-session-websocket-url="ws://localhost:9000/ws"' in page


@pytest.mark.slow
def test_serve_listens_on_loopback_only_and_answers_to_loopback_names_only(
    served: Served,
) -> None:
    if not (PROC / "net" / "tcp").exists():
        pytest.skip("needs Linux's /proc/net")
    listening = []
    for table in ("tcp", "tcp6"):
        for row in (PROC / "net" / table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.split(":")
            if state == "0A" and int(port, 16) == served.port:  # 0A: LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian; no 0.0.0.0, no IPv6
    with pytest.raises(OSError):  # another loopback address, which 0.0.0.0 would answer
        socket.create_connection(("127.0.0.2", served.port), timeout=2).close()
    # DNS rebinding: a page of another site whose name now points at 127.0.0.1
    assert get(served.url, Host=f"evil.example:{served.port}")[0] == 403
    assert get(served.url, Host=f"localhost:{served.port}")[0] == 200


async def _wizard_screen(served: Served, origin: str) -> bytes:
    """What the wizard draws for a browser tab that opens ``origin``'s page (until the file's
    name shows)."""
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{served.url}ws?width=100&height=30", origin=origin) as ws,
    ):
        screen = b""
        async with asyncio.timeout(30):
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen += message.data
                    if served.file.name.encode() in screen:
                        break
        return screen


@pytest.mark.slow
async def test_a_browser_tab_runs_the_wizard_and_other_sites_cannot(served: Served) -> None:
    import aiohttp

    screen = await _wizard_screen(served, f"http://127.0.0.1:{served.port}")
    assert served.file.name.encode() in screen  # the wizard on FILE, drawn for the browser
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await _wizard_screen(served, "https://evil.example")
    assert refused.value.status == 403


def _descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.slow
async def test_ctrl_c_stops_the_server_and_the_wizards_it_runs(served: Served) -> None:
    import aiohttp

    if not PROC.joinpath("self", "stat").exists():
        pytest.skip("needs Linux's /proc")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{served.url}ws", origin=served.url.rstrip("/")) as ws,
    ):
        async with asyncio.timeout(30):
            async for message in ws:  # the wizard has started
                if message.type == aiohttp.WSMsgType.BINARY:
                    break
        wizards = _descendants(served.process.pid)
        assert wizards, "no wizard process runs for the session"
        stopping = asyncio.create_task(asyncio.to_thread(served.stop))
        async with asyncio.timeout(20):
            async for _message in ws:  # until the server closes the session, as a browser
                pass
        assert await stopping == 0, served.output()
    deadline = time.monotonic() + 15
    while alive := {pid for pid in wizards if (PROC / str(pid)).exists()}:
        assert time.monotonic() < deadline, f"still running: {alive}"
        await asyncio.sleep(0.1)


# -- the command line ---------------------------------------------------------------------


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_a_bad_port_is_a_usage_error(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", str(tmp_path / "a.toml"), "--port", port])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: tomwizard serve ")
    assert "tomwizard serve: error: argument --port: " in err
    assert err.endswith(" is not a port number (1-65535)\n")


def test_a_folder_or_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: is a folder, not an answers file\n"
    missing = tmp_path / "nowhere" / "a.toml"
    assert main(["serve", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"{missing}: the folder {missing.parent} does not exist\n"
    assert main(["serve", str(tmp_path / "a.toml"), "--host", ""]) == 2
    assert "--host" in capsys.readouterr().err


def test_a_port_in_use_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", str(tmp_path / "a.toml"), "--port", str(port)])
    assert code == 1
    err = capsys.readouterr().err
    assert f"tomwizard: cannot listen on 127.0.0.1:{port}: " in err
    assert "Traceback" not in err


def test_another_address_than_loopback_warns_that_there_is_no_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual_serve.server import Server

    served: list[tuple[str, int, str]] = []
    monkeypatch.setattr(
        Server,
        "serve",
        lambda self, debug=False: served.append((self.host, self.port, self.command)),
    )
    file = tmp_path / "a.toml"
    assert main(["serve", str(file), "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "anybody who can reach port 8123 can open and edit" in err
    assert "no login" in err
    assert served == [("0.0.0.0", 8123, wizard_command(file, []))]
    assert main(["serve", str(file)]) == 0
    assert capsys.readouterr().err == ""
    assert served[-1][:2] == ("127.0.0.1", 8000)


def test_the_wizard_command_runs_this_tomwizard_with_the_same_catalogue(tmp_path: Path) -> None:
    file = tmp_path / "it's a file; $(rm -rf ~).toml"
    extra = tmp_path / "own catalogue"
    words = shlex.split(wizard_command(file, [extra]))
    assert words == [
        sys.executable,
        "-P",
        "-m",
        "tomwizard",
        "--catalogue",
        str(extra),
        "edit",
        str(file),
    ]
    result = subprocess.run(
        [*words[:4], "edit", "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.startswith("usage: tomwizard edit")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_url() -> None:
    assert url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url("::1", 8080) == "http://[::1]:8080/"
    assert url("0.0.0.0", 80) == f"http://{socket.gethostname()}:80/"


def test_the_wizard_started_by_the_server_needs_no_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """textual-serve gives the wizard pipes, not a terminal, and its web driver."""
    import tomwizard.tui

    opened: list[Path | None] = []

    def run_wizard(_catalogue: Catalogue, path: Path | None) -> int:
        opened.append(path)
        return 0

    monkeypatch.setattr(tomwizard.tui, "run_wizard", run_wizard)
    monkeypatch.setattr("tomwizard.cli.has_terminal", lambda: False)
    assert main(["edit", str(tmp_path / "a.toml")]) == 2
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert main(["edit", str(tmp_path / "a.toml")]) == 0
    assert opened == [tmp_path / "a.toml"]


# -- an export in the browser is downloaded -----------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("web", [True, False])
async def test_an_export_is_downloaded_in_the_browser_only(
    web: bool, catalogue: Catalogue, complete_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tomwizard.tui.app import TomWizardApp

    monkeypatch.setattr(TomWizardApp, "is_web", property(lambda _app: web))
    delivered: list[tuple[Path, dict[str, object]]] = []
    app = TomWizardApp(catalogue, complete_file)

    def deliver_binary(path: Path, **options: object) -> str:
        delivered.append((path, options))
        return "key"

    monkeypatch.setattr(app, "deliver_binary", deliver_binary)
    target = complete_file.with_suffix(".docx")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.editor
        assert editor is not None
        editor._export(editor.session.snapshot(), "anlage", target, "de")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.exists(), [n.message for n in app._notifications]
    assert delivered == ([(target, {"mime_type": DOCX})] if web else [])
