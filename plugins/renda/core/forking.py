"""Work done by a second process while this one goes on: the machines that build a township's
site have two cores, and validating a large tree leaves one idle twice (reading the files, then
the cross-record rules while the pages are planned). The second process is a fork: it starts
with everything this one has and sends its result back pickled."""

from __future__ import annotations

import gc
import os
import pickle
import signal
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a second process can take work here (a fork, and a second core to run it)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Forked(Generic[T]):
    """``work()`` run in a forked process from now on, its value taken with ``result``.

    Without ``parallel`` (or where there is no fork nor a second core) the work is done by
    ``result``, in this process. Should the second process fail (killed, out of memory, an
    exception), ``result`` does the work here as well: a failure then shows as it would have
    without the second process, and nothing is lost."""

    def __init__(self, work: Callable[[], T], parallel: bool = True):
        self.work = work
        self.pid: int | None = None
        if not (parallel and can_fork()):
            return
        receive, send = os.pipe()
        pid = os.fork()
        if pid == 0:  # the second process: work, send, and leave without cleaning up
            try:
                os.close(receive)
                gc.disable()  # it lives for one piece of work and makes no garbage cycle worth it
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(send, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(send)
        self.pid, self.receive = pid, receive

    def result(self) -> T:
        """The work's value (waits for the second process to send it)."""
        if self.pid is None:
            return self.work()
        try:
            with os.fdopen(self.receive, "rb") as pipe:
                data = pipe.read()
        finally:
            os.waitpid(self.pid, 0)
            self.pid = None
        try:
            return pickle.loads(data)
        except Exception:  # it did not finish: do the work here
            return self.work()

    def cancel(self) -> None:
        """The work is not wanted after all: stop the second process, if any."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.close(self.receive)
            os.waitpid(self.pid, 0)
            self.pid = None
