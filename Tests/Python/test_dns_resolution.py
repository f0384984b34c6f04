"""A dns: target followed through the real resolver (getaddrinfo, /etc/hosts): when the address a
name maps to changes and the old server goes away, the channel re-resolves and moves to the new
one, and calls that wait for ready do not fail while it does.

The client runs in a private mount namespace whose /etc/hosts is a bind mount of a temporary
file, so the test changes what the name means without touching the machine's own hosts file.
glibc's files backend opens and reads /etc/hosts on every lookup (there is no cache without
nscd), so each re-resolution sees the file as it is then."""
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time

import pytest

from conftest import swift_binary

NAME = "replica.swiftgrpc.test"
FIRST, SECOND = "127.0.0.2", "127.0.0.3"
CALLS = 400
# Enough for every one of the client's calls to take its full 5 s timeout would be far too long
# to wait; this bounds the whole run and is only reached when something hangs.
RUN_LIMIT_S = 90


def hosts_line(address):
    # Both lines are the same length, so rewriting one over the other never leaves the file
    # shorter than either, not even for an instant.
    return f"{address} {NAME}\n"


def rewrite_in_place(path, text):
    """The bind mount follows the file's inode, not its path: the file is rewritten, not replaced.
    The new text is written over the old before truncating, so a lookup never sees it empty."""
    with open(path, "r+") as hosts:
        hosts.seek(0)
        hosts.write(text)
        hosts.truncate()
        hosts.flush()
        os.fsync(hosts.fileno())


def in_private_hosts(hosts_path, *command):
    """`command` run with `hosts_path` mounted over /etc/hosts, in a mount namespace of its own."""
    script = 'mount --bind "$0" /etc/hosts && exec "$@"'
    return ["unshare", "--mount", "sh", "-c", script, hosts_path, *command]


def require_private_hosts(hosts_path):
    """Skips unless this machine lets us mount a private /etc/hosts, and checks that getaddrinfo
    (getent hosts) reads the name from it."""
    if os.geteuid() != 0:
        pytest.skip("a private /etc/hosts needs a mount namespace: the test must run as root")
    for tool in ["unshare", "mount", "getent"]:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: cannot give the client a private /etc/hosts")
    probe = subprocess.run(in_private_hosts(hosts_path, "getent", "hosts", NAME), capture_output=True, text=True, timeout=10)
    if probe.returncode != 0 and ("unshare:" in probe.stderr or "mount:" in probe.stderr):
        pytest.skip(f"cannot bind-mount a private /etc/hosts here: {probe.stderr.strip()}")
    assert probe.stdout.split()[:2] == [FIRST, NAME], f"the private /etc/hosts is not what getaddrinfo read: {probe!r}"


def port_free_on_both():
    """A port that binds on both replica addresses (every 127/8 address is on lo)."""
    for _ in range(50):
        with socket.socket() as first, socket.socket() as second:
            first.bind((FIRST, 0))
            port = first.getsockname()[1]
            try:
                second.bind((SECOND, port))
            except OSError:
                continue
            return port
    pytest.fail(f"no port was free on both {FIRST} and {SECOND} in 50 tries")


class Lines:
    """A process's stdout lines, read on a thread so that every wait can be bounded."""

    def __init__(self, process):
        self.queue = queue.Queue()
        self.seen = []
        threading.Thread(target=self._pump, args=(process.stdout,), daemon=True).start()

    def _pump(self, stream):
        for raw in stream:
            self.queue.put(raw.decode(errors="replace").rstrip("\n"))
        self.queue.put(None)

    def next(self, deadline):
        """The next line, or None at the end of the output; fails at `deadline`."""
        remaining = deadline - time.monotonic()
        try:
            line = self.queue.get(timeout=max(remaining, 0.01))
        except queue.Empty:
            pytest.fail(f"no output within the time limit; so far: {self.seen[-20:]}")
        if line is not None:
            self.seen.append(line)
        return line


def start_server(host, port, name, log):
    process = subprocess.Popen([swift_binary("echo-tool"), "serve", "--host", host, "--port", str(port), "--name", name,
                                "--shutdown_grace_ms", "2000"], stdout=subprocess.PIPE, stderr=log)
    ready = Lines(process).next(time.monotonic() + 20)
    assert ready == f"READY {port}", f"the {name} server did not start on {host}:{port}: {ready!r}"
    return process


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


def test_dns_target_follows_a_changed_hosts_entry():
    echo_tool = swift_binary("echo-tool")
    workspace = tempfile.TemporaryDirectory()
    hosts_path = os.path.join(workspace.name, "hosts")
    with open(hosts_path, "w") as hosts:
        hosts.write(hosts_line(FIRST))
    require_private_hosts(hosts_path)

    port = port_free_on_both()
    logs = {name: tempfile.TemporaryFile() for name in ["first", "second", "client"]}
    processes = []
    try:
        first = start_server(FIRST, port, "first", logs["first"])
        processes.append(first)
        processes.append(start_server(SECOND, port, "second", logs["second"]))
        client = subprocess.Popen(in_private_hosts(hosts_path, echo_tool, "poll", "--target", f"dns:///{NAME}:{port}",
                                                   "--calls", str(CALLS), "--interval_ms", "25",
                                                   "--min_resolution_interval_ms", "100"),
                                  stdout=subprocess.PIPE, stderr=logs["client"])
        processes.append(client)
        lines = Lines(client)
        deadline = time.monotonic() + RUN_LIMIT_S

        # Settled on the first replica.
        served_first = 0
        while served_first < 5:
            line = lines.next(deadline)
            assert line is not None, f"the client ended before the move: {lines.seen}"
            assert line == "SERVED first", f"before the move every call goes to the first replica: {lines.seen}"
            served_first += 1

        rewrite_in_place(hosts_path, hosts_line(SECOND))
        assert stop(first) == 0, "the first server did not exit cleanly on SIGTERM"

        # Calls keep going to the first replica until its connection goes, then to the second.
        while True:
            line = lines.next(deadline)
            assert line is not None, f"all {CALLS} calls ended without reaching the second replica: {lines.seen}"
            if line == "SERVED second":
                break
            assert line == "SERVED first", f"a call failed or went astray while the channel moved: {line!r} in {lines.seen}"

        # And stay there: the rest of the calls all reach it.
        while (line := lines.next(deadline)) is not None:
            assert line == "SERVED second", f"a call after the move did not reach the second replica: {line!r} in {lines.seen}"
        assert len(lines.seen) == CALLS, f"the client printed {len(lines.seen)} lines for {CALLS} calls"
        client.wait(timeout=10)
        logs["client"].seek(0)
        assert client.returncode == 0, f"the client failed: {logs['client'].read().decode(errors='replace')}"
    finally:
        for process in reversed(processes):
            stop(process)
        for log in logs.values():
            log.close()
        workspace.cleanup()
