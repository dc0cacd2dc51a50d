#!/usr/bin/env python3
"""Latency and memory of `doclint lsp` (CONTRACT §10), driven like an editor over its stdin/stdout.

  python3 bench/lsp/lsp-bench.py [--server CMD...] [--edits N] [--ci-edits N] [--soak N]

Copies docs-fixtures/bf-dev to a temporary directory, opens a runbook and the root CI file, then
  * runbook edits: one character typed or deleted on a prose line of the runbook (alternately), each sent as an
    incremental didChange; the time from writing the didChange to reading the publishDiagnostics for that version;
  * CI edits: a comment character typed or deleted at the end of the CI file's first line (the routing model is
    rebuilt every time, since a file it read changed);
  * soak: N runbook edits, the server's RSS (/proc/PID/status VmRSS) sampled every N/10 edits.
Prints medians and percentiles; nothing is written to the fixture. Default server: the doclint built for the tests.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

class Server:
    def __init__(self, cmd, cwd):
        self.p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line: raise EOFError("server closed its output")
            line = line.strip()
            if not line: break
            k, v = line.split(b":", 1)
            if k.lower() == b"content-length": length = int(v)
        return json.loads(self.p.stdout.read(length))
    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.next_id and "method" not in m: return m
    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})
    def wait_published(self, uri, version):
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version:
                return m["params"]["diagnostics"]
    def rss_kb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"): return int(line.split()[1])

def uri_of(path): return "file://" + path

def change(uri, version, line, ch, end_ch, text):
    return {"textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": ch}, "end": {"line": line, "character": end_ch}}, "text": text}]}

def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

def summary(name, ms):
    return f"{name}: n={len(ms)} median {statistics.median(ms):.1f} ms, p90 {pct(ms, 90):.1f} ms, min {min(ms):.1f} ms, max {max(ms):.1f} ms"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", nargs="+", default=["dotnet", os.path.join(ROOT, "tests/DocLint.Tests/bin/Debug/net10.0/doclint.dll"), "lsp"])
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--ci-edits", type=int, default=60)
    ap.add_argument("--soak", type=int, default=10000)
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="doclint-lsp-bench-")
    repo = os.path.join(tmp, "bf-dev")
    shutil.copytree(os.path.join(ROOT, "docs-fixtures", "bf-dev"), repo)
    try:
        s = Server(a.server, repo)
        t0 = time.perf_counter()
        s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(repo), "capabilities": {}})
        s.notify("initialized", {})
        runbook = os.path.join(repo, "docs/operations/runbooks/hotfix-release.staging.md")
        ci = os.path.join(repo, ".gitlab-ci.yml")
        rb_uri, ci_uri = uri_of(runbook), uri_of(ci)
        s.notify("textDocument/didOpen", {"textDocument": {"uri": rb_uri, "languageId": "markdown", "version": 1, "text": open(runbook).read()}})
        s.wait_published(rb_uri, 1)
        print(f"server: {' '.join(a.server)}")
        print(f"start-up to first diagnostics: {(time.perf_counter() - t0) * 1000:.0f} ms")
        s.notify("textDocument/didOpen", {"textDocument": {"uri": ci_uri, "languageId": "yaml", "version": 1, "text": open(ci).read()}})
        s.wait_published(ci_uri, 1)

        # A prose line of the runbook (line 10, 0-based 9): type 'x' at its start, then delete it.
        line = 9
        def runbook_edits(n, version, samples):
            for i in range(n):
                version += 1
                params = change(rb_uri, version, line, 0, 0, "x") if i % 2 == 0 else change(rb_uri, version, line, 0, 1, "")
                start = time.perf_counter()
                s.notify("textDocument/didChange", params)
                s.wait_published(rb_uri, version)
                if samples is not None: samples.append((time.perf_counter() - start) * 1000)
            return version
        rb_version = runbook_edits(20, 1, None)  # warm-up (tiered JIT on the managed build)
        rb = []
        rb_version = runbook_edits(a.edits, rb_version, rb)
        print(summary("runbook edit → publishDiagnostics", rb))

        ci_first = open(ci).read().split("\n")[0]
        ci_version, cis = 1, []
        for i in range(a.ci_edits + 6):
            ci_version += 1
            params = change(ci_uri, ci_version, 0, len(ci_first), len(ci_first), " #") if i % 2 == 0 else change(ci_uri, ci_version, 0, len(ci_first), len(ci_first) + 2, "")
            start = time.perf_counter()
            s.notify("textDocument/didChange", params)
            s.wait_published(ci_uri, ci_version)
            if i >= 6: cis.append((time.perf_counter() - start) * 1000)
        print(summary("CI edit → publishDiagnostics", cis))

        if a.soak:
            rss = [s.rss_kb()]
            step = max(1, a.soak // 10)
            done = 0
            while done < a.soak:
                rb_version = runbook_edits(step, rb_version, None)
                done += step
                rss.append(s.rss_kb())
            print(f"RSS over {a.soak} runbook edits (every {step}): " + ", ".join(f"{r / 1024:.0f}" for r in rss) + " MB")
        s.request("shutdown", None)
        s.notify("exit", None)
        print(f"exit code {s.p.wait(timeout=30)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
