"""The rules of the three-way merge: on plain data (tables, entities, sets, types, TOML text of
a value) and on documents (earlier conflicts, providers still named, files of an older
catalogue)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from merge_files import Data, Edit, Merge, base_data, date, edited, zugang

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import load_document
from tomwizard.merging.threeway import MISSING, ThreeWay, toml_text

OLD_FILE = Path(__file__).parent / "fixtures" / "catalogue-1.0.0" / "datenschutz-nord-anhang3.toml"


@pytest.fixture
def merge(tmp_path: Path) -> Merge:
    return Merge(tmp_path)


def test_tables_merge_key_by_key_and_entities_conflict_as_a_whole() -> None:
    merger = ThreeWay()
    base = {"measures": {"a": {"status": "implemented", "note": "x"}}, "answers": {"q": 1}}
    ours = {"measures": {}, "answers": {"q": 1, "r": 2}}
    theirs = {"measures": {"a": {"status": "planned", "note": "x"}}}
    merged = merger.merge((), base, ours, theirs)
    # "a" is no entity at this path: its keys merge one by one, so its status conflicts
    assert merged == {"measures": {}, "answers": {"r": 2}}
    assert [path for path, _ in merger.found] == [("measures", "a", "status")]

    merger = ThreeWay()
    path = ("categories", "c", "measures")
    assert merger.merge(path, base["measures"], ours["measures"], theirs["measures"]) == {}
    assert [(p, c.ours) for p, c in merger.found] == [(("categories", "c", "measures", "a"), "")]


def test_toml_text_of_values() -> None:
    assert toml_text(MISSING) == ""
    assert toml_text("a\nb") == '"a\\nb"'
    assert toml_text({"a b": [1, 2.5, True], "c": {}}) == '{ "a b" = [1, 2.5, true], c = {} }'
    assert toml_text(date("2025-01-31")) == "2025-01-31"


def test_values_of_different_types_are_different() -> None:
    merger = ThreeWay()
    assert merger.merge(("x",), 1, 1.0, True) == 1.0
    assert len(merger.found) == 1


def test_earlier_conflicts_are_kept_once_and_resolved_ones_go(merge: Merge) -> None:
    old = {"key": "document.author", "base": '""', "ours": '"A"', "theirs": '"B"'}
    mine = {"key": "document.approved_by", "base": '""', "ours": '"C"', "theirs": '"D"'}

    def conflicts(*entries: dict[str, str]) -> Edit:
        return lambda data: data.update(conflicts=list(entries))

    base = edited(base_data(), conflicts(old))
    # ours resolved `old` and recorded `mine`; theirs still has `old` and also recorded `mine`
    merge.write(base, edited(base, conflicts(mine)), edited(base, conflicts(old, mine)))
    assert merge.run() == 0
    assert merge.result()["conflicts"] == [mine]


def test_a_provider_removed_on_one_side_but_named_on_the_other_is_kept(
    merge: Merge, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    hoster = {"name": "Beispiel Hosting GmbH", "role": "hoster"}

    def add_hoster(data: Data) -> None:
        data["providers"] = {"hoster": dict(hoster)}

    def remove_hoster(data: Data) -> None:
        del data["providers"]

    def hosted_backup(data: Data) -> None:
        data["categories"]["verfuegbarkeitskontrolle"]["measures"]["backup"]["provided_by"] = (
            "hoster"
        )

    base = edited(base_data(), add_hoster)
    merge.write(base, edited(base, remove_hoster), edited(base, hosted_backup))
    assert merge.run() == 1
    result = merge.result()
    assert result["providers"] == {"hoster": hoster}
    backup = result["categories"]["verfuegbarkeitskontrolle"]["measures"]["backup"]
    assert backup["provided_by"] == "hoster"
    assert result["conflicts"] == [
        {
            "key": "providers.hoster",
            "base": '{ name = "Beispiel Hosting GmbH", role = "hoster" }',
            "ours": "",
            "theirs": '{ name = "Beispiel Hosting GmbH", role = "hoster" }',
        }
    ]
    assert "Dienstleister behalten, weil Maßnahmen ihn nennen" in capsys.readouterr().err
    load_document(merge.ours, catalogue)  # valid: no measure names a missing provider


def test_a_provider_theirs_removed_stays_as_ours_names_it(
    merge: Merge, capsys: pytest.CaptureFixture[str]
) -> None:
    hoster = {"name": "Beispiel Hosting GmbH", "role": "hoster"}

    def add_hoster(data: Data) -> None:
        data["providers"] = {"hoster": dict(hoster)}

    def hosted_backup(data: Data) -> None:
        data["categories"]["verfuegbarkeitskontrolle"]["measures"]["backup"]["provided_by"] = (
            "hoster"
        )

    base = edited(base_data(), add_hoster)
    merge.write(base, edited(base, hosted_backup), edited(base, lambda d: d.pop("providers")))
    assert merge.run() == 1
    result = merge.result()
    assert result["providers"] == {"hoster": hoster}
    assert [(c["key"], c["theirs"]) for c in result["conflicts"]] == [("providers.hoster", "")]
    assert "providers.hoster: unsere Version behalten ({ name" in capsys.readouterr().err


def test_sides_of_an_older_catalogue_merge_under_todays_ids(
    merge: Merge, shipped_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BASE and THEIRS were written with catalogue 1.0.0, OURS was saved since with today's
    (the measure moved to another category): THEIRS's remark arrives at the new place."""
    from tomwizard.answers.serialize import dumps
    from tomwizard.locations import shipped_questions_dir

    monkeypatch.setenv("TOMWIZARD_QUESTIONS", str(shipped_questions_dir()))
    old = tomllib.loads(OLD_FILE.read_text(encoding="utf-8"))

    def remark(data: Data) -> None:
        data["categories"]["zutrittskontrolle"]["measures"]["rz_alarmanlage"]["note"] = "Neu"

    today = load_document(OLD_FILE, shipped_catalogue).document
    today.document.author = "Erika Muster"
    today.catalogue.version = shipped_catalogue.version  # as saving stamps it
    merge.write(old, dumps(today, shipped_catalogue), edited(old, remark))
    assert merge.run() == 0
    result = merge.result()
    assert "conflicts" not in result
    assert result["catalogue"]["version"] == shipped_catalogue.version
    assert result["document"]["author"] == "Erika Muster"
    moved = result["categories"]["rechenzentrumsbetrieb"]["measures"]["alarmanlage"]
    assert moved["note"] == "Neu"
    assert "rz_alarmanlage" not in result["categories"]["zutrittskontrolle"]["measures"]


def test_rows_of_a_table_answer_merge_by_id(merge: Merge) -> None:
    def rows(data: Data) -> Data:
        result: Data = data["categories"]["verfuegbarkeitskontrolle"]["answers"]["rechenzentren"]
        return result

    def add_row(data: Data) -> None:
        rows(data)["rz2"] = {"betreiber": "Zweit-RZ AG", "standort": "Berlin"}

    def move_rz1(data: Data) -> None:
        rows(data)["rz1"]["standort"] = "Offenbach"

    def remove_rz1(data: Data) -> None:
        del rows(data)["rz1"]

    base = base_data()
    merge.write(base, edited(base, add_row), edited(base, move_rz1))
    assert merge.run() == 0
    merged = rows(merge.result())
    assert list(merged) == ["rz1", "rz2"]
    assert merged["rz1"]["standort"] == "Offenbach"

    # a row removed on one side and changed on the other conflicts as a whole row
    merge.write(base, edited(base, remove_rz1), edited(base, move_rz1))
    assert merge.run() == 1
    result = merge.result()
    assert "rz1" not in rows(result)
    key = "categories.verfuegbarkeitskontrolle.answers.rechenzentren.rz1"
    assert [(c["key"], c["ours"]) for c in result["conflicts"]] == [(key, "")]
    assert 'standort = "Offenbach"' in result["conflicts"][0]["theirs"]


def test_own_measures_added_on_both_sides_are_all_kept(merge: Merge) -> None:
    def own(key: str, label: str) -> Edit:
        return lambda data: zugang(data)["custom"].update({key: {"label": label}})

    base = base_data()
    ours = edited(base, own("tresor", "Passwort-Tresor"))
    merge.write(base, ours, edited(base, own("yubikey", "Hardware-Schlüssel")))
    assert merge.run() == 0
    assert list(zugang(merge.result())["custom"]) == ["notfallzugang", "tresor", "yubikey"]
