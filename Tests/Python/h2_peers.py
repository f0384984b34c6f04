"""Raw HTTP/2 peers for tests that need a peer misbehaving on purpose (never answering pings,
pinging too often) or that watch the frames themselves (the two GOAWAYs of a graceful close)."""
import socket
import struct
import threading
import time

import h2.config
import h2.connection
import h2.events
import hpack

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, HEADERS, RST_STREAM, SETTINGS, PING, GOAWAY = 0x0, 0x1, 0x3, 0x4, 0x6, 0x7
ACK, END_STREAM, END_HEADERS = 0x1, 0x1, 0x4


def grpc_message(payload=b""):
    return b"\x00" + struct.pack(">I", len(payload)) + payload


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


class Frame:
    def __init__(self, kind, flags, stream, payload, at):
        self.kind, self.flags, self.stream, self.payload, self.at = kind, flags, stream, payload, at

    def goaway(self):
        last, code = struct.unpack(">II", self.payload[:8])
        return last & 0x7FFFFFFF, code, self.payload[8:]


class RawClient:
    """An HTTP/2 client made of frames: it answers nothing by itself, so a test decides what
    the server hears (a SETTINGS ack, PING acks, pings of its own)."""

    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buffer = b""
        self.encoder = hpack.Encoder()
        self.decoder = hpack.Decoder()
        self.sock.sendall(PREFACE + frame(SETTINGS, 0, 0))

    def send(self, data):
        self.sock.sendall(data)

    def ping(self, payload=b"12345678"):
        self.send(frame(PING, 0, 0, payload))

    def request(self, stream, path, message=b"", end=True):
        block = self.encoder.encode([(":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
                                     ("content-type", "application/grpc"), ("te", "trailers")])
        self.send(frame(HEADERS, END_HEADERS, stream, block) + frame(DATA, END_STREAM if end else 0, stream, grpc_message(message)))

    def next_frame(self):
        """The next frame, or None at the end of the connection."""
        while len(self.buffer) < 9 or len(self.buffer) < 9 + int.from_bytes(self.buffer[:3], "big"):
            try:
                chunk = self.sock.recv(65536)
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                return None
            self.buffer += chunk
        length = int.from_bytes(self.buffer[:3], "big")
        header, payload = self.buffer[:9], self.buffer[9:9 + length]
        self.buffer = self.buffer[9 + length:]
        return Frame(header[3], header[4], struct.unpack(">I", header[5:9])[0] & 0x7FFFFFFF, payload, time.monotonic())

    def frames(self):
        while (item := self.next_frame()) is not None:
            yield item

    def headers(self, item):
        return dict(self.decoder.decode(item.payload))

    def close(self):
        self.sock.close()


class H2Server:
    """An HTTP/2 server on loopback (python-h2) whose behaviour a test supplies per connection:
    `handle(index, connection, sock)` runs in a thread for each accepted connection."""

    def __init__(self, handle):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.handle = handle
        self.connections = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            index = self.connections
            self.connections += 1
            connection = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
            connection.initiate_connection()
            sock.sendall(connection.data_to_send())
            threading.Thread(target=self._run, args=(index, connection, sock), daemon=True).start()

    def _run(self, index, connection, sock):
        try:
            self.handle(index, connection, sock)
        except OSError:
            pass
        finally:
            sock.close()

    def close(self):
        self.listener.close()


def events(connection, sock):
    """The h2 events of what arrives next on `sock`, [] at the end of the connection."""
    data = sock.recv(65536)
    return connection.receive_data(data) if data else []


def respond(connection, sock, stream, message=b""):
    connection.send_headers(stream, [(":status", "200"), ("content-type", "application/grpc")])
    connection.send_data(stream, grpc_message(message))
    connection.send_headers(stream, [("grpc-status", "0")], end_stream=True)
    sock.sendall(connection.data_to_send())
