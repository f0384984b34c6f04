"""SwiftGRPCPlugin as a user meets it: a package made by `swift package init`, this repository as
a path dependency, a .proto dropped into the target, the plugin listed, `swift build`; then a
server and a client from that package exchange a call. Later cases change the .proto, split the
protos over two targets (module mappings) and take protoc away."""
import os
import pathlib
import re
import shutil
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SWIFT = shutil.which("swift") or "swift"

GREETER_PROTO = """syntax = "proto3";
package demo;

// Greets.
service Greeter {
  rpc SayHello (HelloRequest) returns (HelloReply);
}
message HelloRequest { string name = 1; }
message HelloReply { string message = 1; }
"""

OTHER_PROTO = """syntax = "proto3";
package demo;
message Unrelated { int32 value = 1; }
"""

MAIN = """import SwiftGRPC

struct Greeter: Demo_Greeter.SimpleServiceProtocol {
    func sayHello(request: Demo_HelloRequest, context: ServerContext) async throws -> Demo_HelloReply {
        .with { $0.message = "Hello, GREETING!" }
    }
}

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "serve" {
    let server = Server(services: [Greeter()])
    let port = try await server.start(.tcp(host: "127.0.0.1", port: 0))
    print("READY \\(port)")
    fflush(nil)
    // A test server stops itself, in case the test that started it does not.
    try? await Task.sleep(for: .seconds(120))
    await server.shutdown(grace: .seconds(1))
} else if arguments.count == 3 && arguments[1] == "call" {
    let channel = try Channel(target: "127.0.0.1:\\(arguments[2])")
    let reply = try await Demo_Greeter.Client(channel: channel)
        .sayHello(REQUEST, options: CallOptions(timeout: .seconds(10)))
    print(reply.message)
    channel.close()
} else {
    print("usage: Demo serve | Demo call PORT")
}
"""

# Debian's protoc finds the well-known types beside itself (libprotobuf-dev).
PERSON_PROTO = """syntax = "proto3";
package demo.people;
import "google/protobuf/timestamp.proto";
message Person { string first = 1; string last = 2; google.protobuf.Timestamp born = 3; FIELDS }
"""

PACKAGE_DEPENDENCY = f'dependencies: [.package(name: "swiftgrpc", path: "{ROOT}")],'


def main_swift(greeting, request):
    return "import Glibc\n" + MAIN.replace("GREETING", greeting).replace("REQUEST", request)


def run(args, cwd, env=None, check=True, timeout=1500):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def write_package(package, targets):
    """Package.swift as `swift package init` wrote it, with the dependency and our targets."""
    text = (package / "Package.swift").read_text()
    text = re.sub(r"\n    targets: \[.*\n\)", "\n    targets: [\n" + targets + "\n    ],\n    swiftLanguageModes: [.v6]\n)",
                  text, flags=re.S)
    if PACKAGE_DEPENDENCY not in text:
        text = text.replace('name: "Demo",', 'name: "Demo",\n    ' + PACKAGE_DEPENDENCY, 1)
    (package / "Package.swift").write_text(text)


DEMO_TARGET = """        .executableTarget(
            name: "Demo",
            dependencies: [DEPENDENCIES],
            plugins: [.plugin(name: "SwiftGRPCPlugin", package: "swiftgrpc")]
        ),"""

SHARED_TARGET = """        .target(
            name: "Shared",
            dependencies: [.product(name: "SwiftProto", package: "swiftgrpc")],
            plugins: [.plugin(name: "SwiftGRPCPlugin", package: "swiftgrpc")]
        ),"""


def demo_target(*extra):
    deps = ['.product(name: "SwiftGRPC", package: "swiftgrpc")'] + [f'"{name}"' for name in extra]
    return DEMO_TARGET.replace("DEPENDENCIES", ", ".join(deps))


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    package = tmp_path_factory.mktemp("plugin-user") / "Demo"
    package.mkdir()
    run([SWIFT, "package", "init", "--type", "executable", "--name", "Demo"], cwd=package)
    shutil.rmtree(package / "Tests", ignore_errors=True)
    (package / "Sources" / "Demo" / "Demo.swift").unlink()
    return package


def build(package, env=None):
    return run([SWIFT, "build"], cwd=package, env=env)


def exchange(package):
    """Starts `Demo serve`, runs `Demo call PORT`, returns what the client printed."""
    binary = package / ".build" / "debug" / "Demo"
    server = subprocess.Popen([binary, "serve"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("READY "), f"server printed {line!r}"
        client = run([binary, "call", line.split()[1]], cwd=package, timeout=60)
        return client.stdout.strip()
    finally:
        server.terminate()
        server.wait(timeout=10)


def generated(package, name):
    found = list((package / ".build").glob(f"plugins/outputs/**/SwiftGRPCPlugin/Generated/{name}"))
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def test_a_new_package_builds_and_serves_from_a_proto(package):
    write_package(package, demo_target())
    source = package / "Sources" / "Demo"
    (source / "greeter.proto").write_text(GREETER_PROTO)
    (source / "protos").mkdir()
    (source / "protos" / "other.proto").write_text(OTHER_PROTO)
    (source / "main.swift").write_text(main_swift("\\(request.name)", '.with { $0.name = "plugin" }'))
    build(package)
    assert exchange(package) == "Hello, plugin!"
    # Nothing generated lands in the sources: the plugin writes under .build only.
    assert sorted(p.name for p in source.rglob("*.swift")) == ["main.swift"]

    # A changed .proto regenerates; the unchanged one is left as it was. SwiftPM 6.3 relinks
    # the plugin's tool once more on the build after a package's first, which rightly reruns
    # every command; one build first lets that pass.
    build(package)
    other = generated(package, "protos_other.pb.swift")
    other_mtime = other.stat().st_mtime_ns
    time.sleep(1.1)
    (source / "greeter.proto").write_text(GREETER_PROTO.replace("string name = 1;", "string name = 1; int32 times = 2;"))
    (source / "main.swift").write_text(main_swift("\\(request.name) x\\(request.times)",
                                                  '.with { $0.name = "again"; $0.times = 3 }'))
    build(package)
    assert "times" in generated(package, "greeter.pb.swift").read_text()
    assert other.stat().st_mtime_ns == other_mtime, "an unchanged .proto was regenerated"
    assert exchange(package) == "Hello, again x3!"

    # And a build with nothing changed runs no protoc at all.
    greeter_mtime = generated(package, "greeter.pb.swift").stat().st_mtime_ns
    output = build(package).stdout
    assert "Generating Swift" not in output
    assert generated(package, "greeter.pb.swift").stat().st_mtime_ns == greeter_mtime


def test_protos_of_one_target_import_protos_of_another(package):
    """Shared holds messages only (swiftgrpc-config.json turns services off, and it links
    SwiftProto alone); Demo's service uses them and gets `import Shared` from module mappings."""
    write_package(package, SHARED_TARGET + "\n" + demo_target("Shared"))
    shared = package / "Sources" / "Shared"
    (shared / "people").mkdir(parents=True, exist_ok=True)
    (shared / "people" / "person.proto").write_text(
        PERSON_PROTO.replace("FIELDS", ""))
    (shared / "swiftgrpc-config.json").write_text('{"server": false, "client": false}\n')
    # SwiftPM needs a Swift file in a target; this one uses the generated type from inside.
    (shared / "Person+Name.swift").write_text(
        'import SwiftProto\n\nextension Demo_People_Person {\n'
        '    public var fullName: String { first + " " + last }\n}\n')
    source = package / "Sources" / "Demo"
    (source / "greeter.proto").write_text(GREETER_PROTO.replace(
        'package demo;', 'package demo;\nimport "people/person.proto";').replace(
        "string name = 1;", "string name = 1; demo.people.Person person = 2;"))
    (source / "main.swift").write_text(main_swift("\\(request.person.fullName)",
                                                  '.with { $0.person = .with { $0.first = "Ada"; $0.last = "Lovelace" } }'))
    build(package)
    assert "import Shared" in generated(package, "greeter.pb.swift").read_text()
    assert exchange(package) == "Hello, Ada Lovelace!"

    # Editing the imported file regenerates its importer in the other target.
    before = generated(package, "greeter.pb.swift").stat().st_mtime_ns
    time.sleep(1.1)
    (shared / "people" / "person.proto").write_text(
        PERSON_PROTO.replace("FIELDS", "string title = 4;"))
    build(package)
    assert generated(package, "greeter.pb.swift").stat().st_mtime_ns != before


def test_a_bad_configuration_names_the_file_and_key(package):
    config = package / "Sources" / "Demo" / "swiftgrpc-config.json"
    config.write_text('{"visibilty": "Public"}\n')
    try:
        result = run([SWIFT, "build"], cwd=package, check=False)
        assert result.returncode != 0
        assert "swiftgrpc-config.json: unknown key 'visibilty'" in result.stdout + result.stderr
    finally:
        config.unlink()


def test_configuration_edits_take_effect_on_the_next_build(package):
    """SwiftPM runs a build plugin only when it plans a build, not when a file's content
    changes: visibility, server and client are read by every protoc run, and a change to what
    the plan was made from says how to get a new plan instead of being lost."""
    config = package / "Sources" / "Demo" / "swiftgrpc-config.json"
    greeter = lambda: generated(package, "greeter.pb.swift").read_text()
    try:
        config.write_text('{"visibility": "Internal"}\n')
        result = build(package)
        assert "unhandled" not in result.stdout + result.stderr
        assert "\nstruct Demo_HelloRequest" in greeter()
        config.write_text('{"visibility": "Package"}\n')
        build(package)
        assert "\npackage struct Demo_HelloRequest" in greeter()
        config.write_text('{"visibility": "Package", "sever": false}\n')
        result = run([SWIFT, "build"], cwd=package, check=False)
        assert result.returncode != 0
        assert "swiftgrpc-config.json" in result.stdout and "sever" in result.stdout
        config.write_text('{"visibility": "Package", "fileNaming": "DropPath"}\n')
        result = run([SWIFT, "build"], cwd=package, check=False)
        assert result.returncode != 0
        assert "fileNaming changed since SwiftPM planned this build" in result.stdout
        assert "touch Package.swift" in result.stdout
        (package / "Package.swift").touch()
        build(package)
        # protos/other.proto now lands as other.pb.swift, with the visibility read on this run.
        assert "\npackage struct Demo_Unrelated" in generated(package, "other.pb.swift").read_text()
        assert exchange(package).startswith("Hello, ")
    finally:
        config.unlink(missing_ok=True)
    build(package)


def test_a_missing_protoc_fails_the_build_with_how_to_install_it(package, tmp_path):
    """PATH without protoc (every other tool still there) and no PROTOC_PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in os.environ["PATH"].split(":"):
        if not os.path.isdir(directory):
            continue
        for entry in os.listdir(directory):
            target = bin_dir / entry
            if entry != "protoc" and not target.exists():
                target.symlink_to(os.path.join(directory, entry))
    env = {k: v for k, v in os.environ.items() if k != "PROTOC_PATH"}
    env["PATH"] = str(bin_dir)
    # Touch a proto so that the plugin runs again.
    proto = package / "Sources" / "Demo" / "greeter.proto"
    proto.write_text(proto.read_text() + "\n")
    result = run([SWIFT, "build"], cwd=package, env=env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "protoc was not found on PATH" in output
    assert "apt-get install protobuf-compiler" in output and "grpcio-tools" in output

    env["PROTOC_PATH"] = "/nonexistent/protoc"
    result = run([SWIFT, "build"], cwd=package, env=env, check=False)
    assert result.returncode != 0
    assert "PROTOC_PATH names '/nonexistent/protoc', which is not an executable file" in result.stdout + result.stderr


def test_grpcio_tools_protoc_works_through_protoc_path(package):
    """The newer protoc of grpcio-tools, given as a command; the well-known types and
    descriptor.proto (for a custom option) resolve with no import path given."""
    source = package / "Sources" / "Demo"
    (source / "protos" / "other.proto").write_text(
        'syntax = "proto3";\npackage demo;\nimport "google/protobuf/timestamp.proto";\n'
        'import "google/protobuf/descriptor.proto";\n'
        'extend google.protobuf.FieldOptions { string note = 50001; }\n'
        'message Unrelated { int32 value = 1 [(note) = "custom option"]; google.protobuf.Timestamp at = 2; }\n')
    env = dict(os.environ, PROTOC_PATH="python3 -m grpc_tools.protoc")
    build(package, env=env)
    assert "Google_Protobuf_Timestamp" in generated(package, "protos_other.pb.swift").read_text()
    assert exchange(package).startswith("Hello, ")
