"""The standard-menu rule checks EVERY item of the office's menu, static pages included,
and names the empty or missing ones with the menu's own titles (issue 13)."""

from batayon.content.models import Page, PublishState

from .conftest import at, evaluate_at, make_notice, make_officer, reason_bn, reason_en, status


def test_missing_static_page_is_named(union_office, rules):
    make_officer(union_office)
    make_notice(union_office, at(2025, 10, 1).date())
    evaluate_at(union_office, at(2025, 10, 10))
    s = status(union_office, "standard-menu")
    assert s.status == "missing"
    text = reason_bn(s)
    assert "ইউনিয়ন পরিষদ সম্পর্কিত" in text
    assert "কর্মচারীবৃন্দ" in text  # a section page with no rows is named by its menu title
    assert "কর্মকর্তাবৃন্দ" not in text and "নোটিশ বোর্ড" not in text
    assert "About the union parishad" in reason_en(s)


def test_page_with_content_fills_the_item_but_drafts_and_blank_bodies_do_not(union_office, rules):
    def union_page_named():
        evaluate_at(union_office, at(2025, 10, 10))
        return "ইউনিয়ন পরিষদ সম্পর্কিত" in reason_bn(status(union_office, "standard-menu"))

    page = Page.objects.create(
        office=union_office,
        slug="about-union",
        title="পরিচিতি",
        title_bn="পরিচিতি",
        body_bn="",
        state=PublishState.PUBLISHED,
    )
    assert union_page_named()
    page.body_bn = "<p>ইউনিয়নের পরিচিতি</p>"
    page.state = PublishState.DRAFT
    page.save()
    assert union_page_named()
    page.state = PublishState.PUBLISHED
    page.save()
    assert not union_page_named()


def test_every_menu_item_is_counted(union_office, rules):
    from batayon.content.models import MenuItem

    evaluate_at(union_office, at(2025, 10, 10))
    s = status(union_office, "standard-menu")
    items = MenuItem.objects.filter(tier=union_office.tier).exclude(section="").count()
    assert len(s.params["items"]) == items  # nothing at all: every item is reported
    assert reason_bn(s).startswith(f"মেনুর {items}টি পাতা".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")))
