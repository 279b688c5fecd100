"""The shipped catalogue says exactly what the user states: every measure sentence is clean with
no values, with every option and with boundary numbers, in both languages; every measure has a
kind and search words; categories cite only law that applies to a private processor; and
``tomwizard catalogue --find`` finds measures by the words practitioners use."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import LANGUAGES, Measure, Parameter, TableQuestion, Text
from tomwizard.catalogue.phrase import render
from tomwizard.catalogue.search import MeasureIndex, fold
from tomwizard.cli import main
from tomwizard.export.context import render_measure_phrase

# what a signer must never read: braces, clause brackets, gap markers, doubled or dangling
# punctuation, spaces before punctuation, a sentence without its full stop
BAD = re.compile(
    r"[{}\[\]]|fehlt\]|missing\]|\.\.(?!\.)|,,|,\.|\.,|;;|\s[,.;:]|\s{2,}|\(\s|\s\)|\(\)"
)


def _samples(parameter: Parameter) -> list[Any]:
    if parameter.type == "choice":
        return [option.id for option in parameter.options]
    if parameter.type == "number":
        low = parameter.min if parameter.min is not None else 0
        high = parameter.max if parameter.max is not None else 10_000
        values = {low, high, 1, 2} if low <= 1 <= high else {low, high}
        values = {v for v in values if low <= v <= high}
        return sorted(int(v) if parameter.integer else v for v in values)
    if parameter.type == "date":
        return [dt.date(2027, 3, 31)]
    if parameter.type == "bool":
        return [True, False]
    return ["Beispielwert"]


def _variants(measure: Measure) -> list[dict[str, Any]]:
    """No values; each value of each parameter alone; all parameters at their first value."""
    variants: list[dict[str, Any]] = [{}]
    for parameter in measure.parameters:
        variants += [{parameter.id: value} for value in _samples(parameter)]
    variants.append({p.id: _samples(p)[0] for p in measure.parameters})
    return variants


def _all_measures(catalogue: Catalogue) -> list[tuple[str, Measure]]:
    return [(c.id, m) for c in catalogue.categories for _, m in catalogue.measures(c.id)]


def test_every_sentence_is_clean_without_values_with_every_option_and_boundary(
    shipped_catalogue: Catalogue,
) -> None:
    problems: list[str] = []
    count = 0
    for category_id, measure in _all_measures(shipped_catalogue):
        required = {p.id for p in measure.parameters if p.required}
        for values in _variants(measure):
            if not required <= values.keys():
                continue  # a required value missing makes the measure incomplete, not a sentence
            for lang in LANGUAGES:
                sentence = render_measure_phrase(measure, values, lang)
                count += 1
                if BAD.search(sentence) or not sentence.endswith((".", "!", "?")):
                    problems.append(f"{category_id}.{measure.id} {lang} {values}: {sentence}")
                elif not sentence[0].isupper() and not sentence[0].isdigit():
                    problems.append(f"{category_id}.{measure.id} {lang}: starts in lower case")
    assert count > 2000
    assert not problems, "\n".join(problems[:40])


def test_parameters_are_optional_unless_meaningless_without(
    shipped_catalogue: Catalogue,
) -> None:
    parameters = [p for _, m in _all_measures(shipped_catalogue) for p in m.parameters]
    required = [p for p in parameters if p.required]
    assert len(parameters) > 100
    # the catalogue forced a value for all 112 parameters in 1.0.0; now values are the user's
    assert len(required) <= len(parameters) // 10, [p.id for p in required]


def test_phrases_without_values_drop_their_clauses() -> None:
    phrase = "Protokolle werden[ {dauer} {dauer:Tag|Tage} lang] aufbewahrt[, {ort}]."
    assert render(phrase, lambda name: "") == "Protokolle werden aufbewahrt."
    one = render(phrase, lambda name: {"dauer": "1"}.get(name, ""), lambda name: 1)
    assert one == "Protokolle werden 1 Tag lang aufbewahrt."
    both = render(phrase, lambda name: {"dauer": "90", "ort": "im RZ"}[name], lambda name: 90)
    assert both == "Protokolle werden 90 Tage lang aufbewahrt, im RZ."


def test_intervals_share_one_vocabulary(shipped_catalogue: Catalogue) -> None:
    vocabulary = {v.id: v for v in shipped_catalogue.vocabularies}
    assert {"intervall", "betriebszeit", "zeichenklassen"} <= vocabulary.keys()
    labels = {o.id: o.label.en for o in vocabulary["intervall"].options}
    assert labels["jaehrlich"] == "annually"
    for option in ("regelmaessig", "laufend", "anlassbezogen", "mehrmals_woechentlich"):
        assert option in labels
    assert "bei_vertragsende" in labels
    users = [
        p
        for _, m in _all_measures(shipped_catalogue)
        for p in m.parameters
        if p.vocabulary == "intervall"
    ]
    assert len(users) >= 15
    # a parameter using the vocabulary offers its options (or the subset it names), with its
    # words and in its order
    for p in users:
        offered = [o.id for o in p.options]
        assert offered == [key for key in labels if not p.only or key in p.only]
        assert all(o.label.en == labels[o.id] for o in p.options)
    # "jährlich" means "annually" everywhere, also in local option lists
    for _, measure in _all_measures(shipped_catalogue):
        for parameter in measure.parameters:
            for choice in parameter.options:
                if choice.label.de == "jährlich":
                    assert choice.label.en == "annually", f"{measure.id}.{parameter.id}"


def test_every_measure_has_a_kind_and_search_words(shipped_catalogue: Catalogue) -> None:
    kinds = {m.kind for _, m in _all_measures(shipped_catalogue)}
    assert kinds == {"technical", "organisational"}
    for category_id, measure in _all_measures(shipped_catalogue):
        where = f"{category_id}.{measure.id}"
        for lang in LANGUAGES:
            words = measure.keywords.get(lang)
            assert len(words) >= 2, f"{where}: too few {lang} search words"


def test_the_catalogue_covers_what_real_annexes_say(shipped_catalogue: Catalogue) -> None:
    assert shipped_catalogue.measure_count() > 450
    ids = {c.id for c in shipped_catalogue.categories}
    assert {"rechenzentrumsbetrieb", "systemhaertung", "aenderungsmanagement"} <= ids
    standorte = shipped_catalogue.question("organisation", "standorte")
    assert standorte is not None and "eigenes_rechenzentrum" in {
        o.id for o in getattr(standorte, "options", [])
    }
    index = MeasureIndex(shipped_catalogue, "de")
    for topic in (
        "Incident-Response-Dienstleister",
        "Wiederherstellungstest",
        "Härtung",
        "Change",
        "Code-Review",
        "Initialpasswort",
        "Sicherheitszone",
        "Weisung",
        "Geheimhaltung",
        "C5",
        "TISAX",
        "SOC 2",
        "ISO 9001",
        "20000",
        "Brandfrüherkennung",
        "Klima",
        "Richtlinie",
    ):
        assert index.find(topic), f"no measure for {topic!r}"


def test_statements_of_absence_reach_the_annex(shipped_catalogue: Catalogue) -> None:
    statements = [
        q
        for c in shipped_catalogue.categories
        for q in c.questions
        if getattr(q, "phrase_no", None) is not None
        or any(o.statement is not None for o in getattr(q, "options", []))
    ]
    assert len(statements) >= 6


# what the exporter's party table cannot rewrite, or a signer should not read in an annex
PER_PARTY = re.compile(r"\bje (Auftraggeber|Auftragsverarbeiter)|\bper (controller|processor)")
OTHER_PARTY_WORD = re.compile(r"(?<![\w-])(Kund\w*|customers?)\b", re.IGNORECASE)
READER = re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|du|dein|deine|deinen|deinem|deiner)\b")
BARE_PARTY = re.compile(r"\b(oder|für|mit) Auftraggeber\b")


def _annex_texts(catalogue: Catalogue) -> list[tuple[str, str, Text]]:
    """(where, kind, text) of every catalogue text that reaches an exported annex."""
    out: list[tuple[str, str, Text | None]] = []
    for category in catalogue.categories:
        out += [(category.id, "title", category.title), (category.id, "purpose", category.purpose)]
        for question in category.questions:
            where = f"{category.id}.{question.id}"
            out.append((where, "phrase", question.phrase))
            if isinstance(question, TableQuestion):
                out.append((where, "table title", question.label))
            for key in ("phrase_yes", "phrase_no"):
                out.append((where, key, getattr(question, key, None)))
            for option in getattr(question, "options", []):
                used = option.phrase or option.label
                out += [(f"{where}.{option.id}", "option", used)]
                out += [(f"{where}.{option.id}", "statement", option.statement)]
            for column in getattr(question, "columns", []):
                out.append((f"{where}.{column.id}", "column", column.label))
                out += [(f"{where}.{column.id}", "option", o.label) for o in column.options]
        for _, measure in catalogue.measures(category.id):
            where = f"{category.id}.{measure.id}"
            out += [(where, "label", measure.label), (where, "phrase", measure.phrase)]
            for parameter in measure.parameters:
                out.append((f"{where}.{parameter.id}", "parameter", parameter.label))
                for option in parameter.options:
                    out.append((f"{where}.{parameter.id}", "option", option.label))
                    out.append((f"{where}.{parameter.id}", "option phrase", option.phrase))
    return [(where, kind, text) for where, kind, text in out if text is not None]


def test_annex_texts_read_as_a_signer_accepts_them(shipped_catalogue: Catalogue) -> None:
    """Parameters print as "Parameter label: value": parameter and column labels are no
    questions, table titles no questions to the user, option labels have no nested parentheses;
    the parties are only "Auftraggeber"/"Auftragsverarbeiter" ("controller"/"processor") in
    forms the exporter's declension table knows; German texts do not address the reader."""
    problems: list[str] = []
    for where, kind, text in _annex_texts(shipped_catalogue):
        for lang in LANGUAGES:
            value = text.get(lang)
            said = f"{where} {kind} {lang}: {value}"
            if kind in ("parameter", "column", "table title") and value.rstrip().endswith("?"):
                problems.append(f"a question as a label: {said}")
            if re.search(r"\([^()]*\(", value):
                problems.append(f"nested parentheses: {said}")
            if PER_PARTY.search(value):
                problems.append(f"'je'/'per' before a party: {said}")
            if OTHER_PARTY_WORD.search(value):
                problems.append(f"another word for a party: {said}")
            if lang == "de" and READER.search(value):
                problems.append(f"the reader addressed: {said}")
            if lang == "de" and BARE_PARTY.search(value):
                problems.append(f"a bare party noun the declension table cannot place: {said}")
    assert not problems, "\n".join(problems)


def test_labels_do_not_repeat_their_interval(shipped_catalogue: Catalogue) -> None:
    """ "Regelmäßige Schulungen – Wiederholung: regelmäßig" says the same twice: a measure whose
    parameter names the interval does not call itself regular."""
    for category in shipped_catalogue.categories:
        for _, measure in shipped_catalogue.measures(category.id):
            if any(p.vocabulary == "intervall" for p in measure.parameters):
                assert not measure.label.de.lower().startswith("regelmäßig"), measure.id
                assert not measure.label.en.lower().startswith("regular"), measure.id
    vocabulary = {v.id: v for v in shipped_catalogue.vocabularies}["intervall"]
    for option in vocabulary.options:
        assert "intervall" not in option.label.de.lower(), option.label.de
        assert "interval" not in option.label.en.lower(), option.label.en


def test_categories_cite_only_law_that_applies(shipped_catalogue: Catalogue) -> None:
    for category in shipped_catalogue.categories:
        for reference in category.references:
            assert not re.search(r"§\s*(64|22)\b", reference), f"{category.id}: {reference}"
            assert "DSGVO" in reference or "BDSG" in reference, f"{category.id}: {reference}"
        for _, measure in shipped_catalogue.measures(category.id):
            for source in measure.source:
                assert not re.search(r"§\s*(64|22)\s+Abs", source), f"{measure.id}: {source}"
    for group in shipped_catalogue.groups:
        assert all("BDSG" not in r for r in group.references)


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("2FA", "de", "zugangskontrolle."),
        ("Zwei-Faktor", "de", "zugangskontrolle."),
        ("backup", "de", "verfuegbarkeitskontrolle."),
        ("AVV", "de", "auftragskontrolle."),
        ("USV", "de", "rechenzentrumsbetrieb."),
        ("faktor", "de", "zugangskontrolle."),  # a word part inside a compound
        ("VPN", "en", "zugangskontrolle."),
        ("shredder", "en", "loeschung_entsorgung."),
    ],
)
def test_find_lists_practice_words(
    query: str,
    lang: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    assert main(["catalogue", "--find", query, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert expected in out, out


def test_find_without_hits_exits_1_and_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    assert main(["catalogue", "--find", "Quantenverschränkungsfeld"]) == 1
    assert "keine Maßnahme gefunden" in capsys.readouterr().err
    assert main(["catalogue", "--find", "Passwort", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"category", "question", "measure", "label"} <= rows[0].keys()


def test_catalogue_json_shows_the_kind(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOMWIZARD_QUESTIONS")
    assert main(["catalogue", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    measures = [
        m for c in data["categories"] for q in c["questions"] for m in q.get("measures", [])
    ]
    assert all(m["kind"] in ("technical", "organisational") for m in measures)


def test_fold_ignores_case_hyphens_and_umlaut_spelling() -> None:
    assert fold("Zwei-Faktor") == "zweifaktor"
    assert fold("Überprüfung") == fold("ueberpruefung")
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("Gesperrt nach {n} Versuchen.", "{n} is optional"),
        ("Gesperrt[ nach [{n}]].", "cannot be nested"),
        ("Gesperrt[ nach {n}.", "'[' without ']'"),
        ("Gesperrt] nach {n}.", "']' without '['"),
        ("Gesperrt[ sofort].", "must name a parameter"),
        ("Gesperrt[ nach {m}].", "unknown placeholder {m}"),
        ("Gesperrt[ nach {n:Versuch}].", "plural form"),
    ],
)
def test_phrase_problems_are_reported(phrase: str, problem: str) -> None:
    from tomwizard.catalogue.phrase import phrase_problems

    assert any(problem in p for p in phrase_problems(phrase, ["n"], [])), phrase


def test_plural_form_may_stand_outside_a_clause() -> None:
    from tomwizard.catalogue.phrase import phrase_problems

    phrase = "Nach[ {n}] erfolglosen {n:Versuch|Versuchen} gesperrt."
    assert phrase_problems(phrase, ["n"], []) == []
    assert render(phrase, lambda _: "") == "Nach erfolglosen Versuchen gesperrt."
    assert render(phrase, lambda _: "1", lambda _: 1) == "Nach 1 erfolglosen Versuch gesperrt."


def test_vocabulary_subset_is_checked(tmp_path: Any) -> None:
    import shutil
    from pathlib import Path

    from tomwizard.catalogue.loader import load_catalogue
    from tomwizard.problems import ProblemsError

    root = Path(__file__).parent.parent / "questions"
    folder = Path(tmp_path) / "q"
    shutil.copytree(root, folder)
    path = folder / "schulung_verpflichtung.toml"
    text = path.read_text(encoding="utf-8")
    marker = re.search(r"\n\s*only = \[", text)
    assert marker is not None
    start = marker.start()
    end = text.index("]", start) + 1
    path.write_text(text[:start] + '\n    only = ["jaehrlich", "stuendlich"]' + text[end:])
    with pytest.raises(ProblemsError) as caught:
        load_catalogue(builtin=folder)
    assert "not in vocabulary 'intervall': stuendlich" in str(caught.value.problems)
