"""The interop cases over TLS with grpc's test credentials, both ways against grpcio; mTLS,
wrong host names and expired certificates; ALPN as a plain TLS peer sees it."""
import socket
import ssl
import subprocess
import threading

import grpc
import pytest

from conftest import INTEROP_CERTS, SwiftServer, interop_cert, needs_interop_certs, swift_binary
from interop_peers import InteropClient, start_server
from pki import PKI
from test_interop import CASES

pytestmark = needs_interop_certs

CA = str(INTEROP_CERTS / "ca.pem")
TLS_CLIENT = ["--use_tls", "true", "--use_test_ca", "true", "--server_host_override", "foo.test.google.fr"]
CLIENT_CERT = ["--tls_client_cert_file", str(INTEROP_CERTS / "client.pem"), "--tls_client_key_file", str(INTEROP_CERTS / "client.key")]


def swift_client(port, case, *flags):
    return subprocess.run([swift_binary("interop-client"), "--server_host", "127.0.0.1", "--server_port", str(port),
                           "--test_case", case, *flags], capture_output=True, timeout=120, text=True)


def server_credentials(require_client_auth=False):
    pair = [(interop_cert("server1.key"), interop_cert("server1.pem"))]
    roots = interop_cert("ca.pem") if require_client_auth else None
    return grpc.ssl_server_credentials(pair, root_certificates=roots, require_client_auth=require_client_auth)


def channel_credentials(with_client_cert=False):
    if with_client_cert:
        return grpc.ssl_channel_credentials(interop_cert("ca.pem"), interop_cert("client.key"), interop_cert("client.pem"))
    return grpc.ssl_channel_credentials(interop_cert("ca.pem"))


@pytest.fixture(scope="module")
def grpcio_tls_server():
    server, port = start_server(server_credentials())
    yield port
    server.stop(grace=None)


@pytest.fixture(scope="module")
def our_tls_server():
    server = SwiftServer("interop-server", "--use_tls", "true")
    yield server
    assert server.stop() == 0


def test_our_client_against_grpcio_over_tls(grpcio_tls_server):
    result = swift_client(grpcio_tls_server, "all", *TLS_CLIENT, "--skip_compression_probe", "true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(f"PASS {case}" in result.stdout for case in CASES), result.stdout


@pytest.mark.parametrize("case", CASES)
def test_grpcio_client_against_our_server_over_tls(our_tls_server, case):
    client = InteropClient(our_tls_server.target, channel_credentials())
    try:
        getattr(client, case)()
    finally:
        client.close()


def test_our_client_and_server_over_tls(our_tls_server):
    result = swift_client(our_tls_server.port, "all", *TLS_CLIENT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mutual_tls_against_our_server():
    server = SwiftServer("interop-server", "--use_tls", "true", "--tls_client_ca_file", CA, "--require_client_cert", "true")
    try:
        client = InteropClient(server.target, channel_credentials(with_client_cert=True))
        client.large_unary()
        client.close()
        refused = InteropClient(server.target, channel_credentials())
        with pytest.raises(grpc.RpcError) as error:
            refused.empty_unary()
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE
        refused.close()
        assert swift_client(server.port, "large_unary", *TLS_CLIENT, *CLIENT_CERT).returncode == 0
        without = swift_client(server.port, "empty_unary", *TLS_CLIENT)
        assert without.returncode != 0 and "certificate required" in without.stdout, without.stdout
    finally:
        assert server.stop() == 0
    assert "certificate" in server.stderr(), "the server should log why the handshake failed"


def test_mutual_tls_against_grpcio_server():
    server, port = start_server(server_credentials(require_client_auth=True))
    try:
        result = swift_client(port, "large_unary", *TLS_CLIENT, *CLIENT_CERT)
        assert result.returncode == 0, result.stdout + result.stderr
        refused = swift_client(port, "empty_unary", *TLS_CLIENT)
        assert refused.returncode != 0 and "UNAVAILABLE" in refused.stdout, refused.stdout
    finally:
        server.stop(grace=None)


def test_wrong_host_name_is_refused(grpcio_tls_server, our_tls_server):
    # server1.pem names *.test.google.fr and 192.168.1.3, not 127.0.0.1.
    result = swift_client(grpcio_tls_server, "empty_unary", "--use_tls", "true", "--use_test_ca", "true")
    assert result.returncode != 0 and "IP address mismatch" in result.stdout, result.stdout
    result = swift_client(grpcio_tls_server, "empty_unary", "--use_tls", "true", "--use_test_ca", "true",
                          "--server_host_override", "foo.example.com")
    assert result.returncode != 0 and "hostname mismatch" in result.stdout, result.stdout
    client = InteropClient(our_tls_server.target, channel_credentials(), host_override="foo.example.com")
    with pytest.raises(grpc.RpcError) as error:
        client.empty_unary()
    assert error.value.code() == grpc.StatusCode.UNAVAILABLE
    client.close()


def test_expired_certificate_is_refused(tmp_path):
    pki = PKI()
    cert, key = pki.issue("localhost", valid_from_days=-10, valid_until_days=-1).write(tmp_path, "expired")
    (tmp_path / "ca.pem").write_bytes(pki.ca.cert_pem)
    server = SwiftServer("interop-server", "--use_tls", "true", "--tls_cert_file", cert, "--tls_key_file", key)
    try:
        ours = swift_client(server.port, "empty_unary", "--use_tls", "true", "--tls_ca_file", str(tmp_path / "ca.pem"),
                            "--server_host_override", "localhost")
        assert ours.returncode != 0 and "certificate has expired" in ours.stdout, ours.stdout
        client = InteropClient(server.target, grpc.ssl_channel_credentials(pki.ca.cert_pem), host_override="localhost")
        with pytest.raises(grpc.RpcError) as error:
            client.empty_unary()
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE
        client.close()
    finally:
        assert server.stop() == 0
    # The same set-up with a certificate in its validity period passes.
    valid_cert, valid_key = pki.issue("localhost").write(tmp_path, "valid")
    server = SwiftServer("interop-server", "--use_tls", "true", "--tls_cert_file", valid_cert, "--tls_key_file", valid_key)
    try:
        ok = swift_client(server.port, "empty_unary", "--use_tls", "true", "--tls_ca_file", str(tmp_path / "ca.pem"))
        assert ok.returncode == 0, ok.stdout + ok.stderr
    finally:
        assert server.stop() == 0


def _handshake(port, alpn, maximum=None):
    context = ssl.create_default_context(cafile=CA)
    context.check_hostname = False
    if maximum:
        context.maximum_version = maximum
    if alpn is not None:
        context.set_alpn_protocols(alpn)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="foo.test.google.fr") as tls:
            return tls.version(), tls.selected_alpn_protocol()


def test_alpn_h2_is_required_by_our_server(our_tls_server):
    for offered in (None, ["http/1.1"]):
        with pytest.raises(ssl.SSLError) as error:
            _handshake(our_tls_server.port, offered)
        assert "no application protocol" in str(error.value), str(error.value)
    assert _handshake(our_tls_server.port, ["http/1.1", "h2"]) == ("TLSv1.3", "h2")
    assert _handshake(our_tls_server.port, ["h2"], maximum=ssl.TLSVersion.TLSv1_2) == ("TLSv1.2", "h2")


@pytest.mark.parametrize("alpn", [None, ["http/1.1"]])
def test_our_client_refuses_a_server_without_h2(alpn):
    """A server that selects nothing (it has no h2) leaves the handshake without ALPN."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(INTEROP_CERTS / "server1.pem"), str(INTEROP_CERTS / "server1.key"))
    if alpn:
        context.set_alpn_protocols(alpn)
    names = []
    context.sni_callback = lambda connection, name, _: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve():
        connection, _ = listener.accept()
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError):
            pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    result = swift_client(port, "empty_unary", *TLS_CLIENT)
    listener.close()
    thread.join(10)
    assert result.returncode != 0 and "negotiated no ALPN protocol (gRPC needs h2)" in result.stdout, result.stdout
    assert names == ["foo.test.google.fr"], "the client should send the name it verifies as SNI"
