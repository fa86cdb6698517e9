"""The demo's files written and read by a second process while this one imports them.

Writing the national register's files, reading them and writing the register each take a
good part of the demo's minute, and a machine has two cores or more: a child process
writes each file in the order load_demo imports them, reads it with the same parse_file
as any import, and hands over the path with what was read as soon as it is done, so the
parent writes the register from the first file while the rest are still being made.
"""

import multiprocessing
import queue as queues
import traceback

from careqa.demo.generate import generate_demo_files
from careqa.regulators.parsers import parse_file


def regulator_of(path):
    return "ofsted" if "ofsted" in path.name.lower() else "cqc"


def _write(queue, out_dir, options):
    def done(item):
        queue.put((item.path, parse_file(item.path, regulator=regulator_of(item.path))))

    try:
        generate_demo_files(out_dir, progress=done, **options)
        queue.put(None)
    except BaseException:  # the parent re-raises it with the child's traceback
        queue.put(("failed", traceback.format_exc()))


class DemoFiles:
    """Iterate for (path, parsed file) in import order; the child is stopped on leaving
    early. A file the parser refuses stops the child, and the parent with its message."""

    def __init__(self, out_dir, **options):
        # The forked child inherits the parent's database connections but never uses them,
        # and leaves by os._exit, so it never closes them either.
        context = multiprocessing.get_context("fork")
        self._queue = context.Queue()
        self._child = context.Process(
            target=_write, args=(self._queue, out_dir, options), daemon=True
        )
        self._child.start()

    def __iter__(self):
        while True:
            try:
                item = self._queue.get(timeout=1)
            except queues.Empty:
                if not self._child.is_alive():
                    raise RuntimeError(
                        f"The process writing the demo files stopped (exit code "
                        f"{self._child.exitcode}) before it had written them all."
                    ) from None
                continue
            if item is None:
                self._child.join()
                return
            if item[0] == "failed":
                self._child.join()
                raise RuntimeError(f"Writing the demo files failed:\n{item[1]}")
            yield item

    def stop(self):
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()
