"""grpcio's side of the interop cases, written from grpc's interop-test-descriptions.md."""
import queue
import threading
import time
from concurrent import futures

import grpc

from grpc_testing import empty_pb2, messages_pb2, test_pb2_grpc

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"


def _payload(size):
    return messages_pb2.Payload(body=b"\0" * size)


def _status_code(number):
    return next(code for code in grpc.StatusCode if code.value[0] == number)


class InteropServicer(test_pb2_grpc.TestServiceServicer):
    """TestService as the descriptions ask a server to behave. grpcio cannot see whether a request
    arrived compressed, so expect_compressed is not checked (the field is optional for that reason)."""

    def _echo_metadata(self, context):
        received = dict(context.invocation_metadata())
        if ECHO_INITIAL in received:
            context.send_initial_metadata([(ECHO_INITIAL, received[ECHO_INITIAL])])
        if ECHO_TRAILING in received:
            context.set_trailing_metadata([(ECHO_TRAILING, received[ECHO_TRAILING])])

    def _maybe_fail(self, request, context):
        if request.HasField("response_status") and request.response_status.code != 0:
            context.abort(_status_code(request.response_status.code), request.response_status.message)

    def EmptyCall(self, request, context):
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        self._echo_metadata(context)
        self._maybe_fail(request, context)
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        return messages_pb2.SimpleResponse(payload=_payload(request.response_size))

    CacheableUnaryCall = UnaryCall

    def _responses(self, request, context):
        for parameters in request.response_parameters:
            if parameters.interval_us:
                time.sleep(parameters.interval_us / 1e6)
            if parameters.compressed.value:
                context.set_compression(grpc.Compression.Gzip)
            else:
                context.disable_next_message_compression()
            yield messages_pb2.StreamingOutputCallResponse(payload=_payload(parameters.size))

    def StreamingOutputCall(self, request, context):
        yield from self._responses(request, context)
        self._maybe_fail(request, context)

    def StreamingInputCall(self, request_iterator, context):
        total = sum(len(request.payload.body) for request in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        self._echo_metadata(context)
        for request in request_iterator:
            self._maybe_fail(request, context)
            yield from self._responses(request, context)

    def HalfDuplexCall(self, request_iterator, context):
        requests = list(request_iterator)
        for request in requests:
            yield from self._responses(request, context)


def start_server(credentials=None):
    """grpcio's TestService on loopback, plaintext or with `grpc.ssl_server_credentials`."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    test_pb2_grpc.add_TestServiceServicer_to_server(InteropServicer(), server)
    if credentials is None:
        port = server.add_insecure_port("127.0.0.1:0")
    else:
        port = server.add_secure_port("127.0.0.1:0", credentials)
    server.start()
    return server, port


TEST_HOST = "foo.test.google.fr"


class InteropClient:
    """The client side of each case against `target`; a failed case raises AssertionError.
    With `credentials` the channel is TLS and claims the interop host name, as grpc's
    interop clients do with --server_host_override."""

    def __init__(self, target, credentials=None, host_override=TEST_HOST):
        if credentials is None:
            self.channel = grpc.insecure_channel(target)
        else:
            options = [("grpc.ssl_target_name_override", host_override)] if host_override else []
            self.channel = grpc.secure_channel(target, credentials, options=options)
        self.stub = test_pb2_grpc.TestServiceStub(self.channel)

    def close(self):
        self.channel.close()

    def _expect(self, code, call, details=None):
        try:
            call()
        except grpc.RpcError as error:
            assert error.code() == code, f"expected {code}, got {error.code()}: {error.details()}"
            if details is not None:
                assert error.details() == details, f"details {error.details()!r}"
            return
        raise AssertionError(f"expected {code}, the call succeeded")

    @staticmethod
    def _simple(**fields):
        return messages_pb2.SimpleRequest(response_size=314159, payload=_payload(271828), **fields)

    @staticmethod
    def _output(sizes, payload=0, **fields):
        return messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=s) for s in sizes],
            payload=_payload(payload) if payload else None, **fields)

    def empty_unary(self):
        assert self.stub.EmptyCall(empty_pb2.Empty(), timeout=10) == empty_pb2.Empty()

    def large_unary(self):
        assert self.stub.UnaryCall(self._simple(), timeout=10).payload.body == b"\0" * 314159

    def client_streaming(self):
        requests = [messages_pb2.StreamingInputCallRequest(payload=_payload(s)) for s in (27182, 8, 1828, 45904)]
        assert self.stub.StreamingInputCall(iter(requests), timeout=10).aggregated_payload_size == 74922

    def server_streaming(self):
        sizes = [31415, 9, 2653, 58979]
        assert [len(r.payload.body) for r in self.stub.StreamingOutputCall(self._output(sizes), timeout=10)] == sizes

    def ping_pong(self):
        pairs = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
        outbox = queue.Queue()

        def requests():
            while True:
                item = outbox.get()
                if item is None:
                    return
                yield item

        call = self.stub.FullDuplexCall(requests(), timeout=10)
        for response_size, request_size in pairs:
            outbox.put(self._output([response_size], request_size))
            assert len(next(call).payload.body) == response_size
        outbox.put(None)
        assert list(call) == []

    def empty_stream(self):
        assert list(self.stub.FullDuplexCall(iter(()), timeout=10)) == []

    def cancel_after_begin(self):
        gate = threading.Event()

        def requests():
            gate.wait(10)
            return
            yield

        future = self.stub.StreamingInputCall.future(requests(), timeout=10)
        time.sleep(0.1)
        future.cancel()
        gate.set()
        assert future.cancelled()
        assert future.code() == grpc.StatusCode.CANCELLED

    def cancel_after_first_response(self):
        outbox = queue.Queue()

        def requests():
            while True:
                item = outbox.get()
                if item is None:
                    return
                yield item

        call = self.stub.FullDuplexCall(requests(), timeout=10)
        outbox.put(self._output([31415], 27182))
        assert len(next(call).payload.body) == 31415
        call.cancel()
        outbox.put(None)
        assert call.code() == grpc.StatusCode.CANCELLED

    def timeout_on_sleeping_server(self):
        done = threading.Event()

        def requests():
            # One request and no half-close: the server keeps waiting until the deadline.
            yield self._output([], 27182)
            done.wait(5)

        def run():
            list(self.stub.FullDuplexCall(requests(), timeout=0.001))
        try:
            self._expect(grpc.StatusCode.DEADLINE_EXCEEDED, run)
        finally:
            done.set()

    def custom_metadata(self):
        metadata = [(ECHO_INITIAL, "test_initial_metadata_value"), (ECHO_TRAILING, b"\xab\xab\xab")]
        _, call = self.stub.UnaryCall.with_call(self._simple(), metadata=metadata, timeout=10)
        assert (ECHO_INITIAL, "test_initial_metadata_value") in call.initial_metadata()
        assert (ECHO_TRAILING, b"\xab\xab\xab") in call.trailing_metadata()
        stream = self.stub.FullDuplexCall(iter([self._output([314159], 271828)]), metadata=metadata, timeout=10)
        assert len(list(stream)) == 1
        assert (ECHO_INITIAL, "test_initial_metadata_value") in stream.initial_metadata()
        assert (ECHO_TRAILING, b"\xab\xab\xab") in stream.trailing_metadata()

    def status_code_and_message(self):
        status = messages_pb2.EchoStatus(code=2, message="test status message")
        self._expect(grpc.StatusCode.UNKNOWN, lambda: self.stub.UnaryCall(
            messages_pb2.SimpleRequest(response_status=status), timeout=10), "test status message")
        self._expect(grpc.StatusCode.UNKNOWN, lambda: list(self.stub.FullDuplexCall(
            iter([messages_pb2.StreamingOutputCallRequest(response_status=status)]), timeout=10)), "test status message")

    def special_status_message(self):
        text = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
        self._expect(grpc.StatusCode.UNKNOWN, lambda: self.stub.UnaryCall(
            messages_pb2.SimpleRequest(response_status=messages_pb2.EchoStatus(code=2, message=text)), timeout=10), text)

    def unimplemented_method(self):
        self._expect(grpc.StatusCode.UNIMPLEMENTED, lambda: self.stub.UnimplementedCall(empty_pb2.Empty(), timeout=10))

    def unimplemented_service(self):
        stub = test_pb2_grpc.UnimplementedServiceStub(self.channel)
        self._expect(grpc.StatusCode.UNIMPLEMENTED, lambda: stub.UnimplementedCall(empty_pb2.Empty(), timeout=10))

    def client_compressed_unary(self):
        probe = self._simple(expect_compressed=messages_pb2.BoolValue(value=True))
        self._expect(grpc.StatusCode.INVALID_ARGUMENT, lambda: self.stub.UnaryCall(probe, timeout=10))
        assert len(self.stub.UnaryCall(probe, compression=grpc.Compression.Gzip, timeout=10).payload.body) == 314159
        plain = self._simple(expect_compressed=messages_pb2.BoolValue(value=False))
        assert len(self.stub.UnaryCall(plain, timeout=10).payload.body) == 314159

    def client_compressed_streaming(self):
        probe = messages_pb2.StreamingInputCallRequest(expect_compressed=messages_pb2.BoolValue(value=True), payload=_payload(27182))
        self._expect(grpc.StatusCode.INVALID_ARGUMENT, lambda: self.stub.StreamingInputCall(iter([probe]), timeout=10))
        # grpcio compresses every message of a call or none; the mixed stream of the description
        # is covered by our own client (and on the wire by test_compression_wire.py).
        second = messages_pb2.StreamingInputCallRequest(expect_compressed=messages_pb2.BoolValue(value=False), payload=_payload(45904))
        response = self.stub.StreamingInputCall(iter([probe, second]), compression=grpc.Compression.Gzip, timeout=10)
        assert response.aggregated_payload_size == 73086

    def server_compressed_unary(self):
        # grpcio does not say whether a response arrived compressed: the flag itself is checked
        # by test_compression_wire.py; here the content must survive either way.
        for compressed in (True, False):
            request = self._simple(response_compressed=messages_pb2.BoolValue(value=compressed))
            assert len(self.stub.UnaryCall(request, timeout=10).payload.body) == 314159

    def server_compressed_streaming(self):
        request = messages_pb2.StreamingOutputCallRequest(response_parameters=[
            messages_pb2.ResponseParameters(size=31415, compressed=messages_pb2.BoolValue(value=True)),
            messages_pb2.ResponseParameters(size=92653, compressed=messages_pb2.BoolValue(value=False)),
        ])
        assert [len(r.payload.body) for r in self.stub.StreamingOutputCall(request, timeout=10)] == [31415, 92653]
