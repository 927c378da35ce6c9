#!/usr/bin/env python3
"""Builds of two jbuild checkouts side by side, in alternation (A, B, A, B...) so both see the same
machine load, reported as medians of wall and CPU time: a cold multi-stage build (--no-cache, RUN steps
in runc, COPY --from between stages), a rebuild after one source file changed, and a fully cached
rebuild. The same scenarios as build-bench.sh's, on the busybox base, each checkout with its own store.

    bench/build-compare.py BASELINE_CHECKOUT [CANDIDATE_CHECKOUT] [--runs N] [--scenario NAME]...

Each checkout's ./jbuild launcher is used as users run it (its own jar and class-data-sharing archive,
made by a first untimed run). Needs root, runc and busybox-static.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

DOCKERFILE = """FROM bench-busybox:latest AS left
RUN ls -lR /bin /etc > /listing 2>/dev/null; wc -l /listing
FROM bench-busybox:latest AS right
RUN seq 1 20000 > /numbers && wc -l /numbers
FROM bench-busybox:latest
COPY --from=left /listing /left
COPY --from=right /numbers /right
COPY src /src
RUN cat /src/*.txt | wc -c
"""


def run(cmd):
    """Wall and CPU (user + system, the process and its children) milliseconds of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(" ".join(cmd) + " failed: " + process.stderr.read().decode(errors="replace"))
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def busybox_root(work):
    root = os.path.join(work, "busybox")
    for d in ("bin", "etc", "tmp", "root"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    busybox = shutil.which("busybox")
    shutil.copy(busybox, os.path.join(root, "bin", "busybox"))
    for applet in subprocess.check_output([busybox, "--list"], text=True).split():
        if applet != "busybox":
            os.symlink("busybox", os.path.join(root, "bin", applet))
    with open(os.path.join(root, "etc", "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\n")
    with open(os.path.join(root, "etc", "group"), "w") as f:
        f.write("root:x:0:\n")
    return root


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("candidate", nargs="?", default=here)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--scenario", action="append",
                        choices=["cold-multistage", "one-file-changed", "cached"])
    args = parser.parse_args()
    scenarios = args.scenario or ["cold-multistage", "one-file-changed", "cached"]
    with tempfile.TemporaryDirectory(prefix="jbuild-compare.") as work:
        base = busybox_root(work)
        context = os.path.join(work, "context")
        os.makedirs(os.path.join(context, "src"))
        for i in range(1, 21):
            with open(os.path.join(context, "src", f"f{i}.txt"), "w") as f:
                f.write(f"source file {i}\n")
        with open(os.path.join(context, "Dockerfile"), "w") as f:
            f.write(DOCKERFILE)
        checkouts = {"baseline": os.path.abspath(args.baseline), "candidate": os.path.abspath(args.candidate)}
        builds = {}
        for name, checkout in checkouts.items():
            launcher = os.path.join(checkout, "jbuild")
            store = os.path.join(work, "store-" + name)
            run([launcher, "--version"])  # builds the jar and the archive if needed
            run([launcher, "--root", store, "import", base, "bench-busybox:latest"])
            builds[name] = [launcher, "--root", store, "build", "--progress", "quiet", "-t", "bench-out"]
            run(builds[name] + [context])
        changed = os.path.join(context, "src", "f7.txt")
        for scenario in scenarios:
            def command(name):
                extra = ["--no-cache"] if scenario == "cold-multistage" else []
                return builds[name] + extra + [context]

            def prepare():
                if scenario == "one-file-changed":
                    with open(changed, "w") as f:
                        f.write(str(time.time_ns()) + "\n")

            for _ in range(2):
                for name in checkouts:
                    prepare()
                    run(command(name))
            times = {name: [] for name in checkouts}
            for _ in range(args.runs):
                for name in checkouts:
                    prepare()
                    times[name].append(run(command(name)))
            for index, kind in ((0, "wall"), (1, "cpu")):
                before = statistics.median(t[index] for t in times["baseline"])
                after = statistics.median(t[index] for t in times["candidate"])
                print(f"{scenario:17s} {kind:4s} baseline {before:7.1f} ms   candidate {after:7.1f} ms   "
                      f"{(after - before) / before * 100:+6.1f} %   (medians of {args.runs} alternating runs)",
                      flush=True)


if __name__ == "__main__":
    main()
