#!/usr/bin/env python3
"""What people use instead of dvk: read every cell workbook and count registrations per cell
and year, the way an office's pandas script would.

    python3 bench/alternatives.py pandas PATH     # pandas + openpyxl, one file after another
    python3 bench/alternatives.py polars PATH     # polars + fastexcel (calamine underneath)

Each file is read whole (no header row given: the title rows vary), the header row is found by
its "Tên mô hình" cell, the cell's name and the year are read from the title rows, and data rows
are counted until the closing lines. Prints the number of (cell, year) groups and of rows.
"""
import re
import sys
from collections import Counter
from pathlib import Path

YEAR = re.compile(r"NĂM (\d{4})")


def files_under(root):
    return sorted(p for p in Path(root).rglob("*.xlsx"))


def count_rows(rows, counts):
    """rows: list of lists of cell values (str or None)."""
    cell = year = None
    header = None
    for i, row in enumerate(rows):
        texts = [str(v) for v in row if v is not None and str(v) != "" and str(v) != "nan"]
        if header is None:
            for text in texts:
                if text.upper().startswith("CHI BỘ"):
                    cell = text
                match = YEAR.search(text.upper())
                if match:
                    year = int(match.group(1))
            if any(text.startswith("Tên mô hình") for text in texts):
                header = i
            continue
        if not texts or len(texts) <= 2 and any("ngày" in t or "T/M" in t for t in texts):
            break
        counts[(cell, year)] += 1


def with_pandas(root):
    import pandas as pd

    counts = Counter()
    for path in files_under(root):
        frame = pd.read_excel(path, header=None, engine="openpyxl", dtype=object)
        rows = frame.where(frame.notna(), None).values.tolist()
        count_rows(rows, counts)
    return counts


def with_polars(root):
    import polars as pl

    counts = Counter()
    for path in files_under(root):
        frame = pl.read_excel(path, engine="calamine", has_header=False, infer_schema_length=0)
        count_rows(frame.rows(), counts)
    return counts


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("pandas", "polars"):
        sys.exit(__doc__)
    counts = with_pandas(sys.argv[2]) if sys.argv[1] == "pandas" else with_polars(sys.argv[2])
    print(f"{len(counts)} groups, {sum(counts.values())} rows")


if __name__ == "__main__":
    main()
