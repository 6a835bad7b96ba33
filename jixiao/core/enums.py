"""Closed vocabularies of the domain (leaf module: imports nothing from jixiao)."""

from __future__ import annotations

from enum import StrEnum


class FormKind(StrEnum):
    """Which form a :class:`~jixiao.core.model.Form` is."""

    PROJECT = "project_self_evaluation"  # 项目支出绩效自评表
    DEPARTMENT = "department_self_evaluation"  # 部门（整体）绩效自评表
    COMPLETION = "project_completion_table"  # 专项业务经费（项目）绩效完成表 (no scores)


class FundSource(StrEnum):
    """Standard rows of the 项目资金 block."""

    TOTAL = "total"  # 年度资金总额
    FISCAL = "fiscal"  # 当年财政拨款
    CARRYOVER = "carryover"  # 上年结转资金
    OTHER = "other"  # 其他资金


class Severity(StrEnum):
    """Severity of a finding."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
