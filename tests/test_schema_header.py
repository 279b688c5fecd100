"""The schemas' stable ``$id`` and the ``#:schema`` line at the top of every saved answers file:
tomwizard's own line, which never counts as a comment of the user's, while any other comment
still needs consent before a save drops it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tomwizard.answers.serialize import dumps
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import (
    CommentsWouldBeLost,
    DocumentFile,
    load_document,
    new_document,
    parse_document,
)
from tomwizard.problems import ProblemsError
from tomwizard.schema import (
    ANSWERS_SCHEMA_HEADER,
    SCHEMA_BASE_URL,
    SchemaKind,
    schema_text,
    schema_url,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "complete.toml"
BODY = FIXTURE.read_text(encoding="utf-8")
"""A document as tomwizard writes it, but without the schema line (written by hand)."""


@pytest.mark.parametrize("kind", ["answers", "category", "catalogue"])
def test_every_schema_has_its_stable_id(kind: SchemaKind) -> None:
    data = json.loads(schema_text(kind))
    assert next(iter(data)) == "$id"
    assert (
        data["$id"]
        == schema_url(kind)
        == f"{schema_url(kind).rpartition('/')[0]}/{kind}.schema.json"
    )
    assert data["$id"].startswith("https://") and "#" not in data["$id"]
    committed = json.loads((ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert committed["$id"] == data["$id"]


def test_the_header_names_the_answers_schema() -> None:
    assert f"#:schema {schema_url('answers')}" == ANSWERS_SCHEMA_HEADER


def test_dumps_starts_with_the_header_line(catalogue: Catalogue) -> None:
    text = dumps(new_document(catalogue), catalogue)
    assert text.startswith(f"{ANSWERS_SCHEMA_HEADER}\nschema_version = 1\n")
    assert text.count("#") == 1


def test_saved_file_has_no_user_comments_and_saves_again_without_asking(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "tom.toml"
    document = load_document(FIXTURE, catalogue).document
    DocumentFile.create(path).save(document, catalogue)
    assert path.read_text(encoding="utf-8") == f"{ANSWERS_SCHEMA_HEADER}\n{BODY}"
    handle, loaded = DocumentFile.open(path, catalogue)
    assert not loaded.has_comments and not handle.has_comments
    assert loaded.document == document
    before = path.read_bytes()
    handle.save(loaded.document, catalogue)  # no CommentsWouldBeLost
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "text",
    [
        f"{ANSWERS_SCHEMA_HEADER}\r\n" + BODY.replace("\n", "\r\n"),
        f"\ufeff{ANSWERS_SCHEMA_HEADER}\n{BODY}",
        f"{ANSWERS_SCHEMA_HEADER}\n" + BODY.replace('"Erstfassung"', '"Erstfassung # 1"'),
    ],
    ids=["crlf", "bom", "hash-in-a-string"],
)
def test_the_header_is_tomwizards_line(text: str, catalogue: Catalogue) -> None:
    assert not parse_document(text.encode("utf-8"), "tom.toml", catalogue).has_comments


@pytest.mark.parametrize(
    "text",
    [
        f"{ANSWERS_SCHEMA_HEADER}\n# Stand: April\n{BODY}",
        f"{ANSWERS_SCHEMA_HEADER}\n"
        + BODY.replace("bildschirmsperre = 5", "bildschirmsperre = 5 # min"),
        f"{ANSWERS_SCHEMA_HEADER}\n{BODY}# Ende\n",
        f"\n{ANSWERS_SCHEMA_HEADER}\n{BODY}",
        f"# Stand: April\n{ANSWERS_SCHEMA_HEADER}\n{BODY}",
        f"#:schema ./mein-schema.json\n{BODY}",
        f"{ANSWERS_SCHEMA_HEADER} \n{BODY}",
        f"{ANSWERS_SCHEMA_HEADER}\n{ANSWERS_SCHEMA_HEADER}\n{BODY}",
    ],
    ids=[
        "comment-below",
        "trailing-comment",
        "comment-at-the-end",
        "header-not-first",
        "comment-above",
        "own-schema-line",
        "edited-header",
        "header-twice",
    ],
)
def test_any_other_comment_still_needs_consent(
    text: str, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "tom.toml"
    path.write_text(text, encoding="utf-8")
    handle, loaded = DocumentFile.open(path, catalogue)
    assert loaded.has_comments
    with pytest.raises(CommentsWouldBeLost):
        handle.save(loaded.document, catalogue)
    assert path.read_text(encoding="utf-8") == text
    handle.save(loaded.document, catalogue, discard_comments=True)
    assert path.read_text(encoding="utf-8") == f"{ANSWERS_SCHEMA_HEADER}\n{BODY}"


def test_line_numbers_count_the_header(catalogue: Catalogue) -> None:
    text = f"{ANSWERS_SCHEMA_HEADER}\n{BODY}".replace(
        "bildschirmsperre = 5", "bildschirmsperre = 'x'"
    )
    line = text.splitlines().index("bildschirmsperre = 'x'") + 1
    with pytest.raises(ProblemsError) as info:
        parse_document(text.encode("utf-8"), "tom.toml", catalogue)
    assert f"tom.toml:{line}: categories.zugangskontrolle.answers.bildschirmsperre:" in str(
        info.value
    )


@pytest.mark.parametrize("name", ["alfaview-anlage1.toml", "datenschutz-nord-anhang3.toml"])
def test_examples_are_saved_as_tomwizard_writes_them(
    name: str, shipped_catalogue: Catalogue
) -> None:
    """The examples are files the app wrote: the header on top, byte for byte."""
    path = ROOT / "examples" / name
    loaded = load_document(path, shipped_catalogue)
    assert not loaded.has_comments
    assert path.read_text(encoding="utf-8") == dumps(loaded.document, shipped_catalogue)


def test_taplo_validates_an_example_against_the_committed_schema(tmp_path: Path) -> None:
    """With taplo installed (not a dependency): the example passes, a typo in a key fails. The
    schema is given as a file, which overrides the header's address."""
    taplo = shutil.which("taplo")
    if taplo is None:
        pytest.skip("taplo is not installed")
    schema = (ROOT / "docs" / "schema" / "answers.schema.json").as_uri()
    good = tmp_path / "good.toml"
    shutil.copy(ROOT / "examples" / "datenschutz-nord-anhang3.toml", good)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text("utf-8").replace("\nlanguage =", "\nsprache =", 1), "utf-8")

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [taplo, "check", "--schema", schema, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )

    assert check(good).returncode == 0
    result = check(bad)
    assert result.returncode != 0 and "'sprache' was unexpected" in result.stderr


def test_the_hand_written_validate_schema_has_an_id_beside_the_others() -> None:
    data = json.loads((ROOT / "docs" / "schema" / "validate.schema.json").read_text("utf-8"))
    assert data["$id"] == f"{SCHEMA_BASE_URL}/validate.schema.json"
