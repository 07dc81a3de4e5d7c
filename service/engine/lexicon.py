"""Loads the lexicon data files (units.yaml, kpis.yaml) into lookup tables, once."""

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import yaml

from service.engine.findchars import trie_pattern

DATA: Final = Path(__file__).resolve().parent / "data"


def data_path(env: str, name: str) -> Path:
    """A deployer may point SUANPAN_UNITS_FILE / SUANPAN_KPIS_FILE at their own file."""
    return Path(os.environ.get(env) or DATA / name)


# What joins two figures of one list (8.21万辆、6.40万辆和2.6万辆; 0.52和1.13个百分点, where the
# first shares the unit written after the last)
LIST_JOINS: Final = ("、", "和", "及", "与")


@dataclass(frozen=True)
class Unit:
    """A written unit: what it makes of the number before it."""

    text: str
    dimension: str  # count, currency, percent, area, date, duration, age, multiple, measure
    unit: str | None  # the unit reported (套, CNY, %, m2 …)


@dataclass
class Units:
    """units.yaml as lookup tables: written unit → Unit, longest match first."""

    by_text: dict
    per_units: dict
    article_with_one: frozenset
    unit_word_starts: frozenset
    grade_nouns: tuple
    lengths: dict = field(default_factory=dict)  # first character → unit lengths, longest first
    end_words: tuple = ()  # words that may start at a unit's last character, ending it before them
    end_word_exceptions: tuple = ()  # …unless written so (1,200人次之多: 人次)
    unit_like: frozenset = frozenset()  # words that open on a measure word (提升, 通过): no unit
    follow_chars: frozenset = frozenset()  # characters that may follow a number in a quantity
    unit_firsts: frozenset = frozenset()  # characters a unit or a scale word opens with
    currency_names: dict = field(default_factory=dict)  # 港币 → HKD, said next to 元
    name_firsts: frozenset = frozenset()  # the first characters of the currency names
    name_lasts: frozenset = frozenset()  # … and their last ones
    idioms: tuple = ()  # set phrases with numerals that state no quantity
    currency_signs: dict = field(default_factory=dict)  # HK$ → HKD, written before a figure
    longest_sign: int = 0
    sign_ends: frozenset = frozenset()  # the last characters of the signs ($, ¥, P of MOP …)
    local_currencies: frozenset = frozenset()  # HKD, TWD, MOP: a bare 元 may be one of these
    currency_places: dict = field(default_factory=dict)  # 香港 → HKD: which dollar a bare $ is
    not_currency_places: tuple = ()  # 港澳台: a segment, no place
    taiwan_changes: tuple = ()  # 年增, 月减: Taiwan's words for a change, before its figure
    kuai_money_words: frozenset = frozenset()  # 卖, 补贴 …: 块 right after one of them is yuan
    kuai_fillers: str = ""  # …with these between (才卖12块)
    pass_aims: tuple = ()  # 过 after one of these bounds any figure from below (争取过800箱)
    kuai_objects: tuple = ()  # nouns right after 块 naming the pieces (4571块银幕): never yuan
    point_changes: tuple = ()  # change words before N个点 that make it percentage points (提升了3个点)

    def match(self, text: str, pos: int) -> Unit | None:
        """The longest unit written at ``text[pos:]``, or None."""
        if pos >= len(text):
            return None
        for n in self.lengths.get(text[pos], ()):
            u = self.by_text.get(text[pos : pos + n])
            if u is not None:
                if n > 1 and self.end_words and self._ends_in_word(text, pos + n - 1):
                    continue  # 服务类287件次之: 件, and 次之 (comes second) is a word of its own
                return u
        return None

    def name_before(self, text: str, pos: int) -> str:
        """The currency name (港币, 新台币 …) that ends at ``pos``, or ''."""
        if pos <= 0 or text[pos - 1] not in self.name_lasts:
            return ""
        for n in (3, 2):
            if pos - n >= 0 and text[pos - n : pos] in self.currency_names:
                return text[pos - n : pos]
        return ""

    def _ends_in_word(self, text: str, at: int) -> bool:
        """Whether a word of ``end_words`` starts at ``at`` (and none of its exceptions)."""
        return text.startswith(self.end_words, at) and not text.startswith(self.end_word_exceptions, at)


@lru_cache(maxsize=1)
def units() -> Units:
    """units.yaml, loaded once.

    Format: ``scales`` (word → factor), ``currency``/``percent``/``area`` (word →
    reported unit), ``count`` (list of measure words), ``other`` (dimension → list of
    words that make a number a date, duration, age, multiple or physical measure),
    ``unit_like_words`` (read as ``measure``), ``per_units`` (unit-price denominators),
    ``currency_signs`` (sign before a figure → currency), ``local_currencies`` and
    ``currency_places`` (the document's currency), ``article_with_one`` and
    ``unit_word_starts`` (word lists).
    """
    raw = yaml.safe_load(data_path("SUANPAN_UNITS_FILE", "units.yaml").read_text("utf-8"))
    table = {}
    for dim in ("currency", "percent", "area"):
        for text, unit in raw[dim].items():
            table[text] = Unit(text, dim, unit)
    for text in raw["count"]:
        table.setdefault(text, Unit(text, "count", text))
    for dim, words in raw["other"].items():
        for text in words:
            table.setdefault(text, Unit(text, dim, text))
    for text in raw.get("unit_like_words") or ():
        table.setdefault(text, Unit(text, "measure", text))  # 4通道: a word, never a count
    lengths: dict[str, set[int]] = {}
    for w in table:
        lengths.setdefault(w[0], set()).add(len(w))
    follow = (
        set(lengths)
        | set(raw["scales"])
        | set("余多来成个%-~—–〜至到/每角分毛(（几出")  # (70几位, 二十出头套)
        | set(LIST_JOINS)  # (0.52和1.13个百分点: a figure sharing the unit written after the next)
        | set(" \t\r\n\u3000\xa0")
        | {"+", "＋"}  # (2000+条: more than 2000)
    )
    names = dict(raw.get("currency_names", {}))
    return Units(
        lengths={c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()},
        follow_chars=frozenset(follow),
        unit_firsts=frozenset(lengths) | frozenset(w[0] for w in raw["scales"]),
        currency_names=names,
        name_firsts=frozenset(n[0] for n in names),
        name_lasts=frozenset(n[-1] for n in names),
        idioms=tuple(raw.get("idioms") or ()),
        currency_signs=dict(raw.get("currency_signs") or {}),
        longest_sign=max(map(len, raw.get("currency_signs") or {"": 0})),
        sign_ends=frozenset(w[-1] for w in raw.get("currency_signs") or ()),
        local_currencies=frozenset(raw.get("local_currencies") or ()),
        currency_places=dict(raw.get("currency_places") or {}),
        not_currency_places=tuple(raw.get("not_currency_places") or ()),
        taiwan_changes=tuple(raw.get("taiwan_changes") or ()),
        kuai_money_words=frozenset(raw.get("kuai_money_words") or ()),
        kuai_fillers=str(raw.get("kuai_fillers") or ""),
        pass_aims=tuple(raw.get("pass_aims") or ()),
        kuai_objects=tuple(raw.get("kuai_objects") or ()),
        point_changes=tuple(raw.get("point_changes") or ()),
        by_text=table,
        per_units=dict(raw["per_units"]),
        article_with_one=frozenset(raw["article_with_one"]),
        unit_word_starts=frozenset(raw["unit_word_starts"]),
        grade_nouns=tuple(raw.get("grade_nouns") or ()),
        end_words=tuple(raw.get("unit_end_words") or ()),
        end_word_exceptions=tuple(raw.get("unit_end_word_exceptions") or ()),
        unit_like=frozenset(raw.get("unit_like_words") or ()),
    )


@dataclass
class Cue:
    """A cue word or pattern (A…B) that names a KPI, or none (kpi None)."""

    kpi: str | None
    text: str
    regex: re.Pattern | None = None


@dataclass
class Kpi:
    name: str
    description: str
    dimensions: frozenset
    units: frozenset | None
    exclude_units: frozenset
    after: tuple
    sentence_veto: tuple
    parts_keep_kpi: bool = True
    clause_veto: tuple = ()
    veto_lifted_by: tuple = ()
    own_units: frozenset = frozenset()


@dataclass
class Kpis:
    """kpis.yaml as lookup tables."""

    kpis: dict
    cues: list  # every Cue, KPI and none cues together
    change_cues: tuple
    level_after: tuple
    firm_nouns: tuple  # 经销商, 企业: firms a share or a band counts or sorts
    sorted_places: tuple  # 村, 镇: places a band of sales sorts
    closing_verbs: frozenset  # 办结, 结案: verbs that close the service's nouns after them
    sold_out_after: tuple
    planning_verbs: frozenset  # target words that plan what 完成 follows them with (计划完成…)
    staffing_verbs: tuple  # 增加, 补充: what a plan does to the team (计划再增加2名话务员)
    workshop_words: tuple  # 售后, 进厂: words of an after-sales report
    tourism_words: tuple  # 游客, 景区: words of a tourism report, where 接待 counts visitors
    workshop_outputs: tuple  # 产值: in such a report, the takings
    lost_words: tuple  # 流失, 截走: customers counted and then lost are no customers won
    vacancy_words: tuple  # 缺: a post still open, its people counted, no one on the team
    pending_words: tuple  # 未放款, 未到账: money after which one of these is still to come
    count_hints: tuple  # 人次, 粉丝, 曝光: words of a count; a bare 万 figure near one is no money
    average_leads: tuple  # a clause opening on one: an average or peak of the sentence's figure
    staff_stock_leads: tuple  # a clause of these words alone before people: the team as it stands
    staff_heading_words: tuple  # in a section's title: the section is about the team
    team_subjects: tuple  # before 现在 and a count of people (中心现在13个人): the team itself
    self_counted: tuple  # the writer counted in (加上我一共13个人): the team, all of it
    problem_heading_words: tuple  # in a section's title: the section is about what went wrong
    absent_staff_words: tuple  # in a part of a team's count: people not at work on it
    rank_band_leads: tuple  # right before a percentage: a band of a ranking (排名前10%), no rate
    standard_after: tuple  # right after a figure: the standard it is held to (85%的考核底线), no KPI
    requirement_words: tuple  # before a percentage, perhaps with a verb: a requirement (应不低于95%)
    requirement_verbs: tuple
    rate_goal_after: tuple  # right after a percentage: a goal for a rate (98%的目标), no KPI
    criterion_leads: tuple  # before a bound in its sentence: the bound selects a group (是指, 评选)
    criterion_tails: tuple  # …or after it (即被定义为)
    threshold_leads: tuple  # right before a figure: the bar itself (上榜门槛是)
    sales_abbreviations: tuple  # right before a figure: a sales word cut short (年销, 日销)
    pay_words: tuple
    none_after: tuple
    target_words: tuple
    service_family: frozenset
    coordinators: tuple
    total_markers: tuple
    place_nouns: tuple
    actual_words: tuple
    outcome_words: tuple
    indicator_leads: tuple
    net_change_cues: tuple
    hire_words: tuple = ()
    opinion_words: tuple = ()
    decline_cues: frozenset = frozenset()
    comparison_bases: tuple = ()
    compared_periods: tuple = ()  # 同比, 较上年, 比去年同期 …: the period compared with, as written before its level
    gap_cues: tuple = ()
    plan_gap_cues: tuple = ()
    plan_bases: tuple = ()  # the plan words (计划, 目标, 预算 …) the plan gap cues are made from
    stock_bases: tuple = ()  # the stock a share of units sold is of (全盘单位, 可售房源 …)
    shortfall_cues: frozenset = frozenset()
    near_gap_cues: frozenset = frozenset()
    neutral_words: tuple = ()
    other_channels: tuple = ()
    summed_item_units: frozenset = frozenset()
    places_before: tuple = ()
    compound_names: dict = field(default_factory=dict)
    plan_heading_words: tuple = ()  # 计划, 目标 …: a short line naming one opens a plan section
    plan_heading_vetoes: tuple = ()  # 完成, 情况 …: …unless it reports on the plan
    plan_heading_starts: tuple = ()  # 下半年, 下一阶段 …: a title opening on a period to come
    plan_aim_words: tuple = ()  # 力争, 不低于 …: a figure after one in a plan section is aimed at
    topic_heads: tuple = ()  # 排行, 问题类别: a title or header over topics, categories
    unnamed_contacts: frozenset = frozenset()  # 求助, 举报: kinds of contact with no KPI of their own
    plan_target_heads: tuple = ()  # 目标, 计划 …: under a plan heading naming one, every figure is
    modified_nouns: tuple = ()
    representative_words: tuple = ()
    activity_words: frozenset = frozenset()
    price_bands: tuple = ()
    visitor_words: frozenset = frozenset()
    lead_words: tuple = ()  # 线索, 有效线索 …: right before a figure in a lead unit, customers in the pipeline
    lead_units: frozenset = frozenset()  # (条)
    role_ends: tuple = ()  # 师, 员: a role's name right before a figure of people names staff …
    non_staff_roles: tuple = ()  # … but these (会员, 学员 …)
    role_cuts: tuple = ()  # 优化, 精简 …: before it, staff cut
    visit_words: tuple = ()
    event_nouns: tuple = ()
    list_channels: tuple = ()
    call_routes: tuple = ()
    topic_nones: tuple = ()
    kind_nouns: tuple = ()
    own_units: dict = field(default_factory=dict)  # unit → the KPI only counted in it
    counted_nouns: frozenset = frozenset()
    kind_units: frozenset = frozenset()
    channel_kpis: frozenset = frozenset()
    negations: tuple = ()
    topic_words: tuple = ()
    topic_ends: tuple = ()
    handler_heads: frozenset = frozenset()
    places_after: tuple = ()
    fault_ends: tuple = ()
    per_head_words: tuple = ()
    person_actions: tuple = ()
    open_words: tuple = ()
    lost_staff_words: tuple = ()
    money_nouns: tuple = ()
    villa_words: tuple = ()
    compared_groups: tuple = ()
    place_suffixes: tuple = ()
    place_exceptions: tuple = ()
    place_names: tuple = ()
    place_heads: frozenset = frozenset()
    # count unit → "person" / "contact" / "vehicle" / "dwelling"
    unit_classes: dict = field(default_factory=dict)
    raw: dict = field(repr=False, default_factory=dict)
    # (plain fields, set once after loading: asked per figure, and a compiled class keeps no
    # per-instance cache for a cached_property)
    contact_unit_set: frozenset = frozenset()  # count units of service contacts (件, 起, 宗, 通 …)
    specific_service: frozenset = frozenset()  # service KPIs more specific than all requests, and resolved
    compared_leads: tuple = ()  # 较全市, 比全省 …: the compared groups as written after 较 or 比
    rate_kpis: frozenset = frozenset()  # KPIs only ever a percentage (completion_rate …)
    # 占 and a plan word or a stock (plan_bases, stock_bases) ending its noun, perhaps the plan's own
    # figure after it: 占全年销售目标150亿港元约25%, 占年度任务的21%, 佔全盤單位99% (not 占比目标,
    # a goal for a share)
    share_of_plan_re: re.Pattern[str] = re.compile("(?!)")

    def __post_init__(self) -> None:
        if not self.contact_unit_set:  # (a KPI file without contact_units: the requests' units)
            requests = self.kpis.get("service_requests")
            self.contact_unit_set = (requests.units if requests is not None else None) or frozenset()
        self.specific_service = (self.service_family - {"service_requests"}) | {"resolved"}
        self.compared_leads = tuple(lead + g for g in self.compared_groups for lead in "较比")
        self.rate_kpis = frozenset(name for name, k in self.kpis.items() if k.dimensions == {"percent"})
        bases = "|".join(sorted(map(re.escape, self.plan_bases + self.stock_bases), key=len, reverse=True))
        self.share_of_plan_re = re.compile(
            rf"占(?![比有])[^，,。；;占]{{0,8}}?(?:{bases})(?=的|约|近|逾|[\d〇零一二三四五六七八九十两百千万亿])"
        )

    def allows(self, name: str, dimension: str, unit: str | None) -> bool:
        """Whether KPI ``name`` may sit on a mention of this dimension and unit."""
        k = self.kpis.get(name)
        if k is None or dimension not in k.dimensions:
            return False
        if dimension == "count":
            if k.units is not None and unit not in k.units:
                return False
            if unit in k.exclude_units:
                return False
        return True


GAP_HEAD_NOT_AFTER: Final = {"达": "下传转到送抵表"}  # a gap cue's one-character head ending another word
GAP: Final = r"[^，。；,;！？!?：:\n未]"  # what a gap cue's gap may hold: no clause punctuation, no 未 (应收未收物业费)


def _cue(kpi, text):
    if "…等…" in text:
        # 办理…等…事项: the gap a list of what was done, closed by 等 (办理出院结算、病历复印等事项)
        a, b = text.split("…等…", 1)
        return Cue(kpi, text, re.compile(re.escape(a) + GAP + "{1,24}?等" + GAP + "{0,4}?" + re.escape(b)))
    if "…" in text:
        a, b = text.split("…", 1)
        # (下达全年销售目标: the 达 of 下达 opens no 达…目标)
        head = "(?<![" + GAP_HEAD_NOT_AFTER[a] + "])" if a in GAP_HEAD_NOT_AFTER else ""
        # bounded gap and no clause punctuation: linear, no backtracking blow-up
        return Cue(kpi, text, re.compile(head + re.escape(a) + GAP + "{0,4}?" + re.escape(b)))
    return Cue(kpi, text)


SELF_COMPARED: Final = ("同比", "环比")  # words that are the period compared with themselves


@lru_cache(maxsize=1)
def kpis() -> Kpis:
    """kpis.yaml, loaded once (format documented at the top of the file)."""
    raw = yaml.safe_load(data_path("SUANPAN_KPIS_FILE", "kpis.yaml").read_text("utf-8"))
    table, cues = {}, []
    for name, spec in raw["kpis"].items():
        table[name] = Kpi(
            name=name,
            description=spec["description"],
            dimensions=frozenset(spec["dimensions"]),
            units=frozenset((*spec["units"], *spec.get("more_units", ()))) if spec.get("units") else None,
            exclude_units=frozenset(spec.get("exclude_units", ())),
            after=tuple(spec.get("after", ())),
            sentence_veto=tuple(spec.get("sentence_veto", ())),
            clause_veto=tuple(spec.get("clause_veto", ())),
            veto_lifted_by=tuple(spec.get("veto_lifted_by", ())),
            parts_keep_kpi=bool(spec.get("parts_keep_kpi", True)),
            own_units=frozenset(spec.get("own_units", ())),
        )
        cues += [_cue(name, c) for c in spec.get("cues", ())]
    for name, spec in raw["kpis"].items():  # (after every KPI's own cues: tried after theirs)
        cues += [_cue(name, c) for c in spec.get("later_cues", ())]
    cues += [
        _cue(None, c)
        for c in (*raw.get("none_cues", ()), *raw.get("activity_words", ()), *raw.get("counted_nouns", ()))
    ]
    return Kpis(
        contact_unit_set=frozenset(raw.get("contact_units", ())),
        kpis=table,
        cues=cues,
        change_cues=tuple(raw.get("change_cues", ())),
        level_after=tuple(raw.get("level_after", ())),
        firm_nouns=tuple(raw.get("firm_nouns", ())),
        sorted_places=tuple(raw.get("sorted_places", ())),
        closing_verbs=frozenset(raw.get("closing_verbs", ())),
        sold_out_after=tuple(raw.get("sold_out_after", ())),
        planning_verbs=frozenset(raw.get("planning_verbs", ())),
        staffing_verbs=tuple(raw.get("staffing_verbs", ())),
        workshop_words=tuple(raw.get("workshop_words", ())),
        tourism_words=tuple(raw.get("tourism_words", ())),
        workshop_outputs=tuple(raw.get("workshop_outputs", ())),
        lost_words=tuple(raw.get("lost_words", ())),
        vacancy_words=tuple(raw.get("vacancy_words", ())),
        pending_words=tuple(raw.get("pending_words", ())),
        count_hints=tuple(raw.get("count_hints", ())),
        plan_heading_words=tuple(raw.get("plan_heading_words", ())),
        plan_heading_vetoes=tuple(raw.get("plan_heading_vetoes", ())),
        plan_heading_starts=tuple(raw.get("plan_heading_starts", ())),
        plan_aim_words=tuple(raw.get("plan_aim_words", ())),
        plan_target_heads=tuple(raw.get("plan_target_heads", ())),
        unnamed_contacts=frozenset(raw.get("unnamed_contacts", ())),
        topic_heads=tuple(raw.get("topic_heads", ())),
        average_leads=tuple(raw.get("average_leads", ())),
        staff_stock_leads=tuple(raw.get("staff_stock_leads", ())),
        staff_heading_words=tuple(raw.get("staff_heading_words", ())),
        team_subjects=tuple(raw.get("team_subjects", ())),
        self_counted=tuple(raw.get("self_counted", ())),
        problem_heading_words=tuple(raw.get("problem_heading_words", ())),
        absent_staff_words=tuple(raw.get("absent_staff_words", ())),
        rank_band_leads=tuple(raw.get("rank_band_leads", ())),
        standard_after=tuple(raw.get("standard_after", ())),
        requirement_words=tuple(raw.get("requirement_words", ())),
        criterion_leads=tuple(raw.get("criterion_leads", ())),
        criterion_tails=tuple(raw.get("criterion_tails", ())),
        threshold_leads=tuple(raw.get("threshold_leads", ())),
        sales_abbreviations=tuple(raw.get("sales_abbreviations", ())),
        requirement_verbs=tuple(raw.get("requirement_verbs", ())),
        rate_goal_after=tuple(raw.get("rate_goal_after", ())),
        pay_words=tuple(raw.get("pay_words", ())),
        none_after=tuple(raw.get("none_after", ())),
        target_words=tuple(raw.get("target_words", ())),
        service_family=frozenset(raw.get("service_family", ())),
        coordinators=tuple(raw.get("coordinators", ())),
        total_markers=tuple(raw.get("total_markers", ())),
        place_nouns=tuple(raw.get("place_nouns", ())),
        actual_words=tuple(raw.get("actual_words", ())),
        outcome_words=tuple(raw.get("outcome_words", ())),
        indicator_leads=tuple(raw.get("indicator_leads", ())),
        net_change_cues=tuple(raw.get("net_change_cues", ())),
        hire_words=tuple(raw.get("hire_words", ())),
        opinion_words=tuple(raw.get("opinion_words", ())),
        decline_cues=frozenset(raw.get("decline_cues", ())),
        comparison_bases=tuple(raw.get("comparison_bases", ())),
        compared_periods=SELF_COMPARED
        + tuple(lead + base for base in raw.get("comparison_bases", ()) for lead in "较比"),
        gap_cues=tuple(raw.get("gap_cues", ())),
        plan_bases=tuple(raw.get("plan_bases", ())),
        stock_bases=tuple(raw.get("stock_bases", ())),
        plan_gap_cues=tuple(raw.get("plan_gap_cues", ()))
        + tuple(
            lead + modifier + base
            for base in raw.get("plan_bases", ())
            for modifier in ("", *raw.get("plan_base_modifiers", ()))
            for lead in "较比"
        ),
        shortfall_cues=frozenset(raw.get("shortfall_cues", ())),
        near_gap_cues=frozenset(raw.get("near_gap_cues", ())),
        neutral_words=tuple(raw.get("neutral_words", ())),
        other_channels=tuple(raw.get("other_channels", ())),
        summed_item_units=frozenset(raw.get("summed_item_units", ())),
        places_before=tuple(raw.get("places_before", ())),
        compound_names={w: tuple(names) for w, names in (raw.get("compound_names") or {}).items()},
        modified_nouns=tuple(raw.get("modified_nouns", ())),
        representative_words=tuple(raw.get("representative_words", ())),
        activity_words=frozenset(raw.get("activity_words", ())),
        price_bands=tuple(raw.get("price_bands", ())),
        visitor_words=frozenset(raw.get("visitor_words", ())),
        lead_words=tuple(raw.get("lead_words", ())),
        lead_units=frozenset(raw.get("lead_units", ())),
        role_ends=tuple(raw.get("role_ends", ())),
        non_staff_roles=tuple(raw.get("non_staff_roles", ())),
        role_cuts=tuple(raw.get("role_cuts", ())),
        visit_words=tuple(raw.get("visit_words", ())),
        event_nouns=tuple(raw.get("event_nouns", ())),
        list_channels=tuple(raw.get("list_channels", ())),
        call_routes=tuple(raw.get("call_routes", ())),
        topic_nones=tuple(raw.get("topic_nones", ())),
        kind_nouns=tuple(raw.get("kind_nouns", ())),
        own_units={u: name for name, k in table.items() for u in k.own_units},
        counted_nouns=frozenset(raw.get("counted_nouns", ())),
        kind_units=frozenset(raw.get("kind_units", ())),
        channel_kpis=frozenset(raw.get("channel_kpis", ())),
        negations=tuple(raw.get("negations", ())),
        topic_words=tuple(raw.get("topic_words", ())),
        topic_ends=tuple(raw.get("topic_ends", ())),
        handler_heads=frozenset(raw.get("handler_heads", ())),
        places_after=tuple(raw.get("places_after", ())),
        fault_ends=tuple(raw.get("fault_ends", ())),
        per_head_words=tuple(raw.get("per_head_words", ())),
        person_actions=tuple(raw.get("person_actions", ())),
        open_words=tuple(raw.get("open_words", ())),
        lost_staff_words=tuple(raw.get("lost_staff_words", ())),
        money_nouns=tuple(raw.get("money_nouns", ())),
        villa_words=tuple(raw.get("villa_words", ())),
        compared_groups=tuple(raw.get("compared_groups", ())),
        place_suffixes=tuple(raw.get("place_suffixes", ())),
        place_exceptions=tuple(raw.get("place_exceptions", ())),
        place_names=tuple(raw.get("place_names", ())),
        place_heads=frozenset(raw.get("place_heads", ())),
        unit_classes={
            **{u: "contact" for u in raw.get("contact_units", ())},
            **{u: "person" for u in raw.get("person_units", ()) if u != "个"},
            **{u: "vehicle" for u in raw.get("vehicle_units", ())},
            **{u: "dwelling" for u in raw.get("dwelling_units", ())},
        },
        raw=raw,
    )


@lru_cache(maxsize=1)
def idiom_regex() -> re.Pattern[str]:
    """Set phrases that contain numerals but state no quantity (units.yaml ``idioms``)."""
    return re.compile(trie_pattern(units().idioms or ["\x00"]))


def taxonomy() -> list[dict[str, Any]]:
    """The KPI names with descriptions, dimensions, units and cue words, for GET /v1/kpis."""
    k = kpis()
    return [
        {
            "name": name,
            "description": spec.description,
            "dimensions": sorted(spec.dimensions),
            "units": [*raw["units"], *raw.get("more_units", ())] if raw.get("units") else None,
            "keywords": list(raw.get("cues", ())),
        }
        for name, spec in k.kpis.items()
        for raw in (k.raw["kpis"][name],)
    ]
