"""The peer for the visit assignment (issue 7): SciPy's linear_sum_assignment on the same
expanded cost matrix (one row per visit) that Lots' benchmark wrote.

Usage: python3 bench/assignment_peer.py FILE [runs]
Prints SciPy's median time and its optimal total cost, which must equal Lots'.
"""
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

cost = np.loadtxt(sys.argv[1], delimiter=",", dtype=np.int64)
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
times = []
for _ in range(runs):
    start = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    times.append(time.perf_counter() - start)
print(f"scipy_median_s={statistics.median(times):.3f} runs={runs} total_cost={int(cost[rows, cols].sum())}")
