#!/usr/bin/env python3
"""Load test of the packaged service (issue 13): serving under training, many event streams, two nodes.

Needs the packaged jar (``./mvnw -q -DskipTests package``), ``wrk`` and ``curl`` (Debian packages), the Fashion-MNIST
IDX files (Debian ``dataset-fashion-mnist``) and, for the two-node part, the local PostgreSQL (trust auth as user
``postgres`` on 127.0.0.1:5432). Run from the project root::

    python3 src/test/load/load.py            # all parts, 60 s wrk runs
    python3 src/test/load/load.py --duration 20 --parts serving,streams

Each measurement is printed as one JSON line; the last line is a summary with the checks of issue 13:
single-row encode while a training job runs keeps >= 70 % of the idle throughput with p99 < 50 ms; 1,000 open event
streams do not slow another client's requests; two nodes under the same load lose no job and no dataset.
Nodes run in API_KEY mode (the compose set-up) with the bootstrap admin key, so every request is authenticated; the
per-key rate limit is raised out of the way, since wrk sends far more than one client's fair share on purpose.
"""
import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

FASHION = "/usr/share/datasets/fashion-mnist"
ADMIN_KEY = "hg_load_" + secrets.token_hex(16)


def cpu_family():
    for line in open("/proc/cpuinfo"):
        if line.startswith("cpu family"):
            return int(line.split(":")[1])
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    def __init__(self, name, jar, workdir, db_args, extra=()):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        command = [java, "--add-modules", "jdk.incubator.vector", "-Xmx4g", "-jar", jar,
                   f"--server.port={self.port}", f"--hourglass.workers.node-name={name}",
                   "--hourglass.security.mode=API_KEY", f"--hourglass.security.admin-key={ADMIN_KEY}",
                   "--hourglass.rate-limit.requests-per-second=1000000", "--hourglass.rate-limit.burst=1000000",
                   *db_args, *extra]
        self.log = open(os.path.join(workdir, name + ".log"), "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            self._await_ready()
        except BaseException:
            self.stop()
            raise

    def _await_ready(self):
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited at start; see {self.log.name}")
            try:
                if urllib.request.urlopen(self.base + "/actuator/health/readiness", timeout=2).status == 200:
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.5)
        raise SystemExit(f"{self.name} not ready after 180 s; see {self.log.name}")

    def call(self, method, path, body=None, form=None, expect=(200, 201, 202, 204)):
        command = ["curl", "-sS", "-X", method, "-H", f"Authorization: Bearer {ADMIN_KEY}", "-w", "\n%{http_code}"]
        if body is not None:
            command += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
        for key, value in (form or {}).items():
            command += ["-F", f"{key}={value}"]
        out = subprocess.run(command + [self.base + path], input=json.dumps(body) if body is not None else None,
                             capture_output=True, text=True, check=True).stdout
        text, status = out.rsplit("\n", 1)
        if int(status) not in expect:
            raise SystemExit(f"{method} {path} on {self.name}: {status} {text[:500]}")
        return json.loads(text) if text.strip() else None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def upload_idx(node, images, name):
    return node.call("POST", "/api/v1/datasets", form={"file": "@" + images, "name": name, "format": "idx"})["id"]


def submit(node, dataset, epochs, name, threads_hint=None):
    spec = {"datasetId": dataset, "name": name, "variant": "BASIC", "encoder": [256, 64],
            "activation": "RELU", "outputActivation": "SIGMOID", "loss": "MSE", "normalization": "MINMAX",
            "training": {"epochs": epochs, "batchSize": 128, "optimizer": "ADAM", "learningRate": 0.001, "seed": 1}}
    return node.call("POST", "/api/v1/jobs", body=spec)["id"]


def wait_for(node, job, statuses, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        view = node.call("GET", f"/api/v1/jobs/{job}")
        if view["status"] in statuses:
            return view
        time.sleep(0.5)
    raise SystemExit(f"job {job} not {statuses} after {timeout} s")


def train_model(node, dataset):
    job = submit(node, dataset, 1, "load-target")
    view = wait_for(node, job, {"SUCCEEDED", "FAILED", "CANCELLED"})
    if view["status"] != "SUCCEEDED":
        raise SystemExit(f"the target model's job ended {view['status']}: {view.get('error')}")
    return view["modelId"]


def wrk(bases, model, duration, connections, workdir):
    """Single-row encode on each base URL at once; returns one result per base."""
    script = os.path.join(workdir, "encode.lua")
    row = [round((i % 17) / 17.0, 3) for i in range(784)]
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\n')
        f.write(f"wrk.body = '{json.dumps({'instances': [row]})}'\n")
        f.write('wrk.headers["Content-Type"] = "application/json"\n')
        f.write(f'wrk.headers["Authorization"] = "Bearer {ADMIN_KEY}"\n')
    runs = [subprocess.Popen(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script,
                              f"{base}/api/v1/models/{model}/encode"], stdout=subprocess.PIPE, text=True)
            for base in bases]
    return [parse_wrk(run.communicate()[0]) for run in runs]


def parse_wrk(text):
    def millis(value):
        number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    result = {"requestsPerSec": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        result[f"p{pct}Ms"] = round(millis(re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M).group(1)), 3)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket_errors = re.search(r"Socket errors: (.*)", text)
    result["non2xx"] = int(errors.group(1)) if errors else 0
    result["socketErrors"] = socket_errors.group(1) if socket_errors else ""
    return result


class Streams:
    """Event-stream clients on raw sockets, in one asyncio loop on its own thread; each reads and discards."""

    def __init__(self, port, paths):
        self.statuses = []
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.tasks = []
        threading.Thread(target=self._run, args=(port, paths), daemon=True).start()
        if not self.ready.wait(120):
            raise SystemExit("event streams did not all open within 120 s")

    def _run(self, port, paths):
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._open_all(port, paths))
        self.ready.set()
        self.loop.run_forever()

    async def _open_all(self, port, paths):
        opened = await asyncio.gather(*(self._open(port, path) for path in paths))
        self.tasks = [self.loop.create_task(self._drain(reader)) for reader, _ in opened]
        self.writers = [writer for _, writer in opened]

    async def _open(self, port, path):
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        writer.write((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                      f"Authorization: Bearer {ADMIN_KEY}\r\n\r\n").encode())
        await writer.drain()
        status = (await reader.readline()).decode().split(" ")
        self.statuses.append(int(status[1]) if len(status) > 1 else 0)
        return reader, writer

    @staticmethod
    async def _drain(reader):
        while await reader.read(65536):
            pass

    def close(self):
        async def shut():
            for writer in self.writers:
                writer.close()
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shut(), self.loop).result(60)
        self.loop.call_soon_threadsafe(self.loop.stop)


def emit(record):
    print(json.dumps(record), flush=True)
    return record


def serving_and_streams(args, jar, workdir, parts):
    results = {}
    node = Node("load-1", jar, workdir, [f"--spring.datasource.url=jdbc:h2:file:{workdir}/h2/hourglass"])
    try:
        small = upload_idx(node, f"{FASHION}/t10k-images-idx3-ubyte.gz", "fmnist-test")
        large = upload_idx(node, f"{FASHION}/train-images-idx3-ubyte.gz", "fmnist-train")
        model = train_model(node, small)
        wrk([node.base], model, 5, args.connections, workdir)  # warm-up: JIT, model cache
        idle = emit({"load": "encode", "training": False, "streams": 0, "seconds": args.duration,
                     **wrk([node.base], model, args.duration, args.connections, workdir)[0]})
        training = submit(node, large, 10000, "load-training")
        wait_for(node, training, {"RUNNING"})
        time.sleep(5)
        busy = emit({"load": "encode", "training": True, "streams": 0, "seconds": args.duration,
                     **wrk([node.base], model, args.duration, args.connections, workdir)[0]})
        results["serving"] = {
            "idleRequestsPerSec": idle["requestsPerSec"], "trainingRequestsPerSec": busy["requestsPerSec"],
            "ratio": round(busy["requestsPerSec"] / idle["requestsPerSec"], 3), "trainingP99Ms": busy["p99Ms"],
            "errors": idle["non2xx"] + busy["non2xx"],
            "pass": busy["requestsPerSec"] >= 0.7 * idle["requestsPerSec"] and busy["p99Ms"] < 50
                    and idle["non2xx"] + busy["non2xx"] == 0}
        if "streams" in parts:
            # A node holds hourglass.limits.max-event-streams (1,000) streams, at most 100 per job: the running job
            # and nine queued behind it (pool-size 1) take them between them.
            queued = [submit(node, small, 5, f"load-queued-{i}") for i in range(9)]
            watched = [training, *queued]
            seconds = max(10, args.duration // 3)
            before = emit({"load": "encode", "training": True, "streams": 0, "seconds": seconds,
                           **wrk([node.base], model, seconds, args.connections, workdir)[0]})
            paths = [f"/api/v1/jobs/{watched[i % len(watched)]}/events" for i in range(args.streams)]
            streams = Streams(node.port, paths)
            opened = sum(1 for s in streams.statuses if s == 200)
            during = emit({"load": "encode", "training": True, "streams": opened, "seconds": seconds,
                           **wrk([node.base], model, seconds, args.connections, workdir)[0]})
            streams.close()
            results["streams"] = {
                "requested": args.streams, "opened": opened,
                "requestsPerSecWithout": before["requestsPerSec"], "requestsPerSecWith": during["requestsPerSec"],
                "p99MsWithout": before["p99Ms"], "p99MsWith": during["p99Ms"],
                "pass": opened == args.streams and during["non2xx"] == 0
                        and during["requestsPerSec"] >= 0.8 * before["requestsPerSec"] and during["p99Ms"] < 50}
            for job in queued:
                node.call("POST", f"/api/v1/jobs/{job}/cancel", expect=(202, 409))
        node.call("POST", f"/api/v1/jobs/{training}/cancel", expect=(202, 409))
    finally:
        node.stop()
    return results


def two_nodes(args, jar, workdir):
    database = "hourglass_load_" + secrets.token_hex(4)
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run(psql + [f"create database {database}"], check=True)
    db_args = [f"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/{database}",
               "--spring.datasource.username=postgres", "--spring.datasource.password=",
               "--hourglass.workers.pool-size=1", "--hourglass.workers.threads-per-job=1"]
    nodes = []
    try:
        for name in ("load-a", "load-b"):
            nodes.append(Node(name, jar, workdir, db_args))
        small = upload_idx(nodes[0], f"{FASHION}/t10k-images-idx3-ubyte.gz", "fmnist-test")
        model = train_model(nodes[0], small)
        jobs, datasets, results = [], [], []
        load = threading.Thread(target=lambda: results.append(
            wrk([n.base for n in nodes], model, args.duration, args.connections // 2, workdir)))
        load.start()
        for i in range(args.two_node_jobs):
            node = nodes[i % 2]
            rows = [[(i * 7 + r * 3 + c) % 11 / 10.0 for c in range(8)] for r in range(64)]
            datasets.append(node.call("POST", "/api/v1/datasets",
                                      body={"name": f"load-{i}", "rows": rows})["id"])
            jobs.append(submit(node, small if i % 2 == 0 else datasets[-1], 2, f"load-{i}"))
            time.sleep(args.duration / max(1, args.two_node_jobs))
        load.join()
        ends = [wait_for(nodes[i % 2], job, {"SUCCEEDED", "FAILED", "CANCELLED"}, timeout=900)
                for i, job in enumerate(jobs)]
        missing = []
        for dataset in datasets:
            for n in nodes:
                view = n.call("GET", f"/api/v1/datasets/{dataset}", expect=(200, 404))
                if not view or view.get("id") != dataset:
                    missing.append((n.name, dataset))
        for n, r in zip(nodes, results[0]):
            emit({"load": "encode", "node": n.name, "twoNodes": True, "seconds": args.duration, **r})
        return {"twoNodes": {
            "jobs": len(jobs), "succeeded": sum(1 for e in ends if e["status"] == "SUCCEEDED"),
            "datasets": len(datasets), "missingDatasets": len(missing),
            "requestsPerSec": [r["requestsPerSec"] for r in results[0]],
            "p99Ms": [r["p99Ms"] for r in results[0]], "errors": sum(r["non2xx"] for r in results[0]),
            "pass": all(e["status"] == "SUCCEEDED" for e in ends) and not missing
                    and sum(r["non2xx"] for r in results[0]) == 0}}
    finally:
        for n in nodes:
            n.stop()
        subprocess.run(psql + [f"drop database if exists {database}"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60, help="seconds of each wrk run (default 60)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--streams", type=int, default=1000, help="event streams to hold open (default 1000)")
    parser.add_argument("--two-node-jobs", type=int, default=10, help="jobs and datasets made in the two-node part")
    parser.add_argument("--parts", default="serving,streams,two-nodes")
    parser.add_argument("--jar", default=None)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    jars = sorted(f for f in os.listdir("target") if re.fullmatch(r"hourglass-.*\.jar", f)) \
        if os.path.isdir("target") else []
    jar = args.jar or (os.path.join("target", jars[0]) if jars else None)
    if not jar or not os.path.isfile(jar):
        raise SystemExit("no packaged jar; run ./mvnw -q -DskipTests package first")
    for tool in ("wrk", "curl"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing (apt-get install {tool})")
    java = subprocess.run([(os.environ.get("JAVA_HOME", "") + "/bin/java") if os.environ.get("JAVA_HOME")
                           else "java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    emit({"load": "machine", "cpuFamily": cpu_family(), "cores": os.cpu_count(), "java": java})
    workdir = tempfile.mkdtemp(prefix="hourglass-load-")
    summary = {"load": "summary", "cpuFamily": cpu_family()}
    if parts & {"serving", "streams"}:
        summary.update(serving_and_streams(args, jar, workdir, parts))
    if "two-nodes" in parts:
        summary.update(two_nodes(args, jar, workdir))
    emit(summary)
    shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if all(v.get("pass", True) for v in summary.values() if isinstance(v, dict)) else 1)


if __name__ == "__main__":
    main()
