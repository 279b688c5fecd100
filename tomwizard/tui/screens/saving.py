"""Saving from the wizard: the base of the main screen (after exporting).

ctrl+s saves atomically with a backup. When the file changed on disk since it was opened, the
user chooses between keeping theirs (overwrite), the one on disk (reload) and cancelling; when
saving would lose comments a person wrote into the file, the user is asked first.
"""

from __future__ import annotations

from tomwizard.disk.storage import CommentsWouldBeLost, ConflictError, StorageError
from tomwizard.problems import Problem, ProblemsError
from tomwizard.tui.dialogs.choice import ChoiceDialog
from tomwizard.tui.language import ui_language
from tomwizard.tui.screens.exporting import ExportingScreen
from tomwizard.tui.texts import t


class SavingScreen(ExportingScreen):
    """A screen editing ``session`` that saves and reloads it. What a save or reload changes on
    screen is up to the subclass (the hooks below)."""

    def _update_title(self) -> None:
        """Hook: show whether the document is saved (the main screen's header)."""
        raise NotImplementedError

    def refresh_progress(self) -> None:
        """Hook: show the completion again (the main screen's sidebar)."""
        raise NotImplementedError

    def _edited(self, *, visibility: bool = False) -> None:
        """Hook: the document changed (the main screen schedules an autosave)."""
        raise NotImplementedError

    async def drop_category_views(self) -> None:
        """Hook: build what shows the document again (after a reload)."""
        raise NotImplementedError

    def action_save(self) -> None:
        self.save()

    def save(self, *, discard_comments: bool = False, then_quit: bool = False) -> None:
        """Save, asking when the file changed on disk or has comments that would be lost."""
        lang = ui_language()
        path = str(self.session.path)
        try:
            self.session.save(discard_comments=discard_comments)
        except CommentsWouldBeLost:

            def comments(choice: str | None) -> None:
                if choice == "save":
                    self.save(discard_comments=True, then_quit=then_quit)

            self.app.push_screen(
                ChoiceDialog(
                    t("comments.title", lang),
                    t("comments.message", lang, path=path),
                    [("save", t("save", lang)), ("cancel", t("cancel", lang))],
                ),
                comments,
            )
            return
        except ConflictError:

            def conflict(choice: str | None) -> None:
                if choice == "overwrite":
                    self.session.accept_disk_version_as_base()
                    self.save(discard_comments=discard_comments, then_quit=then_quit)
                elif choice == "reload":
                    self.reload()

            self.app.push_screen(
                ChoiceDialog(
                    t("conflict.title", lang),
                    t("conflict.message", lang, path=path),
                    [
                        ("cancel", t("cancel", lang)),
                        ("overwrite", t("conflict.overwrite", lang)),
                        ("reload", t("conflict.reload", lang)),
                    ],
                ),
                conflict,
            )
            return
        except (StorageError, OSError) as exc:
            self.notify(
                t("save_failed", lang, error=exc), severity="error", timeout=10, markup=False
            )
            return
        self._update_title()
        self.refresh_progress()
        self.notify(t("saved_to", lang, path=path), markup=False)
        if then_quit:
            self.app.exit()

    def reload(self) -> None:
        """Throw away the changes in memory and show the file as it is on disk; if that file
        cannot be used (someone saved a broken one), keep editing and say why."""
        lang = ui_language()
        try:
            self.session.reload(lang)
        except (ProblemsError, OSError) as exc:
            problems = exc.problems if isinstance(exc, ProblemsError) else (exc,)
            details = "\n".join(
                p.text(lang) if isinstance(p, Problem) else str(p) for p in problems[:5]
            )
            self.notify(
                t("reload_failed", lang, problems=details),
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.call_later(self.drop_category_views)
        self._edited()
