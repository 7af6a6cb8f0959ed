"""Reading a large tree in two processes finds exactly what reading it in one finds."""

from __future__ import annotations

import pickle

import pytest
from conftest import TODAY
from renda.core import forking, loader
from renda.core.config import Settings
from renda.core.validate import validate

BROKEN = {
    # one problem of each stage: the reader, the schema, a rule on the record alone, a rule across records
    "activities/2024/2024-06-01.md": "---\ntitle: 走访\nkind: 联系选民\ndate: 2024-06-01\ndeputies: [zhang-wei\n---\n",
    "activities/2024/2024-06-02.md": "---\ntitle: 走访\nkind: 联系选民\ndate: 2024-06-31\ndeputies: [zhang-wei]\n---\n",
    "activities/2024/2024-06-03.md": ("---\ntitle: 走访\nkind: 联系选民\ndate: 2024-06-03\ndeputies: [zhang-wei]\n---\n\n"
                                      "群众王某电话 13812345678。\n"),
    "activities/2024/2024-06-04.md": "---\ntitle: 走访\nkind: 联系选民\ndate: 2024-06-04\ndeputies: [wang-nobody]\n---\n",
}
CODES = ["R08", "F05", "P02", "X02"]  # in the order of the files


def outcome_of(root, parallel: bool):
    outcome = validate(root, Settings(today=TODAY), display_root="records", parallel=parallel)
    records = [(r.path, r.type, r.id, r.data, r.lines, r.body, r.disclosure, r.valid) for r in outcome.corpus.records]
    return [p.format() for p in outcome.problems], records


@pytest.fixture
def received(monkeypatch):
    """Every tree read in two processes from here on (the threshold lowered), and a count of
    the batches of records the second process sent back."""
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    batches = []
    real = pickle.loads

    def counting(data):
        batches.append(len(data))
        return real(data)

    monkeypatch.setattr(forking.pickle, "loads", counting)
    return batches


def test_two_processes_find_what_one_finds(tree, received):
    root = tree(BROKEN)
    alone = outcome_of(root, parallel=False)
    assert received == []
    together = outcome_of(root, parallel=True)
    assert len(received) == 1 and received[0] > 1000  # the second process did send its records
    assert together == alone
    problems, records = together
    assert [(line.split(":")[0], line.split(" ")[2].rstrip(":")) for line in problems] == [
        (f"records/{path}", code) for path, code in zip(sorted(BROKEN), CODES)]
    assert sum(not valid for *_, valid in records) == 4


def test_if_the_second_process_fails_this_one_reads_its_files(tree, received, monkeypatch):
    root = tree(BROKEN)
    alone = outcome_of(root, parallel=False)

    def failing(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(forking.pickle, "dumps", failing)  # the second process sends nothing
    assert outcome_of(root, parallel=True) == alone
    assert received == [0]
