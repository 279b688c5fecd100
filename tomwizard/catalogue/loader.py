"""Load and check a catalogue: built-in ``questions/`` plus the user's own folders.

Loading collects every problem (syntax, unknown keys, wrong types, duplicate ids, conditions that
point nowhere, phrase placeholders without a parameter, ...) and raises one
:class:`~tomwizard.problems.ProblemsError` listing them all as ``FILE:LINE: key: message``.

User catalogue folders hold two kinds of TOML files:

* a **new category**: the same format as a built-in category file plus ``group = "<group id>"``;
  it is appended to that group;
* an **extension**: ``extends = "<category id>"`` with ``[[questions]]`` to append new questions
  and/or ``[[measures]]`` (each with ``question = "<checklist id>"``) to add measures to an
  existing checklist.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from tomwizard.catalogue.catalogue import Catalogue
from tomwizard.catalogue.checks import Checks, Path_, _Origin
from tomwizard.catalogue.migrations import Migration, MigrationsFile
from tomwizard.catalogue.model import (
    CatalogueInfo,
    Category,
    CategoryExtension,
    ChecklistQuestion,
    Group,
    Measure,
    Parameter,
    Question,
    TableQuestion,
    Vocabulary,
)
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tomlread.file import TomlSource, read_toml
from tomwizard.tomlread.validation import validate_source

INFO_FILE = "catalogue.toml"
MIGRATIONS_FILE = "migrations.toml"
"""Beside ``catalogue.toml``: how ids of earlier catalogue versions map to today's."""
_M = TypeVar("_M", CatalogueInfo, Category, CategoryExtension, MigrationsFile)


def load_catalogue(extra_dirs: Sequence[Path] = (), builtin: Path | None = None) -> Catalogue:
    """Load the built-in catalogue (or ``builtin``) and merge ``extra_dirs`` into it.

    A catalogue that loaded without problems is cached (:mod:`tomwizard.catalogue.cache`);
    the next load of the same files reads the cache instead."""
    from tomwizard.catalogue import cache
    from tomwizard.locations import builtin_questions_dir, cache_dir

    base = builtin or builtin_questions_dir()
    key = cache.cache_key(base, extra_dirs) if cache.enabled() else None
    if key is not None:
        cached = cache.load_cached(key, cache_dir())
        if cached is not None:
            if not cache.titles_path(key, cache_dir()).is_file():  # stored before there were any
                with contextlib.suppress(OSError):
                    cache.store_titles(key, cache_dir(), cached)
            return cached
    catalogue = _Loader().load(base, extra_dirs)
    if key is not None:
        cache.store(key, cache_dir(), catalogue)
    return catalogue


class _Loader(Checks):
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.categories: dict[str, Category] = {}
        self.origins: dict[int, tuple[object, _Origin]] = {}
        """``id()`` of a category, question or measure -> (the item, where it was written).

        Keyed by identity, not by id string: duplicate ids and items added by an extension
        must each point at their own file and line. The item is kept to pin its ``id()``."""
        self.files: dict[str, str] = {}
        self.vocabularies: dict[str, Vocabulary] = {}
        self.unusable: set[str] = set()
        """Categories whose file (or an extension of them) was reported as unusable: conditions
        that point into them are not reported as well."""

    # -- reading -----------------------------------------------------------------------------

    def _read(self, path: Path) -> TomlSource | None:
        try:
            return read_toml(path)
        except ProblemsError as exc:
            self.problems.extend(exc.problems)
            return None

    def _validate(self, model: type[_M], source: TomlSource) -> _M | None:
        try:
            return validate_source(model, source)
        except ProblemsError as exc:
            self.problems.extend(exc.problems)
            return None

    def load(self, builtin: Path, extra_dirs: Sequence[Path]) -> Catalogue:
        info_source = self._read(builtin / INFO_FILE)
        info = self._validate(CatalogueInfo, info_source) if info_source else None
        if info is None or info_source is None:
            raise ProblemsError(self.problems)
        groups = {group.id: list(group.categories) for group in info.groups}
        self._check_info(info, info_source)
        self.vocabularies = {v.id: v for v in info.vocabularies}

        listed_in = {cid: group.id for group in info.groups for cid in group.categories}
        builtin_files = _toml_files(builtin, exclude=(INFO_FILE, MIGRATIONS_FILE))
        for path in builtin_files:
            source = self._read(path)
            category = self._validate(Category, source) if source else None
            if source and category:
                if category.group is not None and category.group != listed_in.get(category.id):
                    self.problems.append(
                        source.problem(
                            ("group",),
                            f"built-in categories are placed by {INFO_FILE}; remove 'group' "
                            "or make it match",
                        )
                    )
                if category.id != path.stem:
                    self.problems.append(
                        source.problem(("id",), f"must match the file name {path.stem!r}")
                    )
                self._add_category(category, source)
            else:
                self._unusable(path.stem, source)
        listed = {cid for group in info.groups for cid in group.categories}
        for group in info.groups:
            for index, cid in enumerate(group.categories):
                # a file that exists but could not be read was reported already
                if cid not in self.categories and cid not in {p.stem for p in builtin_files}:
                    self.problems.append(
                        info_source.problem(
                            ("groups", info.groups.index(group), "categories", index),
                            f"category {cid!r} has no file {cid}.toml",
                        )
                    )
        for cid, category in self.categories.items():
            # a file whose id differs from its name was reported already
            if cid not in listed and Path(self.files[cid]).stem == cid:
                origin = self._origin(category)
                self.problems.append(
                    origin.problem(("id",), f"category is not listed in any group of {INFO_FILE}")
                )

        for directory in extra_dirs:
            self._load_user_dir(directory, groups)

        final_groups = [
            Group(
                id=g.id,
                title=g.title,
                references=g.references,
                categories=[c for c in groups[g.id] if c in self.categories],
            )
            for g in info.groups
        ]
        ordered = [self.categories[c] for g in final_groups for c in g.categories]
        self._check_references(ordered)
        if self.problems:
            raise ProblemsError(self.problems)
        ordered = [_with_vocabularies(c, self.vocabularies) for c in ordered]
        migrations = self._migrations(builtin / MIGRATIONS_FILE, ordered)
        if self.problems:
            raise ProblemsError(self.problems)
        return Catalogue(
            id=info.id,
            version=info.version,
            title=info.title,
            languages=list(info.languages),
            groups=final_groups,
            vocabularies=list(info.vocabularies),
            migrations=migrations,
            categories=ordered,
            sources=self.files,
        )

    def _load_user_dir(self, directory: Path, groups: dict[str, list[str]]) -> None:
        if not directory.is_dir():
            message = "is not a folder" if directory.exists() else "catalogue folder does not exist"
            self.problems.append(Problem(str(directory), None, "", message))
            return
        for path in _toml_files(directory):
            source = self._read(path)
            if source is None:
                continue
            if path.name == INFO_FILE:
                self.problems.append(
                    Problem(
                        str(path),
                        None,
                        "",
                        f"a user catalogue folder holds category files only; its {INFO_FILE} "
                        "is not used — rename it, or give its categories a 'group'",
                    )
                )
                continue
            if "extends" in source.data:
                extension = self._validate(CategoryExtension, source)
                if extension:
                    self._extend(extension, source)
                else:
                    self._unusable(source.data.get("extends"))
                continue
            category = self._validate(Category, source)
            if category is None:
                self._unusable(source.data.get("id"))
                continue
            if category.group is None:
                self.problems.append(
                    source.problem(
                        ("id",),
                        "a user category needs 'group = \"<group id>\"' "
                        f"(one of: {', '.join(groups)}), or 'extends' to extend a category",
                    )
                )
            elif category.group not in groups:
                self.problems.append(
                    source.problem(("group",), f"unknown group; known: {', '.join(groups)}")
                )
            elif self._add_category(category, source):
                groups[category.group].append(category.id)

    def _migrations(self, path: Path, categories: list[Category]) -> list[Migration]:
        """The migrations of the built-in catalogue; every target must exist today."""
        if not path.is_file():
            return []
        source = self._read(path)
        loaded = self._validate(MigrationsFile, source) if source else None
        if source is None or loaded is None:
            return []
        by_id = {c.id: c for c in categories}

        def exists(ref: str, kind: str) -> bool:
            cid, _, item = ref.partition(".")
            category = by_id.get(cid)
            if category is None:
                return False
            if kind == "question":
                return any(q.id == item for q in category.questions)
            return any(
                m.id == item
                for q in category.questions
                if isinstance(q, ChecklistQuestion)
                for m in q.measures
            )

        for mi, migration in enumerate(loaded.migration):
            at: Path_ = ("migration", mi)
            for ei, move in enumerate(migration.measure):
                for key, ref in [("to", move.to), *(("also", r) for r in move.also)]:
                    if ref is not None and not exists(ref, "measure"):
                        self.problems.append(
                            source.problem((*at, "measure", ei, key), f"no measure {ref}")
                        )
            for ei, question in enumerate(migration.question):
                if not exists(question.to, "question"):
                    self.problems.append(
                        source.problem((*at, "question", ei, "to"), f"no question {question.to}")
                    )
        return list(loaded.migration)

    def _unusable(self, category_id: object, source: TomlSource | None = None) -> None:
        self.unusable.update(
            cid for cid in (category_id, source and source.data.get("id")) if isinstance(cid, str)
        )

    def _add_category(self, category: Category, source: TomlSource) -> bool:
        if category.id in self.categories:
            self.problems.append(
                source.problem(
                    ("id",),
                    f"category {category.id!r} already defined in {self.files[category.id]}",
                )
            )
            return False
        self.categories[category.id] = category
        self.files[category.id] = source.name
        self._place(category, _Origin(source, ()))
        for qi, question in enumerate(category.questions):
            self._place_question(question, _Origin(source, ("questions", qi)))
        return True

    def _place(self, item: object, origin: _Origin) -> None:
        self.origins[id(item)] = (item, origin)

    def _place_question(self, question: Question, origin: _Origin) -> None:
        self._place(question, origin)
        if isinstance(question, ChecklistQuestion):
            for mi, measure in enumerate(question.measures):
                self._place(measure, _Origin(origin.source, (*origin.path, "measures", mi)))

    def _extend(self, extension: CategoryExtension, source: TomlSource) -> None:
        base = self.categories.get(extension.extends)
        if base is None:
            self.problems.append(
                source.problem(("extends",), f"no category {extension.extends!r} to extend")
            )
            return
        questions = list(base.questions)
        for qi, question in enumerate(extension.questions):
            self._place_question(question, _Origin(source, ("questions", qi)))
            questions.append(question)
        for mi, added in enumerate(extension.measures):
            index = next((i for i, q in enumerate(questions) if q.id == added.question), None)
            target = questions[index] if index is not None else None
            if index is None or not isinstance(target, ChecklistQuestion):
                self.problems.append(
                    source.problem(
                        ("measures", mi, "question"),
                        f"{extension.extends!r} has no checklist question {added.question!r}",
                    )
                )
                continue
            measure = Measure.model_validate(added.model_dump(exclude={"question"}), strict=False)
            self._place(measure, _Origin(source, ("measures", mi)))
            questions[index] = target.model_copy(update={"measures": [*target.measures, measure]})
            self._place(questions[index], self._origin(target))
        self.categories[base.id] = base.model_copy(update={"questions": questions})
        self._place(self.categories[base.id], self._origin(base))
        self.files[base.id] = f"{self.files[base.id]} + {source.name}"


def _toml_files(directory: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.name not in exclude and p.is_file())


def _with_vocabularies(category: Category, vocabularies: dict[str, Vocabulary]) -> Category:
    """``category`` with the options of every vocabulary parameter filled in, so that the rest
    of the program only ever reads ``options``."""

    def resolve(parameters: list[Parameter]) -> list[Parameter]:
        return [
            p.model_copy(
                update={
                    "options": [
                        o
                        for o in vocabularies[p.vocabulary].options
                        if not p.only or o.id in p.only
                    ]
                }
            )
            if p.vocabulary is not None and p.vocabulary in vocabularies
            else p
            for p in parameters
        ]

    questions: list[Question] = []
    for question in category.questions:
        if isinstance(question, ChecklistQuestion):
            measures = [
                m.model_copy(update={"parameters": resolve(m.parameters)})
                for m in question.measures
            ]
            question = question.model_copy(update={"measures": measures})
        elif isinstance(question, TableQuestion):
            question = question.model_copy(update={"columns": resolve(question.columns)})
        questions.append(question)
    return category.model_copy(update={"questions": questions})
