"""rasd's own exceptions: every bad input surfaces as one of these, with a message a user can act on."""

from __future__ import annotations


class RasdError(Exception):
    """Base class: anything rasd raises on purpose."""


class InputError(RasdError):
    """An input file, line or value that rasd cannot read (missing, empty, binary, wrong encoding, bad JSON)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + message)


class TextError(RasdError):
    """Text that the language layer cannot process (e.g. not a string)."""


class KBError(RasdError):
    """A knowledge-base file that is missing or malformed (including a user's --kb-extra file)."""


class StoreError(RasdError):
    """The store cannot be opened or written."""


class ArticleTimeout(RasdError):
    """One article took longer than the time allowed to extract it (a server or watcher moves on to the next)."""


class UnknownNameError(InputError):
    """A filter names a country, region or actor that neither the store nor the KB knows; `suggestions` holds the
    close names that do exist (the "did you mean" a user needs after a typo such as 'Irak')."""

    def __init__(self, kind: str, value: str, suggestions: list[str]) -> None:
        self.kind, self.value, self.suggestions = kind, value, list(suggestions)
        hint = f"; did you mean: {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {value!r} (no stored event has it and the knowledge base does not know it)"
                         f"{hint}")
