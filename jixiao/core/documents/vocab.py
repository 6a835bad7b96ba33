"""The vocabulary the layout recognisers match on: labels, column headers, indicator levels.

Everything is matched on :func:`~jixiao.core.text.key` (simplified, no whitespace or
punctuation), so traditional characters, wrapped cells and full-width brackets all match.
Only structural words of the templates live here — never words of one document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from jixiao.core.enums import FundSource

# ---------------------------------------------------------------- indicator levels
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标", "约束性指标")

_L1_PATTERNS = [
    (re.compile(r"^产出指?标?$"), "产出指标"),
    (re.compile(r"^(效益|效果)指?标?$"), "效益指标"),
    (re.compile(r"^满意度指?标?$"), "满意度指标"),
    (re.compile(r"^约束性指?标?$"), "约束性指标"),
]
_L2_PATTERNS = [
    (re.compile(r"^数量指?标$"), "数量指标"),
    (re.compile(r"^质量指?标$"), "质量指标"),
    (re.compile(r"^时效指?标$"), "时效指标"),
    (re.compile(r"^成本指?标$"), "成本指标"),
    (re.compile(r"^经济成本指?标$"), "经济成本指标"),
    (re.compile(r"^社会成本指?标$"), "社会成本指标"),
    (re.compile(r"^生态(环境)?成本指?标$"), "生态环境成本指标"),
    (re.compile(r"^经济效益指?标$"), "经济效益指标"),
    (re.compile(r"^社会效益指?标$"), "社会效益指标"),
    (re.compile(r"^生态效益指?标$"), "生态效益指标"),
    (re.compile(r"^可持续(影响|发展|性)?指?标$"), "可持续影响指标"),
    (re.compile(r"^(社会公众或)?服务对象满意度指?标$"), "服务对象满意度指标"),
    (re.compile(r"^(服务对象|社会公众)?满意度指?标$"), "服务对象满意度指标"),
    (re.compile(r"^资金管理$"), "资金管理"),
]
_POINTS = re.compile(r"(\d+(?:\.\d+)?)分$")

#: level 2 → the level 1 it belongs to.
PARENT = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "资金管理": "约束性指标",
}


def split_points(k: str) -> tuple[str, Decimal | None]:
    """Split "产出指标50分" into ("产出指标", 50).

    >>> split_points("产出指标50分"), split_points("数量指标")
    (('产出指标', Decimal('50')), ('数量指标', None))
    """
    m = _POINTS.search(k)
    if not m:
        return k, None
    return k[: m.start()], Decimal(m.group(1))


def fmt_points(points: Decimal) -> str:
    """Points as printed text ("50", "13.5").

    >>> fmt_points(Decimal("50")), fmt_points(Decimal("13.50"))
    ('50', '13.5')
    """
    text = format(points, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=65536)
def level_of(k: str) -> tuple[int, str, Decimal | None] | None:
    """Classify a label cell (by key) as a level-1 or level-2 word.

    Returns:
        ``(level, standard name, points)`` or ``None`` when the cell is not a level label.

    >>> level_of("产出指标50分"), level_of("服务对象满意度标"), level_of("社会效益")
    ((1, '产出指标', Decimal('50')), (2, '服务对象满意度指标', None), None)
    """
    if not k or len(k) > 16:
        return None
    word, points = split_points(k)
    word = word.removeprefix("其中")
    for pattern, name in _L2_PATTERNS:
        if pattern.match(word):
            return 2, name, points
    for pattern, name in _L1_PATTERNS:
        if pattern.match(word):
            return 1, name, points
    return None


# ---------------------------------------------------------------- header labels
#: Header cells whose value stands in the next filled cell to the right.
FIELD_LABELS = {
    "项目名称": "project",
    "主管部门": "department",
    "主管部门及代码": "department",
    "实施单位": "implementer",
    "项目实施单位": "implementer",
    "单位名称": "unit_name",
    "项目负责人": "项目负责人",
    "联系电话": "联系电话",
    "填报单位": "填报单位",
    "填报单位盖章": "填报单位",
    "单位负责人签字": "单位负责人签字",
    "填报日期": "填报日期",
    "填报时间": "填报日期",
    "项目类别": "项目类别",
    "项目属性": "项目属性",
    "项目类型": "项目类型",
    "基本支出总额": "基本支出总额",
    "项目支出总额": "项目支出总额",
    "项目单位法人代码": "项目单位法人代码",
    "自评等级": "自评等级",
    "评价等级": "评价等级",
    "绩效等级": "绩效等级",
    "评价时间": "评价时间",
}

# ---------------------------------------------------------------- funds block
FUND_ROWS = [
    (re.compile(r"^(年度|年度财政|部门整体|实施期)?(资金|支出)总额$"), FundSource.TOTAL),
    (re.compile(r"^(其中)?(当年|本年)?财政(拨款|资金)$"), FundSource.FISCAL),
    (re.compile(r"^(其中)?上年结转(资金)?$"), FundSource.CARRYOVER),
    (re.compile(r"^(其中)?其他资金$"), FundSource.OTHER),
]


@lru_cache(maxsize=65536)
def fund_row(k: str) -> FundSource | None:
    """Which standard funds row a label (key) names.

    >>> fund_row("年度资金总额"), fund_row("其中当年财政拨款"), fund_row("部门整体支出总额")
    (<FundSource.TOTAL: 'total'>, <FundSource.FISCAL: 'fiscal'>, <FundSource.TOTAL: 'total'>)
    """
    if not k or len(k) > 14:
        return None
    for pattern, source in FUND_ROWS:
        if pattern.match(k):
            return source
    return None


#: Funds header cell (key, points stripped of brackets) → column field.
FUND_COLUMNS = [
    (re.compile(r"^年初预算数?A?$"), "initial_budget"),
    (re.compile(r"^(全年预算数|调整后预算数?|预算数)A?$"), "annual_budget"),
    (re.compile(r"^(全年执行数|执行数|预算执行数|实际执行数)B?$"), "executed"),
    (re.compile(r"^全年执行率$"), "full_year_rate"),
    (re.compile(r"^分值"), "weight"),
    (re.compile(r"^(预算)?执行率"), "rate"),
    (re.compile(r"^得分计算方法"), "method"),
    (re.compile(r"^得分"), "score"),
]


@lru_cache(maxsize=65536)
def fund_column(k: str, exact: bool = False) -> str | None:
    """Which funds column a header cell (key) names (``exact``: see :func:`indicator_column`)."""
    for pattern, name in FUND_COLUMNS:
        m = pattern.match(k)
        if m and (not exact or name == "method" or _HEADER_TAIL.match(k[m.end() :])):
            return name
    return None


_HEADER_TAIL = re.compile(r"^[A-Da-d/]*(\d+(\.\d+)?分)?([*×]?执行率)?$")


# ---------------------------------------------------------------- indicator header
INDICATOR_COLUMNS = [
    (re.compile(r"^一级指标?"), "level1"),
    (re.compile(r"^二级指标?"), "level2"),
    (re.compile(r"^(三级指标|指标内容|指标名称)"), "name"),
    (re.compile(r"^分值"), "weight"),
    (re.compile(r"^(年度指标值?|年初目标值|年度目标值|指标值|目标值|计划值)"), "target"),
    (re.compile(r"^(实际完成值|全年实际值?|全年完成值|实际完成情况|实际值|完成值)"), "actual"),
    (re.compile(r"^得分计算方法"), "method"),
    (re.compile(r"^得分"), "score"),
    (re.compile(r"^(偏差原因|未完成原因|未完成情况|偏差大|原因分析)"), "note"),
]


@lru_cache(maxsize=65536)
def indicator_column(k: str, exact: bool = False) -> str | None:
    """Which indicator column a header cell (key) names.

    With ``exact`` the whole key must be the header word (a trailing "(A)", "(B)" or points
    allowed; 偏差原因… and 得分计算方法 headers run on), not merely start with it.
    """
    for pattern, name in INDICATOR_COLUMNS:
        m = pattern.match(k)
        if m and (not exact or name in ("note", "method") or _HEADER_TAIL.match(k[m.end() :])):
            return name
    return None


TOTAL_ROW = re.compile(r"^(单位自评)?(总分|合计|总计)(\d+分)?$")
GROUP_ROW = re.compile(r"^(?:年度绩效)?目标\s*(\d+)\s*(?:[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）])?\s*[:：]?$")
FOOTER_LABELS = ("偏差大或目标未完成原因分析", "改进措施及结果应用方案", "备注")
GOAL_EXPECTED = re.compile(r"^(预期目标|年初设定目标|年初绩效目标)$")
GOAL_ACTUAL = re.compile(r"^(实际完成情况|全年实际完成情况|年度.*(完成情况|综述|概述))$")


# ---------------------------------------------------------------- template words
#: Every label and header word of the templates, as printed: what a cell of a scan is checked
#: against when a character may have been misread ("项自名称" → "项目名称").
TEMPLATE_WORDS = (
    *FIELD_LABELS,
    *LEVEL1,
    *PARENT,
    "项目支出绩效自评表",
    "部门整体支出绩效自评表",
    "项目资金",
    "年度资金总额",
    "其中：当年财政拨款",
    "其中：本年财政拨款",
    "上年结转资金",
    "其他资金",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "全年执行率",
    "执行率",
    "分值",
    "得分",
    "年度总体目标",
    "总体目标",
    "预期目标",
    "实际完成情况",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "偏差原因分析及改进措施",
    "未完成原因分析",
    "总分",
)
#: Labels and headers of the 部门决算 tables (公开01–09) as printed, and the names of the national
#: classifications their rows use (政府收支分类科目: the 类 of 支出功能分类, the 类 and 款 of
#: 部门预算支出经济分类), for the same correction on scans ("卫牛健康支出" → "卫生健康支出").
#: Being words in their own right, they also keep a correction from turning one into a form label
#: ("科目名称" is one character from "项目名称").
ACCOUNTS_WORDS = (
    # headers
    "科目名称",
    "科目代码",
    "科目编码",
    "功能分类科目",
    "支出功能分类科目",
    "经济分类科目",
    "本年收入",
    "本年收入合计",
    "本年支出合计",
    "本年支出小计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
    "年初结转和结余",
    "年末结转和结余",
    "年初财政拨款结转和结余",
    "年末财政拨款结转和结余",
    "使用非财政拨款结余",
    "使用非财政拨款结余和专用结余",
    "结余分配",
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "人员经费",
    "公用经费",
    "人员经费合计",
    "公用经费合计",
    # 支出功能分类科目 (类)
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "社会保险基金支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "预备费",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
    "抗疫特别国债安排的支出",
    # 部门预算支出经济分类科目 (类 and 款)
    "工资福利支出",
    "基本工资",
    "津贴补贴",
    "伙食补助费",
    "绩效工资",
    "机关事业单位基本养老保险缴费",
    "职业年金缴费",
    "职工基本医疗保险缴费",
    "公务员医疗补助缴费",
    "其他社会保障缴费",
    "住房公积金",
    "医疗费",
    "其他工资福利支出",
    "商品和服务支出",
    "办公费",
    "印刷费",
    "咨询费",
    "手续费",
    "邮电费",
    "取暖费",
    "物业管理费",
    "差旅费",
    "因公出国（境）费用",
    "维修（护）费",
    "租赁费",
    "会议费",
    "培训费",
    "公务接待费",
    "专用材料费",
    "被装购置费",
    "专用燃料费",
    "劳务费",
    "委托业务费",
    "工会经费",
    "福利费",
    "公务用车运行维护费",
    "其他交通费用",
    "税金及附加费用",
    "其他商品和服务支出",
    "对个人和家庭的补助",
    "离休费",
    "退休费",
    "退职（役）费",
    "抚恤金",
    "生活补助",
    "救济费",
    "医疗费补助",
    "助学金",
    "奖励金",
    "个人农业生产补贴",
    "代缴社会保险费",
    "其他对个人和家庭的补助",
    "资本性支出",
    "房屋建筑物购建",
    "办公设备购置",
    "专用设备购置",
    "基础设施建设",
    "大型修缮",
    "信息网络及软件购置更新",
    "物资储备",
    "公务用车购置",
    "其他交通工具购置",
    "文物和陈列品购置",
    "无形资产购置",
    "其他资本性支出",
    "土地补偿",
    "安置补助",
    "地上附着物和青苗补偿",
    "拆迁补偿",
    "债务利息及费用支出",
    "国内债务付息",
    "国外债务付息",
    "对企业补助",
    "对社会保障基金补助",
    "国家赔偿费用支出",
    "对民间非营利组织和群众性自治组织补贴",
    "经常性赠与",
    "资本性赠与",
    # 公开09 "三公"经费
    "因公出国（境）费",
    "公务用车购置及运行费",
    "公务用车运行费",
)
