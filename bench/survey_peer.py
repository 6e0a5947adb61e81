"""The peer for the national results table (issue 4): DuckDB computes the same table from
the same file — NKI and six factors per municipality x area x year, per municipality and
year (each year's total over the areas Insikt's rules of that year put in it, read from
data/insikt_rules.csv: from 2024 the four mandatory areas), per county x area x year and
per area and year, with n, mean and 95 % interval, the municipalities' rank per area and
year, and the regression of NKI on the factors per area (X'X summed in SQL, solved with
NumPy) — and the result is checked against Lots' table. DuckDB does no disclosure
control: the cells Lots withholds (n left empty) are counted, not compared.

Usage: python3 bench/survey_peer.py FILE LOTS_TABLE.csv [runs]
Prints the median query time of DuckDB and the largest differences from Lots' table.
"""
import csv
import os
import statistics
import sys
import time

import duckdb
import numpy as np
from scipy import stats

FACTORS = ["information", "tillganglighet", "bemotande", "kompetens", "rattssakerhet", "effektivitet"]
INDICES = ["nki"] + FACTORS
PLANTED = [0.10, 0.15, 0.30, 0.15, 0.05, 0.25]


def index_sql(i):
    qs = [1, 2, 3] if i == 0 else [4 + (i - 1) * 2, 5 + (i - 1) * 2]
    scaled = [f"(q{q:02d} - 1) / 5.0 * 100" for q in qs]
    answered = " + ".join(f"(q{q:02d} IS NOT NULL)::INT" for q in qs)
    total = " + ".join(f"COALESCE({s}, 0)" for s in scaled)
    return f"CASE WHEN {answered} > 0 THEN ({total}) / ({answered}) END AS {INDICES[i]}"


def total_condition():
    """SQL true for a respondent whose area is in the total of its year, by Insikt's rules."""
    path = os.path.join(os.path.dirname(__file__), "..", "data", "insikt_rules.csv")
    with open(path, newline="") as f:
        rules = sorted((int(r["from_year"]), r["total_areas"].split("|")) for r in csv.DictReader(f))
    cases = []
    for i, (start, areas) in enumerate(rules):
        end = rules[i + 1][0] if i + 1 < len(rules) else 10_000
        listed = ", ".join(f"'{a}'" for a in areas)
        cases.append(f"(year >= {start} AND year < {end} AND area IN ({listed}))")
    return " OR ".join(cases)


def query(con):
    respondents = f"""
        CREATE OR REPLACE TEMP TABLE r AS
        SELECT municipality, county, area, year, {", ".join(index_sql(i) for i in range(7))}
        FROM raw"""
    con.execute(respondents)
    aggs = ", ".join(
        f"COUNT({x}) AS n_{x}, AVG({x}) AS m_{x}, STDDEV_SAMP({x}) AS s_{x}" for x in INDICES
    )
    groups = con.execute(f"""
        SELECT 'municipality' AS level, municipality AS code, area, year, {aggs} FROM r GROUP BY ALL
        UNION ALL SELECT 'municipality', municipality, '', year, {aggs} FROM r
            WHERE {total_condition()} GROUP BY municipality, year
        UNION ALL SELECT 'county', county, area, year, {aggs} FROM r GROUP BY county, area, year
        UNION ALL SELECT 'nation', '', area, year, {aggs} FROM r GROUP BY area, year
    """).fetchall()
    ranks = con.execute("""
        SELECT municipality, area, year, RANK() OVER (PARTITION BY area, year ORDER BY AVG(nki) DESC, municipality)
        FROM r GROUP BY municipality, area, year HAVING COUNT(nki) >= 10
    """).fetchall()
    cols = ["1"] + FACTORS
    products = ", ".join(
        f"SUM(({a}) * ({b}))" for i, a in enumerate(cols) for b in cols[i:]
    ) + ", " + ", ".join(f"SUM(({a}) * nki)" for a in cols)
    complete = " AND ".join(f"{x} IS NOT NULL" for x in INDICES)
    sums = con.execute(f"SELECT area, {products} FROM r WHERE {complete} GROUP BY area").fetchall()
    effects = {}
    for row in sums:
        area, values = row[0], row[1:]
        d = len(cols)
        xtx = np.zeros((d, d))
        k = 0
        for i in range(d):
            for j in range(i, d):
                xtx[i, j] = xtx[j, i] = values[k]
                k += 1
        xty = np.array(values[k:])
        effects[area] = np.linalg.solve(xtx, xty)[1:]
    return groups, ranks, effects


def with_intervals(groups):
    """The 95 % interval with Student's t, as Lots computes it (outside the timed query)."""
    table = {}
    for g in groups:
        level, code, area, year = g[:4]
        for i, x in enumerate(INDICES):
            n, m, s = g[4 + 3 * i: 7 + 3 * i]
            half = stats.t.ppf(0.975, n - 1) * s / np.sqrt(n) if n and n > 1 else float("nan")
            table[(level, code, area, str(year), x)] = (n, m, half)
    return table


def main():
    path, lots_table = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    con = duckdb.connect()
    con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{path}', header = true, types = {{'municipality': 'VARCHAR', 'county': 'VARCHAR'}})")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        groups, ranks, effects = query(con)
        times.append(time.perf_counter() - start)
    print(f"duckdb_query_s_median={statistics.median(times):.3f} runs={runs} groups={len(groups)}"
          " (SQL for indices, groups, ranks and regression sums, plus NumPy's solve; t quantiles not included)")
    table = with_intervals(groups)
    worst_mean = worst_ci = 0.0
    n_mismatch = compared = withheld = 0
    with open(lots_table) as f:
        next(f)
        for line in f:
            level, code, area, year, index, n, value, _whole, low, high, *_ = line.rstrip("\n").split(",")
            peer = table.get((level, code, area, year, index))
            if peer is None:
                n_mismatch += 1
                continue
            if n == "":
                withheld += 1
                continue
            compared += 1
            if int(n) != peer[0]:
                n_mismatch += 1
            if value:
                worst_mean = max(worst_mean, abs(float(value) - peer[1]))
                if int(n) > 1:
                    worst_ci = max(worst_ci, abs((float(high) - float(low)) / 2 - peer[2])
                                   if float(low) > 0 and float(high) < 100 else 0)
    print(f"compared={compared} withheld_by_lots={withheld} n_mismatches={n_mismatch} max_mean_diff={worst_mean:.4f} max_ci_half_diff={worst_ci:.4f}")
    for area, coef in sorted(effects.items()):
        print(f"duckdb_effects[{area}]=" + " ".join(f"{c:.3f}" for c in coef) + f"  planted={' '.join(map(str, PLANTED))}")


if __name__ == "__main__":
    main()
