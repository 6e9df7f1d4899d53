#!/usr/bin/env python3
"""OpenBLAS sgemm GFLOPS through torch.mm on GemmBenchmark's training shapes, 1 and 2 threads (issue 14).

Run: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_PROC_BIND=true /usr/bin/python3 src/test/bench/torch_gemm.py
(OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset), beside GemmBenchmark, as shared/reference/torch_ae.py loads its BLAS."""
import json, time, statistics, torch
shapes = [("128x784*784x256", "NN", 128, 256, 784), ("128x256*256x784", "NN", 128, 784, 256),
          ("784x128*128x256", "TN", 784, 256, 128), ("128x256*(784x256)T", "NT", 128, 784, 256)]
for threads in (1, 2):
    torch.set_num_threads(threads)
    for name, op, m, n, k in shapes:
        a = torch.rand(k, m) if op == "TN" else torch.rand(m, k)
        b = torch.rand(n, k) if op == "NT" else torch.rand(k, n)
        f = (lambda: torch.mm(a.t(), b)) if op == "TN" else (lambda: torch.mm(a, b.t())) if op == "NT" else (lambda: torch.mm(a, b))
        end = time.time() + 1.0
        while time.time() < end: f()
        samples = []
        for _ in range(7):
            t0 = time.perf_counter(); n_calls = 0
            while time.perf_counter() - t0 < 0.5:
                f(); n_calls += 1
            samples.append(2.0 * m * n * k * n_calls / (time.perf_counter() - t0) / 1e9)
        print(json.dumps({"bench": "torch-gemm", "shape": name, "op": op, "threads": threads,
                          "gflops": round(statistics.median(samples), 1),
                          "best": round(max(samples), 1)}), flush=True)
