"""Running as root: make permission bits bind anyway (for the tests of unwritable files)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys

import pytest


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


@contextlib.contextmanager
def unprivileged():
    """Root ignores file permissions through two capabilities; drop them from this thread's
    effective set for the duration (and raise them again after), so a read-only file or
    folder refuses writes as it does for everyone else. A no-op when not root."""
    if os.geteuid() != 0:
        yield
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root, which ignores file permissions on this system")
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    caps = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), caps) != 0:
        pytest.skip("cannot read this process's capabilities")
    saved = caps[0].effective
    caps[0].effective &= ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH))
    if libc.capset(ctypes.byref(header), caps) != 0:
        pytest.skip("cannot drop root's file-permission capabilities")
    try:
        yield
    finally:
        caps[0].effective = saved
        libc.capset(ctypes.byref(header), caps)
