#!/usr/bin/env python3
"""Instructions a server spends per RPC, counted by callgrind: stable where timings are not.

Runs each server under `valgrind --tool=callgrind` twice, with the C++ bench client driving
a workload for a short and a long time; the difference of the two totals over the difference
of the two operation counts is the cost of one more operation, with start-up, warm-up and
shut-down cancelled out.
Usage: instructions_per_op.py NAME=SERVER_BINARY ... [--workload W --size S] [--seconds A,B] [--tls]
"""
import argparse
import json
import pathlib
import re
import signal
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
CLIENT = HERE / ".build-cpp" / "bench_client"


def measure(server, workload, size, seconds, server_flags, client_flags):
    with tempfile.TemporaryDirectory() as directory:
        out = pathlib.Path(directory) / "callgrind.out"
        process = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", server, "--port", "0",
                                    *server_flags], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = process.stdout.readline().decode()
        if not line.startswith("READY"):
            raise RuntimeError(f"{server} did not start under valgrind: {line!r}")
        port = line.split()[1]
        result = subprocess.run([str(CLIENT), "--target", f"127.0.0.1:{port}", "--workload", workload, "--size", str(size),
                                 "--seconds", str(seconds), *client_flags], capture_output=True, timeout=seconds + 120)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        ops = json.loads(result.stdout.decode().strip().splitlines()[-1])["ops"]
        totals = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        return int(totals.group(1)), ops


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("servers", nargs="+", help="NAME=PATH of a bench server")
    parser.add_argument("--workload", default="unary-latency")
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--seconds", default="2,6")
    parser.add_argument("--server-flags", default="")
    parser.add_argument("--client-flags", default="")
    args = parser.parse_args()
    short, long = (int(s) for s in args.seconds.split(","))
    for entry in args.servers:
        name, path = entry.split("=", 1)
        i1, o1 = measure(path, args.workload, args.size, short, args.server_flags.split(), args.client_flags.split())
        i2, o2 = measure(path, args.workload, args.size, long, args.server_flags.split(), args.client_flags.split())
        per_op = (i2 - i1) / max(1, o2 - o1)
        print(f"{name:20} {args.workload} {args.size}: {per_op:,.0f} instructions/op ({o1} and {o2} ops)", flush=True)


if __name__ == "__main__":
    main()
