"""grpcio (Python) as client against our servers, and as server against our client."""
import subprocess
import threading
import time
from concurrent import futures

import grpc
import pytest

import helloworld_pb2
import helloworld_pb2_grpc
import user_pb2
import user_pb2_grpc
from testdata import echo_pb2, echo_pb2_grpc

from conftest import swift_binary


def test_greeter_server_answers_grpcio(swift_server):
    server = swift_server("greeter-server")
    with grpc.insecure_channel(server.target) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        assert stub.SayHello(helloworld_pb2.HelloRequest(name="Python"), timeout=10).message == "Hello, Python!"
        assert stub.SayHelloAgain(helloworld_pb2.HelloRequest(name="Python"), timeout=10).message == "Hello again, Python!"


def test_user_server_statuses(swift_server):
    server = swift_server("user-server")
    with grpc.insecure_channel(server.target) as channel:
        stub = user_pb2_grpc.UserServiceStub(channel)
        created = stub.CreateUser(user_pb2.CreateUserRequest(name="Grace", email="grace@example.com", age=45), timeout=10)
        assert created.id > 0 and created.name == "Grace"
        assert stub.GetUser(user_pb2.GetUserRequest(id=created.id), timeout=10) == created
        with pytest.raises(grpc.RpcError) as missing:
            stub.GetUser(user_pb2.GetUserRequest(id=424242), timeout=10)
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
        assert "424242" in missing.value.details()
        for bad in [user_pb2.CreateUserRequest(name="", email="a@b"), user_pb2.CreateUserRequest(name="x", email="nope")]:
            with pytest.raises(grpc.RpcError) as invalid:
                stub.CreateUser(bad, timeout=10)
            assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_user_server_concurrent_creates_get_distinct_ids(swift_server):
    server = swift_server("user-server")
    with grpc.insecure_channel(server.target) as channel:
        stub = user_pb2_grpc.UserServiceStub(channel)
        with futures.ThreadPoolExecutor(8) as pool:
            users = list(pool.map(lambda i: stub.CreateUser(user_pb2.CreateUserRequest(name=f"u{i}", email=f"u{i}@x"), timeout=10),
                                  range(200)))
        assert len({u.id for u in users}) == 200


def test_echo_server_all_call_kinds_from_grpcio(swift_server):
    server = swift_server("echo-tool", "serve")
    with grpc.insecure_channel(server.target) as channel:
        stub = echo_pb2_grpc.EchoStub(channel)
        assert stub.Get(echo_pb2.EchoRequest(text="hi"), timeout=10).text == "hi"
        replies = [r.text for r in stub.Expand(echo_pb2.EchoRequest(text="n", count=4), timeout=10)]
        assert replies == ["n 0", "n 1", "n 2", "n 3"]
        collected = stub.Collect(iter([echo_pb2.EchoRequest(text=t) for t in "abc"]), timeout=10)
        assert collected.text == "a b c" and collected.index == 3
        updates = [r.text for r in stub.Update(iter([echo_pb2.EchoRequest(text=t) for t in ["x", "y"]]), timeout=10)]
        assert updates == ["x", "y"]
        big = bytes(range(256)) * 8192  # 2 MiB
        assert stub.Get(echo_pb2.EchoRequest(text="big", payload=big), timeout=20).payload == big


def test_echo_server_metadata_status_deadline_cancel(swift_server):
    server = swift_server("echo-tool", "serve")
    with grpc.insecure_channel(server.target) as channel:
        stub = echo_pb2_grpc.EchoStub(channel)
        response, call = stub.Get.with_call(echo_pb2.EchoRequest(text="m"), timeout=10,
                                            metadata=[("x-echo", "v1"), ("x-echo-bin", b"\x00\xff")])
        assert ("x-echo", "v1") in call.initial_metadata()
        assert ("x-echo-bin", b"\x00\xff") in call.trailing_metadata()

        with pytest.raises(grpc.RpcError) as failed:
            stub.Get(echo_pb2.EchoRequest(text="déjà vu ✓", count=9), timeout=10)
        assert failed.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert failed.value.details() == "déjà vu ✓"

        with pytest.raises(grpc.RpcError) as unknown:
            stub.Get(echo_pb2.EchoRequest(text="throw-plain"), timeout=10)
        assert unknown.value.code() == grpc.StatusCode.UNKNOWN

        with pytest.raises(grpc.RpcError) as late:
            stub.Get(echo_pb2.EchoRequest(text="slow", delay_ms=5000), timeout=0.3)
        assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED

        future = stub.Get.future(echo_pb2.EchoRequest(text="slow", delay_ms=5000), timeout=10)
        time.sleep(0.2)
        future.cancel()
        assert future.cancelled()
        # The server is still healthy after the cancellation.
        assert stub.Get(echo_pb2.EchoRequest(text="ok"), timeout=10).text == "ok"

        with pytest.raises(grpc.RpcError) as missing:
            channel.unary_unary("/swiftgrpc.test.Echo/Missing")(b"", timeout=10)
        assert missing.value.code() == grpc.StatusCode.UNIMPLEMENTED


class PythonEcho(echo_pb2_grpc.EchoServicer):
    """The same Echo semantics in grpcio, for our client to call."""

    def Get(self, request, context):
        echo = dict(context.invocation_metadata())
        if "x-echo" in echo:
            context.send_initial_metadata([("x-echo", echo["x-echo"])])
        if "x-echo-bin" in echo:
            context.set_trailing_metadata([("x-echo-bin", echo["x-echo-bin"])])
        if request.delay_ms:
            time.sleep(request.delay_ms / 1000)
        if request.count:
            context.abort(grpc.StatusCode(next(c for c in grpc.StatusCode if c.value[0] == request.count)), request.text)
        return echo_pb2.EchoResponse(text=request.text, payload=request.payload)

    def Expand(self, request, context):
        for index in range(request.count):
            yield echo_pb2.EchoResponse(text=f"{request.text} {index}", index=index)

    def Collect(self, request_iterator, context):
        texts = [r.text for r in request_iterator]
        return echo_pb2.EchoResponse(text=" ".join(texts), index=len(texts))

    def Update(self, request_iterator, context):
        for index, request in enumerate(request_iterator):
            yield echo_pb2.EchoResponse(text=request.text, index=index)


class PythonGreeter(helloworld_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
        return helloworld_pb2.HelloReply(message=f"Hi {request.name} from Python")

    def SayHelloAgain(self, request, context):
        return helloworld_pb2.HelloReply(message=f"Hi again {request.name} from Python")


@pytest.fixture
def python_server():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    echo_pb2_grpc.add_EchoServicer_to_server(PythonEcho(), server)
    helloworld_pb2_grpc.add_GreeterServicer_to_server(PythonGreeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(grace=None)


def test_our_client_against_grpcio_server(python_server):
    result = subprocess.run([swift_binary("echo-tool"), "call", "--target", python_server], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode() + result.stdout.decode()
    assert b"all calls passed" in result.stdout


def test_greeter_client_against_grpcio_server(python_server):
    result = subprocess.run([swift_binary("greeter-client"), "--target", python_server, "--name", "Swift"],
                            capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == ["Hi Swift from Python", "Hi again Swift from Python"]
