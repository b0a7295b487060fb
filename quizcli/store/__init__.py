"""Review data in SQLite: the only package that imports sqlite3."""

from quizcli.store.records import CardStatus, Mode, ReviewRecord
from quizcli.store.settings import Settings
from quizcli.store.stats import Stats, TopicMastery
from quizcli.store.store import Store, default_path, open_store

__all__ = [
    "CardStatus",
    "Mode",
    "ReviewRecord",
    "Settings",
    "Stats",
    "Store",
    "TopicMastery",
    "default_path",
    "open_store",
]
