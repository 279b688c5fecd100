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
from tomwizard.tui.dialogs.export import replace_dialog, untranslated_message
from tomwizard.tui.dialogs.export_form import ExportDialog, ExportRequest
from tomwizard.tui.language import ui_language
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
        """Ask for style, language and file (showing what is missing first), whether to
        replace a file that exists, then write the annex of what is on screen in a worker
        thread."""
        from tomwizard.export.exporter import default_output, output_exists, output_problem

        lang, path, ui = self.session.language, self.session.path, ui_language()
        snapshot = self.session.snapshot()
        missing = missing_required(snapshot, self.session.catalogue, lang=ui)

        def check(output: Path) -> str | None:
            problem = output_problem(output, path)
            return None if problem is None else t(f"export.problem.{problem}", ui)

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return

            def replace(answer: str | None = "replace") -> None:
                if answer == "replace":
                    self.notify(t("export.running", ui), markup=False)
                    self._export(
                        snapshot, request.style, request.output, request.lang, draft=request.draft
                    )

            if output_exists(request.output):
                self.app.push_screen(replace_dialog(ui, request.output), replace)
            else:
                replace()

        dialog = ExportDialog(
            path,
            lang,
            lambda style, annex_lang: default_output(path, style, annex_lang, lang),
            check,
            missing,
            final=snapshot.document.status == "final",
        )
        self.app.push_screen(dialog, chosen)

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
                messages=ui_language(self),  # why it failed, in the interface's words
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
        lang = ui_language()
        self.notify(t("export.done", lang, path=event.path), markup=False)
        if event.untranslated:
            message = untranslated_message(lang, event.untranslated)
            self.notify(message, severity="warning", timeout=20, markup=False)

    @on(AnnexExportFailed)
    def _export_failed(self, event: AnnexExportFailed) -> None:
        self.notify(
            t("export.failed", ui_language(), error=event.error),
            severity="error",
            timeout=20,
            markup=False,
        )
