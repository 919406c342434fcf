"""The wheel carries everything pvparse needs (code and models/ data): installed with no checkout on
the path, it parses the 2022 minutes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.conftest import AG2022, ROOT

pytestmark = pytest.mark.slow


def test_wheel_installs_and_parses_without_checkout(tmp_path: Path) -> None:
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    [wheel] = list(dist.glob("pvparse-*.whl"))
    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    py = fresh / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True)
    # Dependencies (spaCy and its model...) come from the test environment's site-packages, read as a
    # plain path: its .pth files, among them the editable install of this checkout, are not processed.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    work = tmp_path / "elsewhere"
    work.mkdir()
    code = (
        "import json, sys, pvparse\n"
        "assert 'site-packages' in pvparse.__file__ and 'src' not in pvparse.__file__.split('site-packages')[0][-5:], pvparse.__file__\n"
        "doc = pvparse.parse_file(sys.argv[1])\n"
        "print(json.dumps({'file': pvparse.__file__, 'turns': len(doc.turns), 'sections': len(doc.sections)}))\n"
    )
    proc = subprocess.run([str(py), "-c", code, str(AG2022)], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert str(fresh) in out["file"]
    assert out["turns"] == 52
    assert out["sections"] > 4
