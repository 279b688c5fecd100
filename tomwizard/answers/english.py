"""English versions of the free texts of a German document.

A German document can hold an English version of every text its user wrote (``note_en`` beside
``note``, ``answers_en`` beside ``answers``, ...). For an English export,
:func:`english_version` returns a copy of the document in which every such text is replaced by
its English version, and lists the texts that would be printed in German because they have
none. Only texts the annex prints count (a remark of an undecided measure, a reason of an
implemented one or a category's internal ``note`` are never printed); table cells have no
English field, so their texts are always listed.

An English document, or an export in the document's own language, stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tomwizard.answers.model import (
    DEFAULT_TITLE,
    DEFAULT_TITLE_EN,
    AnswersDocument,
    CategoryAnswers,
    MeasureAnswer,
)
from tomwizard.answers.visibility import Visibility, first_checklist
from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.model import (
    Category,
    ChecklistQuestion,
    Language,
    Parameter,
    TableQuestion,
    TextQuestion,
)
from tomwizard.problems import Problem, format_key_path
from tomwizard.tomlread.file import TomlSource
from tomwizard.wording import Wording

KeyPath = tuple[str, ...]

_SAY = Wording(
    "answers.english",
    {
        "no_english": (
            "keine englische Fassung; der deutsche Text wird gedruckt",
            "no English version; the German text is printed",
        )
    },
)
NO_ENGLISH = _SAY("no_english", "en")
"""The message for a printed text without an English version (in English)."""


@dataclass(frozen=True)
class EnglishVersion:
    """The document to export in English, and where it still holds German text."""

    document: AnswersDocument
    untranslated: tuple[KeyPath, ...] = ()
    """Key paths of printed texts that have no English version, in document order."""

    @property
    def keys(self) -> list[str]:
        """The untranslated texts' key paths as TOML spells them."""
        return [format_key_path(path) for path in self.untranslated]


def english_version(
    document: AnswersDocument, catalogue: Catalogue, lang: Language = "en"
) -> EnglishVersion:
    """``document`` as it is exported in ``lang``: for an English export of a German document a
    copy with the English versions in place of the German texts; otherwise ``document``
    itself, with nothing untranslated."""
    if lang != "en" or document.document.language != "de":
        return EnglishVersion(document)
    translator = _Translator(document, catalogue)
    translator.run()
    return EnglishVersion(translator.copy, tuple(translator.missing))


def untranslated_problems(
    untranslated: Sequence[KeyPath],
    source: TomlSource | None = None,
    name: str = "<document>",
    *,
    lang: Language,
) -> list[Problem]:
    """The untranslated texts as warnings (``FILE:LINE: key: warning: no English version; ...``
    with ``source``), in file order, worded in ``lang`` (the reader's language)."""
    message = _SAY("no_english", lang)
    if source is not None:
        problems = [source.problem(path, message, "warning") for path in untranslated]
        return sorted(problems, key=lambda p: p.line or 0)
    return [Problem(name, None, format_key_path(path), message, "warning") for path in untranslated]


def _printed(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


class _Translator:
    def __init__(self, document: AnswersDocument, catalogue: Catalogue) -> None:
        self.copy = document.model_copy(deep=True)
        self.catalogue = catalogue
        # what is shown depends on the answers as given (a German answer may be empty where
        # its English version is not): judged on the original
        self.visibility = Visibility(document, catalogue)
        self.missing: list[KeyPath] = []

    def text(self, path: KeyPath, german: str, english: str, printed: bool = True) -> str:
        """The English version if there is one; else the German text, listed when printed."""
        if english.strip():
            return english
        if printed and german.strip():
            self.missing.append(path)
        return german

    def run(self) -> None:
        details = self.copy.document
        if details.title_en.strip():
            details.title = details.title_en
        elif details.title == DEFAULT_TITLE:
            details.title = DEFAULT_TITLE_EN
        else:
            details.title = self.text(("document", "title"), details.title, "")
        details.contract_reference = self.text(
            ("document", "contract_reference"),
            details.contract_reference,
            details.contract_reference_en,
        )
        for role in ("controller", "processor"):
            party = getattr(details, role)
            party.function = self.text(
                ("document", role, "function"), party.function, party.function_en
            )
        for version, entry in self.copy.history.items():
            entry.changes = self.text(
                ("history", version, "changes"), entry.changes, entry.changes_en
            )
        for key, provider in self.copy.providers.items():
            at: KeyPath = ("providers", key)
            provider.service = self.text((*at, "service"), provider.service, provider.service_en)
            for cert_key, cert in provider.certifications.items():
                cert.scope = self.text(
                    (*at, "certifications", cert_key, "scope"), cert.scope, cert.scope_en
                )
        for cid, answers in self.copy.categories.items():
            self.category(cid, answers)

    def category(self, cid: str, answers: CategoryAnswers) -> None:
        category = self.catalogue.category(cid)
        shown = category is not None and self.visibility.category(category)
        at: KeyPath = ("categories", cid)
        answers.description = self.text(
            (*at, "description"), answers.description, answers.description_en, shown
        )
        if category is None:
            for mid, state in answers.measures.items():
                self.measure((*at, "measures", mid), state, {}, False)
            for key, custom in answers.custom.items():
                self.measure((*at, "custom", key), custom, {}, False)
            return
        self.answers(category, answers, shown)
        visible = {
            measure.id: self.visibility.measure(category, question, measure)
            for question, measure in self.catalogue.measures(cid)
        }
        specs = {measure.id: measure.parameters for _, measure in self.catalogue.measures(cid)}
        for mid, state in answers.measures.items():
            self.measure(
                (*at, "measures", mid), state, _by_id(specs.get(mid, [])), visible.get(mid, False)
            )
        default = first_checklist(category)
        checklists = {q.id: q for q in category.questions if isinstance(q, ChecklistQuestion)}
        for key, custom in answers.custom.items():
            belongs = checklists.get(custom.question or (default.id if default else ""))
            printed = belongs is not None and self.visibility.question(category, belongs)
            where = (*at, "custom", key)
            decided = printed and custom.status is not None
            custom.label = self.text((*where, "label"), custom.label, custom.label_en, decided)
            custom.phrase = self.text(
                (*where, "phrase"),
                custom.phrase,
                custom.phrase_en,
                decided and custom.status == "implemented",
            )
            self.measure(where, custom, {}, printed)

    def answers(self, category: Category, answers: CategoryAnswers, shown: bool) -> None:
        """Text answers (printed in the question's sentence) and text cells of tables (printed
        in a checklist category's tables)."""
        at: KeyPath = ("categories", category.id, "answers")
        has_checklist = any(isinstance(q, ChecklistQuestion) for q in category.questions)
        for question in category.questions:
            value = answers.answers.get(question.id)
            visible = shown and self.visibility.question(category, question)
            if isinstance(question, TextQuestion):
                given = answers.answers_en.get(question.id, "")
                english = given if isinstance(given, str) else ""
                german = value if isinstance(value, str) else ""
                printed = visible and question.phrase is not None
                text = self.text((*at, question.id), german, english, printed)
                if text:
                    answers.answers[question.id] = text
            elif isinstance(question, TableQuestion) and isinstance(value, dict):
                if not (visible and has_checklist):
                    continue
                columns = [c.id for c in question.columns if c.type == "text"]
                cells = answers.answers_en.get(question.id)
                english_rows = cells if isinstance(cells, dict) else {}
                rows = {}
                for row_id, row in value.items():
                    if isinstance(row, dict):
                        row = dict(row)
                        english_row = english_rows.get(row_id, {})
                        for column in columns:
                            cell = row.get(column)
                            where = (*at, question.id, row_id, column)
                            text = self.text(
                                where,
                                cell if isinstance(cell, str) else "",
                                english_row.get(column, ""),
                            )
                            if text:
                                row[column] = text
                    rows[row_id] = row
                answers.answers[question.id] = rows

    def measure(
        self, at: KeyPath, state: MeasureAnswer, specs: dict[str, Parameter], visible: bool
    ) -> None:
        """A measure's remark (printed whatever its status), its reason (printed when it does
        not apply) and its text parameters (printed when it is implemented)."""
        printed = visible and state.status is not None
        state.note = self.text((*at, "note"), state.note, state.note_en, printed)
        state.reason = self.text(
            (*at, "reason"),
            state.reason,
            state.reason_en,
            printed and state.status == "not_applicable",
        )
        if not specs:
            return
        parameters = dict(state.parameters)
        for pid, spec in specs.items():
            if spec.type != "text":
                continue
            value = parameters.get(pid)
            german = value if isinstance(value, str) else ""
            english = state.parameters_en.get(pid, "")
            printed_here = printed and state.status == "implemented"
            text = self.text((*at, "parameters", pid), german, english, printed_here)
            if text:
                parameters[pid] = text
        state.parameters = parameters


def _by_id(specs: list[Parameter]) -> dict[str, Parameter]:
    return {spec.id: spec for spec in specs}
