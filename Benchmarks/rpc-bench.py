#!/usr/bin/env python3
"""RPC benchmark driver: our stack (HTTP2Transport over nghttp2) against grpc-swift 2.

Runs every scenario for both stacks in the same invocation, alternating which goes first,
for several rounds; prints the median of each measure in a table, then one line per measure
`ratio NAME: X.XX`, oriented so that higher is better for us. See README.md.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
H2LOAD_HEADERS = ["-H", "content-type: application/grpc", "-H", "te: trailers"]
UNARY_PATH = "/bench.BenchService/Unary"
LATENCY_CPU = "0"  # server and client share this CPU where latency is measured
SIGSUSPEND_SOURCE = os.path.join(HERE, "writable-sigsuspend.c")


class BenchError(Exception):
    """A scenario failed: a server did not start, a client failed, a tool reported errors."""


def cpu_seconds(pid):
    """utime + stime of the process (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise BenchError(f"no VmRSS for {pid}")


class Server:
    """One benchmark server process; `pin` runs it under taskset on LATENCY_CPU; `wrapper`
    (valgrind) runs it with `env`, its stderr into the file `log`."""

    def __init__(self, binary, pin=False, wrapper=(), env=None, log=None):
        command = list(wrapper) + [binary, "server", "--port", "0"]
        if pin:
            command = ["taskset", "-c", LATENCY_CPU] + command
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, stderr=log)
        line = self.process.stdout.readline()
        match = re.match(r"listening (\d+)", line)
        if not match:
            self.stop()
            raise BenchError(f"{binary} server did not start: {line!r}")
        self.port = int(match.group(1))

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_client(binary, mode, port, pin=False, **options):
    command = [binary, mode, "--port", str(port)]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    if pin:
        command = ["taskset", "-c", LATENCY_CPU] + command
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed: {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def h2load(port, body, clients, streams, seconds, pin=False, requests=None):
    """Unary echoes from h2load; returns (requests/s, succeeded)."""
    command = ["h2load", "-c", str(clients), "-m", str(streams), "-d", body] + H2LOAD_HEADERS
    command += ["-n", str(requests)] if requests else ["-D", str(max(1, round(seconds)))]
    command.append(f"http://127.0.0.1:{port}{UNARY_PATH}")
    if pin:
        command = ["taskset", "-c", LATENCY_CPU] + command
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    finished = re.search(r"finished in ([\d.]+)(m?s), ([\d.]+) req/s", output)
    counts = re.search(r"requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored",
                       output)
    if not finished or not counts:
        raise BenchError(f"h2load output not understood:\n{output}")
    failed, errored = int(counts.group(4)), int(counts.group(5))
    if failed or errored:
        raise BenchError(f"h2load: {failed} failed, {errored} errored against port {port}")
    return float(finished.group(3)), int(counts.group(3))


def h2load_scenario(server, body, clients, streams, seconds, pin=False):
    before = cpu_seconds(server.pid)
    rate, succeeded = h2load(server.port, body, clients, streams, seconds, pin)
    spent = cpu_seconds(server.pid) - before
    return rate, spent * 1000 / max(succeeded, 1)


def one_round(stacks, body, seconds, results):
    for name, binary in stacks:
        record = results.setdefault(name, {})

        def add(measure, value):
            record.setdefault(measure, []).append(value)

        server = Server(binary)
        try:
            run_client(binary, "check", server.port)  # warm up, and fail early if broken
            rate, cpu = h2load_scenario(server, body, 4, 64, seconds)
            add("h2load c4 m64 req/s", rate)
            add("h2load c4 m64 server CPU s/1k req", cpu)
            for concurrency in (16, 64):
                load = run_client(binary, "unary", server.port, concurrency=concurrency, seconds=seconds)
                add(f"unary c={concurrency} calls/s", load["rate"])
                add(f"unary c={concurrency} p50 ms", load["p50_us"] / 1000)
                add(f"unary c={concurrency} p99 ms", load["p99_us"] / 1000)
            add("server-stream msgs/s",
                run_client(binary, "server-stream", server.port, seconds=seconds, messages=1000)["unit_rate"])
            add("client-stream msgs/s",
                run_client(binary, "client-stream", server.port, seconds=seconds, messages=1000)["unit_rate"])
            add("bidi ping-pong round trips/s",
                # 100 round trips per call, so that even a slow stack completes several calls in
                # the window (only completed calls count).
                run_client(binary, "bidi", server.port, seconds=seconds, messages=100)["unit_rate"])
            add("1 MiB unary MB/s",
                run_client(binary, "large", server.port, seconds=seconds, concurrency=2)["unit_rate"] / 1e6)
        finally:
            server.stop()

        pinned = Server(binary, pin=True)
        try:
            run_client(binary, "check", pinned.port, pin=True)
            rate, _ = h2load_scenario(pinned, body, 1, 1, seconds, pin=True)
            add("h2load c1 m1 req/s (pinned)", rate)
            load = run_client(binary, "unary", pinned.port, pin=True, concurrency=1, seconds=seconds)
            add("unary c=1 calls/s (pinned)", load["rate"])
            add("unary c=1 p50 ms (pinned)", load["p50_us"] / 1000)
            add("unary c=1 p99 ms (pinned)", load["p99_us"] / 1000)
        finally:
            pinned.stop()


def hold_open(binary, port, server_pid, connections, streams):
    """Server RSS growth per connection, and per stream when `streams` > 0, in KiB."""
    mode = "open-streams" if streams else "idle-connections"
    command = [binary, mode, "--port", str(port), "--connections", str(connections), "--streams", str(streams)]
    client = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        before = rss_kib(server_pid)
        if client.stdout.readline().strip() != "connected":
            raise BenchError(f"{mode} client did not connect")
        time.sleep(1)
        connected = rss_kib(server_pid)
        per_stream = None
        if streams:
            client.stdin.write("go\n")
            client.stdin.flush()
            if client.stdout.readline().strip() != "ready":
                raise BenchError("open-streams client did not open its streams")
            time.sleep(1)
            per_stream = (rss_kib(server_pid) - connected) / (connections * streams)
        client.stdin.write("done\n")
        client.stdin.flush()
        client.stdin.close()
        if client.wait(timeout=60) != 0:
            raise BenchError(f"{mode} client failed")
        return (connected - before) / connections, per_stream
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()


def memory(stacks, results):
    for name, binary in stacks:
        server = Server(binary)
        try:
            run_client(binary, "check", server.port)
            per_connection, _ = hold_open(binary, server.port, server.pid, 1000, 0)
            results[name]["server KiB per idle connection"] = [per_connection]
        finally:
            server.stop()
        server = Server(binary)
        try:
            run_client(binary, "check", server.port)
            _, per_stream = hold_open(binary, server.port, server.pid, 100, 100)
            results[name]["server KiB per open stream"] = [per_stream]
        finally:
            server.stop()


def first_tool(*names):
    """The path of the first of `names` found on PATH."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    raise BenchError(f"none of {', '.join(names)} on PATH")


def valgrind_ready(binary, workdir):
    """(executable, environment) that valgrind 3.19 runs to the end; both stacks need both
    (README.md, "Instructions per call"). The executable is a copy without its DWARF
    sections, which valgrind's reader gives up on in grpc-swift-bench (code, data and
    symbol table are unchanged); the environment preloads writable-sigsuspend.c, without
    which valgrind aborts as soon as libdispatch parks the main thread."""
    copy = os.path.join(workdir, os.path.basename(binary))
    subprocess.run([first_tool("llvm-objcopy", "objcopy"), "--strip-debug", binary, copy], check=True)
    preload = os.path.join(workdir, "writable-sigsuspend.so")
    subprocess.run([first_tool("clang", "cc"), "-O2", "-shared", "-fPIC", "-o", preload, SIGSUSPEND_SOURCE],
                   check=True)
    return copy, dict(os.environ, LD_PRELOAD=preload)


def valgrind_complaint(log_path):
    """The line of valgrind's log that says why it stopped, for the error message."""
    with open(log_path, errors="replace") as log:
        lines = [line.strip() for line in log if line.strip()]
    for line in lines:
        if "INTERNAL ERROR" in line or "can't recover" in line or "unhandled instruction" in line:
            return line
    return lines[-1] if lines else "(valgrind wrote nothing)"


def instructions_per_call(binary, body, calls, keep=None):
    """Server instructions per unary call under callgrind (all threads): counters zeroed
    after a warm-up, dumped after `calls` h2load calls."""
    with tempfile.TemporaryDirectory(prefix="rpcbench-callgrind.") as workdir:
        executable, env = valgrind_ready(binary, workdir)
        # Fixed hash seeds: a set or dictionary of strings costs the same on every run.
        env = dict(env, SWIFT_DETERMINISTIC_HASHING="1")
        out = os.path.join(workdir, "callgrind.out")
        log_path = os.path.join(workdir, "valgrind.log")
        with open(log_path, "w") as log:
            try:
                server = Server(executable, env=env, log=log,
                                wrapper=["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"])
            except BenchError as error:
                raise BenchError(f"{error}; valgrind: {valgrind_complaint(log_path)}") from None
            try:
                h2load(server.port, body, 1, 8, None, requests=200)
                subprocess.run(["callgrind_control", "-z", str(server.pid)], capture_output=True, check=True)
                h2load(server.port, body, 1, 8, None, requests=calls)
                subprocess.run(["callgrind_control", "-d", str(server.pid)], capture_output=True, check=True)
            finally:
                server.stop()
        dump = out + ".1"  # the first dump on request; `out` itself is the one written at exit
        if not os.path.exists(dump):
            raise BenchError(f"callgrind wrote no dump; valgrind: {valgrind_complaint(log_path)}")
        with open(dump) as lines:
            total = next((int(line.split()[1]) for line in lines if line.startswith(("summary:", "totals:"))), None)
        if total is None:
            raise BenchError(f"no instruction total in {dump}")
        if keep:
            shutil.copyfile(dump, keep)
    return total / calls


def client_instructions_per_call(binary, calls, concurrency=64):
    """Client instructions per unary call under callgrind (all threads), the difference of a
    run of `calls` + 1,000 calls and one of 1,000, divided by `calls`, so that start-up, the
    connection and the shutdown cancel out. The server runs outside valgrind."""
    with tempfile.TemporaryDirectory(prefix="rpcbench-callgrind.") as workdir:
        executable, env = valgrind_ready(binary, workdir)
        env = dict(env, SWIFT_DETERMINISTIC_HASHING="1")  # as for the server
        server = Server(binary)
        try:
            totals = []
            for count in (1000, calls + 1000):
                log_path = os.path.join(workdir, "valgrind.log")
                command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log_path}",
                           executable, "unary", "--port", str(server.port), "--concurrency", str(concurrency),
                           "--calls", str(count), "--warmup", "0"]
                done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
                with open(log_path, errors="replace") as log:
                    collected = re.search(r"Collected : *(\d+)", log.read())
                if done.returncode != 0 or not collected:
                    raise BenchError(f"client under callgrind failed: {valgrind_complaint(log_path)} "
                                     f"{done.stderr.strip()[-300:]}")
                totals.append(int(collected.group(1)))
        finally:
            server.stop()
    return (totals[1] - totals[0]) / calls


def cross_stack(stacks, seconds):
    """Each client against the other stack's server: the check, then unary c=16."""
    lines = []
    for client_name, client_binary in stacks:
        for server_name, server_binary in stacks:
            if client_name == server_name:
                continue
            server = Server(server_binary)
            try:
                run_client(client_binary, "check", server.port)
                load = run_client(client_binary, "unary", server.port, concurrency=16, seconds=seconds)
                lines.append(f"{client_name} client -> {server_name} server: check ok, "
                             f"unary c=16 {load['rate']:,.0f} calls/s, p99 {load['p99_us'] / 1000:.2f} ms")
            finally:
                server.stop()
    return lines


HIGHER_IS_BETTER = ("req/s", "calls/s", "msgs/s", "round trips/s", "MB/s")
RATIOS = [
    ("h2load unary c4 m64", "h2load c4 m64 req/s"),
    ("h2load server CPU per call", "h2load c4 m64 server CPU s/1k req"),
    ("h2load unary c1 m1", "h2load c1 m1 req/s (pinned)"),
    ("unary c=1 calls/s", "unary c=1 calls/s (pinned)"),
    ("unary c=1 p50", "unary c=1 p50 ms (pinned)"),
    ("unary c=16 calls/s", "unary c=16 calls/s"),
    ("unary c=64 calls/s", "unary c=64 calls/s"),
    ("unary c=64 p99", "unary c=64 p99 ms"),
    ("server-stream", "server-stream msgs/s"),
    ("client-stream", "client-stream msgs/s"),
    ("bidi ping-pong", "bidi ping-pong round trips/s"),
    ("1 MiB unary", "1 MiB unary MB/s"),
    ("memory per idle connection", "server KiB per idle connection"),
    ("memory per open stream", "server KiB per open stream"),
    ("instructions per unary call", "server instructions per unary call"),
    ("client instructions per unary call", "client instructions per unary call"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--callgrind-calls", type=int, default=1000)
    parser.add_argument("--client-callgrind-calls", type=int, default=4000)
    parser.add_argument("--bin", default=os.path.join(HERE, ".build", "release"),
                        help="directory of both executables")
    parser.add_argument("--our-bin", help="our-rpc-bench, when not in --bin")
    parser.add_argument("--only", choices=["ours", "grpc-swift"], help="run one stack (no ratios)")
    parser.add_argument("--keep-profile", help="keep our server's callgrind dump at this path")
    parser.add_argument("--instructions-only", action="store_true",
                        help="measure only instructions per unary call, server and client (callgrind)")
    options = parser.parse_args()

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    wanted = 65536 if hard == resource.RLIM_INFINITY else min(65536, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    stacks = [("ours", options.our_bin or os.path.join(options.bin, "our-rpc-bench")),
              ("grpc-swift", os.path.join(options.bin, "grpc-swift-bench"))]
    if options.only:
        stacks = [stack for stack in stacks if stack[0] == options.only]
    names = [name for name, _ in stacks]
    started = time.time()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    if not options.instructions_only:
        print(f"{options.rounds} rounds x {options.seconds:g} s per scenario, stacks alternate; median shown; "
              f"latency scenarios pinned to CPU {LATENCY_CPU} (server and client)")
    body = tempfile.mktemp(prefix="rpcbench-request.", suffix=".bin")
    subprocess.run([options.our_bin or os.path.join(options.bin, "our-rpc-bench"), "request-body", "--out", body],
                   check=True)

    results = {name: {} for name in names}
    cross = []
    try:
        if not options.instructions_only:
            for round_index in range(options.rounds):
                order = stacks if round_index % 2 == 0 else list(reversed(stacks))
                one_round(order, body, options.seconds, results)
            memory(stacks, results)
        for name, binary in stacks:
            keep = options.keep_profile if name == "ours" else None
            try:
                results[name]["server instructions per unary call"] = [
                    instructions_per_call(binary, body, options.callgrind_calls, keep)]
            except (BenchError, subprocess.CalledProcessError) as error:
                print(f"instructions for {name}: not measured: {str(error).splitlines()[0]}")
            try:
                results[name]["client instructions per unary call"] = [
                    client_instructions_per_call(binary, options.client_callgrind_calls)]
            except (BenchError, subprocess.CalledProcessError) as error:
                print(f"client instructions for {name}: not measured: {str(error).splitlines()[0]}")
        if not options.instructions_only:
            cross = cross_stack(stacks, options.seconds)
    finally:
        os.remove(body)

    measures = [measure for measure in results[names[0]] if all(measure in results[name] for name in names)]
    print()
    print(f"{'measure':44} " + " ".join(f"{name:>14}" for name in names))
    for measure in measures:
        row = [statistics.median(results[name][measure]) for name in names]
        print(f"{measure:44} " + " ".join(f"{value:>14,.3f}" if value < 100 else f"{value:>14,.0f}"
                                          for value in row))
    print()
    for line in cross:
        print(line)
    print(f"load average {os.getloadavg()[0]:.2f} at end, {time.time() - started:.0f} s in all")
    print()
    if len(names) < 2:
        return
    for label, measure in RATIOS:
        if options.instructions_only and measure not in measures:
            continue
        if measure not in measures:
            print(f"ratio {label}: n/a")
            continue
        ours, theirs = (statistics.median(results[name][measure]) for name in names)
        if ours == 0 or theirs == 0:
            print(f"ratio {label}: n/a (a stack measured 0: ours {ours}, theirs {theirs})")
            continue
        higher_better = any(unit in measure for unit in HIGHER_IS_BETTER)
        ratio = ours / theirs if higher_better else theirs / ours
        print(f"ratio {label}: {ratio:.2f}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        print(f"rpc-bench: {error}", file=sys.stderr)
        sys.exit(1)
