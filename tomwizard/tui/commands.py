"""Command palette (ctrl+p): jump to a category, or find a question or measure by its text."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tomwizard.catalogue.model import ChecklistQuestion
from tomwizard.tui.messages import JumpRequested


class CategoryCommands(Provider):
    """Every category, question and measure of the open document's catalogue."""

    def _targets(self) -> list[tuple[str, str, str, str | None]]:
        """(text shown, help, category id, item id) for everything one can jump to."""
        from tomwizard.tui.screens.main import MainScreen

        editor = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if editor is None:
            return []
        lang = editor.session.language
        targets: list[tuple[str, str, str, str | None]] = []
        for category in editor.session.catalogue.categories:
            title = category.title.get(lang)
            go = "Gehe zu" if lang == "de" else "Go to"
            targets.append((f"{go}: {title}", category.purpose.get(lang), category.id, None))
            for question in category.questions:
                targets.append(
                    (f"{title} › {question.label.get(lang)}", "", category.id, question.id)
                )
                if isinstance(question, ChecklistQuestion):
                    for measure in question.measures:
                        targets.append(
                            (
                                f"{title} › {measure.label.get(lang)}",
                                measure.phrase.get(lang),
                                category.id,
                                measure.id,
                            )
                        )
        return targets

    def _jump(self, category_id: str, item_id: str | None) -> None:
        from tomwizard.tui.screens.main import MainScreen

        editor = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if editor is not None:
            editor.post_message(JumpRequested(category_id, item_id))

    async def discover(self) -> Hits:
        for text, help_text, category_id, item_id in self._targets():
            if item_id is None:
                yield DiscoveryHit(text, partial(self._jump, category_id, None), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, category_id, item_id in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self._jump, category_id, item_id),
                    help=help_text or None,
                )
