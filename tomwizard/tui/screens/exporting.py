"""Exporting the annex from the wizard: the base of the main screen.

ctrl+e asks for the style (and language), whether to replace a file that exists and, for a
final document that misses required answers, whether to export a draft; then a worker thread
writes the annex of what is on screen through the same core function as the command line, and
a notification says how it went. Quitting never waits for an export.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.screen import Screen

from tomwizard.answers.model import AnswersDocument
from tomwizard.answers.progress import missing_required
from tomwizard.catalogue.model import Language
from tomwizard.problems import format_key_path
from tomwizard.session import EditSession
from tomwizard.tui.dialogs.export import (
    STYLES,
    draft_dialog,
    replace_dialog,
    style_dialog,
    untranslated_message,
)
from tomwizard.tui.messages import AnnexExported, AnnexExportFailed
from tomwizard.tui.texts import t

_MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}
"""Of the files a browser downloads (``mimetypes`` may not know .docx)."""


class ExportingScreen(Screen[None]):
    """A screen editing ``session`` that can export it (``action_export``; the subclass binds
    it, so that its footer keeps its order)."""

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def on_unmount(self) -> None:
        """Quitting never waits for an export: a template still being filled in is stopped
        (its process killed), so the export's worker thread ends at once."""
        from tomwizard.export.isolation import stop_renders

        stop_renders()

    def action_export(self) -> None:
        """Ask for the style (and, for an incomplete final document, whether to export a
        draft), then write the annex of what is on screen in a worker thread."""
        from tomwizard.export.exporter import default_output, output_exists

        lang, path = self.session.language, self.session.path
        outputs = {style: default_output(path, style, lang, lang) for style in STYLES}
        if lang == "de":
            outputs |= {f"{style}-en": default_output(path, style, "en", lang) for style in STYLES}

        def chosen(choice: str | None) -> None:
            if choice not in outputs:
                return
            style, _, english = choice.partition("-")
            annex_lang: Language = "en" if english else lang
            output = outputs[choice]
            snapshot = self.session.snapshot()
            missing = missing_required(snapshot, self.session.catalogue)

            def export(draft: bool) -> None:
                self.notify(t("export.running", lang), markup=False)
                self._export(snapshot, style, output, annex_lang, draft=draft)

            def complete(answer: str | None = "replace") -> None:
                if answer != "replace":
                    return
                if snapshot.document.status != "final" or not missing:
                    export(draft=False)
                else:
                    self.app.push_screen(
                        draft_dialog(lang, missing),
                        lambda choice: export(draft=True) if choice == "draft" else None,
                    )

            if output_exists(output):
                self.app.push_screen(replace_dialog(lang, output), complete)
            else:
                complete()

        self.app.push_screen(style_dialog(lang, path, outputs, english=lang == "de"), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(
        self,
        document: AnswersDocument,
        style: str,
        target: Path,
        annex_lang: Language,
        *,
        draft: bool = False,
    ) -> None:
        """Render, check and write the annex (docxtpl is imported here, not at start-up)."""
        from tomwizard.export.exporter import ExportFailed, export_document

        try:
            result = export_document(
                document,
                self.session.catalogue,
                target,
                template=style,
                lang=annex_lang,
                source=self.session.path,
                draft=draft,
            )
        except ExportFailed as exc:
            self.post_message(AnnexExportFailed(str(exc)))
        except Exception as exc:  # a bug must not pass silently: say what happened
            self.post_message(AnnexExportFailed(f"{exc.__class__.__name__}: {exc}"))
        else:
            keys = [format_key_path(path) for path in result.untranslated]
            self.post_message(AnnexExported(result.docx, keys))
            self.call_later(self._offer_download, result.docx, result.pdf)

    def _offer_download(self, *paths: Path | None) -> None:
        """In a browser (``tomwizard serve``) the browser downloads what the export wrote
        (it is also kept beside the document); in a terminal nothing happens."""
        if not self.app.is_web:
            return
        for path in paths:
            if path is None:
                continue
            try:
                self.app.deliver_binary(path, mime_type=_MIME_TYPES.get(path.suffix.lower()))
            except OSError as exc:
                self.notify(f"{path}: {exc.strerror or exc}", severity="error", markup=False)

    @on(AnnexExported)
    def _exported(self, event: AnnexExported) -> None:
        lang = self.session.language
        self.notify(t("export.done", lang, path=event.path), markup=False)
        if event.untranslated:
            message = untranslated_message(lang, event.untranslated)
            self.notify(message, severity="warning", timeout=20, markup=False)

    @on(AnnexExportFailed)
    def _export_failed(self, event: AnnexExportFailed) -> None:
        self.notify(
            t("export.failed", self.session.language, error=event.error),
            severity="error",
            timeout=20,
            markup=False,
        )
