#!/usr/bin/env python3
"""Flame-graph-style summary of a JFR recording's CPU samples (jdk.ExecutionSample): the top frames by self and by
total samples, and the samples grouped by component: the first frame of each stack, from the top, that belongs to an
owning component (Ocean's packages, FakePort, the stores' drivers, Jetty); libraries (Jackson, the JDK's concurrency
and HTTP client) count for their caller and only stand alone when no owner is on the stack. The main thread (start-up:
class loading, SQLite's native library) is left out. Usage: jfr-summary.py recording.jfr [top=25]"""
import collections
import json
import subprocess
import sys

# First match wins, tested on "package.Class.method" of each frame from the top of the stack down.
COMPONENTS = [
    ("FakePort / WireMock (the benchmark's Port)", ("io.ocean.testkit.", "com.github.tomakehurst.", "wiremock.")),
    ("jq mapping", ("io.ocean.jq.", "net.thisptr.jackson.jq.")),
    ("event store: SQLite", ("io.ocean.webhook.internal.store.Sqlite", "org.sqlite.")),
    ("event store: PostgreSQL", ("io.ocean.store.postgres.", "org.postgresql.", "com.zaxxer.hikari.")),
    ("event store: memory / common", ("io.ocean.webhook.internal.store.",)),
    ("run machinery (scheduler, runs, leases)", ("io.ocean.webhook.internal.run.",)),
    ("Port sink and client", ("io.ocean.webhook.internal.port.", "io.ocean.core.port.", "io.ocean.core.internal.port")),
    ("console recorder", ("io.ocean.webhook.internal.console.",)),
    ("HTTP edge (WebhookEndpoint, body gate)", ("io.ocean.webhook.internal.http.",)),
    ("processor / core", ("io.ocean.core.", "io.ocean.examples.")),
    ("logging (SLF4J/Logback)", ("ch.qos.logback.", "org.slf4j.")),
    ("Jetty / Javalin (HTTP server)", ("org.eclipse.jetty.", "io.javalin.")),
]
LIBRARIES = [
    ("JSON (Jackson), no owner on the stack", ("com.fasterxml.jackson.",)),
    ("JDK HTTP client (Port client's I/O)", ("jdk.internal.net.http.", "java.net.http.")),
    ("JDK concurrency (pools, futures)", ("java.util.concurrent.",)),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def component(stack):
    for table in (COMPONENTS, LIBRARIES):
        for name in stack:  # top first
            for label, prefixes in table:
                if name.startswith(prefixes):
                    return label
    return "other (JDK: I/O, reflection)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = [e for e in json.loads(raw)["recording"]["events"]
              if (e["values"]["sampledThread"]["javaName"] or "") != "main"]
    self_counts, total_counts, by_component, by_thread, by_thread_component = (collections.Counter() for _ in range(5))
    for event in events:
        stack = [frame_name(f) for f in event["values"]["stackTrace"]["frames"]]
        if not stack:
            continue
        self_counts[stack[0]] += 1
        for name in set(stack):
            total_counts[name] += 1
        thread = (event["values"]["sampledThread"]["javaName"] or "?").rstrip("0123456789-")
        by_component[component(stack)] += 1
        by_thread[thread] += 1
        by_thread_component[thread + " / " + component(stack)] += 1
    n = len(events)
    print(f"{path}: {n} CPU samples")
    for title, counts in (("by component (first known frame from the top)", by_component),
                          ("by thread (pool names without numbers)", by_thread),
                          ("by thread and component", by_thread_component),
                          ("top frames by self samples", self_counts),
                          ("top frames by total samples", total_counts)):
        print(f"\n{title}:")
        for name, count in counts.most_common(top):
            print(f"  {100.0 * count / n:5.1f} %  {count:6d}  {name}")


if __name__ == "__main__":
    main()
