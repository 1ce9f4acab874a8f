#!/usr/bin/env python3
"""Fills attnviz_zh_CN.ts from zh_CN_dict.py after `lupdate` (README, "Translations").

Prints the source strings that have no translation yet; those stay "unfinished" and make the
translations_complete test fail until they are added to the dictionary."""
import os
import re
import sys
import xml.etree.ElementTree as ET

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from zh_CN_dict import NUMERUS, T  # noqa: E402


def with_accelerator(source, text):
    m = re.search(r"&([A-Za-z])", source.replace("&lt;", "").replace("&gt;", "").replace("&amp;", ""))
    if not m or "&" in text.replace("&lt;", "").replace("&gt;", ""):
        return text
    key = "(&" + m.group(1).upper() + ")"
    for tail in ("…", "：", ":"):
        if text.endswith(tail):
            return text[: -len(tail)] + key + tail
    return text + key


path = os.path.join(here, "attnviz_zh_CN.ts")
tree = ET.parse(path)
missing = []
for message in tree.getroot().iter("message"):
    source = message.find("source").text or ""
    translation = message.find("translation")
    if translation.get("type") in ("vanished", "obsolete"):
        continue
    if message.get("numerus") == "yes":
        forms = NUMERUS.get(source)
        if not forms:
            missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        text = T.get(source)
        if text is None:
            if translation.get("type") != "unfinished" and translation.text:
                continue  # translated by hand in the .ts
            missing.append(source)
            continue
        translation.text = with_accelerator(source, text)
    translation.attrib.pop("type", None)

tree.write(path, encoding="utf-8", xml_declaration=True)
# lupdate writes <!DOCTYPE TS>; keep the file diff-friendly for it.
text = open(path, encoding="utf-8").read()
if "<!DOCTYPE TS>" not in text:
    text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    open(path, "w", encoding="utf-8").write(text)
for s in missing:
    print("untranslated:", repr(s))
sys.exit(1 if missing else 0)
