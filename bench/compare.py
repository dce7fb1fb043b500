"""Compare two bench/pages.py results as a Markdown table: python bench/compare.py scale-1 scale-200"""

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def main(small_label, large_label):
    small = json.loads((RESULTS / f"{small_label}.json").read_text())
    large = json.loads((RESULTS / f"{large_label}.json").read_text())
    print(f"| page | queries ({small_label} / {large_label}) | median ms ({small_label}) | median ms ({large_label}) "
          f"| p95 ms ({large_label}) | ratio of medians |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for name, s in small["pages"].items():
        big = large["pages"][name]
        ratio = big["median_ms"] / s["median_ms"] if s["median_ms"] else float("nan")
        print(f"| {name} | {s['queries']} / {big['queries']} | {s['median_ms']} | {big['median_ms']} | {big['p95_ms']} "
              f"| {ratio:.2f} |")  # fmt: skip
    print(f"\n{small_label}: {small['activities']} activities, {small['participations']} participations; "
          f"{large_label}: {large['activities']} activities, {large['participations']} participations.")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:3])
