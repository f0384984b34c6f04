"""Keepalive and connection management (gRPC A8, A9) against raw HTTP/2 peers and real processes."""
import os
import signal
import subprocess
import threading
import time

import h2.events

import helloworld_pb2
from conftest import SwiftServer, swift_binary
from h2_peers import ACK, GOAWAY, HEADERS, PING, SETTINGS, H2Server, RawClient, events, frame, respond

ENHANCE_YOUR_CALM = 0xB


class Watch:
    """`echo-tool watch`: a bidirectional call held open; reports how and when it ended."""

    def __init__(self, port, *flags):
        self.process = subprocess.Popen([swift_binary("echo-tool"), "watch", "--target", f"127.0.0.1:{port}", *flags],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        assert line == "STARTED", line + self.process.stderr.read()

    def ended(self, timeout=15):
        line = self.process.stdout.readline().strip()
        self.process.wait(timeout)
        words = line.split(" ", 3)
        assert words[0] == "ENDED", line
        return words[1], int(words[2]), words[3] if len(words) > 3 else ""


def test_client_drops_a_server_that_never_answers_pings():
    pings = []

    def answer_once_then_go_silent(index, connection, sock):
        while True:
            for event in events(connection, sock):
                if isinstance(event, h2.events.DataReceived):
                    connection.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                    connection.send_headers(event.stream_id, [(":status", "200"), ("content-type", "application/grpc")])
                    connection.send_data(event.stream_id, b"\x00\x00\x00\x00\x00")
                    sock.sendall(connection.data_to_send())
                elif isinstance(event, h2.events.PingReceived):
                    pings.append(time.monotonic())  # and never acknowledged: h2's ack is not sent
                elif event is None:
                    return

    server = H2Server(answer_once_then_go_silent)
    watch = Watch(server.port, "--keepalive_time_ms", "200", "--keepalive_timeout_ms", "300")
    code, elapsed, message = watch.ended()
    server.close()
    assert code == "UNAVAILABLE" and "keepalive" in message, message
    assert pings, "the client should have pinged"
    # time + timeout after the last byte read (the response), with room for a busy machine.
    assert 450 <= elapsed <= 2500, elapsed


def test_server_drops_a_client_that_never_answers_pings():
    server = SwiftServer("echo-tool", "serve", "--keepalive_time_ms", "200", "--keepalive_timeout_ms", "300")
    try:
        client = RawClient(server.port)
        pinged = None
        for item in client.frames():
            if item.kind == SETTINGS and not item.flags & ACK:
                client.send(frame(SETTINGS, ACK, 0))
                silent_since = time.monotonic()
            elif item.kind == PING and not item.flags & ACK:
                pinged = item.at  # not answered
        closed = time.monotonic() - silent_since
        client.close()
        assert pinged is not None, "the server should have pinged"
        assert 0.45 <= closed <= 2.5, closed
    finally:
        assert server.stop() == 0
    assert "keepalive timeout" in server.stderr()


def test_a_client_pinging_too_often_gets_too_many_pings():
    server = SwiftServer("echo-tool", "serve")
    try:
        client = RawClient(server.port)
        stop = threading.Event()

        def pinger():
            while not stop.is_set():
                try:
                    client.ping()
                except OSError:
                    return
                time.sleep(0.02)

        threading.Thread(target=pinger, daemon=True).start()
        goaways = [item.goaway() for item in client.frames() if item.kind == GOAWAY]
        stop.set()
        client.close()
        assert goaways and goaways[-1][1:] == (ENHANCE_YOUR_CALM, b"too_many_pings"), goaways
    finally:
        assert server.stop() == 0
    assert "too many pings" in server.stderr()


def test_a_client_notices_a_stopped_server_within_time_and_timeout():
    server = SwiftServer("echo-tool", "serve", "--permit_keepalive_time_ms", "100")
    try:
        watch = Watch(server.port, "--keepalive_time_ms", "300", "--keepalive_timeout_ms", "400")
        os.kill(server.process.pid, signal.SIGSTOP)
        try:
            code, elapsed, message = watch.ended()
        finally:
            os.kill(server.process.pid, signal.SIGCONT)
        assert code == "UNAVAILABLE" and "keepalive" in message, message
        assert 650 <= elapsed <= 3000, elapsed
    finally:
        assert server.stop() == 0


def test_max_age_sends_two_goaways_around_a_ping_and_loses_no_stream():
    server = SwiftServer("echo-tool", "serve", "--max_connection_age_ms", "300", "--max_connection_age_grace_ms", "5000")
    try:
        client = RawClient(server.port)
        message = b"\x0a\x04slow\x18\xe8\x07"  # EchoRequest{text: "slow", delay_ms: 1000}
        client.request(1, "/swiftgrpc.test.Echo/Get", message)
        seen = []
        for item in client.frames():
            if item.kind == SETTINGS and not item.flags & ACK:
                client.send(frame(SETTINGS, ACK, 0))
            elif item.kind == PING and not item.flags & ACK:
                seen.append(("PING",))
                client.send(frame(PING, ACK, 0, item.payload))
            elif item.kind == GOAWAY:
                seen.append(("GOAWAY",) + item.goaway())
            elif item.kind == HEADERS and item.stream == 1:
                fields = client.headers(item)
                if "grpc-status" in fields:
                    seen.append(("STATUS", fields["grpc-status"]))
        client.close()
        assert seen[:2] == [("GOAWAY", 2**31 - 1, 0, b""), ("PING",)], seen
        assert ("GOAWAY", 1, 0, b"max_age") in seen and ("STATUS", "0") in seen, seen
        assert seen.index(("GOAWAY", 1, 0, b"max_age")) > 1
    finally:
        assert server.stop() == 0


def test_a_stream_refused_by_goaway_moves_to_a_new_connection():
    def refuse_first_connection(index, connection, sock):
        while True:
            received = events(connection, sock)
            if not received:
                return
            for event in received:
                if isinstance(event, h2.events.RequestReceived) and index == 0:
                    # Nothing processed: the client may send the call elsewhere.
                    connection.close_connection(error_code=0, last_stream_id=0)
                    sock.sendall(connection.data_to_send())
                    return
                if isinstance(event, h2.events.StreamEnded):
                    reply = helloworld_pb2.HelloReply(message=f"from connection {index}").SerializeToString()
                    respond(connection, sock, event.stream_id, reply)
            sock.sendall(connection.data_to_send())

    server = H2Server(refuse_first_connection)
    result = subprocess.run([swift_binary("greeter-client"), "--target", f"127.0.0.1:{server.port}"],
                            capture_output=True, text=True, timeout=60)
    server.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["from connection 1", "from connection 1"], result.stdout
    assert server.connections == 2
