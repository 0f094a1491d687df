"""Every rule code a service passes to an error constructor is a member of schemas.rule_codes.RuleCode.

The scan reads the source of all services: calls of the platform's error constructors
(FieldProblem, invalid, RowError, CellError) and of any helper that forwards its `rule` parameter
to one of them (found by the scan itself, e.g. a local `problem(field, rule, ...)`).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import inspect
from pathlib import Path

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, invalid
from services.indicator.domain.tabular import CellError, RowError

SERVICES = Path(__file__).resolve().parents[3] / "services"


def _position_of_rule(constructor: object) -> int:
    if dataclasses.is_dataclass(constructor):
        names = [f.name for f in dataclasses.fields(constructor)]
    else:
        names = [p for p in inspect.signature(constructor).parameters if p != "self"]
    return names.index("rule")


CONSTRUCTORS = {
    c.__name__: _position_of_rule(c) for c in (FieldProblem, invalid, RowError, CellError)
}


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _rule_argument(call: ast.Call, position: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "rule":
            return keyword.value
    return call.args[position] if len(call.args) > position else None


def _forwarding_helpers(tree: ast.Module, known: dict[str, int]) -> dict[str, int]:
    """Functions of the module with a `rule` parameter they pass on to a known constructor."""
    candidates = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg != "self"]
            if "rule" in params and node.name not in known:
                candidates.append((node, params.index("rule")))
    helpers: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for node, rule_position in candidates:
            if node.name in helpers:
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                position = {**known, **helpers}.get(_callee(call) or "")
                argument = None if position is None else _rule_argument(call, position)
                if isinstance(argument, ast.Name) and argument.id == "rule":
                    helpers[node.name] = rule_position
                    changed = True
                    break
    return helpers


@functools.cache
def rule_codes_in(path: Path) -> list[tuple[str, int]]:
    """(code, line) of every string literal passed as the rule of an error in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    local = _forwarding_helpers(tree, CONSTRUCTORS)
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = _callee(call)
        if name in CONSTRUCTORS:
            position = CONSTRUCTORS[name]
        elif isinstance(call.func, ast.Name) and name in local:
            position = local[name]
        else:
            continue
        argument = _rule_argument(call, position)
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.append((argument.value, call.lineno))
    return found


def test_every_rule_code_a_service_emits_is_a_rule_code():
    unknown = [
        f"{path.relative_to(SERVICES.parent)}:{line} {code!r}"
        for path in sorted(SERVICES.rglob("*.py"))
        for code, line in rule_codes_in(path)
        if code not in RuleCode.__members__.values()
    ]
    assert not unknown, "rule codes missing from schemas.rule_codes.RuleCode:\n" + "\n".join(
        unknown
    )


def test_the_scan_finds_codes_through_constructors_and_forwarding_helpers(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "def problem(field, rule, message):\n"
        "    return [FieldProblem(field, rule, message)]\n"
        "raise invalid('year', 'in_range', 'a year')\n"
        "FieldProblem(field='x', rule='keyword_rule', message='m')\n"
        "problem('period', 'via_helper', 'm')\n"
        "raise CellError('cell_rule', 'm')\n"
        "RowError(1, 'A', 'f', 'row_rule', 'm')\n"
        "set().add('not_a_rule')\n"
    )
    assert sorted(code for code, _ in rule_codes_in(source)) == [
        "cell_rule",
        "in_range",
        "keyword_rule",
        "row_rule",
        "via_helper",
    ]


def test_every_service_emits_rule_codes_the_scan_sees_or_the_enumeration_names():
    for service in ("indicator", "scoring", "development"):
        files = sorted((SERVICES / service).rglob("*.py"))
        literals = [code for path in files for code, _ in rule_codes_in(path)]
        members = [path for path in files if "RuleCode." in path.read_text(encoding="utf-8")]
        assert literals or members, f"the scan finds no rule code in services/{service}"


def test_indicator_names_its_rule_codes_by_the_enumeration():
    literals = [
        f"{path.relative_to(SERVICES.parent)}:{line} {code!r}"
        for path in sorted((SERVICES / "indicator").rglob("*.py"))
        for code, line in rule_codes_in(path)
    ]
    assert not literals, "use RuleCode members:\n" + "\n".join(literals)


def test_every_rule_code_is_described_in_one_line():
    for code in RuleCode:
        assert code == code.value and code.name == code.value
        assert code.description.strip() and "\n" not in code.description, code
