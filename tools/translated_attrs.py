"""Declare modeltranslation's per-language columns to the type checker.

django-modeltranslation adds ``<field>_bn`` and ``<field>_en`` to every registered model at run
time, so mypy cannot see them. Each registered model carries an ``if TYPE_CHECKING:`` block that
declares them; this script writes those blocks from the registrations (``translation.py``), and
``tests/core/test_typing.py`` fails when a block and the registrations disagree.

    BATAYON_TESTING=1 .venv/bin/python tools/translated_attrs.py        # rewrite the blocks
"""

from __future__ import annotations

import ast
import inspect
import os
import sys
from pathlib import Path

MARK = "    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py)"


def registrations() -> dict[type, tuple[str, ...]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "batayon.settings")
    import django

    django.setup()
    from modeltranslation.translator import translator

    out = {}
    for model in translator.get_registered_models(abstract=False):
        if model.__module__.startswith("batayon."):
            out[model] = tuple(translator.get_options_for_model(model).local_fields)
    return out


def block(fields: tuple[str, ...]) -> list[str]:
    lines = ["", MARK]
    for name in sorted(fields):
        lines += [f"        {name}_bn: str | None", f"        {name}_en: str | None"]
    return lines


def rewritten(path: Path, classes: dict[str, tuple[str, ...]]) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    # Drop old blocks, then insert new ones after each class's docstring (bottom-up).
    out, skip = [], False
    for line in lines:
        if line == MARK:
            skip = True
            if out and out[-1] == "":
                out.pop()
            continue
        if skip and line.startswith("        ") and ": str | None" in line:
            continue
        skip = False
        out.append(line)
    tree = ast.parse("\n".join(out))
    inserts = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in classes:
            first = node.body[0]
            doc = isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant)
            after = first.end_lineno if doc else node.lineno
            inserts.append((after, block(classes[node.name])))
    for after, new in sorted(inserts, reverse=True):
        out[after:after] = new
    text = "\n".join(out) + "\n"
    if "TYPE_CHECKING" not in text.split("class ", 1)[0]:
        raise SystemExit(f"{path}: import TYPE_CHECKING from typing first")
    return text


def by_file() -> dict[Path, dict[str, tuple[str, ...]]]:
    out: dict[Path, dict[str, tuple[str, ...]]] = {}
    for model, fields in registrations().items():
        out.setdefault(Path(inspect.getfile(model)), {})[model.__name__] = fields
    return out


def stale() -> list[Path]:
    """Model files whose declarations differ from the registrations."""
    return [p for p, classes in by_file().items() if rewritten(p, classes) != p.read_text(encoding="utf-8")]


def main() -> int:
    for path, classes in by_file().items():
        path.write_text(rewritten(path, classes), encoding="utf-8")
        print(f"{path}: {', '.join(sorted(classes))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
