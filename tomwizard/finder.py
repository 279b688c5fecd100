"""Find anything in an open document: the catalogue's measures (labels, phrases, help texts,
practice words) and the user's own measures, with the phrases as filled in with the user's
values. The wizard's command palette shows these hits; this module never imports Textual.

A hit's hint is the measure's sentence as the annex would print it: filled with the user's
values, optional clauses without a value left out, never a raw ``{placeholder}``.
"""

from __future__ import annotations

from tomwizard.catalogue.model import Language
from tomwizard.catalogue.search import Hit, MeasureIndex, OwnMeasure
from tomwizard.export.formatting import render_measure_phrase, sentence
from tomwizard.session import EditSession


def document_index(session: EditSession, labels: Language | None = None) -> MeasureIndex:
    """An index of the catalogue's measures and the user's own ones, with the phrases filled
    in as they are now (in the document's language, as the annex prints them). The catalogue's
    titles, labels and search words are in ``labels`` (the wizard's interface language;
    default: the document's)."""
    lang = session.language
    catalogue = session.catalogue
    filled: dict[tuple[str, str], str] = {}
    own: list[OwnMeasure] = []
    for category in catalogue.categories:
        answers = session.answers(category.id)
        for measure_id, state in answers.measures.items():
            measure = catalogue.measure(category.id, measure_id)
            if measure is not None and state.parameters:
                filled[(category.id, measure_id)] = render_measure_phrase(
                    measure, state.parameters, lang
                )
        for key, mine in answers.custom.items():
            label = (mine.label_en or mine.label) if lang == "en" else mine.label
            phrase = (mine.phrase_en or mine.phrase) if lang == "en" else mine.phrase
            own.append(OwnMeasure(category.id, key, label, phrase))
    return MeasureIndex(catalogue, labels or lang, filled=filled, own=own)


def hint(session: EditSession, hit: Hit) -> str:
    """The sentence of a hit's measure for the user's values (the label if it has none)."""
    lang = session.language
    if hit.own:
        mine = session.answers(hit.category_id).custom.get(hit.measure_id)
        if mine is None:
            return hit.label
        phrase = (mine.phrase_en or mine.phrase) if lang == "en" else mine.phrase
        return sentence(phrase or hit.label)
    measure = session.catalogue.measure(hit.category_id, hit.measure_id)
    if measure is None:
        return hit.label
    values = session.measure(hit.category_id, hit.measure_id).parameters
    return render_measure_phrase(measure, values, lang)
