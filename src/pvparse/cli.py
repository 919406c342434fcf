"""Command line: the only module that prints or exits.

Exit codes: 0 ok, 1 an input could not be processed, 2 bad usage.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import PVParseError
from .files import write_atomic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def fail(message: str) -> None:
    click.echo(f"pvparse: {message}", err=True)
    sys.exit(EXIT_FAILED)


def guarded(ctx: click.Context, what: str, action: Callable[[], Any]) -> Any:
    """Run `action`; a pvparse error or a crash becomes one line on stderr and exit 1."""
    try:
        return action()
    except PVParseError as exc:
        if ctx.obj.get("debug"):
            traceback.print_exc()
        fail(str(exc))
    except (MemoryError, RecursionError) as exc:
        fail(f"{what}: too complex to process ({type(exc).__name__})")
    except Exception as exc:  # a bug must still not show a traceback to the user
        if ctx.obj.get("debug"):
            traceback.print_exc()
        fail(f"{what}: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
@click.version_option(package_name="pvparse")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """pvparse: French meeting minutes → validated, source-grounded JSON."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write the JSON here instead of stdout."
)
@click.pass_context
def parse(ctx: click.Context, file: Path, output: Path | None) -> None:
    """Parse one minutes FILE and print its JSON."""
    from . import parse_file, to_json

    text = guarded(ctx, str(file), lambda: to_json(parse_file(file)))
    if output is None:
        click.echo(text, nl=False)
    else:
        guarded(ctx, str(output), lambda: write_atomic(output, text))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the page here, not stdout.")
@click.pass_context
def render(ctx: click.Context, file: Path, output: Path | None) -> None:
    """Write a self-contained HTML review page of one minutes FILE."""
    from .pipeline import parse_source
    from .read import read_source
    from .render import render_html

    def build() -> str:
        source = read_source(file)
        return render_html(parse_source(source), source.text)

    page = guarded(ctx, str(file), build)
    if output is None:
        click.echo(page, nl=False)
    else:
        guarded(ctx, str(output), lambda: write_atomic(output, page))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["popolo"]), default="popolo", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write it here, not stdout.")
@click.pass_context
def export(ctx: click.Context, file: Path, fmt: str, output: Path | None) -> None:
    """Export one minutes FILE in another standard format (Popolo JSON)."""
    from . import parse_file
    from .popolo import to_popolo

    def build() -> str:
        return json.dumps(to_popolo(parse_file(file)), ensure_ascii=False, indent=2) + "\n"

    text = guarded(ctx, str(file), build)
    if output is None:
        click.echo(text, nl=False)
    else:
        guarded(ctx, str(output), lambda: write_atomic(output, text))


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--resume", is_flag=True, help="Skip inputs already done (output present, same sha256).")
@click.option("--glob", "pattern", help="Only files of the folders whose name matches, e.g. '*.docx'.")
@click.option(
    "--emit-text", is_flag=True, help="Also write the extracted text (<stem>.txt) that spans index."
)
@click.option("--render", is_flag=True, help="Also write the review page (<stem>.html) beside each JSON.")
@click.pass_context
def batch(
    ctx: click.Context, inputs: tuple[Path, ...], out_dir: Path, jobs: int, resume: bool, pattern: str | None,
    emit_text: bool, render: bool,
) -> None:  # fmt: skip
    """Parse files and folders (recursively) into OUT, with a manifest.jsonl; exit 1 if any failed."""
    from .batch import BatchOptions, Outputs, collect_tasks, run_batch

    options = BatchOptions(
        out_dir=out_dir, jobs=jobs, resume=resume, outputs=Outputs(text=emit_text, page=render)
    )
    tasks = guarded(ctx, "batch", lambda: collect_tasks(list(inputs), out_dir, pattern))
    if not tasks:
        fail("batch: no input files found")
    progress = _BatchProgress(len(tasks))
    try:
        summary = guarded(ctx, "batch", lambda: run_batch(tasks, options, on_record=progress.update))
    finally:
        progress.close()
    click.echo(
        f"pvparse: {summary.total} inputs: {summary.ok} ok, {summary.partial} partial, "
        f"{summary.failed} failed ({summary.skipped} already done) in {summary.seconds:.1f} s; "
        f"manifest {out_dir / 'manifest.jsonl'}",
        err=True,
    )
    sys.exit(EXIT_FAILED if summary.failed else EXIT_OK)


class _BatchProgress:
    """A progress bar (rate, ETA) on a terminal; one plain line per input otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.bar: Any = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)

    def update(self, record: Any) -> None:
        self.done += 1
        line = f"pvparse: [{self.done}/{self.total}] {record.status}: {record.path}"
        if record.skipped:
            line += " (already done)"
        elif record.error:
            line = f"pvparse: [{self.done}/{self.total}] failed: {record.error}"
        if self.bar is None:
            click.echo(line, err=True)
            return
        if record.status == "failed":
            self.bar.write(line, file=sys.stderr)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@cli.command(name="eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of NAME.json gold files (GOLD_FORMAT v1).",
)
@click.option(
    "--text",
    "text_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of the source minutes NAME.*.",
)
@click.option(
    "--pred",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of NAME.json outputs (default: parse the texts now).",
)
@click.option("-v", "--verbose", is_flag=True, help="Per-document scores and problems.")
@click.pass_context
def evaluate(ctx: click.Context, gold: Path, text_dir: Path, pred: Path | None, verbose: bool) -> None:
    """Score pvparse against gold annotations: per-item P/R/F1 and accuracies."""
    from .evaluate import format_report, run

    report = guarded(ctx, str(gold), lambda: run(gold, text_dir, pred))
    click.echo(format_report(report, verbose=verbose))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the output contract."""
    from .schema import Document

    click.echo(json.dumps(Document.model_json_schema(by_alias=True), ensure_ascii=False, indent=2))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="pvparse", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("pvparse: interrupted", err=True)
        sys.exit(130)
