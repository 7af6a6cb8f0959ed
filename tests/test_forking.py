"""Work done by a forked second process: its value comes back; should it fail, the work is
done here and nothing is lost."""

from __future__ import annotations

import os

import pytest
from renda.core import forking
from renda.core.forking import Forked

needs_fork = pytest.mark.skipif(not forking.can_fork(), reason="no fork or no second core here")


def where(value):
    """The work: ``value`` with the process that did it."""
    return value, os.getpid()


@needs_fork
def test_the_work_is_done_beside_and_its_value_comes_back():
    beside = Forked(lambda: where({"问题": ["X02"], "数": 3}))
    assert beside.pid is not None and beside.pid != os.getpid()
    value, pid = beside.result()
    assert value == {"问题": ["X02"], "数": 3}
    assert pid not in (os.getpid(), None)


def test_without_parallel_the_work_waits_for_its_result_here():
    done = []
    beside = Forked(lambda: done.append(1) or where("ok"), parallel=False)
    assert beside.pid is None and done == []
    assert beside.result() == ("ok", os.getpid())
    assert done == [1]


@needs_fork
def test_if_the_second_process_fails_the_work_is_done_here(monkeypatch):
    def failing(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(forking.pickle, "dumps", failing)  # it sends nothing back
    assert Forked(lambda: where("ok")).result() == ("ok", os.getpid())


@needs_fork
def test_an_error_in_the_work_shows_as_it_would_here():
    def work():
        raise KeyError("activities/2024-06-04")

    beside = Forked(work)
    with pytest.raises(KeyError, match="activities/2024-06-04"):
        beside.result()


@needs_fork
def test_work_no_longer_wanted_is_stopped():
    beside = Forked(lambda: __import__("time").sleep(60))
    pid = beside.pid
    beside.cancel()
    assert beside.pid is None
    with pytest.raises(ProcessLookupError):  # gone, and waited for (no zombie left)
        os.kill(pid, 0)
    beside.cancel()  # a second time: nothing to do
