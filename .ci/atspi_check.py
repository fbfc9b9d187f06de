"""Walks LeadQ's window on the AT-SPI bus as a screen reader would and checks what it hears:
the lead rows with their class, a combo box with its value, the criterion of an answer, and a
score change announced. Run by .ci/atspi-check.sh inside its own D-Bus session."""
import sys
import time

import pyatspi


def fail(message):
    print(f"atspi-check: {message}")
    sys.exit(1)


def find_app(timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name.lower() in ("leadq", "leadq window"):
                return app
        time.sleep(0.5)
    names = [a.name for a in pyatspi.Registry.getDesktop(0) if a is not None]
    fail(f"LeadQ did not appear on the AT-SPI bus (apps: {names})")


def walk(node, depth=0, out=None):
    out = [] if out is None else out
    if node is None or depth > 60:
        return out
    out.append(node)
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), depth + 1, out)
    return out


def nodes(app):
    return walk(app)


def role(n):
    return n.getRoleName()


def main():
    app = find_app()
    time.sleep(1.0)
    everything = nodes(app)
    windows = [n for n in everything if role(n) in ("frame", "window")]
    if not any(n.name == "LeadQ" for n in windows):
        fail(f"no window named LeadQ: {[(role(n), n.name) for n in windows]}")
    rows = [n for n in everything if role(n) == "list item"]
    names = [r.name for r in rows]
    print(f"atspi-check: rows {names}")
    alpha = [r for r in rows if r.name.startswith("Alpha GmbH") and "Klasse A" in r.name]
    # Beta has no answer yet: not rated, no class.
    beta = [r for r in rows if r.name.startswith("Beta KG") and "noch nicht bewertet" in r.name]
    if not alpha or not beta:
        fail(f"lead rows without class: {names}")
    if not alpha[0].getState().contains(pyatspi.STATE_SELECTED):
        fail("the selected row does not say so")
    combos = [n for n in everything if role(n) == "combo box" and n.name == "Quelle"]
    if not combos:
        fail("no combo box named Quelle")
    if combos[0].description != "Veranstaltung":
        fail(f"the Quelle combo box does not say its value: {combos[0].description!r}")
    print("atspi-check: combo Quelle =", combos[0].description)

    unknown = [n for n in everything if role(n) == "radio button" and n.name == "ungeklärt"]
    groups = []
    for n in unknown:
        up = n.parent
        while up is not None and role(up) not in ("grouping", "panel") or (up is not None and not up.name):
            up = up.parent
        groups.append(up.name if up is not None else None)
    print("atspi-check: 'ungeklärt' belongs to", groups)
    if sorted(g for g in groups if g) != ["Bedarf", "Budget", "Entscheider", "Zeitrahmen"]:
        fail(f"answers are not grouped by criterion: {groups}")

    # Select Beta (all unknown), pick an answer through the bus, and listen for the announcement.
    heard = []
    pyatspi.Registry.registerEventListener(
        lambda e: heard.append(str(e.any_data)), "object:announcement"
    )
    beta[0].queryAction().doAction(0)
    time.sleep(1.0)
    everything = nodes(app)
    planned = [n for n in everything if role(n) == "radio button" and n.name == "Budget in Planung"]
    if not planned:
        fail("no answer 'Budget in Planung'")
    planned[0].queryAction().doAction(0)
    end = time.time() + 10
    while time.time() < end and not any("Score 15" in h for h in heard):
        # Walking the tree talks to the bus, which also delivers the queued events.
        nodes(app)
        pyatspi.Registry.pumpQueuedEvents()
        time.sleep(0.2)
    print("atspi-check: announcements", heard)
    if not any("Score 15, Klasse C, vorläufig" in h for h in heard):
        fail("the new score was not announced")
    print("atspi-check: ok")


if __name__ == "__main__":
    main()
