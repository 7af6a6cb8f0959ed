"""``mkdocs serve --dirty``: rebuild only the pages an edit touches.

MkDocs rebuilds every page it thinks modified; renda's pages are generated, so they would all
count as modified on every rebuild. The tracker remembers what the last build read (each
record and whether it was valid), wrote (each page's file) and showed (each page's sources and
bodies), and marks unmodified every page that shows nothing changed since: an edit of a
record's body alone touches only the pages that show that body; a field edit the pages that
show the record and the lists and figures of its years.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from ..site import shown

log = logging.getLogger("mkdocs.plugins.renda")


class ChangeTracker:
    """What the last build read, wrote and showed, kept between rebuilds while serving."""

    def __init__(self):
        #: The records as read by the last build, with their validity then.
        self.previous: dict[tuple[str, str], tuple] | None = None
        #: Each generated page's output file, to remove the pages that go away.
        self.written: dict[str, str] = {}
        #: What each page showed (its sources and bodies).
        self.shown_before: dict[str, tuple] = {}
        #: The settings the build ran with: when they change, everything is rebuilt.
        self.setup: tuple | None = None

    def mark(self, files, specs: dict, records: list, view, setup: tuple) -> bool:
        """Mark unmodified every generated page in ``files`` that shows no record changed
        since the last build (``setup``: the settings, as comparable text). Returns True on
        such a partial rebuild, False on the first build or after a change of settings."""
        current = {(r.type, r.id): (r, r.valid) for r in records}
        previous, self.previous = self.previous, current
        generated = {file.src_uri: file for file in files if file.src_uri in specs}
        written = {uri: generated[uri].abs_dest_path for uri in specs}
        gone, self.written = [path for uri, path in self.written.items() if uri not in written], written
        # What each page showed last time: an edit that takes a link away touches it too.
        shown_before, self.shown_before = self.shown_before, {
            uri: (spec.sources, spec.bodies) for uri, spec in specs.items()}
        before, self.setup = self.setup, setup
        if previous is None or before != setup:
            return False  # the first build, or mkdocs.yml changed: everything again
        for path in gone:  # a page no longer generated (its record removed or now in error)
            Path(path).unlink(missing_ok=True)
        changed, bodies, years = set(), set(), set()
        for key in current.keys() | previous.keys():
            old, was_valid = previous.get(key, (None, None))
            new, valid = current.get(key, (None, None))
            if old is new and was_valid == valid:
                continue  # the file was not read again and its validity is as before
            if old is None or new is None or was_valid != valid or _shown_fields(old) != _shown_fields(new):
                changed.add(key)
                for record in (old, new):
                    touched = shown.years_touched(view, record) if record is not None else frozenset()
                    years = None if touched is None or years is None else years | touched
            elif old.body != new.body:
                bodies.add(key)
        kept = 0
        for spec in specs.values():
            if spec.sources is None:
                touched = bool(changed) and (years is None or spec.years is None or bool(spec.years & years))
            else:
                touched = bool(spec.sources & changed)
            sources, shown_bodies = shown_before.get(spec.src_uri, (frozenset(), frozenset()))
            touched = touched or bool((sources or frozenset()) & changed) or bool(shown_bodies & bodies)
            if not touched and not (spec.bodies & bodies):
                file = generated.get(spec.src_uri)
                if file is not None:
                    file.is_modified = lambda: False  # this build keeps the page as it is
                    kept += 1
        log.info(f"renda：{len(changed) + len(bodies)} 条记录有改动，重建 {len(specs) - kept} 个页面，"
                 f"其余 {kept} 个不变")
        return True


class Collector:
    """Python's cycle collector, kept off what a build holds on to. A rebuild while serving
    makes its objects among the hundreds of thousands the server keeps, and the collector's
    passes over them slowed every edit's rebuild by a quarter: it is paused meanwhile. A
    whole build is not paused (its garbage would pile up: 2.5 times the memory at 5,000
    records); instead what is alive once the records are read, and again once the pages are
    planned (the records, the plan), kept to the end anyway, is set aside (``gc.freeze``), so
    that later passes skip it and the process beside the build, forked then, shares it
    untouched: a tenth off a build of 5,000 records in paired runs; at 20,000, the passes
    while the records are indexed and the pages planned took 0.6 s of 1 s.
    Everything is back in the collector's care after the build."""

    def __init__(self):
        self.paused = False
        self.aside = False
        self.held = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def hold(self) -> None:
        """No pass until the next ``set_aside``: reading the records makes no garbage cycle,
        and the first pass once it is done went through every object read (0.15 s at 20,000
        records) just before they are set aside."""
        if gc.isenabled():
            gc.disable()
            self.held = True

    def set_aside(self, hold: bool = False) -> None:
        """What is alive now is kept to the end: later passes skip it. ``hold``: and no pass
        at all until the next ``set_aside`` (indexing the records and planning the pages
        make no garbage worth one: its two passes took a third of planning 20,000 records)."""
        gc.freeze()
        self.aside = True
        if hold and gc.isenabled():
            gc.disable()
            self.held = True
        elif not hold and self.held:
            self.held = False
            gc.enable()

    @staticmethod
    def at_exit() -> None:
        """MkDocs is about to exit (on_shutdown): what is alive is set aside, so that the
        interpreter's last collections do not go through all that the build kept only to
        free memory the system takes back anyway (2.2 s at 20,000 records; 0.2 s so).
        Nothing is lost by it: files are closed when written, logs flushed by logging's own
        exit handler."""
        gc.freeze()

    def resume(self) -> None:
        """After the build (on_post_build, on_build_error)."""
        if self.paused or self.held:
            self.paused = self.held = False
            gc.enable()
        if self.aside:
            self.aside = False
            gc.unfreeze()


def notified_at_once(server, watched: list) -> None:
    """Have the live-reload server told of a saved file by the system (inotify on Linux, the
    like elsewhere) instead of looking at every watched file twice a second: an edit starts
    its rebuild at once, not up to half a second later, and thousands of records are not
    read for their times while a rebuild runs. The paths MkDocs watched already (``watched``,
    those of them it watches) move to the new observer through its public ``watch``."""
    import inspect

    import watchdog.events as events
    import watchdog.observers
    import watchdog.observers.polling

    if not isinstance(server.observer, watchdog.observers.polling.PollingObserver) or \
            "event_filter" not in inspect.signature(watchdog.observers.Observer.schedule).parameters:
        return  # (an older watchdog cannot leave out the reads, which would rebuild for ever)

    class WritesOnly(watchdog.observers.Observer):
        """Told of files written, made, removed or moved; not of files read (the build
        reads the records: each read would ask for another build)."""

        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or (
                events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent,
                events.FileMovedEvent, events.FileClosedEvent))
    moved = []
    for path in watched:
        if path:
            try:
                server.unwatch(path)
            except KeyError:  # not watched (a theme folder without --watch-theme)
                continue
            moved.append(path)
    server.observer = WritesOnly()
    for path in moved:
        server.watch(path)


def _shown_fields(record) -> tuple:
    """What a record shows on pages other than its own body."""
    return record.data, record.disclosure, record.path
