"""The index commands: status, build and clear."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhsalliance_cli.api.base import Base

if TYPE_CHECKING:
    from nhsalliance_cli.api.results import IndexStatus


class IndexMethods(Base):
    def index_status(self) -> IndexStatus:
        """``index status``: where the corpus's index is, how big, whether it is fresh."""
        from nhsalliance_cli.api.results import IndexStatus
        from nhsalliance_cli.index.manage import status

        return IndexStatus(status(self._folder))

    def index_build(self) -> IndexStatus:
        """``index build``: the index built from scratch; its status after."""
        from nhsalliance_cli.index.manage import build

        for note in build(self._folder):
            self._note(note)
        return self.index_status()

    def index_clear(self, *, everything: bool = False) -> list[str]:
        """``index clear``: remove the corpus's index (``everything``: every index);
        the index files removed."""
        return clear_indexes(self._folder, everything=everything)


def clear_indexes(folder: str | None, *, everything: bool = False) -> list[str]:
    """The index databases removed for ``folder`` (or every one): without opening it."""
    from nhsalliance_cli.index.manage import clear

    return [p for p in clear(folder, everything) if p.endswith(".sqlite3")]
