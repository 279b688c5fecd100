"""Export fuzzing: random Unicode in every free-text field of an example never loses text.

The datenschutz nord example gets random text (every Unicode character but surrogates, control
characters included, with Jinja and docxtpl delimiters, XML specials, right-to-left text, emoji
and all kinds of line breaks mixed in) in every field a user types: the document's details, the
parties, the data protection officer, the change history, category descriptions and notes,
measure notes and reasons, text parameters, text answers, text cells of tables, and own measures'
labels, phrases and notes. Measures get random statuses, so that notes, reasons and labels show up
in every list of the annex.

Both built-in templates must export it (:func:`~tomwizard.export.exporter.export_document` checks
the result itself and raises ``ExportFailed("check", ...)`` if anything it rendered is missing),
python-docx must open the file, and every text that the template shows (worked out here from the
catalogue's visibility rules and the templates' documented contents) must be in the document's
visible text, compared as :func:`~tomwizard.export.text.comparable` does.

The normal suite runs 15 documents (30 exports); ``--fuzz-long`` (or ``TOMWIZARD_FUZZ_LONG=1``)
25 times as many.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ooxml import assert_valid_ooxml

from tomwizard.answers.check import check_document
from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.visibility import Visibility, first_checklist
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import ChecklistQuestion, Language, TableQuestion, TextQuestion
from tomwizard.disk.storage import load_document
from tomwizard.export.exporter import ExportFailed, export_document
from tomwizard.export.text import comparable, for_document
from tomwizard.export.verify import document_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "datenschutz-nord-anhang3.toml"
DOCUMENTS = 15
TEMPLATES = ("anlage", "prosa", "tabelle")
TODAY = dt.date(2025, 1, 1)

FRAGMENTS = [
    "{{", "}}", "{%", "%}", "{#", "#}", "{_{", "}_}", "{_%", "%_}", "{{ x }}", "{% if x %}",
    "{%p endif %}", "{%tr for m in planned %}", "{{ document.title }}", "{value}", "{stelle}",
    "&", "&amp;", "&#0;", "<", ">", "<w:t>", "</w:p>", "<![CDATA[", "]]>", '"', "'", "\\",
    "\u202e", "\u200f", "\u200b", "\u2060", "שלום", "مرحبا", "😀", "👩‍👩‍👧", "\U0010ffff",
    "\n", "\r\n", "\r", "\n\n", " \n \n ", "\n\r\n\r", "\t", "\x00", "\x07", "\x0b", "\x0c",
    "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", " ", "  ", ".",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)), min_size=1, max_size=8
).map("".join)
"""Random text: any character but surrogates (st.text includes control characters), mixed with
what template engines, XML and Word treat specially."""


# -- filling every free-text field --------------------------------------------------------------


def fill(
    document: AnswersDocument,
    catalogue: Catalogue,
    pool: list[str],
    seed: int,
    language: str,
    tagged: float = 0.8,
) -> AnswersDocument:
    """``document`` with a text of ``pool`` in every free-text field and random statuses.

    Most texts (a share of ``tagged``) get a tag ``[n]`` unique to their field, somewhere in
    them: a field's text that went missing cannot then be mistaken for another field's."""
    rng = random.Random(seed)
    fields = 0

    def text() -> str:
        nonlocal fields
        fields += 1
        base = rng.choice(pool)
        if rng.random() >= tagged:
            return base
        at = rng.choice([0, len(base), rng.randint(0, len(base))])
        return f"{base[:at]}[{fields}]{base[at:]}"

    data = document.model_dump()
    details = data["document"]
    details["language"] = language
    for key in ("title", "annex_number", "contract_reference", "version", "author", "approved_by"):
        details[key] = text()
    for party in ("controller", "processor"):
        for key in ("name", "address", "representative"):
            details[party][key] = text()
    for key in ("name", "organisation", "email", "phone", "address"):
        details["processor_dpo"][key] = text()
    history: dict[str, Any] = {}
    for _ in range(rng.randint(1, 3)):
        # a version is one line without control characters (the model refuses others)
        version = "".join(c for c in text() if ord(c) >= 32 and ord(c) != 127)[:100] or "1.0"
        entry = {"date": dt.date(2024, 1, 1), "author": text(), "changes": text()}
        history.setdefault(version, entry)
    data["history"] = history
    categories = data["categories"]
    for category in catalogue.categories:
        answers = categories.setdefault(category.id, {"answers": {}, "measures": {}, "custom": {}})
        answers["description"] = text()
        answers["note"] = text()
        for question in category.questions:
            if isinstance(question, TextQuestion):
                answers["answers"][question.id] = text()
            elif isinstance(question, TableQuestion):
                rows = answers["answers"].setdefault(question.id, {"zeile": {}})
                for row in rows.values():
                    for column in question.columns:
                        if column.type == "text":
                            row[column.id] = text()
        for _, measure in catalogue.measures(category.id):
            if any(p.type == "text" for p in measure.parameters):
                answers["measures"].setdefault(measure.id, {"status": "implemented"})
        for mid, state in answers["measures"].items():
            state["status"] = rng.choice(
                ["implemented", "implemented", "planned", "not_applicable"]
            )
            state["target_date"] = dt.date(2026, 1, 1) if state["status"] == "planned" else None
            state["reason"] = text()
            state["note"] = text()
            specs = catalogue.measure(category.id, mid)
            for spec in specs.parameters if specs else []:
                if spec.type == "text":
                    state.setdefault("parameters", {})[spec.id] = text()
        checklists = [q.id for q in category.questions if isinstance(q, ChecklistQuestion)]
        if checklists and rng.random() < 0.5:
            for number, status in enumerate(["implemented", "planned", "not_applicable"]):
                label = text()
                answers["custom"][f"eigene{number}"] = {
                    "label": label if label.strip("\r\n") else "x" + label,
                    "phrase": rng.choice(["", text()]),
                    "note": text(),
                    "reason": text(),
                    "status": status,
                    "question": rng.choice([None, *checklists]),
                }
    return AnswersDocument.model_validate(data)


# -- what each template must show ---------------------------------------------------------------


def shown_texts(
    document: AnswersDocument, catalogue: Catalogue, style: str
) -> list[tuple[str, str]]:
    """(where, text) of every user text a built-in template of ``style`` shows: the document's
    details, parties, officer and history; and in each category that applies its description,
    text answers (in their sentence), tables, text parameters of implemented measures, notes of
    implemented and planned measures, labels of own measures (and their phrase in prose), reasons of
    measures that do not apply (checklist only). Category notes are internal and never shown;
    the prose template leaves out measures that do not apply, and neither template shows their
    notes."""
    details = document.document
    out = [
        (f"document.{key}", getattr(details, key))
        for key in ("title", "annex_number", "contract_reference", "version", "author")
    ]
    out.append(("document.approved_by", details.approved_by))
    for party in ("controller", "processor"):
        for key in ("name", "address", "representative"):
            out.append((f"document.{party}.{key}", getattr(getattr(details, party), key)))
    for key in ("name", "organisation", "email", "phone", "address"):
        out.append((f"document.processor_dpo.{key}", getattr(details.processor_dpo, key)))
    for version, entry in document.history.items():
        where = f"history[{version!r}]"
        out += [(where, version), (f"{where}.author", entry.author)]
        out.append((f"{where}.changes", entry.changes))
    visibility = Visibility(document, catalogue)
    lang = details.language
    for category in catalogue.categories:
        answers = document.categories.get(category.id)
        if answers is None or not visibility.category(category):
            continue
        at = f"categories.{category.id}"
        out.append((f"{at}.description", answers.description))
        default = first_checklist(category)
        for question in category.questions:
            if not visibility.question(category, question):
                continue
            value = answers.answers.get(question.id)
            if isinstance(question, TextQuestion) and question.phrase is not None:
                if "{value}" in question.phrase.get(lang) and isinstance(value, str):
                    out.append((f"{at}.answers.{question.id}", value))
            elif isinstance(question, TableQuestion) and isinstance(value, dict):
                for row_id, row in value.items():
                    for column in question.columns:
                        cell = row.get(column.id) if isinstance(row, dict) else None
                        if column.type == "text" and isinstance(cell, str):
                            out.append((f"{at}.answers.{question.id}.{row_id}.{column.id}", cell))
            elif isinstance(question, ChecklistQuestion):
                out += _measure_texts(category.id, question, answers, visibility, style, lang)
                for key, custom in answers.custom.items():
                    if (custom.question or (default.id if default else None)) != question.id:
                        continue
                    where = f"{at}.custom.{key}"
                    if custom.status == "implemented":
                        out.append((f"{where}.note", custom.note))
                        if style == "prosa" and for_document(custom.phrase):
                            out.append((f"{where}.phrase", custom.phrase))
                        else:
                            out.append((f"{where}.label", custom.label))
                    elif custom.status == "planned":
                        out += [(f"{where}.label", custom.label), (f"{where}.note", custom.note)]
                    elif custom.status == "not_applicable" and style == "anlage":
                        out.append((f"{where}.label", custom.label))
                        out.append((f"{where}.reason", custom.reason))
    return out


def _measure_texts(
    category_id: str,
    question: ChecklistQuestion,
    answers: Any,
    visibility: Visibility,
    style: str,
    lang: Language,
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    category = visibility.catalogue.category(category_id)
    assert category is not None
    for measure in question.measures:
        state = answers.measures.get(measure.id)
        if state is None or not visibility.measure(category, question, measure):
            continue
        where = f"categories.{category_id}.measures.{measure.id}"
        if state.status == "implemented":
            out.append((f"{where}.note", state.note))
            for spec in measure.parameters:
                value = state.parameters.get(spec.id)
                in_text = style == "anlage" or f"{{{spec.id}}}" in measure.phrase.get(lang)
                if spec.type == "text" and isinstance(value, str) and in_text:
                    out.append((f"{where}.parameters.{spec.id}", value))
        elif state.status == "planned":
            out.append((f"{where}.note", state.note))
        elif state.status == "not_applicable":  # every style lists them with reason and remark
            out.append((f"{where}.reason", state.reason))
            out.append((f"{where}.note", state.note))
    return out


# -- the test ----------------------------------------------------------------------------------


def export_and_check(
    document: AnswersDocument, catalogue: Catalogue, directory: Path, *, validate: bool = False
) -> None:
    problems: list[str] = []
    for style in TEMPLATES:
        output = directory / f"{style}.docx"
        try:
            export_document(document, catalogue, output, template=style, today=TODAY)
        except ExportFailed as exc:
            problems.append(f"{style}: ExportFailed({exc.kind}): {exc}")
            continue
        docx.Document(str(output))  # python-docx opens what was written
        if validate:
            assert_valid_ooxml(output)
        text = comparable(document_text(output.read_bytes()))
        for where, value in shown_texts(document, catalogue, style):
            expected = comparable(for_document(value))
            if expected and expected not in text:
                problems.append(f"{style}: {where} = {value!r} is missing ({expected!r})")
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="module")
def example(shipped_catalogue: Catalogue) -> AnswersDocument:
    return load_document(EXAMPLE, shipped_catalogue).document


def test_random_text_in_every_field_is_exported(
    example: AnswersDocument, shipped_catalogue: Catalogue, fuzz_scale: int
) -> None:
    catalogue = shipped_catalogue
    validated: list[int] = []

    @settings(
        max_examples=DOCUMENTS * fuzz_scale,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        pool=st.lists(TEXT, min_size=8, max_size=30),
        seed=st.integers(0, 2**32),
        language=st.sampled_from(["de", "en"]),
    )
    def exported(pool: list[str], seed: int, language: str) -> None:
        document = fill(example, catalogue, pool, seed, language)
        errors = [str(p) for p in check_document(document, catalogue) if p.is_error]
        assert not errors, errors  # a document a user could have written
        with tempfile.TemporaryDirectory() as directory:
            # the OOXML validator takes ~2 s a file: the first three documents are validated
            export_and_check(document, catalogue, Path(directory), validate=len(validated) < 3)
        validated.append(seed)

    exported()


def test_the_oracle_knows_what_each_template_shows(
    example: AnswersDocument, shipped_catalogue: Catalogue, tmp_path: Path
) -> None:
    """Plain words in every field: each template shows what :func:`shown_texts` says (so that
    the fuzz test above does not pass because it expects too little), and the fill reaches
    every kind of field."""
    pool = ["Wort", "zwei Wörter", "Zeile\nZeile", "Absatz\n\nAbsatz"]
    document = fill(example, shipped_catalogue, pool, seed=7, language="de", tagged=1.0)
    export_and_check(document, shipped_catalogue, tmp_path)
    for style in TEMPLATES:
        places = {where for where, _ in shown_texts(document, shipped_catalogue, style)}
        kinds = {
            ".note",
            ".reason" if style == "anlage" else ".label",
            ".description",
            ".parameters.",
            ".custom.",
            "history[",
            "document.processor_dpo.",
        }
        assert all(any(kind in place for place in places) for kind in kinds), style
        assert any(".answers." in place and place.count(".") == 3 for place in places)  # text
        assert any(".answers.rechenzentren." in place for place in places)  # table cells
