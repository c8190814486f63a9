#!/usr/bin/env python3
"""Write a legacy Excel 97-2003 (.xls, BIFF8) workbook from a JSON spec.

Rust has no maintained .xls writer, so `examples/make_samples.rs` calls this script to produce
the .xls samples and test fixtures. It needs the `xlwt` package:

    pip install xlwt

Usage:
    python3 tools/make_xls.py spec.json out.xls
    python3 tools/make_xls.py - out.xls < spec.json

The spec (the shape of `SheetSpec` in tests/cli/common/book.rs):

    {"sheets": [
      {"name": "Sheet1",
       "rows": [[{"t": "text", "v": "STT"}, {"t": "num", "v": 1},
                 {"t": "date", "v": "2018-10-05"}, {"t": "bool", "v": true},
                 {"t": "blank"}, null]],
       "merges": [[0, 0, 0, 3]]}]}

Rows and columns are 0-based; a merge is [first_row, first_col, last_row, last_col] and keeps
the value of its first cell. Dates are written as real date cells formatted dd/mm/yyyy.
A bare JSON list of sheets is accepted too. The output is deterministic.
"""

import datetime
import json
import sys

try:
    import xlwt
except ImportError:
    sys.exit("make_xls.py: the Python package 'xlwt' is missing; install it with: pip install xlwt")


def cell_value(cell):
    """(kind, value) of one spec cell; kind is None for a blank."""
    if cell is None:
        return None, None
    kind = cell.get("t", "blank")
    if kind == "blank":
        return None, None
    if kind == "text":
        return "text", str(cell["v"])
    if kind == "num":
        return "num", float(cell["v"])
    if kind == "bool":
        return "bool", bool(cell["v"])
    if kind == "date":
        return "date", datetime.date.fromisoformat(cell["v"])
    raise ValueError("unknown cell type %r" % kind)


def write_book(spec, out_path):
    sheets = spec["sheets"] if isinstance(spec, dict) else spec
    book = xlwt.Workbook(encoding="utf-8")
    plain = xlwt.XFStyle()
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for sheet_spec in sheets:
        ws = book.add_sheet(sheet_spec["name"], cell_overwrite_ok=True)
        rows = sheet_spec.get("rows", [])
        merges = [tuple(m) for m in sheet_spec.get("merges", [])]
        covered = set()
        for r1, c1, r2, c2 in merges:
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))

        def get(r, c):
            return cell_value(rows[r][c]) if r < len(rows) and c < len(rows[r]) else (None, None)

        def style_of(kind):
            return date_style if kind == "date" else plain

        for r1, c1, r2, c2 in merges:
            kind, value = get(r1, c1)
            if kind is None:
                ws.merge(r1, r2, c1, c2)
            else:
                ws.write_merge(r1, r2, c1, c2, value, style_of(kind))
        for r, row in enumerate(rows):
            for c in range(len(row)):
                if (r, c) in covered:
                    continue
                kind, value = get(r, c)
                if kind is not None:
                    ws.write(r, c, value, style_of(kind))
    book.save(out_path)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: make_xls.py SPEC.json|- OUT.xls")
    if argv[1] == "-":
        spec = json.load(sys.stdin)
    else:
        with open(argv[1], encoding="utf-8") as f:
            spec = json.load(f)
    write_book(spec, argv[2])


if __name__ == "__main__":
    main(sys.argv)
