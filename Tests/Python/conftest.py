"""Shared set-up for the Python peer tests: generated Python modules and the Swift binaries."""
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("SHARED", ROOT.parent / "shared"))
GEN = pathlib.Path(__file__).resolve().parent / "gen"
BUILD = ROOT / ".build" / "debug"


def _protoc(include_dirs, files, grpc=False):
    import grpc_tools
    from grpc_tools import protoc

    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    args = ["protoc", f"-I{well_known}", f"--python_out={GEN}"] + ([f"--grpc_python_out={GEN}"] if grpc else [])
    args += [f"-I{d}" for d in include_dirs] + [str(f) for f in files]
    if protoc.main(args) != 0:
        raise RuntimeError(f"grpc_tools.protoc failed for {files}")


def _interop_protos():
    """grpc.testing for Python: generated from a copy under grpc_testing/, because a module path
    grpc/testing would shadow grpcio's own `grpc` package."""
    source = GEN / "interop-src" / "grpc_testing"
    source.mkdir(parents=True, exist_ok=True)
    for name in ["empty", "messages", "test"]:
        text = (ROOT / "protos" / "grpc" / "testing" / f"{name}.proto").read_text()
        (source / f"{name}.proto").write_text(text.replace('import "grpc/testing/', 'import "grpc_testing/'))
    _protoc([GEN / "interop-src"], ["grpc_testing/empty.proto", "grpc_testing/messages.proto", "grpc_testing/test.proto"], grpc=True)


def _generate():
    GEN.mkdir(exist_ok=True)
    _protoc([ROOT / "protos"], ["testdata/imported.proto", "testdata/everything_proto3.proto", "testdata/everything_proto2.proto",
                                "testdata/editions_2023.proto", "testdata/editions_2024.proto"])
    _protoc([ROOT / "protos"], ["helloworld.proto", "user.proto", "testdata/echo.proto"], grpc=True)
    _interop_protos()
    conformance = SHARED / "protos" / "conformance"
    if conformance.is_dir():
        _protoc([conformance], ["conformance.proto", "test_messages_proto3.proto", "test_messages_proto2.proto"])


_generate()
sys.path.insert(0, str(GEN))

HAVE_SHARED = (SHARED / "protos" / "conformance").is_dir()
needs_shared = pytest.mark.skipif(not HAVE_SHARED, reason=f"{SHARED}/protos is absent: upstream conformance schemas are not available")
INTEROP_CERTS = SHARED / "interop-certs"
needs_interop_certs = pytest.mark.skipif(not (INTEROP_CERTS / "ca.pem").is_file(),
                                         reason=f"{INTEROP_CERTS} is absent: grpc's interop test credentials are not available")


def interop_cert(name):
    return (INTEROP_CERTS / name).read_bytes()


def swift_binary(name):
    path = BUILD / name
    if not path.exists():
        subprocess.run(["swift", "build", "-Xswiftc", "-warnings-as-errors", "--product", name], cwd=ROOT, check=True)
    return str(path)


def frame(data: bytes) -> bytes:
    return len(data).to_bytes(4, "little") + data


def unframe(data: bytes):
    frames, offset = [], 0
    while offset < len(data):
        size = int.from_bytes(data[offset:offset + 4], "little")
        frames.append(data[offset + 4:offset + 4 + size])
        offset += 4 + size
    return frames


class SwiftServer:
    """A Swift server executable on an ephemeral loopback port, stopped with SIGTERM."""

    def __init__(self, name, *command):
        # stderr to a file: a server that logs much (connection events) must not block on a full pipe.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([swift_binary(name), *command, "--port", "0"], stdout=subprocess.PIPE, stderr=self.log)
        line = self.process.stdout.readline().decode().strip()
        if not line.startswith("READY "):
            self.process.kill()
            raise RuntimeError(f"{name} did not start: {line!r} {self.stderr()}")
        self.port = int(line.split()[1])
        self.target = f"127.0.0.1:{self.port}"

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode


@pytest.fixture
def swift_server():
    servers = []

    def start(name, *args):
        server = SwiftServer(name, *args)
        servers.append(server)
        return server

    yield start
    for server in servers:
        assert server.stop() == 0, "the server did not exit cleanly on SIGTERM"
