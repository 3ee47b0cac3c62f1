"""A real public application, as an adopting team has it: its wheel from PyPI (migrations and
models ship inside it), unpacked as a checkout, and an environment where its code imports.

Downloaded at test time into a cache (``EXPANDCONTRACT_TEST_CACHE``, else
``~/.cache/expandcontract-tests``) and reused afterwards. A failed download is a test failure
with the reason, never a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RealApp:
    name: str
    version: str
    checkout: Path  # the unpacked wheel: the app's source tree
    python: Path | None  # an interpreter where the app imports, and expandcontract from this repo too

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONPATH"] = str(REPO)  # this checkout of expandcontract, whatever the cache was made by
        env["PYTHONWARNINGS"] = "ignore"
        return subprocess.run([str(self.python), "-m", "expandcontract", *args], cwd=cwd or self.checkout,
                              capture_output=True, text=True, env=env, timeout=900, check=False)


def cache_dir() -> Path:
    root = Path(os.environ.get("EXPANDCONTRACT_TEST_CACHE") or Path.home() / ".cache" / "expandcontract-tests")
    root.mkdir(parents=True, exist_ok=True)
    return root


def _pip(python: str, *args: str, what: str) -> None:
    last = ""
    for _ in range(3):  # a flaky network gets two more tries
        done = subprocess.run([python, "-m", "pip", *args, "--disable-pip-version-check", "-q"],
                              capture_output=True, text=True, timeout=900, check=False)
        if done.returncode == 0:
            return
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
    pytest.fail(f"cannot {what} (pip {' '.join(args[:2])}): {last}")


def real_app(name: str, version: str, *, environment: bool = True) -> RealApp:
    """The app's wheel unpacked, and (``environment``) a virtualenv holding its dependencies (it
    sees this interpreter's packages, expandcontract's among them, and this repository first)."""
    root = cache_dir() / f"{name}-{version}"
    checkout, env = root / "checkout", root / "venv"
    if not environment:
        if not (root / ".unpacked").is_file():
            shutil.rmtree(root, ignore_errors=True)
            _pip(sys.executable, "download", "--no-deps", f"{name}=={version}", "-d", str(root / "wheel"),
                 what=f"download the {name} {version} wheel from PyPI")
            [wheel] = list((root / "wheel").glob("*.whl"))
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(checkout)
            (root / ".unpacked").write_text("ok\n")
        return RealApp(name, version, checkout, None)
    done = root / ".complete"
    if not done.is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        wheels = root / "wheel"
        _pip(sys.executable, "download", "--no-deps", f"{name}=={version}", "-d", str(wheels),
             what=f"download the {name} {version} wheel from PyPI")
        [wheel] = list(wheels.glob("*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(checkout)
        venv.EnvBuilder(with_pip=True).create(env)
        python = str(env / "bin" / "python")
        site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        # this interpreter's packages (SQLAlchemy, Alembic, expandcontract's dependencies) after the app's own
        parents = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        Path(site, "_expandcontract_parent.pth").write_text("\n".join(parents) + "\n")
        _pip(python, "install", f"{name}=={version}", what=f"install {name} {version}'s dependencies from PyPI")
        done.write_text("ok\n")
    return RealApp(name, version, checkout, env / "bin" / "python")
