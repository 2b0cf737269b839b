"""--fix and the file system (issue 18): links, owners, read-only files, other writers, locks,
temporary files, fix order and byte-order marks."""
from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newslint import chunked, fixio
from newslint.finding import Edit
from newslint.runner import Overrides, Session, apply_edits, lint_one

TWO = "He left adn did not return.  The the council met on Tuesday.\n"
BOTH_FIXED = "He left and did not return.  The council met on Tuesday.\n"
ROOT = os.geteuid() == 0


def fix(path, *select):
    """lint_one with --fix and the given rules, as the CLI runs it."""
    session = Session(Overrides(fix=True, select=list(select) or ["NL101", "NL223"], isolated=True))
    return lint_one(session, str(path))[0]


def no_temps(folder):
    return not [n for n in os.listdir(folder) if n.startswith(".newslint-")]


# --- links and owners -------------------------------------------------------------------------
def test_symlink_fixes_its_target_and_stays_a_link(run_cli, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(TWO)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, _, err = run_cli("--fix", "--isolated", "--select", "NL101,NL223", str(link))
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == BOTH_FIXED
    assert f"note: {link} is a symbolic link: fixing its target {real}" in err
    assert no_temps(tmp_path)


def test_symlink_into_another_folder_writes_beside_the_target(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "b" / "real.txt"
    real.write_text(TWO)
    link = tmp_path / "a" / "link.txt"
    link.symlink_to(os.path.relpath(real, link.parent))
    r = fix(link)
    assert r.error is None and r.fixed == 2
    assert link.is_symlink() and real.read_text() == BOTH_FIXED
    assert no_temps(tmp_path / "a") and no_temps(tmp_path / "b")


def test_hard_links_stay_one_file(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(TWO)
    b = tmp_path / "b.txt"
    os.link(a, b)
    ino = os.stat(a).st_ino
    r = fix(a)
    assert r.error is None and r.fixed == 2
    assert os.stat(a).st_ino == os.stat(b).st_ino == ino and os.stat(a).st_nlink == 2
    assert b.read_text() == BOTH_FIXED
    assert no_temps(tmp_path)


def test_hard_linked_file_that_shrinks_is_truncated(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(TWO * 50)
    os.link(a, tmp_path / "b.txt")
    fix(a)
    assert (tmp_path / "b.txt").read_text() == BOTH_FIXED * 50


def test_mode_is_kept(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text(TWO)
    os.chmod(p, 0o604)
    fix(p)
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o604 and p.read_text() == BOTH_FIXED


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_owner_and_group_are_kept(tmp_path):
    p = tmp_path / "o.txt"
    p.write_text(TWO)
    os.chown(p, 65534, 65534)
    os.chmod(p, 0o640)
    fix(p)
    st = os.stat(p)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert p.read_text() == BOTH_FIXED


@pytest.mark.skipif(not ROOT, reason="switching users needs root")
def test_writable_file_of_another_user_is_written_in_place():
    """Not root and not the owner: a new file could not be given the owner, so the file is
    written in place (its owner and inode stay)."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="newslint-owner-")  # in /tmp: reachable by another user
    os.chmod(folder, 0o777)
    p = Path(folder) / "shared.txt"
    p.write_text(TWO)
    os.chmod(p, 0o666)
    ino = os.stat(p).st_ino
    session = Session(Overrides(fix=True, select=["NL101", "NL223"], isolated=True))
    session.linter_for(str(p))  # built before dropping privileges
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.setgid(65534)
            os.setuid(65534)
            r = lint_one(session, str(p))[0]
            os.write(write, f"{r.error} {r.fixed}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        reported = fh.read()
    os.waitpid(pid, 0)
    assert reported == "None 2"
    st = os.stat(p)
    assert (st.st_uid, st.st_ino) == (0, ino) and p.read_text() == BOTH_FIXED
    assert no_temps(folder)
    shutil.rmtree(folder)


# --- read-only files ---------------------------------------------------------------------------
def test_read_only_file_is_refused_and_the_others_are_fixed(run_cli, tmp_path):
    ro = tmp_path / "a_ro.txt"
    ro.write_text(TWO)
    os.chmod(ro, 0o444)
    rw = tmp_path / "b_rw.txt"
    rw.write_text(TWO)
    code, out, err = run_cli("--fix", "--isolated", "--select", "NL101,NL223", str(ro), str(rw))
    assert code == 2
    assert f"newslint: error: {ro}: read-only file: not fixed" in err
    assert ro.read_text() == TWO and stat.S_IMODE(os.stat(ro).st_mode) == 0o444
    assert rw.read_text() == BOTH_FIXED
    # the read-only file's findings are those of its unchanged text
    assert out.count(f"{ro}:1:9:") == 1 and f"{rw}:1:" not in out
    assert no_temps(tmp_path)


def test_read_only_file_with_nothing_to_fix_is_no_error(run_cli, tmp_path):
    ro = tmp_path / "clean.txt"
    ro.write_text("The council met on Tuesday.\n")
    os.chmod(ro, 0o444)
    code, _, err = run_cli("--fix", "--isolated", "--select", "NL101", str(ro))
    assert code == 0 and "error" not in err


def test_large_read_only_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 100)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 200)
    ro = tmp_path / "big.txt"
    ro.write_text(TWO * 20)
    os.chmod(ro, 0o444)
    r = fix(ro)
    assert r.error == f"{ro}: read-only file: not fixed"
    assert ro.read_text() == TWO * 20 and len(r.findings) == 40


def test_large_file_through_a_symlink_and_a_hard_link(tmp_path, monkeypatch):
    monkeypatch.setattr(chunked, "LARGE_FILE_BYTES", 100)
    monkeypatch.setattr(chunked, "CHUNK_CHARS", 200)
    real = tmp_path / "big.txt"
    real.write_text(TWO * 20)
    os.link(real, tmp_path / "other.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    r = fix(link)
    assert r.error is None and link.is_symlink()
    assert (tmp_path / "other.txt").read_text() == BOTH_FIXED * 20
    assert r.notes == [f"{link} is a symbolic link: fixing its target {real}"]
    assert no_temps(tmp_path)


def test_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    r = fix(fifo)
    assert r.error == f"{fifo}: not a regular file: not fixed"


# --- other writers -----------------------------------------------------------------------------
def _edit_during_fix(monkeypatch, edit):
    """Make ``edit()`` happen after the file was read and linted, before it is written."""
    import newslint.runner as runner

    real_fix = runner.fix_document

    def slow_fix(*a, **k):
        got = real_fix(*a, **k)
        edit()
        return got

    monkeypatch.setattr(runner, "fix_document", slow_fix)


@pytest.mark.parametrize("how", ["in place", "replaced", "same size"])
def test_file_changed_while_fixing_is_left_as_it_is(run_cli, tmp_path, monkeypatch, how):
    p = tmp_path / "e.txt"
    p.write_text(TWO)
    mtime = os.stat(p).st_mtime_ns
    edited = "An editor saved this adn more.\n" if how != "same size" else TWO.replace("Tuesday", "Thursda")

    def edit():
        if how == "replaced":  # as editors that save to a new file and rename it
            (tmp_path / "new").write_text(edited)
            os.replace(tmp_path / "new", p)
        else:
            with open(p, "r+") as fh:
                fh.write(edited)
                fh.truncate()
            if how == "same size":  # the same size and modification time: only the content tells
                os.utime(p, ns=(mtime, mtime))

    _edit_during_fix(monkeypatch, edit)
    code, _, err = run_cli("--fix", "--isolated", "--select", "NL101,NL223", str(p))
    assert code == 2
    assert f"{p}: changed by another program while it was being fixed: left as it is (run --fix again)" in err
    assert p.read_text() == edited
    assert no_temps(tmp_path)


class _Blocked:
    """Stands in for ``fixio.time``: sets an event when the lock loop first waits."""

    def __init__(self):
        self.waiting = threading.Event()
        self.monotonic = time.monotonic
        self.time = time.time

    def sleep(self, s):
        self.waiting.set()
        time.sleep(s)


@pytest.mark.parametrize("replace", [True, False])
def test_second_fix_waits_for_the_lock_and_reads_the_first_ones_result(tmp_path, monkeypatch, replace):
    """The lock is held from before reading until writing: a second --fix waits, then reads
    the file the first one left (a new inode when it was replaced), so neither side's fixes are
    lost."""
    p = tmp_path / "shared.txt"
    p.write_text(TWO)
    clock = _Blocked()
    monkeypatch.setattr(fixio, "time", clock)
    holder = os.open(p, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # the first --fix, holding the lock
    got = {}
    second = threading.Thread(target=lambda: got.setdefault("r", fix(p, "NL101")))
    second.start()
    try:
        assert clock.waiting.wait(10), "the second --fix did not wait for the lock"
        first = TWO.replace("The the", "The")  # the first run's fix (NL223), written meanwhile
        if replace:
            (tmp_path / "tmp").write_text(first)
            os.replace(tmp_path / "tmp", p)
        else:
            os.pwrite(holder, first.encode(), 0)
            os.ftruncate(holder, len(first.encode()))
    finally:
        os.close(holder)  # releases the lock
    second.join(20)
    assert got["r"].error is None and got["r"].fixed == 1
    assert p.read_text() == BOTH_FIXED


def test_two_fix_processes_with_different_selections_keep_both_fixes(tmp_path):
    p = tmp_path / "race.txt"
    p.write_text(TWO * 200)
    cmd = [sys.executable, "-m", "newslint", "--fix", "--isolated", "--no-cache", "--select"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen(cmd + [sel, str(p)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for sel in ("NL101", "NL223")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode in (0, 1), err
    assert p.read_text() == BOTH_FIXED * 200


def test_lock_held_too_long_is_an_error(tmp_path, monkeypatch):
    p = tmp_path / "l.txt"
    p.write_text(TWO)
    monkeypatch.setattr(fixio, "LOCK_TIMEOUT", 0.2)
    holder = os.open(p, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        r = fix(p)
    finally:
        os.close(holder)
    assert r.error == f"{p}: locked by another process (another newslint --fix?) for 0.2 s: not fixed"
    assert p.read_text() == TWO


# --- temporary files ---------------------------------------------------------------------------
def _dead_pid():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_file_of_a_killed_run_is_removed_by_the_next(run_cli, tmp_path):
    """A --fix killed (SIGKILL) between writing its temporary file and renaming it leaves the
    file; the next --fix in that folder recognises it by its name and removes it."""
    p = tmp_path / "k.txt"
    p.write_text(TWO)
    script = (
        "import os, signal, sys\n"
        "from newslint import fixio\n"
        "t = fixio.Target(sys.argv[1]); t.acquire(); t.read()\n"
        "tmp = t.temp(); tmp.write(b'half'); tmp.fh.flush()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-c", script, str(p)], env=env)
    assert proc.returncode == -9
    left = [n for n in os.listdir(tmp_path) if n.startswith(".newslint-fix-")]
    assert len(left) == 1 and left[0].endswith(".tmp")
    assert p.read_text() == TWO  # the killed run changed nothing
    code, _, err = run_cli("--fix", "--isolated", "--select", "NL101,NL223", str(p))
    assert code == 0 and p.read_text() == BOTH_FIXED
    assert no_temps(tmp_path)
    assert f"removed 1 stale temporary file(s) of an interrupted --fix in {tmp_path}" in err


def test_only_stale_temporary_files_are_removed(tmp_path):
    host = fixio._HOST
    old = time.time() - fixio.STALE_SECONDS - 60
    names = {
        f".newslint-fix-{host}-{_dead_pid()}-abc_123.tmp": True,  # its process is gone
        f".newslint-fix-{host}-{os.getppid()}-live1234.tmp": False,  # its process runs
        f".newslint-fix-{host}-{os.getpid()}-mine1234.tmp": False,  # this process's own
        f".newslint-fix-ffffffff-{_dead_pid()}-otherhst.tmp": False,  # another host, recent
        ".newslint-abcd_123": False,  # an older version's name, recent
        ".newslint-notes.txt": False,  # not a temporary file's name
        "newslint-fix-x.tmp": False,
    }
    aged = {
        f".newslint-fix-{host}-{os.getppid()}-oldlive1.tmp": True,  # too old whatever its process
        f".newslint-fix-ffffffff-1-oldother.tmp": True,
        ".newslint-zz99zz99": True,
        ".newslint-old-notes.txt": False,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    for name in aged:
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".newslint-fix-deadbeef-1-folder.tmp").mkdir()  # not a regular file
    assert fixio.clean_stale(str(tmp_path), now=time.time()) == 4
    left = set(os.listdir(tmp_path))
    for name, gone in {**names, **aged}.items():
        assert (name not in left) == gone, name
    assert ".newslint-fix-deadbeef-1-folder.tmp" in left


def test_no_temporary_file_is_left_when_writing_fails(tmp_path, monkeypatch):
    p = tmp_path / "w.txt"
    p.write_text(TWO)

    def fail(*a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixio.os, "replace", fail)
    r = fix(p)
    assert r.error == f"{p}: cannot write the fixed file: No space left on device"
    assert p.read_text() == TWO and no_temps(tmp_path)
    assert r.fixed == 0 and len(r.findings) == 2  # the findings of the text on disk


# --- order and byte-order marks ----------------------------------------------------------------
def test_insertions_at_one_offset_apply_in_one_order_whatever_the_hash_seed():
    text = "ab"
    edits = [Edit(1, 1, "-"), Edit(1, 1, ","), Edit(1, 2, "B"), Edit(0, 1, "A")]
    results = {apply_edits(text, order) for order in (edits, edits[::-1], edits[1:] + edits[:1], edits[2:] + edits[:2])}
    # of two insertions at one offset the first in (start, end, replacement) order is applied;
    # the other waits for the next pass
    assert results == {"A,B"}


def test_fix_result_does_not_depend_on_the_hash_seed(tmp_path):
    script = (
        "from newslint.finding import Edit\n"
        "from newslint.runner import apply_edits\n"
        "print(apply_edits('x y', {Edit(1, 1, s) for s in ('a', 'b', 'c', 'd', 'e', 'f')}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    outs = {
        subprocess.run([sys.executable, "-c", script], env={**env, "PYTHONHASHSEED": str(seed)},
                       capture_output=True, text=True, check=True).stdout
        for seed in range(4)
    }
    assert outs == {"xa y\n"}


def test_a_second_bom_is_text_and_is_kept(run_cli, tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + TWO.encode())
    code, _, _ = run_cli("--fix", "--isolated", "--select", "NL101,NL223", str(p))
    assert p.read_bytes() == b"\xef\xbb\xbf\xef\xbb\xbf" + BOTH_FIXED.encode()
    before = p.read_bytes()
    run_cli("--fix", "--isolated", str(p))  # every rule: idempotent on the fixed file
    again = p.read_bytes()
    run_cli("--fix", "--isolated", str(p))
    assert p.read_bytes() == again and again.startswith(b"\xef\xbb\xbf")
    assert before.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_a_second_bom_counts_as_a_column(run_cli, tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + TWO.encode())
    one = tmp_path / "one.txt"
    one.write_bytes(b"\xef\xbb\xbf" + TWO.encode())
    out2 = run_cli("--isolated", "--select", "NL101", str(p))[1]
    out1 = run_cli("--isolated", "--select", "NL101", str(one))[1]
    assert f"{one}:1:9:" in out1 and f"{p}:1:10:" in out2
