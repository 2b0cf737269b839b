#!/usr/bin/env python3
"""Generate a varied corpus of news-like articles for benchmarking (about 4.6 KB each).

Paragraphs come from templates written for this project, with names, places, figures and dates
drawn at random, so that no two files are equal. A few realistic defects (a typo, a missing
space, an unattributed claim, a stock phrase, a page-chrome line, a small table) appear at a low
rate so the linter has work to do.

    python benchmarks/make_corpus.py [--out benchmarks/corpus] [--count 1000] [--seed 7]
    python benchmarks/make_corpus.py --big 50 --out benchmarks/big    # one file of about 50 MB
"""
from __future__ import annotations

import argparse
import os
import random

PEOPLE = ["Amara Okafor", "Lena Fischer", "Tomas Novak", "Priya Raman", "Kenji Watanabe", "Sofia Marquez", "Daniel Mensah",
          "Hanna Kowalczyk", "Omar Haddad", "Grace Mwale", "Elif Demir", "Mateus Costa", "Nadia Petrova", "Liam O'Connor",
          "Yoon Ji-ho", "Nguyen Thi Lan", "Rahul Mehta", "Ingrid Solberg", "Kofi Asante", "Marta Ruiz"]
TITLES = ["Finance Minister", "Mayor", "chief executive", "police spokeswoman", "Health Minister", "union leader",
          "Defence Minister", "central bank governor", "professor of economics", "council leader"]
PLACES = ["Lisbon", "Nairobi", "Seoul", "Krakow", "Valparaiso", "Accra", "Hanoi", "Bergen", "Izmir", "Pune", "Cork", "Recife"]
BODIES = ["the statistics office", "the transport ministry", "the central bank", "the city council", "the port authority",
          "the health ministry", "the national weather service", "the electoral commission", "the energy regulator"]
TOPICS = ["rail fares", "water prices", "hospital waiting lists", "housing permits", "fuel subsidies", "school budgets",
          "bus services", "flood defences", "power tariffs", "harbour works"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

TEMPLATES = [
    "{PLACE}, {MONTH} {D} – {BODY_C} said on {DAY} that {TOPIC} would rise by {P}% from next month, the first increase in {N} years.",
    "\"We have no choice if we want to keep the service running,\" {TITLE} {PERSON} told reporters in {PLACE}.",
    "{PERSON}, the {TITLE}, said the plan would cost about {M} million euros over {N} years and create {K} jobs.",
    "The figures, published by {BODY} on {DAY}, showed {TOPIC} had fallen for a {ORD} straight month.",
    "Opposition lawmaker {PERSON} called the decision \"a blow to families\" and said her party would challenge it in parliament.",
    "According to {BODY}, {K} households were affected in {MONTH}, up from {K2} a year earlier.",
    "Economist {PERSON} of the University of {PLACE} said the change would add roughly {P2} percentage points to inflation.",
    "The council voted {V1} to {V2} in favour of the proposal on {DAY}, with {V3} abstentions, council clerk {PERSON} said.",
    "Police said {N} people were detained after protesters blocked the main road into {PLACE} on {DAY} evening.",
    "\"The numbers speak for themselves,\" {PERSON} said in a statement. \"We expect a full recovery by {YEAR}.\"",
    "Shares in the company rose {P2}% in early trading after it reported a net profit of {M} million dollars for the quarter.",
    "{BODY_C} said repairs to the bridge in {PLACE} would take until {MONTH} {YEAR} and cost {M} million.",
    "The national weather service warned of heavy rain in the north, with up to {N}0 millimetres expected by {DAY}.",
    "{PERSON}, who has led the union since {YEAR0}, said members would vote on the offer next week.",
    "Ticket sales for the festival in {PLACE} reached {K} by {DAY}, organiser {PERSON} said, short of the {K2} target.",
    "The ministry said it had received {K} applications for the grant scheme, which closes on {MONTH} {D}.",
    "In a separate development, {BODY} said it would publish its review of {TOPIC} in {MONTH}.",
    "Residents in {PLACE} told local radio that the queues had been getting longer since {MONTH}.",
]
DEFECTS = [
    "Reports suggest that the plan could be delayed until {YEAR}.",
    "This development adds a layer of complexity to an already delicate debate.",
    "Listen to article",
    "Officials in {PLACE} met on {DAY} adn agreed to review the plan.",
    "The mayor said the budget was tight,but that services would be protected.",
    "| Item | Cost |\n|---|---|\n| Bridge | {M}m |\n| Road | {M2}m |",
]


def fill(tpl: str, r: random.Random) -> str:
    person = r.choice(PEOPLE)
    body = r.choice(BODIES)
    vals = {
        "PLACE": r.choice(PLACES).upper() if tpl.startswith("{PLACE}, {MONTH}") else r.choice(PLACES),
        "MONTH": r.choice(MONTHS), "D": r.randint(1, 28), "DAY": r.choice(DAYS), "BODY": body,
        "BODY_C": body[0].upper() + body[1:], "TOPIC": r.choice(TOPICS), "P": r.randint(2, 19),
        "P2": round(r.uniform(0.1, 4.9), 1), "N": r.randint(2, 12), "M": r.randint(3, 900), "M2": r.randint(3, 900),
        "K": f"{r.randint(1, 99):,},{r.randint(100, 999)}", "K2": f"{r.randint(1, 99):,},{r.randint(100, 999)}",
        "TITLE": r.choice(TITLES), "PERSON": person, "ORD": r.choice(["second", "third", "fourth", "fifth"]),
        "V1": r.randint(30, 60), "V2": r.randint(5, 29), "V3": r.randint(0, 9), "YEAR": r.randint(2025, 2030),
        "YEAR0": r.randint(2005, 2020),
    }
    return tpl.format(**vals)


def article(r: random.Random, i: int, size: int = 4600) -> str:
    title = f"{r.choice(PLACES)} {r.choice(['Weighs', 'Approves', 'Delays', 'Debates', 'Backs'])} Changes to {r.choice(TOPICS).title()}"
    paras = [title, ""]
    total = len(title)
    while total < size:
        tpl = r.choice(DEFECTS) if r.random() < 0.04 else r.choice(TEMPLATES)
        p = fill(tpl, r)
        if r.random() < 0.5:
            p += " " + fill(r.choice(TEMPLATES), r)
        paras.append(p)
        total += len(p) + 1
    paras.append(f"(Reporting by {r.choice(PEOPLE)}; editing by {r.choice(PEOPLE)}; ref {i})")
    return "\n".join(paras) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--big", type=float, help="write one file of about this many MB instead")
    args = ap.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.big:
        path = os.path.join(args.out, "big.txt")
        with open(path, "w", encoding="utf-8") as fh:
            written = i = 0
            while written < args.big * 1e6:
                a = article(r, i)
                fh.write(a + "\n")
                written += len(a.encode()) + 1
                i += 1
        print(f"wrote {path} ({written / 1e6:.1f} MB)")
        return
    total = 0
    for i in range(args.count):
        ext = ".md" if i % 25 == 0 else ".txt"
        text = article(r, i)
        with open(os.path.join(args.out, f"article_{i:04d}{ext}"), "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode())
    print(f"wrote {args.count} articles, {total / 1e6:.2f} MB, to {args.out}")


if __name__ == "__main__":
    main()
