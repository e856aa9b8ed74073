#!/usr/bin/env python3
"""Converts Microsoft's "Emergency numbers for countries" page (Teams/emergency-numbers-reference.md in
MicrosoftDocs/OfficeDocs-SkypeForBusiness, CC-BY-4.0) into data/teams-emergency-numbers.tsv.

usage: teams-emergency-numbers.py PAGE.md COMMIT MS_DATE > data/teams-emergency-numbers.tsv

Only the "Emergency Numbers (maintained by Microsoft)" column is kept; "911 DialMask=9911" cells become
masks of their number. The other columns (special numbers that are not emergency numbers, notes, where
Microsoft took the list from) are not used by libe911.
"""
import re
import sys


def rows(text):
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"[A-Z]{2}", cells[1]):
            continue
        yield cells[0], cells[1], cells[2]


def numbers(cell):
    order, masks = [], {}
    for item in re.split(r"<br\s*/?>", cell):
        item = item.strip()
        m = re.fullmatch(r"(\d+)(?:\s+DialMask=(\d+))?", item)
        if not m:
            continue  # N/A, -, empty
        num, mask = m.groups()
        if num not in masks:
            order.append(num)
            masks[num] = []
        if mask:
            masks[num].append(mask)
    return [(n, masks[n]) for n in order]


def main():
    page, commit, date = sys.argv[1:4]
    with open(page, encoding="utf-8") as f:
        text = f.read()
    out = sys.stdout
    out.write("# Microsoft Teams emergency numbers per country, with the dial masks Teams applies by default.\n")
    out.write("# source: MicrosoftDocs/OfficeDocs-SkypeForBusiness Teams/emergency-numbers-reference.md\n")
    out.write(f"# commit: {commit}\n# ms.date: {date}\n# licence: CC-BY-4.0 (Microsoft Corporation)\n")
    out.write("# columns: country, number, masks (comma-separated), country name; a country with no row\n")
    out.write("# number is listed with '-' (Microsoft lists no emergency numbers for it).\n")
    for name, iso, cell in rows(text):
        nums = numbers(cell)
        if not nums:
            out.write(f"{iso}\t-\t\t{name}\n")
        for n, masks in nums:
            out.write(f"{iso}\t{n}\t{','.join(masks)}\t{name}\n")


if __name__ == "__main__":
    main()
