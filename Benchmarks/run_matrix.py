#!/usr/bin/env python3
"""The RPC benchmark matrix: {our, grpc-swift-2, C++} clients x {our, grpc-swift-2, C++} servers.

Every cell is the median of RUNS runs of SECONDS seconds (after the client's 1 s warm-up).
Prints Markdown tables (ops/s, p99, ratios ours/theirs) and writes the raw results as JSON.

--tls runs the TLS workloads (unary-qps, pingpong, 64 KiB stream) between our and gRPC C++'s
servers and clients instead, with a test CA made here by the openssl CLI. --baseline DIR adds
"swiftgrpc-before": bench-server and bench-client built from an earlier commit into DIR, to
show that a change costs the plaintext figures nothing.
Usage: run_matrix.py [--seconds T] [--runs N] [--json FILE] [--tls] [--baseline DIR] [--impls a,b]
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
SERVERS = {
    "swiftgrpc": [str(ROOT / ".build/release/bench-server")],
    "grpc-swift-2": [str(HERE / ".build/release/GRPCSwiftBenchServer")],
    "grpc-cpp": [str(HERE / ".build-cpp/bench_server")],
}
CLIENTS = {
    "swiftgrpc": [str(ROOT / ".build/release/bench-client")],
    "grpc-swift-2": [str(HERE / ".build/release/GRPCSwiftBenchClient")],
    "grpc-cpp": [str(HERE / ".build-cpp/bench_client")],
}
WORKLOADS = [
    ("unary-latency", 0), ("unary-latency", 1024), ("unary-qps", 0), ("pingpong", 0),
    ("stream-from-server", 1024), ("stream-from-server", 65536),
]
TLS_WORKLOADS = [("unary-qps", 0), ("pingpong", 0), ("stream-from-server", 65536)]
# Filled by --tls: the flags each side adds.
SERVER_FLAGS, CLIENT_FLAGS = [], []


def make_tls_credentials(directory):
    """A test CA and a certificate for localhost and 127.0.0.1 (EC P-256), with openssl."""
    directory.mkdir(parents=True, exist_ok=True)
    run = lambda *args: subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.pem", "-days", "2", "-subj", "/CN=bench CA")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=localhost")
    (directory / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
        "-days", "2", "-extfile", "san.ext")
    SERVER_FLAGS.extend(["--tls_cert_file", str(directory / "server.pem"), "--tls_key_file", str(directory / "server.key")])
    CLIENT_FLAGS.extend(["--tls_ca_file", str(directory / "ca.pem"), "--server_host_override", "localhost"])


class Server:
    def __init__(self, name):
        self.process = subprocess.Popen(SERVERS[name] + ["--port", "0"] + SERVER_FLAGS, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        line = self.process.stdout.readline().decode()
        if not line.startswith("READY"):
            raise RuntimeError(f"{name} server did not start: {line!r}")
        self.port = int(line.split()[1])

    def peak_rss_kib(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def run_client(client, port, workload, size, seconds):
    command = CLIENTS[client] + ["--target", f"127.0.0.1:{port}", "--workload", workload, "--size", str(size),
                                 "--seconds", str(seconds)] + CLIENT_FLAGS
    if workload == "unary-qps":
        command += ["--concurrency", "64"]
    try:
        result = subprocess.run(command, capture_output=True, timeout=seconds + 30)
    except subprocess.TimeoutExpired:
        print(f"# {client} timed out on {workload} {size}", flush=True)
        return None
    if result.returncode != 0:
        print(f"# {client} failed on {workload} {size}: {result.stderr.decode()[-200:]}", flush=True)
        return None
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def median_of(results, key):
    values = [r[key] for r in results if r and key in r]
    return statistics.median(values) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", default=str(HERE / ".build/matrix.json"))
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--baseline")
    parser.add_argument("--impls", help="comma-separated implementations to include (default: all)")
    args = parser.parse_args()
    global WORKLOADS
    if args.baseline:
        SERVERS["swiftgrpc-before"] = [str(pathlib.Path(args.baseline) / "bench-server")]
        CLIENTS["swiftgrpc-before"] = [str(pathlib.Path(args.baseline) / "bench-client")]
    if args.tls:
        # grpc-swift-2's bench tools speak plaintext only.
        for table in (SERVERS, CLIENTS):
            table.pop("grpc-swift-2", None)
        make_tls_credentials(HERE / ".build" / "tls")
        WORKLOADS = TLS_WORKLOADS
    if args.impls:
        keep = args.impls.split(",")
        for table in (SERVERS, CLIENTS):
            for name in list(table):
                if name not in keep:
                    del table[name]

    cells = {}
    for server_name in SERVERS:
        server = Server(server_name)
        try:
            for workload, size in WORKLOADS:
                for client_name in CLIENTS:
                    runs = [run_client(client_name, server.port, workload, size, args.seconds) for _ in range(args.runs)]
                    cells[(server_name, client_name, workload, size)] = runs
                    ops = median_of(runs, "ops_per_s")
                    print(f"# {server_name:13} <- {client_name:13} {workload:18} {size:6}: {ops}", flush=True)
        finally:
            server.stop()

    # Peak RSS of each server under unary-qps from the C++ client (a fresh process each).
    rss = {}
    for server_name in SERVERS if "grpc-cpp" in CLIENTS else []:
        server = Server(server_name)
        try:
            run_client("grpc-cpp", server.port, "unary-qps", 0, args.seconds)
            rss[server_name] = server.peak_rss_kib()
        finally:
            server.stop()

    pathlib.Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.json).write_text(json.dumps({
        "seconds": args.seconds, "runs": args.runs, "peak_rss_kib": rss,
        "cells": [{"server": k[0], "client": k[1], "workload": k[2], "size": k[3], "runs": v} for k, v in cells.items()],
    }, indent=1))
    print(report(cells, rss, args))


def report(cells, rss, args):
    names = list(SERVERS)
    lines = [f"Medians of {args.runs} runs of {args.seconds} s each (after a 1 s warm-up){' over TLS 1.3' if args.tls else ''}; "
             "rows are servers, columns clients.", ""]
    for workload, size in WORKLOADS:
        key = "mb_per_s" if workload == "stream-from-server" else "ops_per_s"
        lines.append(f"### {workload}, {size} B ({'MB/s' if key == 'mb_per_s' else 'calls/s'}; p99 µs where measured)")
        lines.append("")
        lines.append("| server \\ client | " + " | ".join(names) + " |")
        lines.append("| --- |" + " ---: |" * len(names))
        for server in names:
            row = []
            for client in names:
                runs = cells.get((server, client, workload, size), [])
                value = median_of(runs, key)
                p99 = median_of(runs, "p99_us")
                text = "failed" if value is None else f"{value:,.0f}" + (f" (p99 {p99:,.0f})" if p99 is not None else "")
                row.append(text)
            lines.append(f"| {server} | " + " | ".join(row) + " |")
        lines.append("")
        ratios = []
        for theirs in names[1:]:
            ours_server = [median_of(cells.get(("swiftgrpc", c, workload, size), []), key) for c in names]
            their_server = [median_of(cells.get((theirs, c, workload, size), []), key) for c in names]
            pairs = [(a, b) for a, b in zip(ours_server, their_server) if a and b]
            if pairs:
                ratios.append(f"our server / {theirs} server, same clients: " + ", ".join(f"{a / b:.2f}×" for a, b in pairs))
            ours_clients = [median_of(cells.get((server, "swiftgrpc", workload, size), []), key) for server in names]
            their_clients = [median_of(cells.get((server, theirs, workload, size), []), key) for server in names]
            pairs = [(a, b) for a, b in zip(ours_clients, their_clients) if a and b]
            if pairs:
                ratios.append(f"our client / {theirs} client, same servers: " + ", ".join(f"{a / b:.2f}×" for a, b in pairs))
            ours_client = median_of(cells.get(("swiftgrpc", "swiftgrpc", workload, size), []), key)
            their_client = median_of(cells.get((theirs, theirs, workload, size), []), key)
            if ours_client and their_client:
                ratios.append(f"ours end to end / {theirs} end to end: {ours_client / their_client:.2f}×")
        lines += [f"- {r}" for r in ratios] + [""]
    lines.append("### Peak RSS of each server under unary-qps (C++ client, 64 in flight)")
    lines.append("")
    lines += [f"- {name}: {kib / 1024:.1f} MiB" for name, kib in rss.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
