#!/usr/bin/env python3
"""Walk Hourglass's README flow from Python, with nothing but the standard library.

Against a running service: upload a dataset (multipart, built by hand), submit a small BASIC job twice
with one Idempotency-Key (the replay must be the same job), poll it to SUCCEEDED, encode and reconstruct
rows read back from the dataset, export the model and import it again (same weightsSha256), and read
a deliberate 422 as application/problem+json. Prints each step; exits 0 when all of them behaved as
the README says, 1 otherwise (the problem's detail is printed).

    python3 examples/hourglass_client.py --url http://localhost:8080

Python 3.9 or later; no packages to install.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")
DEFAULT_DATASET = os.path.join(FIXTURES, "fmnist-2000.idx.gz")
DEFAULT_LABELS = os.path.join(FIXTURES, "fmnist-2000-labels.idx.gz")
TERMINAL = ("SUCCEEDED", "FAILED", "CANCELLED")
REQUEST_TIMEOUT = 60  # seconds for one HTTP exchange; the job's own wait is --timeout


class Failure(Exception):
    """A step did not go as the README says; the message says what happened instead."""


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def content_type(self):
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Hourglass:
    """A thin HTTP client: every call names the status it expects, anything else is a Failure."""

    def __init__(self, url, api_key=None):
        self.url = url.rstrip("/")
        self.api_key = api_key

    def send(self, method, path, body=None, headers=None):
        """One exchange, whatever its status (urllib raises on 4xx/5xx; the body is still the answer)."""
        request = urllib.request.Request(self.url + path, data=body, method=method)
        request.add_header("Accept", "application/json, application/problem+json")
        if self.api_key:
            request.add_header("Authorization", "Bearer " + self.api_key)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())
        except OSError as error:  # URLError (refused, unknown host) and timeouts are OSErrors
            raise Failure("%s %s%s: no answer (%s)" % (method, self.url, path, getattr(error, "reason", error)))

    def call(self, method, path, expect, body=None, headers=None):
        response = self.send(method, path, body, headers)
        if response.status != expect:
            raise Failure("%s %s: expected %d, got %d. %s" % (
                method, path, expect, response.status, describe(response)))
        return response

    def get_json(self, path):
        return self.call("GET", path, 200).json()

    def post_json(self, path, document, expect=200, headers=None):
        return self.call("POST", path, expect, json.dumps(document).encode("utf-8"),
                         dict({"Content-Type": "application/json"}, **(headers or {})))

    def post_multipart(self, path, fields, files, expect):
        boundary, body = multipart(fields, files)
        return self.call("POST", path, expect, body, {"Content-Type": "multipart/form-data; boundary=" + boundary})


def describe(response):
    """An error answer in one line: a problem's title, detail and field errors, else the start of the body."""
    if response.content_type == "application/problem+json":
        problem = response.json()
        fields = "; ".join("%s: %s" % (e.get("field"), e.get("reason")) for e in problem.get("errors") or [])
        return "%s: %s (%s)%s" % (problem.get("title"), problem.get("detail"), problem.get("type"),
                                  " [" + fields + "]" if fields else "")
    return response.body[:300].decode("utf-8", "replace")


def multipart(fields, files):
    """multipart/form-data (RFC 7578): fields are (name, text), files are (name, file name, bytes)."""
    boundary = "hourglass-" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (boundary, name)).encode("utf-8")
                     + value.encode("utf-8") + b"\r\n")
    for name, filename, content in files:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: application/octet-stream\r\n\r\n' % (boundary, name, filename)).encode("utf-8")
                     + content + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode("utf-8"))
    return boundary, b"".join(parts)


def read_file(path):
    with open(path, "rb") as f:
        return f.read()


def check(condition, message):
    if not condition:
        raise Failure(message)


def upload(api, dataset, labels):
    files = [("file", os.path.basename(dataset), read_file(dataset))]
    if labels:
        files.append(("labels", os.path.basename(labels), read_file(labels)))
    shown = os.path.basename(dataset) + (" + labels " + os.path.basename(labels) if labels else "")
    response = api.post_multipart("/api/v1/datasets", [("name", "python-example")], files, 201)
    view = response.json()
    print("1. upload %s: %d, dataset %s, %d rows x %d columns%s" % (
        shown, response.status, view["id"], view["rows"], view["columns"],
        ", label column %r" % view["labelColumn"] if view.get("labelColumn") else ""))
    return view


def submit_twice(api, dataset_id):
    spec = {"datasetId": dataset_id, "name": "python-example", "variant": "BASIC", "encoder": [64, 16],
            "training": {"epochs": 3, "batchSize": 64, "seed": 42}}
    key = "python-example-" + str(uuid.uuid4())
    headers = {"Idempotency-Key": key}
    first = api.post_json("/api/v1/jobs", spec, 202, headers)
    job = first.json()
    print("2. submit BASIC %s, %d epochs, Idempotency-Key %s: %d, job %s" % (
        spec["encoder"], spec["training"]["epochs"], key, first.status, job["id"]))
    # What a client does when the first answer was lost: send the same body with the same key again.
    again = api.post_json("/api/v1/jobs", spec, 202, headers)
    replayed = again.headers.get("Idempotent-Replayed")
    print("   the same body and key again: %d, job %s, Idempotent-Replayed: %s" % (
        again.status, again.json()["id"], replayed))
    check(again.json()["id"] == job["id"], "the replay created another job: %s" % again.json()["id"])
    check(replayed == "true", "the replay did not say Idempotent-Replayed: true (got %r)" % replayed)
    print("   replay check passed: one job, not two")
    return job


def follow(api, job_id, timeout):
    print("3. training")
    started = time.monotonic()
    shown = None
    while True:
        job = api.get_json("/api/v1/jobs/" + job_id)
        line = "   %-9s epoch %d/%d %4.0f%%  lastLoss %s  ETA %s" % (
            job["status"], job["epoch"], job["epochs"], 100 * job["progress"],
            "%.6f" % job["lastLoss"] if job.get("lastLoss") is not None else "-",
            "%.1f s" % job["etaSeconds"] if job.get("etaSeconds") is not None else "-")
        if line != shown:
            print(line)
            shown = line
        if job["status"] in TERMINAL:
            break
        if time.monotonic() - started > timeout:
            api.send("POST", "/api/v1/jobs/%s/cancel" % job_id)
            raise Failure("job %s still %s after %g s; asked to cancel it" % (job_id, job["status"], timeout))
        time.sleep(0.25)
    if job["status"] != "SUCCEEDED":
        raise Failure("job %s ended %s: %s" % (job_id, job["status"], job.get("error") or job.get("stopReason")))
    print("   SUCCEEDED after %.1f s: model %s" % (time.monotonic() - started, job["modelId"]))
    return job


def use(api, model_id, dataset_id):
    rows = api.get_json("/api/v1/datasets/%s/rows?format=json&limit=4" % dataset_id)
    instances = rows["rows"]
    labels = rows.get("labels") or [None] * len(instances)
    codes = api.post_json("/api/v1/models/%s/encode" % model_id, {"instances": instances}).json()["codes"]
    result = api.post_json("/api/v1/models/%s/reconstruct" % model_id, {"instances": instances}).json()
    check(len(codes) == len(instances) and len(result["errors"]) == len(instances), "one answer per row expected")
    print("4. encode %d rows read back from the dataset: code width %d (from %d columns)" % (
        len(instances), len(codes[0]), len(instances[0])))
    for r, error in enumerate(result["errors"]):
        print("   row %d%s: reconstruction error %.5f (MSE, normalized units)" % (
            r, " (label %s)" % labels[r] if labels[r] is not None else "", error))
    return instances, codes


def move(api, model_id, instances, codes):
    original = api.get_json("/api/v1/models/" + model_id)
    # The export answers only its own type: Accept: application/json alone is a 406 not-acceptable.
    exported = api.call("GET", "/api/v1/models/%s/export" % model_id, 200,
                        headers={"Accept": "application/octet-stream, application/problem+json"})
    check(exported.body[:4] == b"HGAE", "the export is not an Hourglass model file")
    imported = api.post_multipart("/api/v1/models/import", [], [("file", "model.hgae", exported.body)], 201)
    copy = imported.json()
    print("5. export: %d bytes; import: %d, model %s" % (len(exported.body), imported.status, copy["id"]))
    check(copy["weightsSha256"] == original["weightsSha256"], "weightsSha256 differs: %s, imported %s" % (
        original["weightsSha256"], copy["weightsSha256"]))
    print("   weightsSha256 %s... matches the original" % copy["weightsSha256"][:16])
    again = api.post_json("/api/v1/models/%s/encode" % copy["id"], {"instances": instances}).json()["codes"]
    check(again == codes, "the imported model encodes the rows differently")
    print("   the imported model encodes the %d rows to the same codes" % len(instances))


def provoke_422(api, dataset_id):
    body = json.dumps({"datasetId": dataset_id, "training": {"epochs": 0}}).encode("utf-8")
    response = api.send("POST", "/api/v1/jobs", body, {"Content-Type": "application/json"})
    print('6. a job with "training": {"epochs": 0}: %d %s' % (response.status, response.content_type))
    check(response.status == 422, "expected 422, got %d. %s" % (response.status, describe(response)))
    check(response.content_type == "application/problem+json",
          "a 422 should be application/problem+json, got %r" % response.content_type)
    problem = response.json()
    print("   type   %s" % problem["type"])
    print("   title  %s" % problem["title"])
    print("   detail %s" % problem["detail"])
    check(problem.get("errors"), "the problem names no field in errors[]")
    for error in problem["errors"]:
        print("   errors[] %s: %s" % (error["field"], error["reason"]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8080", help="the service (default %(default)s)")
    parser.add_argument("--dataset", help="a CSV, JSON or IDX(.gz) file (default: the test fixture "
                                          "fmnist-2000.idx.gz, with its labels)")
    parser.add_argument("--labels", help="an IDX1 labels file for an IDX dataset (optional)")
    parser.add_argument("--api-key", default=os.environ.get("HOURGLASS_API_KEY"),
                        help="sent as Authorization: Bearer <key> (default: $HOURGLASS_API_KEY, else none)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for training (default %(default)s)")
    args = parser.parse_args(argv)
    dataset, labels = args.dataset, args.labels
    if dataset is None:
        dataset, labels = DEFAULT_DATASET, labels or DEFAULT_LABELS
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, also through a pipe

    api = Hourglass(args.url, args.api_key)
    print("Hourglass at %s" % api.url)
    try:
        view = upload(api, dataset, labels)
        job = submit_twice(api, view["id"])
        job = follow(api, job["id"], args.timeout)
        instances, codes = use(api, job["modelId"], view["id"])
        move(api, job["modelId"], instances, codes)
        provoke_422(api, view["id"])
    except Failure as failure:
        print("FAILED: %s" % failure, file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:  # a file that cannot be read, an answer that is not JSON
        print("FAILED: %s" % error, file=sys.stderr)
        return 1
    print("All six steps behaved as the README says.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
