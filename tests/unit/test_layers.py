"""Layers point one way: model, content, store never import widget libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pleegzorg_lib
import pleegzorg_lib.model as model


def test_lower_layers_do_not_import_ipywidgets() -> None:
    code = (
        "import sys\n"
        "import pleegzorg_lib.model, pleegzorg_lib.content, pleegzorg_lib.store, "
        "pleegzorg_lib.i18n, pleegzorg_lib.server.landing, pleegzorg_lib.cli, "
        "pleegzorg_lib.analysis, pleegzorg_lib.export, pleegzorg_lib.services.sessions\n"
        "bad = [m for m in ('ipywidgets', 'traitlets', 'IPython') if m in sys.modules]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_model_imports_only_the_standard_library() -> None:
    code = (
        "import sys; before = set(sys.modules)\n"
        "import pleegzorg_lib.model\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "ok = set(sys.stdlib_module_names) | {'pleegzorg_lib'}\n"
        "third = sorted(m for m in new if m not in ok)\n"
        "print(third); sys.exit(1 if third else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_model_module_imports_a_third_party_library_even_lazily() -> None:
    """The model is rules on plain data: networkx (the netwerkkaart's metrics) lives in
    ``analysis/network_metrics.py``."""
    import ast
    from pathlib import Path

    model_dir = Path(model.__file__).parent
    third = []
    for path in sorted(model_dir.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "pleegzorg_lib":
                    third.append(f"{path.name}: {name}")
    assert third == []


def test_public_api_is_declared() -> None:
    """``__all__`` is exactly what the package offers notebooks (as httpx checks its own):
    every public name it defines or imports lazily, nothing more, and each resolves.
    Subpackages are reachable but not part of it."""
    import __future__

    import types

    defined = {
        name
        for name, value in vars(pleegzorg_lib).items()
        if (not name.startswith("_") or name == "__version__")
        and not isinstance(value, types.ModuleType | __future__._Feature)
    }
    assert sorted(defined | set(pleegzorg_lib._LAZY)) == sorted(pleegzorg_lib.__all__)
    assert set(pleegzorg_lib.__all__) <= set(dir(pleegzorg_lib))
    for name in pleegzorg_lib.__all__:
        assert getattr(pleegzorg_lib, name) is not None
    assert pleegzorg_lib.worksheet.__module__ == "pleegzorg_lib.pages.worksheet"
    assert pleegzorg_lib.live_view.__module__ == "pleegzorg_lib.pages.facilitator"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        pleegzorg_lib.nope  # noqa: B018
    for name in model.__all__:
        assert hasattr(model, name)


def test_the_participant_page_does_not_load_pandas() -> None:
    """A worksheet kernel stays lean: pandas is for facilitators and reports only."""
    code = (
        "import sys\n"
        "import pleegzorg_lib.pages.worksheet, pleegzorg_lib.export\n"
        "heavy = [m for m in ('pandas', 'numpy', 'pleegzorg_lib.analysis') if m in sys.modules]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


#: Environment variables read outside config.py, and why.
READ_ELSEWHERE = {
    ("server/app.py", "JUPYTER_PATH"): "extended (read, then written) for Voilà's template search",
}


def test_only_config_reads_the_environment() -> None:
    """Every setting is read by name in ``config.py`` alone — ours (``PLEEGZORG_*``),
    Voilà's (``VOILA_*``), JupyterHub's, hunspell's: one place that lists what the environment
    can change (issue 31). Checked: ``os.environ.get``, ``os.getenv`` and ``os.environ[…]``
    reads (not ``setdefault``, ``in`` or a copy handed to a child process, which is how the
    server gives its kernels their settings); the few reads elsewhere are listed above."""
    import ast
    from pathlib import Path

    root = Path(pleegzorg_lib.__file__).parent
    readers = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "config.py" and path.parent == root:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            # os.environ.get("PLEEGZORG_…"), os.getenv("PLEEGZORG_…"), os.environ["PLEEGZORG_…"]
            name = None
            if isinstance(node, ast.Call) and node.args:
                func = ast.unparse(node.func)
                if func in ("os.environ.get", "os.getenv", "environ.get", "getenv"):
                    name = node.args[0]
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Load)
                and ast.unparse(node.value) in ("os.environ", "environ")
            ):
                name = node.slice
            where = path.relative_to(root).as_posix()
            if name is None:
                continue
            if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                readers.append(f"{where}:{node.lineno} (a computed name)")
            elif (where, name.value) not in READ_ELSEWHERE:
                readers.append(f"{where}:{node.lineno} {name.value}")
    assert readers == []


def _import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports, at the top or inside functions (a lazy
    import is a dependency too). ``from ..model import Question`` counts as an import of the
    module the package takes ``Question`` from (``model.worksheet``), not of the package."""
    import ast
    from pathlib import Path

    root = Path(pleegzorg_lib.__file__).parent

    def name_of(path: Path) -> str:
        parts = ["pleegzorg_lib", *path.relative_to(root).with_suffix("").parts]
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    paths = {name_of(p): p for p in root.rglob("*.py")}
    packages = {m for m, p in paths.items() if p.name == "__init__.py"}
    imports: dict[str, list[tuple[str, list[str]]]] = {}
    for module, path in paths.items():
        here = module if module in packages else module.rsplit(".", 1)[0]
        found = []
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = here.split(".")[: len(here.split(".")) - max(0, node.level - 1)]
                target = (
                    ".".join(base + ([node.module] if node.module else []))
                    if node.level
                    else node.module or ""
                )
                found.append((target, [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found.extend((a.name, []) for a in node.names)
        imports[module] = found
    # which module a package's name comes from (its __init__'s relative imports)
    origin: dict[tuple[str, str], str] = {}
    for package in packages:
        for target, names in imports[package]:
            for name in names:
                if target in paths and target != package:
                    origin[(package, name)] = target
    graph: dict[str, set[str]] = {m: set() for m in paths if m not in packages}
    for module in graph:
        for target, names in imports[module]:
            for name in names or [""]:
                dep = f"{target}.{name}" if f"{target}.{name}" in paths else target
                dep = origin.get((target, name), dep)
                if dep in graph and dep != module:
                    graph[module].add(dep)
    return graph


def test_no_module_imports_itself_round_a_cycle() -> None:
    """Two modules that need each other are one module in two files: break it with a third
    (``model/errors.py``, ``widgets/_view.py``). Lazy imports count."""
    graph = _import_graph()
    cycles = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []
    # the two cycles this replaced stay broken
    assert "pleegzorg_lib.model.worksheet" not in graph["pleegzorg_lib.model.netwerkkaart"]
    assert "pleegzorg_lib.widgets.questions" not in graph["pleegzorg_lib.widgets.netwerkkaart"]


def test_one_place_builds_the_pages_addresses() -> None:
    """``voila/render/…`` is written in one place (``model.page_path``); the landing page,
    session links, year plans and the live view all ask it."""
    import ast
    from pathlib import Path

    from pleegzorg_lib.model import page_path

    root = Path(pleegzorg_lib.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).as_posix() == "model/worksheet.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "voila/render" in node.value
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    # docstrings may name the address; code may not build it
    code = [f for f in found if not _is_docstring(root / f.split(":")[0], int(f.split(":")[1]))]
    assert code == []
    assert page_path("samenwerken/mijn twee families.ipynb") == (
        "voila/render/samenwerken/mijn%20twee%20families.ipynb"
    )


def _is_docstring(path, lineno: int) -> bool:
    import ast

    for node in ast.walk(ast.parse(path.read_text())):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and value.lineno <= lineno <= value.end_lineno:
                return True
    return False


def test_only_the_applications_hold_the_whole_store() -> None:
    """Widgets, services, exports and analysis take the narrow view they need
    (``store/interfaces.py``), so each one's reach into stored data can be read off its
    signature. Only the applications open or name the whole store: the pages, the CLI, the
    server and ``pleegzorg check`` (which reads stored answers). Lazy imports count."""
    import ast
    from pathlib import Path

    root = Path(pleegzorg_lib.__file__).parent
    applications = ("store", "pages", "cli", "server", "authoring")
    whole = {"SQLStore", "Store", "open_store"}
    holders = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] in applications:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and "store" in (node.module or "").split("."):
                named = whole & {a.name for a in node.names}
                if named:
                    holders.append(f"{path.relative_to(root)}:{node.lineno} {sorted(named)}")
    assert holders == []
    # the modules that take a store name their view of it
    graph = _import_graph()
    interfaces = {m for m, deps in graph.items() if "pleegzorg_lib.store.interfaces" in deps}
    for module in ("widgets.runner", "widgets.facilitator", "widgets.rights", "export.report"):
        assert f"pleegzorg_lib.{module}" in interfaces


def test_heavy_names_are_imported_when_first_asked_for() -> None:
    """The three packages with heavy parts (the notebook API, analysis, export) list them
    in ``__all__`` and ``dir()`` but import them on first use, through one helper."""
    code = (
        "import sys\n"
        "import pleegzorg_lib.analysis as a, pleegzorg_lib.export as e\n"
        "assert 'summarize_session' in dir(a) and 'collect_session' in dir(e)\n"
        "assert 'pandas' not in sys.modules\n"
        "a.summarize_session\n"
        "assert 'pandas' in sys.modules and 'summarize_session' in vars(a)\n"
        "try:\n"
        "    e.nope\n"
        "except AttributeError as exc:\n"
        "    assert \"'pleegzorg_lib.export' has no attribute 'nope'\" in str(exc), exc\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_library_the_package_imports_is_declared() -> None:
    """Every third-party module pleegzorg_lib imports (lazily too) comes from a distribution
    pyproject.toml names — the core dependencies, or an extra for an optional part (the
    PostgreSQL driver, JupyterHub) — not from a dependency's dependencies."""
    import ast
    import importlib.metadata
    import re
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())["project"]
    declared_specs = list(project["dependencies"])
    for extra in ("postgres", "hub"):
        declared_specs += project["optional-dependencies"][extra]
    declared = {
        re.split(r"[\[<>=!~ ;]", spec, maxsplit=1)[0].lower().replace("_", "-")
        for spec in declared_specs
    }
    providers = importlib.metadata.packages_distributions()
    package = Path(__file__).parents[2] / "pleegzorg_lib"
    missing: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "pleegzorg_lib":
                    continue
                dists = {d.lower().replace("_", "-") for d in providers.get(top, [top])}
                if not dists & declared:
                    missing.add(f"{top} ({path.relative_to(package)})")
    assert sorted(missing) == []
