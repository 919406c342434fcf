#!/usr/bin/env python3
"""Score pvparse on a folder of gold annotations (GOLD_FORMAT v1) and print per-item P/R/F1.

    python scripts/evaluate.py --gold ../shared/devset/gold --text ../shared/devset/texts [-v]
    python scripts/evaluate.py --gold corpus/gold --text corpus --pred OUT_DIR --json report.json

Without --pred every text is parsed in this process with `pvparse.parse_file`; with it, OUT_DIR/NAME.json
files written by `pvparse parse` are scored (a missing one counts as an empty output).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pvparse.evaluate import format_report, report_json, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=Path, help="folder of NAME.json gold files")
    ap.add_argument("--text", required=True, type=Path, help="folder of the source documents NAME.*")
    ap.add_argument("--pred", type=Path, help="folder of NAME.json pvparse outputs (default: parse now)")
    ap.add_argument("--json", type=Path, help="also write the summary and per-document problems here")
    ap.add_argument("--only", nargs="*", help="score only these document names")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-document F1 and problems")
    args = ap.parse_args(argv)
    for folder in (args.gold, args.text, args.pred):
        if folder is not None and not folder.is_dir():
            print(f"evaluate: not a folder: {folder}", file=sys.stderr)
            return 2
    report = run(args.gold, args.text, args.pred, args.only)
    print(format_report(report, verbose=args.verbose))
    if args.json:
        args.json.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
