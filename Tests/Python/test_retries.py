"""Client retries (gRPC A6) against real peers: transparent retries of streams the server never
processed (REFUSED_STREAM, a GOAWAY's last stream id) on raw HTTP/2 peers, and retry policies,
grpc-previous-rpc-attempts and server pushback against a grpcio server. The Swift side is
`echo-tool collect`, a client-streaming call whose whole request stream must be replayed."""
import json
import socket
import subprocess
import threading
from concurrent import futures

import grpc
import h2.errors
import h2.events
import pytest

from conftest import swift_binary
from h2_peers import H2Server, respond
from testdata import echo_pb2

COUNT = 20
EVERY_MESSAGE = [f"m{index}" for index in range(COUNT)]
SERVICE = "swiftgrpc.test.Echo"


def retry_config(max_attempts, codes):
    """A service config with one retry policy for the whole Echo service. Backoffs are short so
    the retries come quickly; no test depends on when they come."""
    return {"methodConfig": [{
        "name": [{"service": SERVICE}],
        "retryPolicy": {"maxAttempts": max_attempts, "initialBackoff": "0.01s", "maxBackoff": "0.05s",
                        "backoffMultiplier": 2, "retryableStatusCodes": codes},
    }]}


def collect(port, config, count=COUNT):
    """Runs `echo-tool collect` against 127.0.0.1:port (with `config` as its service config,
    if any); returns its one line of output."""
    flags = ["--service_config", json.dumps(config)] if config is not None else []
    result = subprocess.run([swift_binary("echo-tool"), "collect", "--target", f"127.0.0.1:{port}", "--count", str(count),
                             *flags], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"echo-tool exited {result.returncode}: {result.stdout} {result.stderr}"
    return result.stdout.strip()


def grpc_payloads(data):
    """The messages of a gRPC request body: each a 5-byte prefix (compressed flag, big-endian length) and its bytes."""
    payloads, offset = [], 0
    while offset < len(data):
        assert offset + 5 <= len(data), f"a gRPC message prefix is cut short at byte {offset} of {len(data)}"
        assert data[offset] == 0, f"message at byte {offset} is flagged compressed"
        size = int.from_bytes(data[offset + 1:offset + 5], "big")
        assert offset + 5 + size <= len(data), f"a gRPC message of {size} bytes is cut short at byte {offset}"
        payloads.append(data[offset + 5:offset + 5 + size])
        offset += 5 + size
    return payloads


class SeenStream:
    """One request stream as the raw peer saw it."""

    def __init__(self, connection, stream_id, headers):
        self.connection, self.id, self.headers = connection, stream_id, headers
        self.data = b""
        self.ended = False
        self.outcome = "open"

    def texts(self):
        return [echo_pb2.EchoRequest.FromString(payload).text for payload in grpc_payloads(self.data)]

    def __repr__(self):
        return (f"<connection {self.connection} stream {self.id} {self.outcome} ended={self.ended} "
                f"{len(self.data)} bytes headers={self.headers}>")


class StopConnection(Exception):
    """Raised by an interference that has closed the connection itself."""


def collect_peer(interfere):
    """An H2Server that answers Collect on every stream with the request texts joined by spaces,
    recording each stream in `server.streams`. `interfere(index, connection, sock, stream)` sees
    each stream's HEADERS first and returns an outcome to leave the stream unanswered, None to serve it."""
    streams = []
    lock = threading.Lock()

    def handle(index, connection, sock):
        sock.settimeout(20)
        serving = {}
        while True:
            # Not h2_peers.events: a read holding only part of a frame gives no events, yet the
            # connection goes on.
            data = sock.recv(65536)
            if not data:
                return
            for event in connection.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    stream = SeenStream(index, event.stream_id, dict(event.headers))
                    with lock:
                        streams.append(stream)
                    try:
                        outcome = interfere(index, connection, sock, stream)
                    except StopConnection:
                        stream.outcome = "goaway"
                        return
                    if outcome is None:
                        serving[event.stream_id] = stream
                    else:
                        stream.outcome = outcome
                elif isinstance(event, h2.events.DataReceived):
                    connection.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                    if event.stream_id in serving:
                        serving[event.stream_id].data += event.data
                elif isinstance(event, h2.events.StreamEnded) and event.stream_id in serving:
                    stream = serving.pop(event.stream_id)
                    stream.ended = True
                    stream.outcome = "answered"
                    respond(connection, sock, stream.id, echo_pb2.EchoResponse(text=" ".join(stream.texts())).SerializeToString())
            sock.sendall(connection.data_to_send())

    server = H2Server(handle)
    server.streams = streams
    return server


def refuse_first_stream(index, connection, sock, stream):
    if index == 0 and stream.id == 1:
        connection.reset_stream(stream.id, error_code=h2.errors.ErrorCodes.REFUSED_STREAM)
        sock.sendall(connection.data_to_send())
        return "refused"
    return None


def go_away_before_first_stream(index, connection, sock, stream):
    if index != 0:
        return None
    connection.close_connection(error_code=0, last_stream_id=0)
    sock.sendall(connection.data_to_send())
    # A graceful close: the client reads the GOAWAY before the end of the connection, and
    # nothing it still sends turns the close into a reset.
    sock.shutdown(socket.SHUT_WR)
    while sock.recv(65536):
        pass
    raise StopConnection()


# Transparent retry needs no retry policy: a streaming call keeps what it sent until the
# server answers. Under a policy the new stream counts the one before it.
TRANSPARENT = [pytest.param(retry_config(2, ["ABORTED"]), "1", id="with-a-retry-policy"),
               pytest.param(None, None, id="without-a-service-config")]


@pytest.mark.parametrize("config,previous", TRANSPARENT)
def test_a_refused_stream_is_retried_transparently_with_the_whole_request_stream(config, previous):
    server = collect_peer(refuse_first_stream)
    try:
        output = collect(server.port, config)
    finally:
        server.close()
    streams = list(server.streams)
    assert output == "COLLECTED " + " ".join(EVERY_MESSAGE), (output, streams)
    assert len(streams) == 2, streams
    refused, replayed = streams
    assert (refused.connection, refused.id, refused.outcome) == (0, 1, "refused"), streams
    assert "grpc-previous-rpc-attempts" not in refused.headers, refused
    assert replayed.outcome == "answered" and replayed.ended, streams
    assert replayed.texts() == EVERY_MESSAGE, replayed.texts()
    assert replayed.headers.get(":path") == f"/{SERVICE}/Collect", replayed.headers
    assert replayed.headers.get("grpc-previous-rpc-attempts") == previous, replayed.headers


@pytest.mark.parametrize("config,previous", TRANSPARENT)
def test_a_stream_past_a_goaways_last_stream_id_is_retried_on_a_new_connection(config, previous):
    server = collect_peer(go_away_before_first_stream)
    try:
        output = collect(server.port, config)
    finally:
        server.close()
    streams = list(server.streams)
    assert output == "COLLECTED " + " ".join(EVERY_MESSAGE), (output, streams)
    assert len(streams) == 2, streams
    unprocessed, replayed = streams
    assert (unprocessed.connection, unprocessed.outcome) == (0, "goaway"), streams
    assert replayed.connection == 1 and replayed.outcome == "answered", streams
    assert replayed.texts() == EVERY_MESSAGE, replayed.texts()
    assert replayed.headers.get("grpc-previous-rpc-attempts") == previous, replayed.headers


class GrpcioCollect:
    """A grpcio server for Collect: `answer(attempt, texts, context)` decides each attempt
    (1-based) after the whole request stream is read. `attempts` holds each attempt's
    grpc-previous-rpc-attempts ("(none)" when absent) and texts."""

    def __init__(self, answer):
        self.attempts = []
        self.lock = threading.Lock()

        def collect_texts(request_iterator, context):
            texts = [request.text for request in request_iterator]
            previous = dict(context.invocation_metadata()).get("grpc-previous-rpc-attempts", "(none)")
            with self.lock:
                self.attempts.append((previous, texts))
                attempt = len(self.attempts)
            return answer(attempt, texts, context)

        handler = grpc.method_handlers_generic_handler(SERVICE, {
            "Collect": grpc.stream_unary_rpc_method_handler(collect_texts,
                                                            request_deserializer=echo_pb2.EchoRequest.FromString,
                                                            response_serializer=echo_pb2.EchoResponse.SerializeToString),
        })
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=[handler])
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()

    def previous_attempts(self):
        return [previous for previous, _ in self.attempts]

    def stop(self):
        assert self.server.stop(None).wait(10), "the grpcio server did not stop"


def fail_twice_then_answer(attempt, texts, context):
    if attempt <= 2:
        context.abort(grpc.StatusCode.UNAVAILABLE, f"attempt {attempt} fails on purpose")
    return echo_pb2.EchoResponse(text=" ".join(texts))


def test_retries_replay_the_request_stream_until_an_attempt_succeeds():
    server = GrpcioCollect(fail_twice_then_answer)
    try:
        output = collect(server.port, retry_config(3, ["UNAVAILABLE"]))
    finally:
        server.stop()
    assert output == "COLLECTED " + " ".join(EVERY_MESSAGE), (output, server.attempts)
    assert server.previous_attempts() == ["(none)", "1", "2"], server.attempts
    assert all(texts == EVERY_MESSAGE for _, texts in server.attempts), server.attempts


def test_the_call_ends_with_the_last_attempts_status_when_attempts_run_out():
    server = GrpcioCollect(fail_twice_then_answer)
    try:
        output = collect(server.port, retry_config(2, ["UNAVAILABLE"]))
    finally:
        server.stop()
    assert output == "ENDED UNAVAILABLE attempt 2 fails on purpose", (output, server.attempts)
    assert server.previous_attempts() == ["(none)", "1"], server.attempts


def test_a_status_not_listed_as_retryable_is_not_retried():
    server = GrpcioCollect(fail_twice_then_answer)
    try:
        output = collect(server.port, retry_config(3, ["ABORTED"]))
    finally:
        server.stop()
    assert output == "ENDED UNAVAILABLE attempt 1 fails on purpose", (output, server.attempts)
    assert server.previous_attempts() == ["(none)"], server.attempts


def pushback_once(value):
    def answer(attempt, texts, context):
        if attempt == 1:
            context.set_trailing_metadata((("grpc-retry-pushback-ms", value),))
            context.abort(grpc.StatusCode.UNAVAILABLE, "pushed back")
        return echo_pb2.EchoResponse(text=" ".join(texts))
    return answer


def test_a_negative_pushback_stops_the_retries():
    server = GrpcioCollect(pushback_once("-1"))
    try:
        output = collect(server.port, retry_config(3, ["UNAVAILABLE"]))
    finally:
        server.stop()
    assert output == "ENDED UNAVAILABLE pushed back", (output, server.attempts)
    assert server.previous_attempts() == ["(none)"], server.attempts


def test_a_non_negative_pushback_retries():
    # The counterpart of the test above: the same server with a pushback the client may honour.
    server = GrpcioCollect(pushback_once("10"))
    try:
        output = collect(server.port, retry_config(3, ["UNAVAILABLE"]))
    finally:
        server.stop()
    assert output == "COLLECTED " + " ".join(EVERY_MESSAGE), (output, server.attempts)
    assert server.previous_attempts() == ["(none)", "1"], server.attempts
