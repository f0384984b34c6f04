"""The runtime imports no Foundation and no Swift package: only the standard library, its own
modules and the system-library shims. SwiftProtoFoundation is the one target allowed Foundation."""
import pathlib
import re

from conftest import ROOT

ALLOWED = {"SwiftProto", "Synchronization", "Glibc", "Darwin", "Musl", "CNGHTTP2", "CZlib", "COpenSSL", "CSystemShims"}


def imports(folder):
    found = {}
    for path in sorted((ROOT / folder).rglob("*.swift")):
        for module in re.findall(r"^\s*(?:@\w+\s+)?import\s+(\w+)", path.read_text(), re.M):
            found.setdefault(module, []).append(str(path.relative_to(ROOT)))
    return found


def test_runtime_imports_only_the_standard_library_and_system_libraries():
    for folder in ["Runtime/Proto", "Runtime/GRPC"]:
        unexpected = {m: files for m, files in imports(folder).items() if m not in ALLOWED}
        assert not unexpected, f"{folder} imports {unexpected}"


def test_foundation_conveniences_stay_in_their_own_target():
    assert set(imports("Runtime/ProtoFoundation")) <= {"Foundation", "SwiftProto"}
