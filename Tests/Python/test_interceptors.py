"""The example interceptors (bearer token, call logging) in greeter-server and greeter-client,
with grpcio as the peer on the other side."""
import subprocess
from concurrent import futures

import grpc
import pytest

import helloworld_pb2
import helloworld_pb2_grpc
from conftest import swift_binary

TOKEN = "s3cr3t"


def test_greeter_server_requires_the_token_from_grpcio(swift_server):
    server = swift_server("greeter-server", "--require_token", TOKEN, "--log_calls", "true")
    with grpc.insecure_channel(server.target) as channel:
        stub = helloworld_pb2_grpc.GreeterStub(channel)
        request = helloworld_pb2.HelloRequest(name="Python")
        for metadata, details in [((), "missing authorization"), ((("authorization", "Bearer wrong"),), "invalid bearer token")]:
            with pytest.raises(grpc.RpcError) as refused:
                stub.SayHello(request, metadata=metadata, timeout=10)
            assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
            assert details in refused.value.details()
        reply = stub.SayHello(request, metadata=(("authorization", f"Bearer {TOKEN}"),), timeout=10)
        assert reply.message == "Hello, Python!"
    log = server.stderr()
    # Logging is outermost: it saw the refused calls too, with their status.
    assert log.count("server /helloworld.Greeter/SayHello unary UNAUTHENTICATED") == 2, log
    assert "server /helloworld.Greeter/SayHello unary OK" in log, log
    assert "1 request (8 B), 1 response (16 B)" in log, log


class TokenEchoingGreeter(helloworld_pb2_grpc.GreeterServicer):
    """Answers with the authorization header it was sent."""

    def SayHello(self, request, context):
        headers = dict(context.invocation_metadata())
        return helloworld_pb2.HelloReply(message=headers.get("authorization", "none"))

    def SayHelloAgain(self, request, context):
        return self.SayHello(request, context)


def test_greeter_client_sends_the_token_to_grpcio():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    helloworld_pb2_grpc.add_GreeterServicer_to_server(TokenEchoingGreeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        result = subprocess.run([swift_binary("greeter-client"), "--target", f"127.0.0.1:{port}", "--token", TOKEN,
                                 "--log_calls", "true"], capture_output=True, timeout=60)
    finally:
        server.stop(grace=None)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines() == [f"Bearer {TOKEN}"] * 2
    log = result.stderr.decode()
    assert "client /helloworld.Greeter/SayHello unary OK" in log, log
    assert "client /helloworld.Greeter/SayHelloAgain unary OK" in log, log


def test_greeter_client_and_server_with_and_without_the_token(swift_server):
    server = swift_server("greeter-server", "--require_token", TOKEN)
    with_token = subprocess.run([swift_binary("greeter-client"), "--target", server.target, "--token", TOKEN],
                                capture_output=True, timeout=60)
    assert with_token.returncode == 0, with_token.stderr.decode()
    assert with_token.stdout.decode().splitlines() == ["Hello, world!", "Hello again, world!"]
    without = subprocess.run([swift_binary("greeter-client"), "--target", server.target], capture_output=True, timeout=60)
    assert without.returncode != 0
    assert "UNAUTHENTICATED" in without.stderr.decode(), without.stderr.decode()
