"""The merge driver in a real git repository: ``git merge`` of two branches that tick different
measures of one category succeeds (plain git conflicts on the same edits), and two branches
changing one value differently stop with the conflict recorded in a file that still validates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from merge_files import LENGTH_KEY

from tomwizard.answers.model import AnswersDocument, MeasureAnswer
from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document

FIXTURE = Path(__file__).parent / "fixtures" / "complete.toml"
TOMWIZARD = Path(sys.executable).with_name("tomwizard")
GIT = shutil.which("git")

pytestmark = pytest.mark.skipif(GIT is None or not TOMWIZARD.exists(), reason="needs git")


class Repository:
    """A git repository with ``anlage.toml`` on branch main, edited as the wizard saves."""

    def __init__(self, folder: Path, catalogue: Catalogue) -> None:
        self.folder = folder
        self.catalogue = catalogue
        self.file = folder / "anlage.toml"
        self.env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Erika Muster")
        self.git("config", "user.email", "erika@example.org")
        document = load_document(FIXTURE, catalogue).document
        del document.categories["zugangskontrolle"].measures["mfa"]
        self.save(document)
        self.git("add", "anlage.toml")
        self.git("commit", "-q", "-m", "Erstfassung")

    def use_driver(self) -> None:
        (self.folder / ".gitattributes").write_text("*.toml merge=tomwizard\n")
        self.git("config", "merge.tomwizard.driver", f"'{TOMWIZARD}' merge %O %A %B %P")
        self.git("add", ".gitattributes")
        self.git("commit", "-q", "-m", "Merge-Treiber")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=60,
        )

    def save(self, document: AnswersDocument) -> None:
        self.file.write_text(dumps(document, self.catalogue), encoding="utf-8")

    def commit_on(self, branch: str, edit: Callable[[AnswersDocument], None]) -> None:
        """Check out ``branch`` (new from main unless it is main), edit and commit."""
        if branch == "main":
            self.git("checkout", "-q", "main")
        else:
            self.git("checkout", "-q", "-b", branch, "main")
        document = load_document(self.file, self.catalogue).document
        edit(document)
        self.save(document)
        self.git("commit", "-q", "-a", "-m", branch)

    def merge(self, branch: str) -> subprocess.CompletedProcess[str]:
        self.git("checkout", "-q", "main")
        return self.git("merge", "--no-edit", branch, check=False)


def tick(measure: str) -> Callable[[AnswersDocument], None]:
    def edit(document: AnswersDocument) -> None:
        document.categories["zugangskontrolle"].measures[measure] = MeasureAnswer(
            status="implemented"
        )

    return edit


def length(value: int) -> Callable[[AnswersDocument], None]:
    def edit(document: AnswersDocument) -> None:
        rule = document.categories["zugangskontrolle"].measures["passwortrichtlinie"]
        rule.parameters = {**rule.parameters, "mindestlaenge": value}

    return edit


def ticks_of_two_colleagues(repo: Repository) -> subprocess.CompletedProcess[str]:
    repo.commit_on("mfa", tick("mfa"))
    repo.commit_on("main", tick("sperre"))
    return repo.merge("mfa")


def test_plain_git_conflicts_on_two_ticks_in_one_category(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    repo = Repository(tmp_path, catalogue)
    merged = ticks_of_two_colleagues(repo)
    assert merged.returncode == 1
    assert "CONFLICT (content): Merge conflict in anlage.toml" in merged.stdout
    assert "<<<<<<<" in repo.file.read_text(encoding="utf-8")


def test_driver_merges_two_ticks_in_one_category_cleanly(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    repo = Repository(tmp_path, catalogue)
    repo.use_driver()
    merged = ticks_of_two_colleagues(repo)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert repo.git("status", "--porcelain").stdout == ""  # committed, nothing left behind
    measures = load_document(repo.file, catalogue).document.categories["zugangskontrolle"]
    assert {mid: m.status for mid, m in measures.measures.items()} == {
        "passwortrichtlinie": "implemented",
        "mfa": "implemented",
        "sperre": "implemented",
    }
    assert repo.git("log", "-1", "--format=%P").stdout.count(" ") == 1  # a merge commit


def test_driver_records_a_real_conflict_in_the_file(tmp_path: Path, catalogue: Catalogue) -> None:
    repo = Repository(tmp_path, catalogue)
    repo.use_driver()
    repo.commit_on("kollege", length(16))
    repo.commit_on("main", length(14))
    merged = repo.merge("kollege")
    assert merged.returncode == 1
    assert "CONFLICT (content): Merge conflict in anlage.toml" in merged.stdout
    text = repo.file.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    line = text.splitlines().index("mindestlaenge = 14") + 1
    # LC_ALL=C (for git's words): the driver's are English too
    assert f"anlage.toml:{line}: {LENGTH_KEY}: kept ours (14), theirs had 16" in merged.stderr
    document = load_document(repo.file, catalogue).document
    assert [(c.key, c.base, c.ours, c.theirs) for c in document.conflicts] == [
        (LENGTH_KEY, "12", "14", "16")
    ]
    validated = subprocess.run(
        [str(TOMWIZARD), "validate", str(repo.file)],
        env=repo.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert validated.returncode == 0
    # resolving: the value decided and the entry deleted, then the merge is committed
    document.conflicts = []
    length(16)(document)
    repo.save(document)
    repo.git("commit", "-q", "-a", "--no-edit")
    assert repo.git("status", "--porcelain").stdout == ""
