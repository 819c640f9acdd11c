"""Migration 7: outlets gain identity columns; the retired ownership kind 'nonprofit' is migrated."""

from __future__ import annotations

import sqlite3

from parallax.store.migrations import MIGRATIONS
from parallax.store.sqlite import SQLiteStore


def test_nonprofit_outlets_become_wire_agencies_or_private(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for number, migration in enumerate(MIGRATIONS[:5], start=1):
        db.executescript(f"BEGIN;\n{migration()}\nPRAGMA user_version = {number};\nCOMMIT;")
    db.executemany("INSERT INTO outlets VALUES (?,?,?,?,?,?,?)", [
        ("Cooperative Wire", "wire.example", "US", "en", "nonprofit", "center", "A news agency owned by members."),
        ("Reader Weekly", "weekly.example", "US", "en", "nonprofit", "left", "Reader-funded magazine."),
        ("State Daily", "state.example", "XC", "en", "state", "", "Government paper."),
    ])
    db.commit()
    db.close()
    store = SQLiteStore(path)
    kinds = {o.name: (o.ownership, o.owner, o.languages) for o in store.outlets()}
    assert kinds == {"Cooperative Wire": ("wire", "nonprofit", ("en",)), "Reader Weekly": ("private", "nonprofit", ("en",)),
                     "State Daily": ("state", "", ("en",))}
