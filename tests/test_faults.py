"""Faults: saving while being killed, with a full disk, without permission, by two processes at
once, through symlinks and on files of other users.

What is promised (see the module docstring of :mod:`tomwizard.disk.storage`): after any of these the
answers file is the complete old or the complete new version and reads back, the ``.bak`` is a
complete earlier version, a refused or failed save says which file and why, and no temporary file
stays behind except after a kill (the next save removes it once it is old).
"""

from __future__ import annotations

import collections
import errno
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tomwizard.answers.model import AnswersDocument
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import (
    STALE_TEMP_AGE,
    DocumentFile,
    StorageError,
    load_document,
)
from tomwizard.session import EditSession

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "complete.toml"
MINIMAL_CATALOGUE = FIXTURES / "catalogues" / "minimal"
NAME = "complete.toml"
NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def temp_pattern(name: str) -> re.Pattern[str]:
    """The names storage gives its temporary files for ``name`` (mkstemp: 8 random chars)."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def temps_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def with_organisation(document: AnswersDocument, **update: str) -> AnswersDocument:
    categories = dict(document.categories)
    categories["organisation"] = categories["organisation"].model_copy(update=update)
    return document.model_copy(update={"categories": categories})


def note_of(path: Path, catalogue: Catalogue) -> str:
    return load_document(path, catalogue).document.categories["organisation"].note


# -- killed while saving ----------------------------------------------------------------------

LINES = 2000
"""The description of each version has 2000 lines of 100 bytes: the file is about 200 kB."""


def big_description(version: str) -> str:
    return "\n".join([version * 99] * LINES)


CRASH_CHILD = r'''
"""Open the answers file and save it in a loop, alternating between versions A and B, until
killed. Every step that matters is traced to stdout, unbuffered, so the parent knows where the
kill landed. With "slow", fsync and os.replace take a few milliseconds longer, which moves more
kills into the window where temporary files exist and renames are pending."""
import os
import sys
import tempfile
import time
from pathlib import Path

path, catalogue_dir, variant = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
pause = 0.008 if variant == "slow" else 0.0


def trace(line):
    os.write(1, (line + "\n").encode())


real_mkstemp, real_replace, real_fsync = tempfile.mkstemp, os.replace, os.fsync


def mkstemp(*args, **kwargs):
    fd, name = real_mkstemp(*args, **kwargs)
    trace("temp " + os.path.basename(name))
    return fd, name


def fsync(fd):
    time.sleep(pause)
    real_fsync(fd)


def replace(src, dst):
    trace("replacing " + os.path.basename(dst))
    time.sleep(pause)
    real_replace(src, dst)
    trace("replaced " + os.path.basename(dst))
    time.sleep(pause)


from tomwizard.catalogue.loader import load_catalogue
from tomwizard.disk.storage import DocumentFile

catalogue = load_catalogue(builtin=catalogue_dir)  # may write its cache: not traced
tempfile.mkstemp, os.replace, os.fsync = mkstemp, replace, fsync
handle, loaded = DocumentFile.open(path, catalogue)
document = loaded.document
current = document.categories["organisation"].description[:1]
trace("ready " + current)
while True:
    version = "B" if current == "A" else "A"
    categories = dict(document.categories)
    text = "\n".join([version * 99] * LINES)
    categories["organisation"] = categories["organisation"].model_copy(update={"description": text})
    document = document.model_copy(update={"categories": categories})
    trace("saving " + version)
    document = handle.save(document, catalogue)
    trace("saved " + version)
    current = version
'''.replace("LINES", str(LINES))


class Replay:
    """Follows a child's trace and knows which versions the file and the ``.bak`` may hold when
    it is killed after the last traced line (a line is written after the step it names)."""

    def __init__(self, name: str, file: str, backup: str | None) -> None:
        self.name = name
        self.file = file
        """The version the file certainly holds (the last one whose rename was traced)."""
        self.file_may_be = {file}
        self.backup_may_be = {backup}
        self.saving: str | None = None
        self.pending_temps: set[str] = set()
        """Temporary files created and not being renamed yet: a kill must leave them."""
        self.saves = 0
        self.phase = "starting (before the file was opened)"

    def follow(self, line: str) -> None:
        word, _, arg = line.partition(" ")
        bak = f"{self.name}.bak"
        if word == "ready":
            assert arg == self.file, "the child read another version than the parent saw"
            self.phase = "before the first save wrote anything"
        elif word == "saving":
            self.saving = arg
            self.phase = (
                "before the first save wrote anything"
                if self.saves == 0
                else "between saves (nothing being written)"
            )
        elif word == "temp":
            self.pending_temps.add(arg)
            which = ".bak" if temp_pattern(bak).fullmatch(arg) else "file"
            assert which == ".bak" or temp_pattern(self.name).fullmatch(arg), arg
            self.phase = f"inside a save: writing the {which}'s temporary file"
        elif word == "replacing" and arg == bak:
            self.backup_may_be = self.backup_may_be | {self.file}
            self._renamed(bak)  # perhaps: the kill may land before or after the rename
            self.phase = "inside a save: renaming the .bak into place"
        elif word == "replaced" and arg == bak:
            self.backup_may_be = {self.file}
            self.phase = "inside a save: between renaming the .bak and the file"
        elif word == "replacing" and arg == self.name:
            assert self.saving is not None
            self.file_may_be = {self.file, self.saving}
            self._renamed(self.name)
            self.phase = "inside a save: renaming the file into place"
        elif word == "replaced" and arg == self.name:
            assert self.saving is not None
            self.file = self.saving
            self.file_may_be = {self.file}
            self.phase = "inside a save: file renamed, syncing the folder"
        elif word == "saved":
            assert arg == self.saving == self.file, line
            self.saves += 1
            self.saving = None
            self.phase = "between saves (nothing being written)"
        else:
            raise AssertionError(f"unexpected trace line {line!r}")

    def _renamed(self, target: str) -> None:
        renamed = {t for t in self.pending_temps if temp_pattern(target).fullmatch(t)}
        assert len(renamed) == 1, (target, self.pending_temps)
        self.pending_temps -= renamed


def test_sigkill_while_saving_leaves_a_complete_old_or_new_file(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    """50 saving processes killed with SIGKILL at random moments, from interpreter start-up to the
    middle of the save loop. After every kill, the file and the ``.bak`` are each exactly one of
    the complete versions, the one the trace allows; every later process opens and saves
    normally although temporary files of killed ones lie around; the next save removes those
    once they are older than STALE_TEMP_AGE."""
    versions: dict[str, bytes] = {}
    base = load_document(FIXTURE, catalogue).document
    for version in "AB":
        scratch = tmp_path / f"scratch-{version}.toml"
        DocumentFile.create(scratch).save(
            with_organisation(base, description=big_description(version)), catalogue
        )
        versions[version] = scratch.read_bytes()
        scratch.unlink()
    assert 190_000 < len(versions["A"]) == len(versions["B"]) < 220_000

    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / NAME
    path.write_bytes(versions["A"])
    script = tmp_path / "crash_child.py"
    script.write_text(CRASH_CHILD, encoding="utf-8")
    by_bytes = {data: version for version, data in versions.items()}

    rng = random.Random(20240229)
    phases: collections.Counter[str] = collections.Counter()
    file_version, backup_version = "A", None
    temps_left: set[str] = set()
    saves = 0
    kills = 50
    for run in range(kills):
        variant = "slow" if run % 2 else "plain"
        replay = Replay(NAME, file_version, backup_version)
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), str(MINIMAL_CATALOGUE), variant],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None
        lines: list[str] = []
        if run % 5 == 0:
            # early: most of these land while Python starts and imports, before the file is read
            time.sleep(rng.uniform(0.0, 0.15))
        else:
            line = child.stdout.readline().decode()
            if not line.startswith("ready"):  # the child died before it was ready
                child.wait(timeout=30)
                assert child.stderr is not None
                raise AssertionError(f"the child failed: {child.stderr.read().decode()}")
            lines.append(line)
            time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.stderr is not None
        err = child.stderr.read().decode()
        assert child.returncode == -signal.SIGKILL, f"the child ended by itself:\n{err}"
        # read what readline() has buffered too (communicate() would bypass that buffer)
        lines += child.stdout.read().decode().splitlines()
        child.stdout.close()
        child.stderr.close()
        trace = [x.strip() for x in lines if x.strip()]
        for number, line in enumerate(trace):
            try:
                replay.follow(line)
            except AssertionError as exc:
                raise AssertionError(f"run {run}, trace line {number}: {exc}\n{trace}") from None
        phases[replay.phase] += 1
        saves += replay.saves

        data = path.read_bytes()
        assert data in by_bytes, f"run {run}: the file is neither version after a kill"
        file_version = by_bytes[data]
        assert file_version in replay.file_may_be, (run, replay.phase)
        loaded = load_document(path, catalogue)  # reads back and passes every check
        description = loaded.document.categories["organisation"].description
        assert description == big_description(file_version)

        backup = folder / f"{NAME}.bak"
        if backup.exists():
            assert backup.read_bytes() in by_bytes, f"run {run}: the .bak is no complete version"
            backup_version = by_bytes[backup.read_bytes()]
            load_document(backup, catalogue)
        else:
            backup_version = None
        assert backup_version in replay.backup_may_be, (run, replay.phase)

        temps = set(temps_in(folder))
        assert replay.pending_temps <= temps, "a temporary file of the killed save vanished"
        assert all(
            temp_pattern(NAME).fullmatch(t) or temp_pattern(f"{NAME}.bak").fullmatch(t)
            for t in temps
        ), temps
        assert set(listing(folder)) - temps <= {NAME, f"{NAME}.bak"}
        temps_left = temps

    # Where the kills landed (seed fixed; the exact spread depends on the machine's speed). On a
    # 2-core ext4 machine: 10 during start-up, 5 or 6 before the first save wrote anything, 15
    # to 22 inside a save (a temporary file being written or a rename pending), 12 to 21 between
    # saves; 20 to 60 saves completed (fewer on a busy machine); 10 to 26 temporary files left.
    print(f"\n{kills} kills, {saves} saves completed; the kills landed:")
    for phase, count in sorted(phases.items()):
        print(f"  {count:3d}  {phase}")
    print(f"temporary files left by the kills: {len(temps_left)}")
    coarse = collections.Counter(p.split(":")[0] for p in phases.elements())
    assert (
        coarse["before the first save wrote anything"]
        + coarse["starting (before the file was opened)"]
        >= 5
    ), phases
    assert coarse["inside a save"] >= 5, phases
    assert coarse["between saves (nothing being written)"] >= 1, phases
    assert saves >= 10, phases

    # What happens with the temporary files a kill leaves: nothing reads them (every child above
    # opened and saved with them lying around); a save removes those older than STALE_TEMP_AGE
    # (a younger one might belong to a save still running in another process) and nothing else.
    assert temps_left, "no kill left a temporary file: the crash window was never hit"
    handle, loaded = DocumentFile.open(path, catalogue)
    document = handle.save(with_organisation(loaded.document, note="nach dem Absturz"), catalogue)
    assert set(temps_in(folder)) == temps_left, "young temporary files must stay"
    old = time.time() - STALE_TEMP_AGE - 5
    for name in temps_left:
        os.utime(folder / name, (old, old))
    handle.save(with_organisation(document, note="aufgeräumt"), catalogue)
    assert listing(folder) == [NAME, f"{NAME}.bak"]
    assert note_of(path, catalogue) == "aufgeräumt"
    assert note_of(folder / f"{NAME}.bak", catalogue) == "nach dem Absturz"


def test_only_old_temporary_files_of_the_same_file_are_removed(
    complete_file: Path, catalogue: Catalogue
) -> None:
    folder = complete_file.parent
    old = time.time() - STALE_TEMP_AGE - 5
    stale = [f".{NAME}.abc_0123.tmp", f".{NAME}.bak.zz9zz9zz.tmp"]
    kept = [
        f".{NAME}.young123.tmp",  # may belong to a save running right now
        f".{NAME}.toolong12.tmp",  # not a name storage gives
        f".{NAME}.ABCDEFGH.tmp",  # mkstemp uses lower case only
        f"{NAME}.abcdefgh.tmp",  # not hidden
        ".other.toml.abcdefgh.tmp",  # another file's
        f".{NAME}.abcdefgh.tmp.keep",
    ]
    for name in stale + kept:
        (folder / name).write_bytes(b"half")
        if name != f".{NAME}.young123.tmp":
            os.utime(folder / name, (old, old))
    (folder / f".{NAME}.linkxxxx.tmp").symlink_to(complete_file)  # never a symlink
    os.utime(folder / f".{NAME}.linkxxxx.tmp", (old, old), follow_symlinks=False)
    kept.append(f".{NAME}.linkxxxx.tmp")
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    handle.save(with_organisation(loaded.document, note="x"), catalogue)
    assert listing(folder) == sorted([NAME, f"{NAME}.bak", *kept])
    assert note_of(complete_file, catalogue) == "x"


# -- failures while saving ------------------------------------------------------------------


@pytest.fixture
def saved_twice(complete_file: Path, catalogue: Catalogue) -> tuple[DocumentFile, AnswersDocument]:
    """The fixture saved twice, so that the file and its ``.bak`` differ ("zwei" / "eins")."""
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    document = handle.save(with_organisation(loaded.document, note="eins"), catalogue)
    document = handle.save(with_organisation(document, note="zwei"), catalogue)
    return handle, document


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("failing", "error"),
    [
        (f"{NAME}.bak", errno.EXDEV),  # nothing renamed yet
        (NAME, errno.EIO),  # the new .bak was renamed already: the old one is put back
    ],
)
def test_failing_replace(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
    error: int,
) -> None:
    """Issue 12.2: a failure of the file's rename used to leave the .bak overwritten with a copy
    of the file, the previous backup lost. Now both stay exactly as they were."""
    handle, document = saved_twice
    folder = complete_file.parent
    before = snapshot(folder)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == failing:
            raise OSError(error, os.strerror(error))
        real_replace(src, dst)

    backup = complete_file.with_name(f"{NAME}.bak")
    inodes = (complete_file.stat().st_ino, backup.stat().st_ino)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(StorageError) as info:
        handle.save(with_organisation(document, note="drei"), catalogue)
    assert str(info.value) == f"cannot save {complete_file}: {os.strerror(error)}"
    assert snapshot(folder) == before  # the file, the .bak, and no temporary file
    assert note_of(backup, catalogue) == "eins"
    assert (complete_file.stat().st_ino, backup.stat().st_ino) == inodes


@pytest.mark.parametrize("failing_write", [1, 2])
def test_disk_full_while_writing_changes_nothing(
    saved_twice: tuple[DocumentFile, AnswersDocument],
    complete_file: Path,
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    failing_write: int,
) -> None:
    """ENOSPC while the new text (1) or the copy for the ``.bak`` (2) is written: both are
    written before anything is renamed, so the file and the ``.bak`` stay as they were."""
    handle, document = saved_twice
    folder = complete_file.parent
    before = snapshot(folder)
    real_fsync = os.fsync
    writes = []

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # not the folder's fsync
            writes.append(fd)
            if len(writes) == failing_write:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StorageError) as info:
        handle.save(with_organisation(document, note="drei"), catalogue)
    assert len(writes) == failing_write
    assert str(info.value) == f"cannot save {complete_file}: No space left on device"
    assert snapshot(folder) == before
    monkeypatch.setattr(os, "fsync", real_fsync)
    handle.save(with_organisation(document, note="drei"), catalogue)  # space again: it saves
    assert note_of(complete_file, catalogue) == "drei"


def unmount(folder: Path) -> None:
    """Undo every mount on ``folder`` (``os.path.ismount`` misses bind mounts of the same disk)."""
    for _ in range(5):
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
        if not any(line.split()[1] == str(folder) for line in mounts):
            return
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
    raise AssertionError(f"{folder} is still mounted")


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A 256 kB tmpfs: a disk that really runs full (needs root and mount)."""
    mount = shutil.which("mount")
    if not IS_ROOT or mount is None or sys.platform != "linux":
        pytest.skip("a real full disk needs root and mount on Linux (simulated ENOSPC runs)")
    folder = tmp_path / "small"
    folder.mkdir()
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=256k,mode=0700", "tomwizard-test", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield folder
    finally:
        unmount(folder)


def fill(folder: Path, leave: int) -> int:
    """Fill the file system of ``folder`` until only about ``leave`` bytes are free; return
    what is free."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


LONG = " ".join(["lang"] * 12_000)  # 60 kB


@pytest.mark.parametrize(
    ("current_note", "new_note"),
    [
        ("kurz", LONG),  # the new text does not fit
        (LONG, "kurz"),  # the new text fits, the copy of the old one for the .bak does not
    ],
    ids=["new-text-does-not-fit", "copy-for-bak-does-not-fit"],
)
def test_really_full_disk(
    small_filesystem: Path, catalogue: Catalogue, current_note: str, new_note: str
) -> None:
    path = small_filesystem / NAME
    shutil.copy(FIXTURE, path)
    handle, loaded = DocumentFile.open(path, catalogue)
    document = handle.save(with_organisation(loaded.document, note=current_note), catalogue)
    free = fill(small_filesystem, leave=32 * 1024)
    before = snapshot(small_filesystem)
    if new_note == LONG:
        assert free < len(LONG)
    else:
        assert len(FIXTURE.read_bytes()) < free < len(before[NAME])
    with pytest.raises(StorageError) as info:
        handle.save(with_organisation(document, note=new_note), catalogue)
    assert str(info.value) == f"cannot save {path}: No space left on device"
    assert snapshot(small_filesystem) == before  # file and .bak as they were, no temp files
    assert note_of(path, catalogue) == current_note
    (small_filesystem / "filler").unlink()
    handle.save(with_organisation(document, note=new_note), catalogue)  # room again: it saves
    assert note_of(path, catalogue) == new_note


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A folder that becomes a read-only bind mount of itself once files are in it."""
    mount = shutil.which("mount")
    if not IS_ROOT or mount is None or sys.platform != "linux":
        pytest.skip("a read-only file system needs root and mount on Linux")
    folder = tmp_path / "readonly"
    folder.mkdir()
    try:
        yield folder
    finally:
        unmount(folder)


def test_read_only_file_system(mounted: Path, catalogue: Catalogue) -> None:
    """Where even root cannot write: the message names the file and the cause."""
    path = mounted / NAME
    shutil.copy(FIXTURE, path)
    handle, loaded = DocumentFile.open(path, catalogue)
    for options in (["--bind"], ["-o", "remount,ro,bind"]):
        result = subprocess.run(
            ["mount", *options, str(mounted), str(mounted)], capture_output=True, text=True
        )
        if result.returncode != 0:
            pytest.skip(f"cannot make a read-only bind mount here: {result.stderr.strip()}")
    with pytest.raises(StorageError) as info:
        handle.save(with_organisation(loaded.document, note="nie"), catalogue)
    assert str(info.value) == f"cannot save {path}: Read-only file system"
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert listing(mounted) == [NAME]


# -- other users: a folder without write permission, a file owned by someone else -------------

SAVE_CHILD = r"""
import json
import os
import pwd  # noqa: F401 (storage imports it lazily, for the owner's name)
import shutil
import sys
import tempfile
from pathlib import Path

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.disk.storage import DocumentFile, StorageError

path, catalogue_dir, note, uid = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
catalogue = load_catalogue(builtin=catalogue_dir)


def save(target):
    handle, loaded = DocumentFile.open(target, catalogue)
    categories = dict(loaded.document.categories)
    categories["organisation"] = categories["organisation"].model_copy(update={"note": note})
    handle.save(loaded.document.model_copy(update={"categories": categories}), catalogue)


if uid != os.geteuid():
    # Python may live where the user cannot read (/root/.pyenv): save a copy once as root, so
    # that everything a save needs is imported, and only then become the user
    warm = Path(tempfile.mkdtemp())
    shutil.copy(path, warm / "warm.toml")
    save(warm / "warm.toml")
    shutil.rmtree(warm)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    assert (os.getuid(), os.geteuid(), os.getegid()) == (uid, uid, uid)
try:
    save(path)
except StorageError as exc:
    print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
else:
    print(json.dumps({"saved": True}))
"""


class OtherUser:
    """Runs a save in a separate process that, when the tests run as root, becomes another,
    unprivileged user (``nobody``) before it touches the file, so that permissions apply, which
    root ignores. Its files are in a world-traversable folder outside pytest's private one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.uid = NOBODY if IS_ROOT else os.geteuid()
        self.script = root / "save_child.py"
        self.script.write_text(SAVE_CHILD, encoding="utf-8")
        self.home = root / "home"
        self.home.mkdir()
        self.give(self.home)

    def give(self, path: Path) -> None:
        """Make ``path`` belong to the child's user."""
        if IS_ROOT:
            os.chown(path, NOBODY, NOBODY)

    def save(self, path: Path, note: str) -> dict[str, Any]:
        result = subprocess.run(
            [
                sys.executable,
                str(self.script),
                str(path),
                str(MINIMAL_CATALOGUE),
                note,
                str(self.uid),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "TOMWIZARD_HOME": str(self.home), "HOME": str(self.home)},
            cwd=self.root,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        answer: dict[str, Any] = json.loads(result.stdout)
        return answer


@pytest.fixture
def other_user() -> Iterator[OtherUser]:
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX permissions only")
    root = Path(tempfile.mkdtemp(prefix="tomwizard-faults-"))
    root.chmod(0o755)
    try:
        yield OtherUser(root)
    finally:
        for folder, _, _ in os.walk(root):
            Path(folder).chmod(0o755)
        shutil.rmtree(root)


@pytest.mark.slow
@pytest.mark.parametrize("through_link", [False, True])
def test_folder_without_write_permission(
    other_user: OtherUser, catalogue: Catalogue, through_link: bool
) -> None:
    """Saving needs write permission for the folder (the new text is written to a temporary file
    there and renamed over the old one): without it, the save is refused with a message naming the
    file and the folder, and nothing changes. Through a symlink, the folder that counts is the one
    of the file the link points to."""
    root = other_user.root
    own = root / "own"  # the child's own folder: it may write there
    own.mkdir()
    other_user.give(own)
    locked = root / "locked"  # root's folder (or, as a normal user, a folder made read-only)
    locked.mkdir()
    path = locked / NAME
    shutil.copy(FIXTURE, path)
    shutil.copy(FIXTURE, locked / f"{NAME}.bak")
    for file in (path, locked / f"{NAME}.bak"):
        other_user.give(file)  # the file itself is the child's
    opened = own / "link.toml" if through_link else path
    if through_link:
        opened.symlink_to(path)

    # the same save works in a folder of the child's own: the refusal below is the folder's doing
    control = own / "control.toml"
    shutil.copy(FIXTURE, control)
    other_user.give(control)
    assert other_user.save(control, "geht") == {"saved": True}
    assert note_of(control, catalogue) == "geht"

    if not IS_ROOT:
        locked.chmod(0o555)
    before = snapshot(locked)
    answer = other_user.save(opened, "verboten")
    assert answer == {
        "error": "StorageError",
        "message": (
            f"cannot save {opened}: no permission to write in the folder {locked} "
            "(Permission denied). tomwizard saves by writing a new file there and renaming it "
            "over the old one, so it needs write permission for the folder, not only for the "
            "file. Work on a copy in a folder of your own instead."
        ),
    }
    assert snapshot(locked) == before  # the file, the .bak, and no temporary files
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert listing(own) == sorted(
        ["control.toml", "control.toml.bak"] + ["link.toml"] * through_link
    )


@pytest.mark.slow
def test_file_of_another_user_is_not_taken_over(
    other_user: OtherUser, catalogue: Catalogue
) -> None:
    """The unprivileged user may write in the folder, so an atomic replace would succeed, and
    silently make root's world-readable file the user's own, mode 0600. It is refused."""
    if not IS_ROOT:
        pytest.skip("needs root to create a file that belongs to another user")
    folder = other_user.root / "shared"
    folder.mkdir()
    other_user.give(folder)
    path = folder / NAME
    shutil.copy(FIXTURE, path)
    path.chmod(0o644)  # root's file, readable for everyone
    before = path.stat()
    answer = other_user.save(path, "übernommen")
    assert answer == {
        "error": "StorageError",
        "message": (
            f"cannot save {path}: it belongs to another user (root, uid 0); saving would make it "
            "yours and readable only by you. Work on a copy of your own instead."
        ),
    }
    after = path.stat()
    assert (after.st_uid, after.st_mode, after.st_ino) == (0, before.st_mode, before.st_ino)
    assert path.read_bytes() == FIXTURE.read_bytes()
    assert listing(folder) == [NAME]


def test_root_does_not_take_over_a_users_file(complete_file: Path, catalogue: Catalogue) -> None:
    if not IS_ROOT:
        pytest.skip("needs root to give a file to another user")
    os.chown(complete_file, NOBODY, NOBODY)
    complete_file.chmod(0o640)
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    with pytest.raises(StorageError) as info:
        handle.save(with_organisation(loaded.document, note="root war hier"), catalogue)
    assert str(info.value) == (
        f"cannot save {complete_file}: it belongs to another user (nobody, uid {NOBODY}); saving "
        "would make it yours and readable only by you. Work on a copy of your own instead."
    )
    info_after = complete_file.stat()
    assert (info_after.st_uid, info_after.st_mode & 0o777) == (NOBODY, 0o640)
    assert complete_file.read_bytes() == FIXTURE.read_bytes()
    assert listing(complete_file.parent) == [NAME]


def test_owner_check_compares_with_the_effective_user(
    complete_file: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal for any user (runs without root): the file's owner is not the saver."""
    if not hasattr(os, "geteuid"):
        pytest.skip("POSIX only: no owners to compare on this platform")
    owner = complete_file.stat().st_uid
    handle, loaded = DocumentFile.open(complete_file, catalogue)
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    with pytest.raises(StorageError, match=rf"belongs to another user \(.*uid {owner}\)"):
        handle.save(with_organisation(loaded.document, note="fremd"), catalogue)
    assert complete_file.read_bytes() == FIXTURE.read_bytes()
    monkeypatch.setattr(os, "geteuid", lambda: owner)
    handle.save(with_organisation(loaded.document, note="eigen"), catalogue)
    assert note_of(complete_file, catalogue) == "eigen"


# -- symlinks -------------------------------------------------------------------------------


def test_save_through_relative_symlink_chain(tmp_path: Path, catalogue: Catalogue) -> None:
    """A link to a link to the file: the file at the end is replaced (mode 0600), both links stay
    as they were, the ``.bak`` and any temporary files are next to the file, never next to a
    link."""
    data, links, more = tmp_path / "data", tmp_path / "links", tmp_path / "more"
    for folder in (data, links, more):
        folder.mkdir()
    real = data / "real.toml"
    shutil.copy(FIXTURE, real)
    middle, link = more / "middle.toml", links / "tom.toml"
    middle.symlink_to(Path("..") / "data" / "real.toml")
    link.symlink_to(Path("..") / "more" / "middle.toml")
    session = EditSession.open(link, catalogue)
    session.set_text("organisation", "note", "über zwei Links")
    session.save()
    assert link.readlink() == Path("..") / "more" / "middle.toml"
    assert middle.readlink() == Path("..") / "data" / "real.toml"
    assert note_of(real, catalogue) == "über zwei Links"
    assert (real.stat().st_mode & 0o777) == 0o600
    assert listing(data) == ["real.toml", "real.toml.bak"]
    assert (data / "real.toml.bak").read_bytes() == FIXTURE.read_bytes()
    assert listing(links) == ["tom.toml"]
    assert listing(more) == ["middle.toml"]
    assert not session.file.changed_on_disk()


def test_new_document_through_dangling_symlink_creates_the_target(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    target = tmp_path / "data" / "neu.toml"
    target.parent.mkdir()
    link = tmp_path / "neu.toml"
    link.symlink_to(target)
    session = EditSession.open(link, catalogue)  # the link points nowhere: a new document
    assert session.dirty
    session.set_text("organisation", "note", "neu")
    session.save()
    assert link.is_symlink()
    assert note_of(target, catalogue) == "neu"
    assert listing(target.parent) == ["neu.toml"]


# -- two processes editing the same file ----------------------------------------------------

EDIT_CHILD = r"""
import json
import sys
from pathlib import Path

from tomwizard.catalogue.loader import load_catalogue
from tomwizard.session import EditSession
from tomwizard.disk.storage import StorageError

catalogue = load_catalogue(builtin=Path(sys.argv[1]))
session = None
for line in sys.stdin:
    command = json.loads(line)
    try:
        if command["op"] == "open":
            session = EditSession.open(Path(command["path"]), catalogue)
        elif command["op"] == "note":
            session.set_text("organisation", "note", command["text"])
        elif command["op"] == "save":
            session.save()
        elif command["op"] == "reload":
            session.reload()
        answer = {"ok": True}
    except StorageError as exc:
        answer = {"error": type(exc).__name__, "message": str(exc)}
    print(json.dumps(answer), flush=True)
"""


class Editor:
    """A tomwizard editing session in a process of its own, driven line by line."""

    def __init__(self, script: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(MINIMAL_CATALOGUE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, op: str, **args: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the editor process died on {op!r}"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


@pytest.fixture
def editors(tmp_path: Path) -> Iterator[tuple[Editor, Editor]]:
    script = tmp_path / "scripts" / "edit_child.py"
    script.parent.mkdir()
    script.write_text(EDIT_CHILD, encoding="utf-8")
    first, second = Editor(script), Editor(script)
    try:
        yield first, second
    finally:
        for editor in (first, second):
            editor.close()


OK = {"ok": True}


@pytest.mark.slow
def test_second_process_cannot_overwrite_the_first_ones_save(
    editors: tuple[Editor, Editor], complete_file: Path, catalogue: Catalogue
) -> None:
    first, second = editors
    path = str(complete_file)
    assert first("open", path=path) == OK
    assert second("open", path=path) == OK
    assert first("note", text="von Prozess 1") == OK
    assert second("note", text="von Prozess 2") == OK
    assert first("save") == OK
    saved = complete_file.read_bytes()

    refused = {
        "error": "ConflictError",
        "message": (
            f"{complete_file} was changed on disk since it was loaded; not overwritten. "
            "Reload it, or save under another name."
        ),
    }
    assert second("save") == refused
    assert second("save") == refused  # still refused: nothing was accepted in between
    assert complete_file.read_bytes() == saved
    assert note_of(complete_file, catalogue) == "von Prozess 1"
    assert complete_file.with_name(f"{NAME}.bak").read_bytes() == FIXTURE.read_bytes()
    assert [n for n in listing(complete_file.parent) if NAME in n] == [NAME, f"{NAME}.bak"]

    # after reloading, the second process saves on top of the first one's version
    assert second("reload") == OK
    assert second("note", text="von Prozess 2, neu geladen") == OK
    assert second("save") == OK
    assert note_of(complete_file, catalogue) == "von Prozess 2, neu geladen"
    assert complete_file.with_name(f"{NAME}.bak").read_bytes() == saved


@pytest.mark.slow
def test_second_process_cannot_overwrite_a_file_the_first_one_created(
    editors: tuple[Editor, Editor], tmp_path: Path, catalogue: Catalogue
) -> None:
    first, second = editors
    path = tmp_path / "neu.toml"
    assert first("open", path=str(path)) == OK
    assert second("open", path=str(path)) == OK
    assert first("note", text="eins") == OK
    assert second("note", text="zwei") == OK
    assert first("save") == OK
    assert second("save") == {
        "error": "ConflictError",
        "message": f"{path} already exists (created by someone else meanwhile?); not overwritten",
    }
    assert note_of(path, catalogue) == "eins"
    assert sorted(p.name for p in tmp_path.iterdir() if "neu" in p.name) == ["neu.toml"]
