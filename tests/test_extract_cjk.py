"""Pages in scripts written without spaces: their paragraphs are measured as prose, their debris is not."""

from __future__ import annotations

import copydesk

# A made-up news page (written for this test): menus, a headline, a share row, five paragraphs, related
# headlines, comments and a footer.
PARAGRAPHS = [
    "河边新区图书馆于本周六正式向公众开放，成为该区第一座大型公共图书馆。开馆当天，上千名市民排队入馆，"
    "不少家长带着孩子前来借书。",
    "据介绍，这座图书馆总面积约两万平方米，藏书六十万册，设有儿童阅览区、自习室和多功能报告厅。"
    "馆内还提供免费的无线网络和电子阅读设备。",
    "图书馆馆长王芳表示，新馆的设计充分考虑了周边居民的需求。她说，开馆后将定期举办读书会和讲座，"
    "希望图书馆能成为社区的文化中心。",
    "一位带着女儿前来参观的市民说，以前借书要坐一个小时的公交车去市中心，现在走路十分钟就能到，非常方便。",
    "据悉，图书馆每周二至周日开放，周一闭馆。市民凭身份证即可免费办理借书证。",
]
DEBRIS = [
    "相关新闻",
    "市中心公园改造工程完工",
    "新区两所学校明年招生",
    "热门评论",
    "网友小张：太好了，终于有图书馆了！",
    "关于我们 | 联系我们 | 广告服务 | 隐私政策",
    "版权所有 © 2026 晨报网",
]
PAGE = "\n".join(
    ["首页", "新闻", "国内", "国际", "财经", "体育", "登录 | 注册", "河边新区图书馆周末正式开放", ""]
    + ["2026-11-28 10:32 来源：晨报", "", "分享到：微信 微博", ""]
    + [line for p in PARAGRAPHS for line in (p, "")]
    + DEBRIS
)


def test_extract_chinese_page_keeps_its_paragraphs_and_drops_its_debris() -> None:
    art = copydesk.clean_text(PAGE)
    assert art.body == PARAGRAPHS
    assert not set(DEBRIS) & set(art.body)
    kinds = {b.text: b.kind for b in art.boilerplate}
    assert kinds["版权所有 © 2026 晨报网"] == "footer"
    assert kinds["登录 | 注册"] == "subscription"
    assert art.published == "2026-11-28"
