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
import tarfile
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


def _unpack(downloads: Path, checkout: Path) -> None:
    """The downloaded wheel unpacked as ``checkout``; an app that publishes only a source
    distribution (Apache Superset 4.x) has its sdist's top folder as the checkout instead."""
    wheels = list(downloads.glob("*.whl"))
    if wheels:
        [wheel] = wheels
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(checkout)
        return
    [sdist] = list(downloads.glob("*.tar.gz"))
    unpacked = downloads / "sdist"
    with tarfile.open(sdist) as archive:
        archive.extractall(unpacked, filter="data")
    [top] = list(unpacked.iterdir())
    top.rename(checkout)
    shutil.rmtree(unpacked)


def real_app(name: str, version: str, *, environment: bool = True, pins: tuple[str, ...] = ()) -> RealApp:
    """The app's wheel unpacked, and (``environment``) a virtualenv holding its dependencies (it
    sees this interpreter's packages, expandcontract's among them, and this repository first).
    ``pins``: requirements installed with the app, the ones its own lock file holds that its
    package metadata leaves open (Superset 4.1 imports only with marshmallow 3), or an extra
    (its PostgreSQL driver)."""
    root = cache_dir() / f"{name}-{version}"
    checkout, env = root / "checkout", root / "venv"
    if not environment:
        if not (root / ".unpacked").is_file():
            shutil.rmtree(root, ignore_errors=True)
            _pip(sys.executable, "download", "--no-deps", f"{name}=={version}", "-d", str(root / "wheel"),
                 what=f"download the {name} {version} wheel from PyPI")
            _unpack(root / "wheel", checkout)
            (root / ".unpacked").write_text("ok\n")
        return RealApp(name, version, checkout, None)
    done = root / ".complete"
    if not done.is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        wheels = root / "wheel"
        _pip(sys.executable, "download", "--no-deps", f"{name}=={version}", "-d", str(wheels),
             what=f"download the {name} {version} wheel from PyPI")
        _unpack(wheels, checkout)
        venv.EnvBuilder(with_pip=True).create(env)
        python = str(env / "bin" / "python")
        site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
        # this interpreter's packages (SQLAlchemy, Alembic, expandcontract's dependencies) after the app's own
        parents = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
        Path(site, "_expandcontract_parent.pth").write_text("\n".join(parents) + "\n")
        _pip(python, "install", f"{name}=={version}", *pins,
             what=f"install {name} {version}'s dependencies from PyPI")
        done.write_text("".join(f"{pin}\n" for pin in pins) or "ok\n")
    elif pins and done.read_text().split() != list(pins):  # made before its pins were known
        _pip(str(env / "bin" / "python"), "install", f"{name}=={version}", *pins,
             what=f"install {name} {version}'s pinned dependencies from PyPI")
        done.write_text("".join(f"{pin}\n" for pin in pins))
    return RealApp(name, version, checkout, env / "bin" / "python")
