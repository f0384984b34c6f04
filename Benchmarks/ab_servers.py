#!/usr/bin/env python3
"""Two or more bench servers against one client (or, with --vary client, clients against one
server), in interleaved rounds shuffled each round, so that the machine's drift over time falls
on all of them alike: medians and the per-round ratio of each to the first. For questions like
"did this change slow the server down?", which a matrix run end to end cannot answer here.
Usage: ab_servers.py NAME=BINARY ... [--vary server|client] [--client PATH] [--server PATH]
                     [--workload W --size S] [--rounds N] [--seconds T] [--tls]
"""
import argparse
import json
import random
import statistics
import subprocess

import run_matrix
from run_matrix import HERE


def run(server, client, workload, size, seconds, concurrency):
    process = subprocess.Popen([server, "--port", "0"] + run_matrix.SERVER_FLAGS, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        port = process.stdout.readline().decode().split()[1]
        command = [client, "--target", f"127.0.0.1:{port}", "--workload", workload, "--size", str(size), "--seconds", str(seconds)]
        command += run_matrix.CLIENT_FLAGS
        if concurrency:
            command += ["--concurrency", str(concurrency)]
        result = subprocess.run(command, capture_output=True, timeout=seconds + 30)
        line = json.loads(result.stdout.decode().strip().splitlines()[-1])
        return line["mb_per_s"] if workload == "stream-from-server" else line["ops_per_s"]
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("servers", nargs="+")
    parser.add_argument("--vary", choices=["server", "client"], default="server")
    parser.add_argument("--client", default=str(HERE / ".build-cpp" / "bench_client"))
    parser.add_argument("--server", default=str(HERE / ".build-cpp" / "bench_server"))
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--workload", default="unary-qps")
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--concurrency", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=2)
    args = parser.parse_args()
    binaries = dict(entry.split("=", 1) for entry in args.servers)
    names = list(binaries)
    if args.tls:
        run_matrix.make_tls_credentials(HERE / ".build" / "tls")
    results = {name: [] for name in names}
    for _ in range(args.rounds):
        order = names[:]
        random.shuffle(order)
        for name in order:
            server, client = (binaries[name], args.client) if args.vary == "server" else (args.server, binaries[name])
            results[name].append(run(server, client, args.workload, args.size, args.seconds, args.concurrency))
    first = names[0]
    for name in names:
        ratios = [b / a for a, b in zip(results[first], results[name]) if a]
        print(f"{args.workload} {args.size} {name:18} median {statistics.median(results[name]):12,.1f}   "
              f"per-round ratio to {first}: median {statistics.median(ratios):.2f} "
              f"(range {min(ratios):.2f}-{max(ratios):.2f})", flush=True)


if __name__ == "__main__":
    main()
