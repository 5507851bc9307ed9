"""Give freed heap memory back to the operating system between large tasks.

glibc keeps freed memory in its heap for reuse, so a worker that once shingled a large verification
chunk keeps that much resident for the rest of the run: its RSS creeps up with the number of tasks
rather than staying at the size of one. ``malloc_trim`` returns the free pages. Elsewhere (macOS,
musl) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def give_back_memory() -> None:
    """Return the free pages of the C heap to the operating system (glibc only)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
