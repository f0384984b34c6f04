"""The standard interop cases: ours against ours, ours against grpcio, grpcio against ours."""
import subprocess

import pytest

from conftest import swift_binary
from interop_peers import InteropClient, start_server

CASES = [
    "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
    "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata",
    "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
    "client_compressed_unary", "client_compressed_streaming", "server_compressed_unary", "server_compressed_streaming",
]


def run_swift_client(port, case, *extra):
    result = subprocess.run([swift_binary("interop-client"), "--server_host", "127.0.0.1", "--server_port", str(port),
                             "--test_case", case, *extra], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    return result.stdout.decode()


def test_our_client_against_our_server(swift_server):
    server = swift_server("interop-server")
    output = run_swift_client(server.port, "all")
    assert output.count("PASS ") == len(CASES), output


@pytest.fixture(scope="module")
def grpcio_server():
    server, port = start_server()
    yield port
    server.stop(grace=None)


@pytest.mark.parametrize("case", CASES)
def test_our_client_against_grpcio_server(grpcio_server, case):
    # grpcio's server cannot tell a compressed request from another, so it cannot answer the probe.
    assert f"PASS {case}" in run_swift_client(grpcio_server, case, "--skip_compression_probe", "true")


@pytest.fixture(scope="module")
def our_server():
    from conftest import SwiftServer
    server = SwiftServer("interop-server")
    yield server
    assert server.stop() == 0


@pytest.mark.parametrize("case", CASES)
def test_grpcio_client_against_our_server(our_server, case):
    client = InteropClient(our_server.target)
    try:
        getattr(client, case)()
    finally:
        client.close()


def test_unknown_case_is_refused():
    result = subprocess.run([swift_binary("interop-client"), "--server_port", "1", "--test_case", "nope"], capture_output=True, timeout=60)
    assert result.returncode != 0 and b"unknown test case" in result.stderr
