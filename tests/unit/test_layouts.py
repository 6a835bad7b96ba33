"""The form recogniser on small synthetic forms, one layout feature at a time."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.enums import FormKind
from jixiao.core.extract import extract_bytes
from jixiao.core.ingest.text import split_cells
from jixiao.fixtures import pipes, spaces

pytestmark = pytest.mark.unit

NATIONAL = """项目支出绩效自评表
（2024 年度）
项目名称\t测试项目\t\t\t\t\t\t
主管部门\t某某局\t\t\t实施单位\t某某中心\t\t
项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t100\t120\t108\t10\t90%\t9
\t其中：当年财政拨款\t100\t120\t108\t—\t90%\t—
\t上年结转资金\t\t\t\t—\t\t—
\t其他资金\t\t\t\t—\t\t—
年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t
\t完成培训\t\t\t已完成培训\t\t\t
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t培训人次\t≥500人次\t480人次\t30\t28.8\t部分学员缺席
\t质量指标\t合格率\t≥95%\t96%\t20\t20\t
效益指标\t社会效益指标\t能力提升\t有所提升\t有所提升\t30\t30\t
满意度指标\t\t学员满意度\t≥90%\t92%\t10\t10\t
总分\t\t\t\t\t100\t97.8\t
"""


def _one(text: str):
    result = extract_bytes(text.encode(), "t.txt")
    assert len(result.forms) == 1, result
    return result.forms[0], result.warnings


def test_national_layout_reads_every_block() -> None:
    form, warnings = _one(NATIONAL)

    assert (form.kind, form.year, form.project) == (FormKind.PROJECT, 2024, "测试项目")
    assert (form.department, form.implementer) == ("某某局", "某某中心")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (100, 120, 108)
    assert (form.funds.weight, form.funds.execution_rate, form.funds.score) == (
        10,
        Decimal("0.9"),
        9,
    )
    assert [r.source for r in form.funds.rows] == ["total", "fiscal", "carryover", "other"]
    assert form.goals.expected == "完成培训" and form.goals.actual == "已完成培训"
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", "数量指标", "培训人次"),
        ("产出指标", "质量指标", "合格率"),
        ("效益指标", "社会效益指标", "能力提升"),
        ("满意度指标", "服务对象满意度指标", "学员满意度"),
    ]
    assert form.indicators[0].note == "部分学员缺席"
    assert (form.total_weight, form.total_score) == (100, Decimal("97.8"))
    assert warnings == ()


def test_location_points_at_the_cell() -> None:
    form, _ = _one(NATIONAL)

    ref = form.indicators[0].refs["score"]

    assert (ref.file, ref.line, ref.column, ref.raw) == ("t.txt", 13, 7, "28.8")
    assert str(ref) == "t.txt:13:7"


def test_lost_level1_cell_is_implied_by_level2() -> None:
    text = NATIONAL.replace("效益指标\t社会效益指标", "\t社会效益指标")

    form, _ = _one(text)

    assert form.indicators[2].level1 == "效益指标"


def test_same_form_with_pipes_and_spaces() -> None:
    tab, _ = _one(NATIONAL)
    piped, spaced = pipes(NATIONAL), spaces(NATIONAL)

    for text in (piped, spaced):
        form, _ = _one(text)
        assert form.indicators == tab.indicators
        assert form.funds.rows == tab.funds.rows
        assert form.total_score == tab.total_score


HUBEI = """2024年度某某经费项目绩效自评表
填报日期：2025年3月1日
项目名称\t某某经费\t\t\t\t
主管部门\t某某局\t项目实施单位\t某某中心\t\t
预算执行情况 (万元) (20分)\t\t预算数(A)\t执行数(B)\t执行率 (B/A)\t得分 (20分*执行率)
\t年度财政资金总额\t50\t45\t90%\t18
一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分
产出指标 (40分)\t数量指标\t参保人数\t≥34万人\t344683人\t20
\t质量指标\t覆盖率\t90%\t90%\t20
效益指标 (40分)\t社会效益指标\t负担减轻\t有效缓解\t有效缓解\t38
总分\t96\t\t\t\t
偏差大或目标未完成原因分析\t无\t\t\t\t
"""


def test_hubei_layout_twenty_points_no_row_weights() -> None:
    form, warnings = _one(HUBEI)

    assert form.layout == "hubei"
    assert form.funds.weight == 20 and form.funds.score == 18
    assert form.funds.total.annual_budget == 50 and form.funds.total.initial_budget is None
    assert dict(form.level1_weights) == {"产出指标": 40, "效益指标": 40}
    assert [i.weight for i in form.indicators] == [None, None, None]
    assert [i.score for i in form.indicators] == [20, 20, 38]
    assert form.total_score == 96
    assert form.fields["填报日期"] == "2025年3月1日"
    assert form.fields["偏差大或目标未完成原因分析"] == "无"
    assert warnings == ()


DEPARTMENT = """2024年度某某中心部门绩效自评表
单位名称\t某某中心\t\t\t\t
预算执行情况 (20分)\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)\t
部门整体支出总额\t1000\t1000\t100%\t20\t
一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分
目标1(40分)：\t\t\t\t\t
产出指标\t数量指标\t任务完成\t完成\t完成\t40
目标2(40分)：\t\t\t\t\t
满意度指标\t服务对象满意度指标\t满意度\t90%\t95%\t40
约束性指标\t资金管理\t资金管理合规性\t不设权重，酌情扣分\t\t
总分\t100\t\t\t\t
"""


def test_department_form_goal_blocks_and_constraint_row() -> None:
    form, _ = _one(DEPARTMENT)

    assert form.kind == FormKind.DEPARTMENT and form.project == "某某中心"
    assert [i.group for i in form.indicators] == ["目标1", "目标2", None]
    assert form.indicators[2].level1 == "约束性指标"
    assert form.fields["目标1分值"] == "40"
    assert form.funds.total.source == "total" and form.funds.weight == 20


ANHUI_B = """2021年度项目支出绩效自评表
项目名称\t\t某项目\t\t\t\t\t\t
主管部门\t\t某局\t\t实施单位\t\t某中心\t\t
项目资金(万元)\t\t年初预算数(A)\t全年执行数(B)\t分值(10分)\t执行率(B/A)\t得分\t得分计算方法\t
\t年度资金总额:\t30\t30\t10\t100%\t10\t\t
一级指标\t二级指标\t三级指标\t分值\t年度指标(A)\t全年实际值(B)\t得分计算方法\t得分\t未完成原因分析
产出指标(50分)\t数量指标\t办理件数\t30\t100件\t90件\t完成值达到指标值，记满分；否则按B/A记分。\t27\t人手不足
\t\t社会效益指标\t在为民服务方面提升\t20\t95%\t95%\t\t20\t
单位自评总分\t\t\t\t\t\t\t\t57
"""


def test_anhui_b_method_column_and_shifted_level2_row() -> None:
    form, _ = _one(ANHUI_B)

    first, shifted = form.indicators
    assert (first.weight, first.target, first.actual, first.score) == (30, "100件", "90件", 27)
    assert first.method.startswith("完成值达到指标值")
    assert (shifted.level1, shifted.level2, shifted.name) == (
        "效益指标",
        "社会效益指标",
        "在为民服务方面提升",
    )
    assert (shifted.weight, shifted.target, shifted.score) == (20, "95%", 20)
    assert form.level1_weights == {"产出指标": Decimal(50)}
    assert form.total_score == 57 and form.total_weight is None
    assert form.layout == "anhui_b"


def test_unreadable_score_becomes_a_warning_not_a_value() -> None:
    text = NATIONAL.replace("\t28.8\t", "\t二十八\t")

    form, warnings = _one(text)

    assert form.indicators[0].score is None
    assert len(warnings) == 1
    assert "二十八" in warnings[0].message and warnings[0].location.line == 13


def test_form_without_indicator_table_is_warned() -> None:
    text = NATIONAL.split("一级指标")[0]

    form, warnings = _one(text)

    assert form.indicators == ()
    assert any("未找到绩效指标表头" in w.message for w in warnings)


def test_two_forms_are_split_and_numbered() -> None:
    result = extract_bytes((NATIONAL + "\n" + NATIONAL.replace("测试项目", "第二个")).encode(), "t")

    assert [(f.index, f.project) for f in result.forms] == [(1, "测试项目"), (2, "第二个")]


def test_a_form_whose_name_label_is_illegible_is_read_with_a_warning() -> None:
    second = NATIONAL.replace("测试项目", "第二个").replace("项目名称", "项目名")  # a scan lost "称"
    result = extract_bytes((NATIONAL + "\n" + second).encode(), "t")

    assert [(f.index, f.project) for f in result.forms] == [(1, "测试项目"), (2, "第二个")]
    assert result.forms[1].funds.total.executed == 108
    assert any("“项目名”" in w.message and "项目名称" in w.message for w in result.warnings)


def test_a_row_before_a_department_without_a_title_is_no_form() -> None:
    text = "说明\t内容\n主管部门\t某某局\n"

    assert extract_bytes(text.encode(), "t").forms == ()


def test_prose_and_final_accounts_are_not_forms() -> None:
    text = "一、部门概况\n项目\t\t本年收入合计\t财政拨款收入\n合计\t\t100\t100\n"

    assert extract_bytes(text.encode(), "t").forms == ()


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("a\tb", ("a", "b")),
        ("| a | | b |", ("a", "", "b")),
        ("a | b | c", ("a", "b", "c")),
        ("项目名称    城乡 居民", ("项目名称", "城乡 居民")),
        ("项目名称\u3000城乡", ("项目名称", "城乡")),
        ("一句话", ("一句话",)),
    ],
)
def test_split_cells(line: str, cells: tuple[str, ...]) -> None:
    assert split_cells(line) == cells
