"""Reading TOML files people wrote: bounded parsing with line numbers (:mod:`.file`, guarded
by :mod:`.guard` before the parser runs), where each key stands (:mod:`.spans`), validation
against the models with messages in words (:mod:`.validation`), and the German and English
words of all of it (:mod:`.words`, :mod:`.validation_words`)."""
