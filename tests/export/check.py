"""Reads yuliao's exports back with real parsers (run by tests/export.rs).

    python3 tests/export/check.py corpus.conllu corpus.vrt

CoNLL-U is parsed by the `conllu` package from PyPI (installed by
scripts/install-tools.sh into target/pydeps); VRT is wrapped in a root
element and parsed by Python's own XML parser. Prints one JSON object with
what was read, for the Rust test to compare with the corpus.
"""
import json
import sys
import xml.etree.ElementTree as ET

import conllu

conllu_path, vrt_path = sys.argv[1], sys.argv[2]

with open(conllu_path, encoding="utf-8") as f:
    sentences = conllu.parse(f.read())
docs = set()
tokens = 0
texts_ok = 0
fields_ok = True
for s in sentences:
    docs.add(s.metadata["sent_id"].split("-")[0])
    tokens += len(s)
    rebuilt = ""
    for t in s:
        rebuilt += t["form"]
        misc = t["misc"] or {}
        if misc.get("SpaceAfter") != "No":
            rebuilt += " "
        fields_ok &= t["lemma"] == t["form"] and t["upos"] is not None and t["xpos"] is not None
    texts_ok += rebuilt.rstrip(" ") == s.metadata["text"]

with open(vrt_path, encoding="utf-8") as f:
    root = ET.fromstring("<corpus>" + f.read() + "</corpus>")
vrt_texts = root.findall("text")
vrt_tokens = sum(
    len([line for line in (s.text or "").split("\n") if line.strip()]) for t in vrt_texts for s in t.findall("s")
)
lines_ok = all(
    len(line.split("\t")) == 2 for t in vrt_texts for s in t.findall("s") for line in (s.text or "").split("\n") if line.strip()
)
print(json.dumps({
    "conllu": {"sentences": len(sentences), "documents": len(docs), "tokens": tokens, "textsMatching": texts_ok, "fieldsOk": bool(fields_ok)},
    "vrt": {"texts": len(vrt_texts), "sentences": sum(len(t.findall("s")) for t in vrt_texts), "tokens": vrt_tokens, "linesOk": lines_ok,
            "firstText": dict(vrt_texts[0].attrib) if vrt_texts else {}},
}))
