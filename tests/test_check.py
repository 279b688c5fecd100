"""Every rule of ``questions/rules/``: a document that triggers it and one that does not, and
the built-in checks' details (only measures the annex prints, the calendar, own measures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.disk.storage import parse_document
from tomwizard.languages import Language
from tomwizard.locations import shipped_questions_dir
from tomwizard.report import Finding
from tomwizard.rules.engine import check_document_rules
from tomwizard.rules.loader import RuleSet, load_rules

Data = dict[str, Any]


@pytest.fixture(scope="module")
def rules(shipped_catalogue: Catalogue) -> RuleSet:
    return load_rules(shipped_catalogue, [shipped_questions_dir() / "rules"])


def _measure(status: str, **parameters: Any) -> Data:
    state: Data = {"status": status}
    if status == "planned":
        state["target_date"] = dt.date(2030, 1, 1)
    if parameters:
        state["parameters"] = parameters
    return state


def document(categories: Data, catalogue: Catalogue, **details: Any) -> str:
    data: Data = {
        "schema_version": 1,
        "catalogue": {"id": catalogue.id, "version": catalogue.version},
        "document": details,
        "categories": categories,
    }
    return tomli_w.dumps(data)


def findings(
    text: str, catalogue: Catalogue, rules: RuleSet, lang: Language = "de"
) -> list[Finding]:
    loaded = parse_document(text.encode(), "tom.toml", catalogue)
    return check_document_rules(
        loaded.document,
        loaded.source,
        "tom.toml",
        rules,
        catalogue,
        lang,
    )


def ids(text: str, catalogue: Catalogue, rules: RuleSet) -> list[str]:
    return [f.rule for f in findings(text, catalogue, rules)]


ZK = "zugangskontrolle"
REMOTE_MFA_OFF: Data = {
    "answers": {"fernzugriff": True},
    "measures": {"mfa": _measure("not_applicable"), "anmeldepflicht": _measure("implemented")},
}

CASES: dict[str, tuple[Data, Data]] = {
    "password-periodic-change": (
        {ZK: {"measures": {"passwortwechsel": _measure("implemented", intervall="jaehrlich")}}},
        {ZK: {"measures": {"passwortwechsel": _measure("implemented", intervall="anlassbezogen")}}},
    ),
    "password-min-length": (
        {ZK: {"measures": {"passwortrichtlinie": _measure("implemented", mindestlaenge=6)}}},
        {ZK: {"measures": {"passwortrichtlinie": _measure("implemented", mindestlaenge=8)}}},
    ),
    "admin-password-min-length": (
        {ZK: {"measures": {"admin_passwortrichtlinie": _measure("implemented", mindestlaenge=7)}}},
        {ZK: {"measures": {"admin_passwortrichtlinie": _measure("planned", mindestlaenge=7)}}},
    ),
    "app-password-min-length": (
        {
            "organisation": {"answers": {"eigene_anwendungen": True}},
            ZK: {"measures": {"app_passwortregeln": _measure("implemented", mindestlaenge=6)}},
        },
        {
            "organisation": {"answers": {"eigene_anwendungen": True}},
            ZK: {"measures": {"app_passwortregeln": _measure("implemented", mindestlaenge=10)}},
        },
    ),
    "app-passwords-without-hashing": (
        {
            "organisation": {"answers": {"eigene_anwendungen": True}},
            ZK: {"measures": {"app_passwortregeln": _measure("implemented")}},
            "verschluesselung": {"measures": {"passwort_hashes": _measure("not_applicable")}},
        },
        {
            "organisation": {"answers": {"eigene_anwendungen": True}},
            ZK: {"measures": {"app_passwortregeln": _measure("implemented")}},
            "verschluesselung": {
                "measures": {"passwort_hashes": _measure("implemented", verfahren="argon2id")}
            },
        },
    ),
    "admin-without-mfa": (
        {ZK: {"measures": {"anmeldepflicht": _measure("implemented", verfahren="passwort")}}},
        {
            ZK: {
                "measures": {
                    "anmeldepflicht": _measure("implemented", verfahren="passwort"),
                    "admin_phishingresistent": _measure("implemented"),
                }
            }
        },
    ),
    "remote-access-without-mfa": (
        {ZK: REMOTE_MFA_OFF},
        {
            ZK: {
                **REMOTE_MFA_OFF,
                "measures": {
                    **REMOTE_MFA_OFF["measures"],
                    "fernzugang_anmeldung": _measure("implemented", verfahren="zertifikat_mfa"),
                },
            }
        },
    ),
    "tls-minimum-version-missing": (
        {"verschluesselung": {"measures": {"transport_tls": _measure("implemented")}}},
        {
            "verschluesselung": {
                "measures": {"transport_tls": _measure("implemented", mindestversion="tls12")}
            }
        },
    ),
    "mobile-devices-unencrypted": (
        {"organisation": {"answers": {"mobile_geraete": True}}},
        {
            "organisation": {"answers": {"mobile_geraete": True}},
            "verschluesselung": {"measures": {"endgeraete": _measure("planned")}},
        },
    ),
    "removable-media-unencrypted": (
        {
            "zugriffskontrolle": {
                "measures": {"schnittstellen_sperre": _measure("implemented", regel="freigegebene")}
            }
        },
        {
            "zugriffskontrolle": {
                "measures": {"schnittstellen_sperre": _measure("implemented", regel="gesperrt")}
            }
        },
    ),
    "backup-without-restore-test": (
        {
            "verfuegbarkeitskontrolle": {
                "measures": {"backup_regelmaessig": _measure("implemented")}
            }
        },
        {
            "verfuegbarkeitskontrolle": {
                "measures": {"backup_regelmaessig": _measure("implemented")}
            },
            "wiederherstellbarkeit": {
                "measures": {"wiederherstellungstests": _measure("implemented")}
            },
        },
    ),
    "remote-access-denied-but-secured": (
        {ZK: {"answers": {"fernzugriff": False}, "measures": {"vpn": _measure("implemented")}}},
        {ZK: {"answers": {"fernzugriff": True}, "measures": {"vpn": _measure("implemented")}}},
    ),
    "remote-access-denied-but-admin-vpn": (
        {
            ZK: {
                "answers": {"fernzugriff": False},
                "measures": {"admin_netz": _measure("implemented", zugangsweg="firmennetz_vpn")},
            }
        },
        {
            ZK: {
                "answers": {"fernzugriff": False},
                "measures": {"admin_netz": _measure("implemented", zugangsweg="sprungserver")},
            }
        },
    ),
    "mobile-devices-denied-but-managed": (
        {
            "organisation": {"answers": {"mobile_geraete": False}},
            ZK: {"measures": {"fernloeschung": _measure("implemented")}},
        },
        {
            "organisation": {"answers": {"mobile_geraete": False}},
            ZK: {"measures": {"fernloeschung": _measure("not_applicable")}},
        },
    ),
    "planned-overdue": (
        {ZK: {"measures": {"mfa": {"status": "planned", "target_date": dt.date(2025, 5, 31)}}}},
        {ZK: {"measures": {"mfa": {"status": "planned", "target_date": dt.date(2025, 6, 1)}}}},
    ),
}
"""Per rule: categories of a document that trigger it, and of one that does not."""


def test_every_shipped_rule_has_its_cases(rules: RuleSet) -> None:
    assert {r.rule.id for r in rules.rules} == {*CASES, "final-with-planned"}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_and_does_not(
    rule_id: str, shipped_catalogue: Catalogue, rules: RuleSet
) -> None:
    triggering, quiet = CASES[rule_id]
    found = findings(document(triggering, shipped_catalogue), shipped_catalogue, rules)
    assert rule_id in [f.rule for f in found]
    assert rule_id not in ids(document(quiet, shipped_catalogue), shipped_catalogue, rules)
    finding = next(f for f in found if f.rule == rule_id)
    rule = next(r.rule for r in rules.rules if r.rule.id == rule_id)
    assert finding.severity == rule.severity and finding.source == rule.source
    assert finding.line is not None and finding.line > 1
    assert finding.key.startswith("categories.")


def test_an_empty_document_has_no_findings(shipped_catalogue: Catalogue, rules: RuleSet) -> None:
    assert findings(document({}, shipped_catalogue), shipped_catalogue, rules) == []


def test_finding_points_at_the_line_that_made_the_rule_fire(
    shipped_catalogue: Catalogue, rules: RuleSet, tmp_path: Path
) -> None:
    text = document(CASES["password-periodic-change"][0], shipped_catalogue)
    (finding,) = findings(text, shipped_catalogue, rules)
    lines = text.splitlines()
    assert finding.line is not None
    assert lines[finding.line - 1] == 'status = "implemented"'
    assert finding.key == "categories.zugangskontrolle.measures.passwortwechsel.status"
    # the first key the conditions held on: the answer, then the measure of `any` that held
    custom = tmp_path / "rules"
    custom.mkdir()
    (custom / "any.toml").write_text(
        """[[rule]]
id = "remote-secured"
message = { de = "x", en = "x" }
when = [
  { any = [
    { measure = "zugangskontrolle.vpn", status = "implemented" },
    { measure = "zugangskontrolle.nur_dienstgeraete", status = "implemented" },
  ] },
  { answer = "zugangskontrolle.fernzugriff", equals = false },
]
""",
        encoding="utf-8",
    )
    own = load_rules(shipped_catalogue, [custom])
    measures = {"vpn": _measure("planned"), "nur_dienstgeraete": _measure("implemented")}
    text = document(
        {ZK: {"answers": {"fernzugriff": False}, "measures": measures}}, shipped_catalogue
    )
    (finding,) = findings(text, shipped_catalogue, own)
    assert finding.key == "categories.zugangskontrolle.measures.nur_dienstgeraete.status"
    (finding,) = findings(text, shipped_catalogue, rules)
    assert finding.rule == "remote-access-denied-but-secured"
    assert finding.key == "categories.zugangskontrolle.answers.fernzugriff"


def test_messages_in_both_languages(shipped_catalogue: Catalogue, rules: RuleSet) -> None:
    text = document(CASES["backup-without-restore-test"][0], shipped_catalogue)
    (german,) = findings(text, shipped_catalogue, rules, "de")
    (english,) = findings(text, shipped_catalogue, rules, "en")
    assert german.message.startswith("Die Datensicherung nach festem Zeitplan")
    assert english.message.startswith("Backups on a fixed schedule")
    for loaded in rules.rules:
        assert loaded.rule.message.de != loaded.rule.message.en


def test_remote_access_mfa_variants(shipped_catalogue: Catalogue, rules: RuleSet) -> None:
    def fired(measures: Data) -> bool:
        categories = {ZK: {"answers": {"fernzugriff": True}, "measures": measures}}
        text = document(categories, shipped_catalogue)
        return "remote-access-without-mfa" in ids(text, shipped_catalogue, rules)

    assert fired({"mfa": _measure("implemented", bereich="admin")})
    assert not fired({"mfa": _measure("implemented", bereich="admin_fernzugriff")})
    assert not fired({"mfa": _measure("implemented")})  # its scope unknown: no claim
    assert not fired({"mfa": _measure("planned")})
    assert not fired(
        {
            "mfa": _measure("not_applicable"),
            "anmeldepflicht": _measure("implemented", verfahren="passwortlos"),
        }
    )
    assert fired(
        {
            "mfa": _measure("not_applicable"),
            "fernzugang_anmeldung": _measure("implemented", verfahren="passwort"),
        }
    )


def test_planned_overdue_counts_what_the_annex_prints(
    shipped_catalogue: Catalogue, rules: RuleSet
) -> None:
    past = dt.date(2024, 12, 31)
    categories = {
        ZK: {
            "answers": {"fernzugriff": False},  # hides the remote access checklist
            "measures": {
                "vpn": {"status": "planned", "target_date": past},
                "kontosperre": {"status": "planned", "target_date": past},
            },
            "custom": {
                "tresor": {"label": "Tresor\x1b[2J", "status": "planned", "target_date": past}
            },
        }
    }
    found = [
        f
        for f in findings(document(categories, shipped_catalogue), shipped_catalogue, rules)
        if f.rule == "planned-overdue"
    ]
    assert [f.key for f in found] == [
        "categories.zugangskontrolle.measures.kontosperre.target_date",
        "categories.zugangskontrolle.custom.tresor.target_date",
    ]
    assert found[0].message.startswith("„Sperre nach Fehlversuchen“ ist bis 31.12.2024 geplant")
    assert "\x1b" not in found[1].message and "Tresor\\u001b[2J" in found[1].message


def test_final_with_planned(shipped_catalogue: Catalogue, rules: RuleSet) -> None:
    categories = {
        ZK: {"measures": {"mfa": _measure("planned"), "kontosperre": _measure("planned")}}
    }
    draft = document(categories, shipped_catalogue, status="draft")
    assert "final-with-planned" not in ids(draft, shipped_catalogue, rules)
    final = document(categories, shipped_catalogue, status="final")
    (finding,) = [
        f for f in findings(final, shipped_catalogue, rules, "en") if f.rule == "final-with-planned"
    ]
    assert finding.key == "document.status" and finding.severity == "note"
    assert finding.message == (
        "The document is marked final but holds 2 planned measure(s): Lockout after failed "
        "attempts, Multi-factor authentication. Mark them implemented if they are; otherwise "
        "silence this rule for the document with a reason."
    )
    done = document(
        {ZK: {"measures": {"mfa": _measure("implemented")}}}, shipped_catalogue, status="final"
    )
    assert "final-with-planned" not in ids(done, shipped_catalogue, rules)


def test_rule_ids_are_the_ids_a_document_silences() -> None:
    """A rule id is valid exactly when it is a valid key of ``[silenced]``."""
    from pydantic import TypeAdapter, ValidationError

    from tomwizard.answers.upkeep import RuleId as SilencedId
    from tomwizard.rules.model import RuleId

    rule, silenced = TypeAdapter(RuleId), TypeAdapter(SilencedId)
    for candidate in ["a", "password-min-length", "9x", "A", "a_b", "-a", "a" * 64, "a" * 65, ""]:
        results = []
        for adapter in (rule, silenced):
            try:
                adapter.validate_python(candidate)
                results.append(True)
            except ValidationError:
                results.append(False)
        assert results[0] == results[1], candidate


def test_any_rule_file_loads_or_gives_problems(
    shipped_catalogue: Catalogue, rules: RuleSet, tmp_path: Path, fuzz_scale: int
) -> None:
    """Random rule files (valid TOML of rule-like shape, nested conditions of every kind and
    wrong values) either load, and then evaluate on a document without error, or give
    problems with a file name — never another exception."""
    import random

    from tomwizard.problems import ProblemsError

    rng = random.Random(32)
    refs = [
        ("measure", "zugangskontrolle.mfa"),
        ("measure", "zugangskontrolle.nix"),
        ("parameter", "zugangskontrolle.mfa.bereich"),
        ("parameter", "zugangskontrolle.passwortrichtlinie.mindestlaenge"),
        ("answer", "zugangskontrolle.fernzugriff"),
        ("answer", "organisation.standorte"),
        ("answer", "Bad.Ref"),
    ]
    tests: list[tuple[str, Any]] = [
        ("status", "implemented"),
        ("status", ["open", "planned"]),
        ("status_not", "nope"),
        ("equals", True),
        ("equals", "admin"),
        ("equals", 12),
        ("any_of", ["cloud", "buero"]),
        ("any_of", []),
        ("below", 8),
        ("above", 2.5),
        ("answered", False),
    ]

    def condition(depth: int) -> Data:
        roll = rng.random()
        if depth < 8 and roll < 0.15:
            return {"not": condition(depth + 1)}
        if depth < 8 and roll < 0.3:
            key = rng.choice(["all", "any"])
            return {key: [condition(depth + 1) for _ in range(rng.randint(0, 3))]}
        kind, ref = rng.choice(refs)
        test, value = rng.choice(tests)
        found: Data = {kind: ref, test: value}
        if rng.random() < 0.1:
            found["equals"] = 1
        return found

    text = document(CASES["remote-access-without-mfa"][0], shipped_catalogue)
    loaded = parse_document(text.encode(), "tom.toml", shipped_catalogue)
    folder = tmp_path / "rules"
    folder.mkdir()
    outcomes = {"loaded": 0, "problems": 0}
    for index in range(60 * fuzz_scale):
        rule: Data = {
            "id": rng.choice(["r", "Bad Id", f"r-{index}"]),
            "message": {"de": rng.choice(["d", "{count}"]), "en": "e"},
            "when": [condition(1) for _ in range(rng.randint(0, 3))],
        }
        if rng.random() < 0.1:
            rule["builtin"] = "final-with-planned"
        (folder / "r.toml").write_text(tomli_w.dumps({"rule": [rule]}), encoding="utf-8")
        try:
            own = load_rules(shipped_catalogue, [folder])
        except ProblemsError as exc:
            assert all(p.file.endswith("r.toml") for p in exc.problems)
            outcomes["problems"] += 1
            continue
        outcomes["loaded"] += 1
        check_document_rules(
            loaded.document, loaded.source, "tom.toml", own, shipped_catalogue, "en"
        )
    assert outcomes["loaded"] > 0 and outcomes["problems"] > 0
