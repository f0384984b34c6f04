"""A server out of file descriptors pauses accepting instead of spinning, then serves again."""
import os
import resource
import socket
import subprocess
import time

import pytest

from conftest import SwiftServer, swift_binary


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_accept_pauses_when_descriptors_run_out_and_resumes():
    server = SwiftServer("echo-tool", "serve")
    pid = server.process.pid
    clients = []
    try:
        soft, hard = resource.prlimit(pid, resource.RLIMIT_NOFILE)
        in_use = len(os.listdir(f"/proc/{pid}/fd"))
        try:
            resource.prlimit(pid, resource.RLIMIT_NOFILE, (in_use + 2, hard))
        except PermissionError:
            pytest.skip("prlimit on another process needs root or CAP_SYS_RESOURCE")
        try:
            for _ in range(20):
                clients.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            time.sleep(0.5)
            before = cpu_seconds(pid)
            time.sleep(1.0)
            used = cpu_seconds(pid) - before
            assert used < 0.2, f"the server used {used:.2f} s of CPU in 1 s while out of descriptors"
        finally:
            resource.prlimit(pid, resource.RLIMIT_NOFILE, (soft, hard))
        for client in clients:
            client.close()
        result = subprocess.run([swift_binary("echo-tool"), "call", "--target", server.target], capture_output=True, timeout=60)
        assert result.returncode == 0, result.stderr.decode()
    finally:
        for client in clients:
            client.close()
        code = server.stop()
        assert code == 0, server.stderr()
    assert "accept paused" in server.stderr()
