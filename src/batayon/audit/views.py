"""An audited office's page: the checklist with the evidence behind each item, the site's
findings (security, languages, defacement, robots), and its service-box links."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from batayon.accounts.permissions import office_permission_required
from batayon.core.http import OfficeRequest

from .findings import describe, urls
from .models import AuditRun, Link


def _rule_sources(rule) -> set[str]:
    params = rule.params or {}
    if params.get("source"):
        return {params["source"]}
    if params.get("sections"):
        from batayon.compliance.sources import SECTION_SOURCE

        return {SECTION_SOURCE[s] for s in params["sections"] if s in SECTION_SOURCE}
    return set()


@office_permission_required("view_dashboard")
def office_audit(request: OfficeRequest) -> HttpResponse:
    office = request.office
    lang = getattr(request, "LANGUAGE_CODE", "bn")[:2]
    run = AuditRun.objects.filter(office=office, is_latest=True).first()
    items, findings, links = [], [], []
    if run is not None:
        from batayon.compliance.models import Rule
        from batayon.compliance.services import checklist

        by_source = {o.source: o for o in run.observations.all()}
        rules = {r.code: r for r in Rule.objects.filter(active=True)}
        for item in checklist(office):
            evidence = []
            rule = rules.get(item.rule_code)
            for source in sorted(_rule_sources(rule)) if rule else ():
                if source in by_source:
                    evidence += by_source[source].evidence
            items.append({"item": item, "evidence": evidence[:12]})
        findings = [{"text": describe(f), "urls": urls(f), "code": f["code"]} for f in run.findings]
        box = by_source.get("service_box")
        box_urls = [e["url"] for e in box.evidence] if box else []
        known = {link.url: link for link in Link.objects.filter(url__in=box_urls)}
        links = [{"url": u, "link": known.get(u)} for u in box_urls]
    runs = AuditRun.objects.filter(office=office).order_by("-started_at")[:10]
    return render(
        request,
        "audit/office.html",
        {
            "lang": lang,
            "office": office,
            "run": run,
            "items": items,
            "findings": findings,
            "links": links,
            "runs": runs,
        },
    )
