#!/usr/bin/env python3
"""Writes the key script that builds the sample's gold annotation with tandai itself.

The gold annotation is described below as data (entities, quotes, claims per paragraph);
this script turns it into the keystrokes an editor would type (search, shrink the selection,
tag, link), checking each search against tandai's search rule (case-insensitive, first match
starting after the cursor) so that every keystroke lands where intended.

    python3 scripts/gold_keys.py > sample-data/korut-dukung-rusia.keys
    cargo run -- replay --keys-file sample-data/korut-dukung-rusia.keys sample-data/korut-dukung-rusia.txt
"""
import re
import sys
from pathlib import Path

ARTICLE = Path(__file__).resolve().parent.parent / "sample-data" / "korut-dukung-rusia.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
LABEL_KEY = {"PER": "1", "ORG": "2", "LOC": "3", "MISC": "4"}

# Per paragraph (1-based): entities in order as (text, label); quotes as dicts; claims as dicts.
# A quote: text (exact content), direct (bool), cue (text), cue_context (text that starts with
# the cue word, to find it), cue_len (characters of the cue kept from its word), speaker
# (filter typed in the picker). A claim: text, claimant (filter, or None when inherited from
# the quote it sits in), worth (True/False).
GOLD = {
    1: dict(
        entities=[("MOSKWA", "LOC"), ("Korea Utara", "LOC"), ("Choe Son Hui", "PER"),
                  ("Korea Utara", "LOC"), ("Rusia", "LOC"), ("Ukraina", "LOC"),
                  ("Choe Son", "PER"), ("Rusia", "LOC"), ("Sergei Lavrov", "PER"),
                  ("Moskwa", "LOC")],
        quotes=[dict(text="Korea Utara akan mendukung Rusia hingga kemenangannya di Ukraina",
                     cue="menyatakan", speaker="choe son hui")],
    ),
    2: dict(
        entities=[("AFP", "ORG"), ("Choe Son", "PER"), ("Moskwa", "LOC"), ("Barat", "LOC"),
                  ("Korea Utara", "LOC"), ("Rusia", "LOC")],
        quotes=[dict(text="ribuan pasukan Korea Utara berada di Rusia", cue="mengatakan",
                     speaker="barat")],
        claims=[dict(text="ribuan pasukan Korea Utara berada di Rusia", worth=True)],
    ),
    3: dict(
        entities=[("Barat", "LOC"), ("Korea Utara", "LOC"), ("Rusia", "LOC"), ("Ukraina", "LOC")],
        quotes=[dict(text="ada kemungkinan tentara Korea Utara tersebut bakal digunakan dalam "
                          "perang Rusia-Ukraina tersebut", cue="menyatakan", speaker="barat")],
    ),
    4: dict(
        entities=[("Rusia", "LOC"), ("Korea Utara", "LOC"), ("Choe Son Hui", "PER")],
        quotes=[dict(text="Kami ulangi bahwa kami akan selalu mendukung kawan-kawan Rusia kami "
                          "hingga hari kemenangan,", direct=True, cue="kata",
                     speaker="choe son hui")],
    ),
    5: dict(
        entities=[("Vladimir Putin", "PER"), ("Rusia", "LOC")],
        quotes=[dict(text="Kami sama sekali tidak ragu bahwa di bawah kepemimpinan Presiden Rusia "
                          "Vladimir Putin, tentara dan rakyat Rusia pasti akan mencapai kemenangan "
                          "besar dalam perjuangannya untuk mempertahankan hak kedaulatan dan "
                          "keamanan negara mereka,", direct=True, cue="tambahnya", cue_len=6,
                     speaker="choe son hui")],
    ),
    6: dict(
        entities=[("Lavrov", "PER"), ("Rusia", "LOC")],
        quotes=[dict(text="hubungan dekat antara tentara dan dinas khusus kedua negara",
                     cue="memuji", speaker="lavrov")],
    ),
    7: dict(
        entities=[("Moskwa", "LOC"), ("Pyongyang", "LOC")],
        claims=[dict(text="Sebelumnya, Moskwa menandatangani pakta pertahanan bersama dengan "
                          "Pyongyang pada musim panas ini.", worth=True)],
    ),
    8: dict(
        quotes=[dict(text="Hubungan yang sangat erat telah terjalin antara militer dan dinas "
                          "khusus kedua negara,", direct=True, cue="tuturnya", cue_len=5,
                     speaker="lavrov")],
    ),
    9: dict(
        entities=[("Moskwa", "LOC"), ("Korea Utara", "LOC"), ("Ukraina", "LOC"), ("Barat", "LOC"),
                  ("Korea Utara", "LOC"), ("AS", "LOC"), ("Korea Utara", "LOC"), ("Rusia", "LOC"),
                  ("Ukraina", "LOC")],
        quotes=[dict(text="Moskwa sangat berterima kasih kepada Korea Utara atas posisi berprinsip "
                          "terhadap peristiwa yang terjadi di Ukraina", cue="mengatakan Moskwa",
                     cue_len=10, speaker="lavrov"),
                dict(text="8.000 tentara Korea Utara sedang berlatih di Rusia dan dapat dikerahkan "
                          "untuk bertempur di Ukraina", cue="mengatakan bahwa 8", cue_len=10,
                     speaker="as")],
        claims=[dict(text="8.000 tentara Korea Utara sedang berlatih di Rusia dan dapat dikerahkan "
                          "untuk bertempur di Ukraina", worth=True)],
    ),
    10: dict(
        entities=[("Rusia", "LOC"), ("Korea Utara", "LOC"), ("Ukraina", "LOC")],
        claims=[dict(text="Rusia telah berupaya memperdalam hubungannya dengan Korea Utara sejak "
                          "mengirim pasukan ke Ukraina.", worth=False)],
    ),
    11: dict(
        entities=[("Rusia", "LOC"), ("Vladimir Putin", "PER"), ("Kim Jong Un", "PER"),
                  ("Korea Utara", "LOC"), ("Pyongyang", "LOC")],
        claims=[dict(text="Presiden Rusia Vladimir Putin menandatangani pakta bantuan timbal balik "
                          "dengan Kim Jong Un dari Korea Utara", worth=True)],
    ),
    12: dict(entities=[("Putin", "PER")]),
    13: dict(
        entities=[("Bergelora.com", "ORG"), ("Jakarta", "LOC"), ("Rusia", "LOC"),
                  ("Vladimir Putin", "PER"), ("AS", "LOC"), ("Korea Utara", "LOC"),
                  ("Rusia", "LOC"), ("Putin", "PER"), ("Korea Utara", "LOC")],
        quotes=[dict(text="Korea Utara telah mengirim pasukan ke Rusia", cue="klaim",
                     speaker="as"),
                dict(text="cara menjalankan klausul pertahanan bersama dengan Korea Utara murni "
                          "urusan kedua negara", cue="mengatakan pada", cue_len=10,
                     speaker="putin")],
        claims=[dict(text="Korea Utara telah mengirim pasukan ke Rusia", worth=True)],
    ),
    14: dict(
        entities=[("Barat", "LOC"), ("Ukraina", "LOC")],
        quotes=[dict(text="Barat bertanggung jawab atas meningkatnya perang di Ukraina",
                     cue="menuduh", speaker="putin")],
        claims=[dict(text="Barat bertanggung jawab atas meningkatnya perang di Ukraina",
                     worth=True)],
    ),
    15: dict(
        entities=[("Reuters", "ORG"), ("AS", "LOC"), ("Korea Utara", "LOC"), ("Rusia", "LOC"),
                  ("Ukraina", "LOC")],
        quotes=[dict(text="mereka telah melihat bukti Korea Utara telah mengirim 3.000 tentara ke "
                          "Rusia untuk kemungkinan penempatan di Ukraina", cue="mengatakan",
                     speaker="as")],
        claims=[dict(text="Korea Utara telah mengirim 3.000 tentara ke Rusia untuk kemungkinan "
                          "penempatan di Ukraina", worth=True)],
    ),
    16: dict(entities=[("Barat", "LOC"), ("Ukraina", "LOC")]),
    17: dict(
        entities=[("Korea Utara", "LOC"), ("Putin", "PER")],
        quotes=[dict(text="itu adalah hal serius", cue="berkata", speaker="putin")],
    ),
    18: dict(
        quotes=[dict(text="Citra adalah hal yang serius. Jika ada citra, maka itu mencerminkan "
                          "sesuatu,", direct=True, cue="ujarnya", cue_len=4, speaker="putin")],
    ),
    19: dict(
        entities=[("NATO", "ORG"), ("Ukraina", "LOC"), ("Barat", "LOC"), ("Ukraina", "LOC")],
        quotes=[dict(text="perwira dan instruktur NATO terlibat langsung dalam perang Ukraina dan "
                          "Baratlah yang telah meningkatkan krisis Ukraina", cue="mengatakan",
                     speaker="putin")],
        claims=[dict(text="perwira dan instruktur NATO terlibat langsung dalam perang Ukraina",
                     worth=True)],
    ),
    20: dict(
        entities=[("NATO", "ORG"), ("Eropa", "LOC"), ("Putin", "PER")],
        quotes=[dict(text="Kami tahu siapa saja yang hadir di sana, dari negara NATO Eropa mana, "
                          "dan bagaimana mereka melaksanakan pekerjaan ini,", direct=True,
                     cue="kata", speaker="putin")],
    ),
    21: dict(entities=[("Pasal 4", "MISC"), ("Rusia", "LOC"), ("Korea Utara", "LOC")]),
    22: dict(
        entities=[("Korea Utara", "LOC"), ("Putin", "PER")],
        quotes=[dict(text="Ada pasal 4. Kami tidak pernah meragukan sedikit pun bahwa pemimpin "
                          "Korea Utara menganggap serius perjanjian kami. Namun, apa yang kami "
                          "lakukan dalam kerangka pasal ini adalah urusan kami,", direct=True,
                     cue="kata", speaker="putin")],
    ),
    23: dict(
        entities=[("Korea Utara", "LOC"), ("Perserikatan Bangsa-Bangsa", "ORG"), ("PBB", "ORG"),
                  ("New York", "LOC"), ("AS", "LOC"), ("Korea Selatan", "LOC"), ("Rusia", "LOC")],
        quotes=[dict(text="pernyataan AS dan Korea Selatan tentang pengiriman pasukan ke Rusia "
                          "adalah rumor yang tidak berdasar", cue="mengatakan",
                     speaker="korea utara",
                     note="speaker: the North Korean representative to the UN")],
        claims=[dict(text="pernyataan AS dan Korea Selatan tentang pengiriman pasukan ke Rusia "
                          "adalah rumor yang tidak berdasar", worth=True)],
    ),
    24: dict(
        entities=[("AS", "LOC"), ("Korea Utara", "LOC"), ("Rusia", "LOC"), ("Ukraina", "LOC"),
                  ("Korea Utara", "LOC"), ("Kursk", "LOC"), ("Web Warouw", "PER")],
        quotes=[dict(text="sedikitnya 3.000 tentara Korea Utara tengah menjalani pelatihan di tiga "
                          "pangkalan militer di Rusia timur", cue="meyakini", speaker="as"),
                dict(text="pasukan Korea Utara sudah berada di wilayah Kursk", cue="mengatakan",
                     speaker="ukraina")],
        claims=[dict(text="sedikitnya 3.000 tentara Korea Utara tengah menjalani pelatihan di tiga "
                          "pangkalan militer di Rusia timur", worth=True),
                dict(text="pasukan Korea Utara sudah berada di wilayah Kursk", worth=True)],
    ),
}


def paragraphs():
    """Character ranges of the non-blank lines, as tandai splits them."""
    out, pos = [], 0
    for line in TEXT.split("\n"):
        body = line.rstrip("\r")
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line) + 1
    return out


PARAS = paragraphs()
FOLDED = TEXT.lower()


def search(pattern, cursor):
    """tandai's search: first case-insensitive match starting after the cursor (wrapping)."""
    needle = pattern.lower()
    hits = [m.start() for m in re.finditer(re.escape(needle), FOLDED)]
    after = [h for h in hits if h > cursor]
    return (after or hits or [None])[0]


def escape(text):
    return text.replace("<", "<lt>")


class Script:
    def __init__(self):
        self.keys, self.cursor = [], 0

    def select(self, text, start, limit):
        """Search so that the selection is exactly TEXT at START: add following context until
        the first match is the wanted one, then shrink the selection back."""
        for extra in range(0, 80):
            pattern = TEXT[start:start + len(text) + extra]
            if start + len(pattern) > limit and extra:
                break
            if search(pattern, self.cursor) == start:
                self.keys.append("/" + escape(pattern) + "<Enter>" + "<S-Left>" * extra)
                self.cursor = start
                return
        sys.exit(f"cannot reach {text!r} at {start} from {self.cursor}")

    def find(self, text, lo, hi, whole_word=True):
        bound = r"(?<!\w)" if whole_word else ""
        pattern = bound + re.escape(text) + (r"(?!\w)" if whole_word else "")
        m = re.compile(pattern).search(TEXT, lo, hi)
        if not m:
            sys.exit(f"{text!r} not found in {lo}..{hi}")
        return m.start()


def build():
    s = Script()
    for number, (lo, hi) in enumerate(PARAS, start=1):
        gold = GOLD.get(number, {})
        s.keys.append(f"\n# paragraph {number}\n")
        pos = lo
        for text, label in gold.get("entities", []):
            whole = text != "Barat" or TEXT[pos:hi].find("Baratlah") != TEXT[pos:hi].find("Barat")
            start = s.find(text, pos, hi, whole_word=whole)
            s.select(text, start, hi)
            s.keys.append(LABEL_KEY[label])
            pos = start + len(text)
        for quote in gold.get("quotes", []):
            start = s.find(quote["text"], lo, hi, whole_word=False)
            if quote.get("direct"):
                s.select(quote["text"][:12], start, hi)
                s.keys.append("<Esc>\"")
            else:
                s.select(quote["text"], start, hi)
                s.keys.append("\"")
            cue_word = quote["cue"].split()[0]
            cue_at = s.find(quote["cue"], lo, hi, whole_word=False)
            s.select(cue_word, cue_at, hi)
            keep = quote.get("cue_len", len(cue_word))
            s.keys.append("<S-Left>" * (len(cue_word) - keep) + "C")
            s.keys.append("a" + escape(quote["speaker"]) + "<Enter>")
            if quote.get("note"):
                s.keys.append("e" + escape(quote["note"]) + "<Enter>")
            s.keys.append("\n")
        for claim in gold.get("claims", []):
            start = s.find(claim["text"], lo, hi, whole_word=False)
            s.select(claim["text"], start, hi)
            s.keys.append("c")
            if claim.get("claimant"):
                s.keys.append("a" + escape(claim["claimant"]) + "<Enter>")
            s.keys.append("t" if claim["worth"] else "tt")
            s.keys.append("\n")
        s.keys.append("<Space>")
        if number < len(PARAS):
            first_word = re.compile(r"\w").search(TEXT, PARAS[number][0])
            s.cursor = first_word.start()
    s.keys.append("\nq\n")
    return "".join(s.keys)


if __name__ == "__main__":
    print("# Keys that build the gold annotation of korut-dukung-rusia.txt with tandai itself.")
    print("# Generated by scripts/gold_keys.py; replay with `tandai replay --keys-file`.")
    print(build())
