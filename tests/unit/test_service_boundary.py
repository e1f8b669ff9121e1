"""No ORM object leaves a service: what handlers and jobs get back is plain frozen data.

The import contract "Handlers never import storage" stops a handler naming a model; this stops
a service handing one over (a row's lazy attributes would load outside the transaction).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import importlib.util
import inspect
import typing
from pathlib import Path
from typing import Any

from storage.models import Base

ROOT = Path(__file__).resolve().parents[2]


def _used_by_handlers_and_jobs() -> set[tuple[str, str]]:
    """(service module, name) of every service function handlers/ and jobs/ call, read from
    their imports: `from bot.services.x import f` and `from bot.services import x` then `x.f`."""
    used: set[tuple[str, str]] = set()
    for path in [*ROOT.joinpath("handlers").rglob("*.py"), *ROOT.joinpath("jobs").rglob("*.py")]:
        tree = ast.parse(path.read_text())
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.services"):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if importlib.util.find_spec(full.rsplit(".", 1)[0]) and _is_module(full):
                        aliases[alias.asname or alias.name] = full
                    else:
                        used.add((str(node.module), alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("bot.services") and alias.asname:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                used.add((aliases[node.value.id], node.attr))
    return used


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _orm_in(hint: Any, seen: set[int]) -> list[str]:
    """ORM classes reachable from a type: through unions, generics and dataclass fields."""
    if id(hint) in seen:
        return []
    seen.add(id(hint))
    if isinstance(hint, type) and issubclass(hint, Base):
        return [hint.__name__]
    found: list[str] = []
    for arg in typing.get_args(hint):
        found += _orm_in(arg, seen)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        module = inspect.getmodule(hint)
        hints = typing.get_type_hints(hint, vars(module) if module else None)
        for field in dataclasses.fields(hint):
            found += _orm_in(hints.get(field.name), seen)
    return found


def test_no_service_function_handlers_or_jobs_call_returns_an_orm_object() -> None:
    leaks: list[str] = []
    for module_name, name in sorted(_used_by_handlers_and_jobs()):
        fn = getattr(importlib.import_module(module_name), name, None)
        if not inspect.isfunction(fn):
            continue  # a class, a constant: dataclasses are checked through what returns them
        try:
            hints = typing.get_type_hints(fn)
        except NameError:  # a type imported only for checking (matplotlib's Figure): not ORM
            continue
        orm = _orm_in(hints.get("return"), set())
        if orm:
            leaks.append(f"{module_name}.{name} -> {', '.join(sorted(set(orm)))}")
    assert not leaks, "\n".join(leaks)
