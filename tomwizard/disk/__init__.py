"""What touches the disk: atomic writes with a backup and the checks before them
(:mod:`.files`), answers files read and saved without losing anything (:mod:`.storage`), the
recovery copies of unsaved changes (:mod:`.recovery`) and the list of recent documents
(:mod:`.recent`). Nothing here is imported by the package itself, so the light modules
(:mod:`.files`, :mod:`.recent`) stay light."""
