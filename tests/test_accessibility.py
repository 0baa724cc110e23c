"""Accessibility of the built site: axe-core finds no serious or critical violation.

axe-core is vendored (tests/vendor/axe.min.js, see tests/vendor/README.md), so
the check needs no network. The pages are the home page, the timeline, an
event page and a source page of the seeds' site, built once for the module;
each is checked in the light and the dark colour scheme.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium_or_skip, chromium, serve
from tests.sitebuild import build_site, make_project

pytestmark = pytest.mark.slow

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/xxxx-10-16-phone-call-trump-putin/",
    "source": "sources/004_aeeb56263c09fa58/",
}
SCHEMES = ("default", "slate")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    chromium_or_skip()  # before the build: every test here needs the browser
    return build_site(make_project(tmp_path_factory.mktemp("a11y")))


@pytest.fixture(scope="module")
def violations(site: Path) -> dict[tuple[str, str], list[dict]]:
    """axe-core's violations of each page in each colour scheme."""
    found = {}
    with serve(site) as base, chromium() as browser:
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            # Material keeps the reader's choice of palette in localStorage (__palette, scoped to the site)
            context.add_init_script(
                "localStorage.setItem(new URL('.', location.origin + '/').pathname + '.__palette',"
                f" JSON.stringify({{index: {SCHEMES.index(scheme)}, color: {{scheme: '{scheme}'}}}}))"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                assert (site / path / "index.html").is_file(), path
                page.goto(f"{base}/{path}")
                page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
                page.add_script_tag(path=str(AXE))
                result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                found[(name, scheme)] = result["violations"]
            context.close()
    return found


def describe(violation: dict) -> str:
    nodes = "; ".join(" > ".join(map(str, n["target"])) for n in violation["nodes"][:5])
    more = f" and {len(violation['nodes']) - 5} more" if len(violation["nodes"]) > 5 else ""
    return f"{violation['impact']}: {violation['id']} ({violation['help']}) at {nodes}{more}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_accessibility_violation(violations, name, scheme):
    serious = [describe(v) for v in violations[(name, scheme)] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_axe_ran_its_rules(violations):
    # a page where axe found nothing must be a page where it looked: the vendored file is axe-core 4
    assert AXE.read_text(encoding="utf-8").startswith("/*! axe v4.")
    assert len(violations) == len(PAGES) * len(SCHEMES)
