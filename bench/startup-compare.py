#!/usr/bin/env python3
"""Start-up of two jbuild launchers side by side: `--version` and a fully cached `build`, run in
alternation (A, B, A, B...) so that both see the same machine load, reported as medians.

    bench/startup-compare.py BASELINE_CHECKOUT [CANDIDATE_CHECKOUT] [--runs N]

Each checkout's ./jbuild launcher is used as users run it (its own jar and class-data-sharing archive,
made by a first untimed run). The cached build is of a one-file context FROM scratch, built once
untimed into a store per checkout, so every timed run is a full cache hit.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def run(cmd):
    """Wall and CPU (user + system, the process and its children) milliseconds of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(" ".join(cmd) + " failed")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("baseline")
    parser.add_argument("candidate", nargs="?", default=here)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        context = os.path.join(work, "context")
        os.makedirs(context)
        with open(os.path.join(context, "file"), "w") as f:
            f.write("bench\n")
        with open(os.path.join(context, "Dockerfile"), "w") as f:
            f.write("FROM scratch\nCOPY file /file\nENV A=1\nCMD [\"/file\"]\n")
        checkouts = {"baseline": os.path.abspath(args.baseline), "candidate": os.path.abspath(args.candidate)}
        cases = {}
        for name, checkout in checkouts.items():
            launcher = os.path.join(checkout, "jbuild")
            store = os.path.join(work, "store-" + name)
            build = [launcher, "--root", store, "--storage-driver", "vfs", "build", "-q", "-t", "bench", context]
            run([launcher, "--version"])  # builds the jar and the archive if needed
            run(build)                     # fills the cache
            cases[name] = {"--version": [launcher, "--version"], "cached build": build}
        for case in ("--version", "cached build"):
            for _ in range(3):
                for name in checkouts:
                    run(cases[name][case])
            times = {name: [] for name in checkouts}
            for _ in range(args.runs):
                for name in checkouts:
                    times[name].append(run(cases[name][case]))
            for index, kind in ((0, "wall"), (1, "cpu")):
                base = statistics.median(t[index] for t in times["baseline"])
                cand = statistics.median(t[index] for t in times["candidate"])
                print(f"{case:13s} {kind:4s} baseline {base:6.1f} ms   candidate {cand:6.1f} ms   "
                      f"difference {cand - base:+6.1f} ms   (medians of {args.runs} alternating runs)")


if __name__ == "__main__":
    main()
