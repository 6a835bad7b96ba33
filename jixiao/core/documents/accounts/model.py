"""The 部门决算 model: disclosure tables 公开01–09 and the figures of their explanation text.

Tables differ a lot in shape (two-sided totals, function-classified rows, three column groups,
a single 12-cell row), so a :class:`Table` holds its content as JSON-shaped ``data`` (the
shapes of ``docs/accounts.md``, with ``Decimal`` amounts) and a ``refs`` map from a cell's path
("income_total", "rows[3].基本支出", "budget.total") to where it was read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.model import Confidence, SourceRef
from jixiao.core.text import key as text_key

__all__ = ["Accounts", "Figure", "Table", "same_name"]


def same_name(printed: object, name: str) -> bool:
    """A row's printed name is ``name`` (simplified or traditional, punctuation aside)."""
    return isinstance(printed, str) and (printed == name or text_key(printed) == text_key(name))


@dataclass(frozen=True, slots=True)
class Table:
    """One disclosure table.

    Attributes:
        number: the standard number of its content ("01" … "09").
        title: the title as printed.
        printed_number: the number the document prints ("公开07表" → "07"), if any.
        data: the content, shaped as in ``docs/accounts.md`` (amounts in 万元, ``Decimal``).
        refs: cell path → where it was read.
        ref: where the title stands.
        source_unit: the unit the table printed (元 tables are converted to 万元).
        confidence: whether its header, columns and totals were read with confidence.
    """

    number: str
    title: str
    data: Mapping[str, Any]
    printed_number: str | None = None
    refs: Mapping[str, SourceRef] = field(default_factory=dict, compare=False)
    ref: SourceRef | None = None
    source_unit: str = "万元"
    confidence: Confidence = field(default_factory=Confidence, compare=False)

    def ref_of(self, path: str) -> SourceRef | None:
        """Where a cell was read, by the path of :meth:`Accounts.value` or of ``refs``."""
        if path.startswith("row:"):
            _, key, column = path.split(":", 2)
            rows = self.rows()
            for n, r in enumerate(rows):
                hit = (
                    (key == "合计" and r.get("code") is None and r.get("name") == "合计")
                    or (key.startswith("name=") and same_name(r.get("name"), key[5:]))
                    or r.get("code") == key
                )
                if hit:
                    path = f"rows[{n}].{column}"
                    break
        return self.refs.get(path) or self.ref

    def rows(self) -> list[dict[str, Any]]:
        """The function-classified rows (02, 03, 05, 07, 08) or the 06 rows."""
        return list(self.data.get("rows", []))

    def total_row(self) -> dict[str, Any] | None:
        """The 合计 row of a function-classified table."""
        return next((r for r in self.rows() if r.get("code") is None and r.get("name") == "合计"), None)

    def row(self, code: str | None = None, name: str | None = None) -> dict[str, Any] | None:
        """A row by code, or by name."""
        wanted = None if name is None else text_key(name)
        for r in self.data.get("rows", ()):
            if code is not None and r.get("code") == code:
                return r
            if name is not None:
                printed = r.get("name")  # same_name, its key computed once
                if isinstance(printed, str) and (printed == name or text_key(printed) == wanted):
                    return r
        return None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure stated in the explanation text, linked to a table cell when possible.

    Attributes:
        text: the clause it was read from.
        kind: amount, share, growth, completion or change.
        value: the number as printed (percentages as fractions, amounts in 万元).
        item: the item the clause names ("收入合计", "财政拨款收入", "基本工资").
        table: the table number of the linked cell, if any.
        cell: the cell path in that table, if any.
        ref: where the clause stands.
        context: other numbers of the same clause the checks need (``base`` for a share,
            ``budget``/``actual`` for a completion rate, ``change``/``current`` for a growth).
    """

    text: str
    kind: str
    value: Decimal
    item: str | None = None
    table: str | None = None
    cell: str | None = None
    ref: SourceRef | None = None
    context: Mapping[str, Decimal | str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Accounts:
    """A department's final accounts as published."""

    department: str | None
    year: int | None
    unit: str
    tables: Mapping[str, Table]
    narrative: tuple[Figure, ...] = ()
    ref: SourceRef | None = None

    def table(self, number: str) -> Table | None:
        """Table ``number`` ("01" … "09"), if the document has it."""
        return self.tables.get(number)

    def value(self, number: str, path: str) -> Decimal | None:
        """A cell by table number and path.

        Paths: "income_total", "income_rows.其他收入", "budget.total", or for row tables
        "row:合计:基本支出", "row:210:本年收入合计", "row:name=办公费:amount".
        """
        table = self.tables.get(number)
        if table is None:
            return None
        if path.startswith("row:"):
            _, key, column = path.split(":", 2)
            if key == "合计":
                row = table.total_row()
            elif key.startswith("name="):
                row = table.row(name=key[5:])
            else:
                row = table.row(code=key)
            if row is None:
                return None
            value = row["values"].get(column) if "values" in row else row.get(column)
            return value if isinstance(value, Decimal) else None
        data: Any = table.data
        for part in path.split("."):
            if not isinstance(data, Mapping) or part not in data:
                return None
            data = data[part]
        return data if isinstance(data, Decimal) else None


def _decimals(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


def accounts_from_dict(data: dict[str, Any], source: str = "accounts") -> Accounts:
    """An :class:`Accounts` from an ACCOUNTS object (``docs/accounts.md``).

    Used by test cases, stored versions and hand-written inputs; every cell gets a
    :class:`SourceRef` naming its path (``accounts:01!income_total``).
    """
    tables = {}
    for number, content in (data.get("tables") or {}).items():
        content = dict(content)
        title = content.pop("title", f"公开{number}表")
        confidence = content.pop("confidence", None) or {}
        for extra in ("printed_number", "location", "source_unit"):
            content.pop(extra, None)
        body = _decimals(content)
        refs: dict[str, SourceRef] = {}

        def walk(node: Any, path: str, number: str = number, refs: dict[str, SourceRef] = refs) -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, f"{path}.{k}" if path else k, number, refs)
            elif isinstance(node, list):
                for n, v in enumerate(node):
                    walk(v.get("values", v) if isinstance(v, dict) else v, f"{path}[{n}]", number, refs)
            else:
                refs[path] = SourceRef(source, sheet=number, cell=path)

        walk(body, "")
        tables[number] = Table(
            number=number,
            title=title,
            data=body,
            refs=refs,
            ref=SourceRef(source, sheet=number),
            confidence=Confidence.of(confidence.get("doubts") or ()),
        )
    return Accounts(
        department=data.get("department"),
        year=data.get("year"),
        unit=data.get("unit", "万元"),
        tables=tables,
        ref=SourceRef(source),
    )
