"""The case store: one directory per case, the only place with SQL (see docs/store-api.md)."""

from .case import Case
from .models import CaseMetadata, FileInfo, Person, PersonLink, ResultRow, RosterEntry, SearchHit

__all__ = ["Case", "CaseMetadata", "FileInfo", "Person", "PersonLink", "ResultRow", "RosterEntry", "SearchHit"]
