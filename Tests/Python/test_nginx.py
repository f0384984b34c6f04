"""Behind an existing engine: nginx (Debian's, http2 + grpc_pass) between our client and our
servers, with TLS on the client side and both plaintext and TLS (grpcs://) to the servers."""
import os
import shutil
import socket
import subprocess
import time

import pytest

from conftest import SwiftServer, swift_binary
from pki import PKI

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx is not installed (make deps installs Debian's)")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    def __init__(self, directory, servers):
        self.directory = directory
        for name in ["body", "proxy", "fastcgi", "uwsgi", "scgi"]:
            (directory / name).mkdir()
        user = "user root;" if os.geteuid() == 0 else ""
        temp = " ".join(f"{name}_temp_path {directory / name};" for name in ["proxy", "fastcgi", "uwsgi", "scgi"])
        config = directory / "nginx.conf"
        config.write_text(f"""
            {user}
            daemon off;
            worker_processes 1;
            pid {directory}/nginx.pid;
            error_log {directory}/error.log info;
            events {{ worker_connections 256; }}
            http {{
                access_log off;
                client_body_temp_path {directory}/body;
                {temp}
                {servers}
            }}
        """)
        self.process = subprocess.Popen([NGINX, "-p", str(directory), "-c", str(config)], stderr=subprocess.PIPE)

    def wait_for(self, port):
        for _ in range(200):
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read().decode()} {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen on {port}: {self.log()}")

    def log(self):
        path = self.directory / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def echo_call(port, *flags):
    result = subprocess.run([swift_binary("echo-tool"), "call", "--target", f"127.0.0.1:{port}", *flags],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_through_nginx_both_ways(tmp_path):
    pki = PKI()
    front_cert, front_key = pki.issue("localhost").write(tmp_path, "front")
    back_cert, back_key = pki.issue("localhost").write(tmp_path, "back")
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca.cert_pem)
    plain_a = SwiftServer("echo-tool", "serve", "--name", "a")
    plain_b = SwiftServer("echo-tool", "serve", "--name", "b")
    secure = SwiftServer("echo-tool", "serve", "--name", "tls", "--tls_cert_file", back_cert, "--tls_key_file", back_key)
    to_plain, to_tls = free_port(), free_port()
    nginx = Nginx(tmp_path, f"""
        upstream replicas {{ server 127.0.0.1:{plain_a.port}; server 127.0.0.1:{plain_b.port}; }}
        server {{
            listen 127.0.0.1:{to_plain} ssl http2;
            ssl_certificate {front_cert};
            ssl_certificate_key {front_key};
            location / {{ grpc_pass grpc://replicas; }}
        }}
        server {{
            listen 127.0.0.1:{to_tls} ssl http2;
            ssl_certificate {front_cert};
            ssl_certificate_key {front_key};
            location / {{
                grpc_pass grpcs://127.0.0.1:{secure.port};
                grpc_ssl_verify on;
                grpc_ssl_trusted_certificate {ca};
                grpc_ssl_name localhost;
                grpc_ssl_server_name on;
            }}
        }}
    """)
    try:
        nginx.wait_for(to_plain)
        nginx.wait_for(to_tls)
        tls = ["--use_tls", "true", "--tls_ca_file", str(ca), "--server_host_override", "localhost"]
        # Every call kind, metadata (text and -bin), statuses with non-ASCII messages, deadlines.
        output = echo_call(to_plain, *tls)
        assert "all calls passed (served by a, b)" in output, output
        output = echo_call(to_tls, *tls)
        assert "all calls passed (served by tls)" in output, output
    finally:
        nginx.stop()
        for server in (plain_a, plain_b, secure):
            assert server.stop() == 0
