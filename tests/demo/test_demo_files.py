"""Structural checks of the generated demo case, written without the project's parser on purpose:
the demo must be a faithful French WhatsApp export whatever the reader does with it."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from sentinelle.demo import (
    ANDROID_EXPORT,
    ANSWERS,
    COLLECTIF_EXPORT,
    DEMO_DIR,
    IOS_EXPORT,
    ROSTER,
    demo_files,
)

ROOT = Path(__file__).resolve().parents[2]
GROUP = "Brigade Fictive 75"
LRM = "\u200e"
ANDROID_HEADER = re.compile(r"^(\d{2}/\d{2}/\d{4} \d{2}:\d{2}) - (.*)$")
IOS_HEADER = re.compile(r"^(\u200e?)\[(\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2})\] (.+?): (.*)$")
FICTIONAL_PHONE = re.compile(r"\+33 6 00 \d\d \d\d \d\d")
NAME = r"(?:[A-ZÉ][\w'é-]+ [A-ZÉ][\w'ë-]+|\+33 6 00 \d\d \d\d \d\d)"
NAMES = rf"{NAME}(?:, {NAME})*(?: et {NAME})?"
# French Android system lines (chat-formats.md table 2.3); the iOS wording where Android has none.
ANDROID_SYSTEM = {
    "encryption_notice": r"Les messages et les appels sont chiffrés de bout en bout\. Aucun tiers, pas même "
    r"WhatsApp, ne peut les lire ou les écouter\. Appuyez pour en savoir plus\.",
    "created": rf'{NAME} a créé le groupe ".+"',
    "added_you": rf"{NAME} vous a ajouté",
    "added": rf"{NAME} a ajouté {NAMES}",
    "removed": rf"{NAME} a retiré {NAME}",
    "removed_you": rf"{NAME} vous a retiré",
    "left": rf"{NAME} est parti",
    "joined_by_link": rf"{NAME} a rejoint ce groupe grâce à son lien d'invitation",
    "subject_changed": rf"{NAME} a modifié le sujet “.+” en “.+”",
    "subject_changed_to": rf"{NAME} a modifié le sujet en “.+”",
    "icon_changed": rf"{NAME} a changé l'icône de ce groupe",
    "icon_removed": rf"{NAME} a supprimé l'icône de ce groupe",
    "description_changed": rf"{NAME} a changé la description du groupe",
    "admin_granted": r"Vous êtes maintenant un administrateur",
    "admin_revoked": r"Vous n'êtes plus admin",
    "settings_changed": rf"{NAME} a modifié les réglages de ce groupe de façon à autoriser .+",
    "disappearing_on": rf"{NAME} a activé les messages éphémères\. Tous les nouveaux messages disparaîtront de "
    r"cette discussion \d+ jours après avoir été envoyés\.",
    "disappearing_off": rf"{NAME} a désactivé les messages éphémères\.",
    "disappearing_changed": rf"{NAME} a mis à jour le délai avant disparition\.",
    "security_code_changed": rf"Le code de sécurité de {NAME} a changé\. Appuyez pour plus d'informations\.",
    "number_changed": rf"{NAME} a changé de numéro de téléphone\.",
}
SYSTEM_RE = {k: re.compile(f"^{v}$") for k, v in ANDROID_SYSTEM.items()}
MESSAGE_FLAGS = {
    "deleted": re.compile(r"^Ce message a été supprimé$"),
    "media_omitted": re.compile(r"^<Médias omis>$"),
    "edited": re.compile(r".+ <Ce message a été modifié>$"),
    "location": re.compile(r"^localisation : https://maps\.google\.com/\?q=-?\d+\.\d+,-?\d+\.\d+$"),
}


def roster_names() -> list[str]:
    with ROSTER.open(encoding="utf-8", newline="") as f:
        return [row["name"] for row in csv.DictReader(f)]


def split_android(path: Path) -> list[tuple[int, datetime, str | None, str]]:
    """(line number, time, author or None, first body line) of every header; asserts the layout."""
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
    text = raw.decode("utf-8")
    authors = set(roster_names())
    out = []
    for no, line in enumerate(text.split("\n")[:-1], 1):
        m = ANDROID_HEADER.match(line)
        if m is None:
            assert no > 1, "the file must open on a header"
            continue
        when = datetime.strptime(m[1], "%d/%m/%Y %H:%M")
        body = m[2]
        systems = [k for k, rx in SYSTEM_RE.items() if rx.match(body)]
        author = next((a for a in authors if body.startswith(f"{a}: ")), None)
        if author is None and FICTIONAL_PHONE.match(body) and body[17:19] == ": ":
            author = body[:17]
        assert (author is None) != (not systems) or (author and not systems), f"{path.name}:{no}: {line!r}"
        assert author or systems, f"{path.name}:{no}: neither a known author nor a French system line: {line!r}"
        out.append((no, when, author, body[len(author) + 2:] if author else body))
    return out


@pytest.fixture(scope="module")
def android() -> list[tuple[int, datetime, str | None, str]]:
    return split_android(ANDROID_EXPORT)


@pytest.fixture(scope="module")
def ios_chat() -> str:
    with zipfile.ZipFile(IOS_EXPORT) as zf:
        return zf.read("_chat.txt").decode("utf-8")


@pytest.fixture(scope="module")
def answers() -> dict:
    return json.loads(ANSWERS.read_text(encoding="utf-8"))


def test_generator_is_deterministic(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo.py"), "--out", str(tmp_path)], check=True)
    made = sorted(p.name for p in tmp_path.iterdir())
    shipped = sorted(p.name for p in DEMO_DIR.iterdir() if p.suffix != ".py" and p.is_file())
    assert made == shipped
    for name in made:
        assert (tmp_path / name).read_bytes() == (DEMO_DIR / name).read_bytes(), name


def test_demo_files_lists_the_three_exports() -> None:
    assert demo_files() == [ANDROID_EXPORT, IOS_EXPORT, COLLECTIF_EXPORT]


def test_android_export_size_period_and_people(android) -> None:
    messages = [h for h in android if h[2]]
    assert 3000 <= len(messages) <= 5000
    assert android[0][1].month == 1 and android[-1][1].month == 6
    authors = {h[2] for h in messages}
    assert authors == set(roster_names())
    assert "+33 6 00 41 27 93" in authors


@pytest.mark.parametrize("path", [ANDROID_EXPORT, COLLECTIF_EXPORT], ids=["brigade", "collectif"])
def test_android_timestamps_never_go_backwards(path: Path) -> None:
    times = [h[1] for h in split_android(path)]
    assert times == sorted(times)


def test_every_french_system_event_appears(android) -> None:
    bodies = [h[3] for h in android if h[2] is None]
    seen = {k for b in bodies for k, rx in SYSTEM_RE.items() if rx.match(b)}
    missing = set(ANDROID_SYSTEM) - seen - {"removed_you"}  # "vous a retiré" is in the Collectif export
    assert not missing
    texts = [h[3] for h in android if h[2]]
    for flag, rx in MESSAGE_FLAGS.items():
        assert any(rx.match(t) for t in texts), flag
    assert any(": " in b and b.startswith("Yannick Roux a modifié le sujet") for b in bodies)  # ": " in a subject
    assert "Vous avez supprimé ce message" in texts  # the exporter's own deletion


def test_multiline_messages_and_date_like_continuations() -> None:
    lines = ANDROID_EXPORT.read_text(encoding="utf-8").split("\n")[:-1]
    continuations = [s for s in lines if not ANDROID_HEADER.match(s)]
    assert len(continuations) > 20
    assert any(re.match(r"^\d{2}/\d{2}/\d{4} ", s) for s in continuations)  # starts with a date, not a header


def test_no_real_looking_phone_numbers() -> None:
    texts = [ANDROID_EXPORT.read_text(encoding="utf-8"), COLLECTIF_EXPORT.read_text(encoding="utf-8"),
             ROSTER.read_text(encoding="utf-8")]
    with zipfile.ZipFile(IOS_EXPORT) as zf:
        texts.append(zf.read("_chat.txt").decode("utf-8"))
    for text in texts:
        for m in re.finditer(r"\+\d[\d .-]{6,}\d", text):
            assert FICTIONAL_PHONE.fullmatch(m[0]), m[0]
        assert not re.search(r"(?<![\d/])0[1-9](?:[ .]?\d\d){4}(?!\d)", text)


def test_ios_zip_is_safe_and_holds_chat_and_photo(ios_chat: str) -> None:
    with zipfile.ZipFile(IOS_EXPORT) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names[0] == "_chat.txt" and len(names) == 2
        for i in infos:
            assert not i.filename.startswith("/") and ".." not in i.filename and i.file_size < 1_000_000
        photo = zf.read(names[1])
    assert re.fullmatch(r"00000036-PHOTO-2025-\d\d-\d\d-\d\d-\d\d-\d\d\.jpg", names[1])
    assert photo[:3] == b"\xff\xd8\xff" and photo.endswith(b"\xff\xd9")
    assert f"{LRM}<pièce jointe : {names[1]}>" in ios_chat


def test_ios_layout(ios_chat: str, answers: dict) -> None:
    raw = ios_chat.encode("utf-8")
    assert raw.count(b"\n") == raw.count(b"\r\n") and raw.endswith(b"\r\n")
    aliases = answers["ios_display_names"]
    authors = {aliases.get(n, n) for n in roster_names()}
    assert any(f"] {alias}: " in ios_chat for alias in aliases.values())  # a "~ Name" non-contact
    times = []
    kinds: dict[str, int] = {}
    for no, line in enumerate(ios_chat.split("\r\n")[:-1], 1):
        m = IOS_HEADER.match(line)
        if m is None:
            assert no > 1
            continue
        times.append(datetime.strptime(m[2], "%d/%m/%Y %H:%M:%S"))
        lrm, author, body = m[1], m[3], m[4]
        marked = body.startswith(LRM)
        assert bool(lrm) == marked, f"_chat.txt:{no}: U+200E before '[' exactly on system/media lines"
        if author == GROUP:  # author-prefixed system line
            assert marked
            kinds["system"] = kinds.get("system", 0) + 1
        else:
            assert author in authors, line
        if marked and author != GROUP:
            kind = re.sub(r"[^a-zé ]", "", body[1:].split(":")[0])
            kinds[kind] = kinds.get(kind, 0) + 1
    assert times == sorted(times)
    assert times[0].month == 6 and times[0].day == 1
    assert kinds["system"] >= 4
    for expected in ("image absente", "pièce jointe ", "Ce message a été supprimé", "Appel vocal manqué"):
        assert any(k.startswith(re.sub(r"[^a-zé ]", "", expected)[:10]) for k in kinds), expected
    assert f"{LRM}[" in ios_chat and f"{GROUP}: {LRM}Yannick Roux vous a ajouté·e" in ios_chat
    assert f"{GROUP}: {LRM}Yannick Roux a retiré Lucas Bernard" in ios_chat


def test_ios_part_matches_the_android_month(android, ios_chat: str, answers: dict) -> None:
    aliases = answers["ios_display_names"]
    june = [(aliases.get(a, a), t) for _, when, a, t in android if a and when >= datetime(2025, 6, 1, 9) and not t.startswith("<")
            and t not in ("Ce message a été supprimé", "Vous avez supprimé ce message")
            and not t.startswith("localisation")]
    ios = []
    for line in ios_chat.split("\r\n"):
        m = IOS_HEADER.match(line)
        if m and not m[1]:
            ios.append((m[3], m[4]))
    assert ios == june


def test_answers_point_at_real_lines(android, answers: dict) -> None:
    files = {"android": ANDROID_EXPORT, "collectif": COLLECTIF_EXPORT}
    lines = {k: p.read_text(encoding="utf-8").split("\n") for k, p in files.items()}
    with zipfile.ZipFile(IOS_EXPORT) as zf:
        ios_lines = zf.read("_chat.txt").decode("utf-8").split("\r\n")
    assert answers["notice"].startswith("ALL CONTENT IS FICTIONAL")
    for item in answers["items"]:
        line = lines[item["file"]][item["line"] - 1]
        m = ANDROID_HEADER.match(line)
        assert m and m[1] == item["time"], item
        if item["author"] is None:
            assert not m[2].startswith(tuple(f"{a}: " for a in roster_names())), item
        elif item["deleted"]:
            assert m[2] == f"{item['author']}: Ce message a été supprimé"
        else:
            assert m[2] == f"{item['author']}: {item['text']}", item
        if "ios_line" in item and item["author"] and not item["deleted"]:
            assert ios_lines[item["ios_line"] - 1].endswith(f"] {item['author']}: {item['text']}")
    by_line = {(i["file"], i["line"]): i for i in answers["items"]}
    for item in answers["items"]:
        if item["label"] in ("endorsement", "compliance") and item["file"] == "android":
            ref = by_line[("android", item["refers_to_line"])]
            assert ref["line"] < item["line"] <= ref["line"] + 12
            kinds = {"endorsement": {"hate", "sexual_harassment", "mockery", "words_to_acts", "retaliation"},
                     "compliance": {"directive", "silence_order", "exclusion", "speak_for_group"}}
            assert ref["label"] in kinds[item["label"]], (item, ref)
    labels = {i["label"] for i in answers["items"]}
    assert labels <= set(answers["labels"]), labels - set(answers["labels"])  # every label is documented
    assert {"hate", "endorsement", "reported", "counter", "neutral", "profanity", "directive", "compliance",
            "ignored_directive", "silence_order", "speak_for_group", "sexual_harassment", "words_to_acts",
            "objection", "retaliation", "exclusion", "removal"} <= labels
    targets = {i["target"] for i in answers["items"] if i["label"] == "hate"}
    assert targets == {"anti_black", "anti_arab", "anti_roma", "antisemitic", "misogyny"}
    assert any(i.get("obfuscated") for i in answers["items"]) and any(i.get("framing") for i in answers["items"])


def test_planted_story_holds_in_the_file(android, answers: dict) -> None:
    h, so = answers["harassment"], answers["silence_order"]
    per_month = [h["abusive_messages_per_month"][f"0{m}/2025"] for m in range(1, 6)]
    assert per_month == sorted(per_month) and per_month[0] < per_month[-1]  # escalation Jan -> May
    after = [(no, a, t) for no, _, a, t in android if no > so["line"]]
    union_rep = so["named"]
    assert [no for no, a, _ in after if a == union_rep] == [so["named_last_message_line"]]
    assert any(no == so["named_left_line"] and t == f"{union_rep} est parti" for no, a, t in after)
    assert not any(a == h["target"] for no, _, a, _ in android if no > h["removal_line"])
    # after the exclusion order nobody answers the target within ten minutes (only the planted aggressor)
    target_msgs = [(i, when) for i, (no, when, a, _) in enumerate(android) if a == h["target"]
                   and no > h["exclusion_order_line"] + 5]
    assert len(target_msgs) >= 3
    for i, when in target_msgs:
        nxt = android[i + 1] if i + 1 < len(android) else None
        if nxt and (nxt[1] - when).total_seconds() <= 600:
            assert nxt[2] in (None, h["main_aggressor"]), nxt
    with ROSTER.open(encoding="utf-8", newline="") as f:
        roster = {r["name"]: r for r in csv.DictReader(f)}
    assert roster[answers["leadership"]["declared_chief"]]["grade"] == "Brigadier-chef"
    assert roster[answers["leadership"]["undeclared_leader"]]["grade"] == "Gardien de la paix"
    assert [n for n, r in roster.items() if r["union_representative"] == "oui"] == [union_rep]


def test_leader_is_obeyed_and_chief_ignored(android, answers: dict) -> None:
    items = [i for i in answers["items"] if i["file"] == "android"]
    obeyed = Counter(i["refers_to_line"] for i in items if i["label"] == "compliance")
    leader, chief = answers["leadership"]["undeclared_leader"], answers["leadership"]["declared_chief"]
    orders = [i for i in items if i["label"] in ("directive", "silence_order") and i["author"] == leader]
    assert len(orders) >= 8 and all(obeyed[i["line"]] >= 1 for i in orders)
    ignored = [i for i in items if i["label"] == "ignored_directive"]
    assert len(ignored) >= 5 and all(i["author"] == chief and obeyed[i["line"]] == 0 for i in ignored)
    times = {no: (when, a) for no, when, a, _ in android}
    acks = {i["line"] for i in items if i["label"] == "compliance"}
    for i in ignored:  # in the 40 minutes after the chief's instruction: only the leader, and those obeying him
        when = times[i["line"]][0]
        after = [(no, a) for no, (w, a) in times.items() if no > i["line"] and 0 < (w - when).total_seconds() <= 2400]
        assert all(a == leader or no in acks for no, a in after), (i, after)


def test_collectif_burst_and_dissolution(answers: dict) -> None:
    heads = split_android(COLLECTIF_EXPORT)
    joins = [w for _, w, a, t in heads if a is None and t.endswith("grâce à son lien d'invitation")]
    assert len(joins) == answers["burst"]["joins_by_link"] >= 2900
    assert (joins[-1] - joins[0]).total_seconds() <= 5 * 3600
    leaves = [t for _, _, a, t in heads if a is None and (t.endswith(" est parti") or " a retiré " in t)]
    assert len(leaves) >= 0.95 * len(joins)
    assert heads[-1][3] == "Yannick Roux vous a retiré"
    brigade_authors = set(roster_names())
    members = {t.split(" a ajouté ")[1] for _, _, a, t in heads if a is None and " a ajouté " in t}
    assert len(members & brigade_authors) >= 5
    assert heads[1][3] == 'Yannick Roux a créé le groupe "Collectif Fictif"'


def test_answers_markdown_says_fictional() -> None:
    md = (DEMO_DIR / "ANSWERS.md").read_text(encoding="utf-8")
    assert "ALL CONTENT IS FICTIONAL" in md
    first = io.StringIO(ANDROID_EXPORT.read_text(encoding="utf-8")).read(5000)
    assert "FICTIF" in first
