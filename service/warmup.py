"""Warming a freshly started worker before it takes requests.

A worker forked from the preloaded master shares the master's memory, but the pages of
code it has not yet run (libpython, the compiled engine, Flask, the JSON encoder) are mapped
into it only as it first runs them: the first request after a start or a recycle pays those
page faults and cold caches, and a memory figure taken at start leaves them out. One
extraction of a report that asks most of the engine's rules, and one encoding of its answer,
runs that code once before the worker accepts a connection.
"""

import json

from service.engine import extract

# Sales with a target, a decline, a range and a blank; a service desk's total with parts and a
# subset; traditional characters and HK dollars; a heading and a table row.
TEXT = """二〇二五年度销售与客户服务工作总结

一、销售情况
全年共销售住宅128套，其中别墅12套，实现销售额3.2亿元，同比下降8.5%，完成年度目标4亿元的80%。
二期开盘共销售多层套，剩余xx户；新增订单约七八十台，回款600-700万元，近两千万元待回款。
门店员工由去年的46人增至52人，新开发客户35家。

二、客户服务
全年受理来电20,693个，其中咨询类14,120件、投诉类4,733件、报修1,721件、表扬119件，
投诉办结率98.6%，满意度95.3%，较上年提高1.2个百分点。

三、香港分店
本年度營業額為$1,072,154,197港元，按年升五成五，投訴69宗。

| 月份 | 销量 | 同比 |
| 12月 | 236件 | 12.4% |
"""


def warm() -> None:
    """Run the engine and the answer's encoding once (the answer itself is thrown away)."""
    json.dumps(extract(TEXT), ensure_ascii=False)
