#!/usr/bin/env python3
"""Checks the Flux queries of the Grafana dashboards against the measurement schema the worker writes.

Every string under a "query" key in deploy/grafana/dashboards/*.json is a Flux query. For each query:
- it filters on at least one `_measurement == "..."`, and each measurement is in schema.json;
- each `_field == "..."` is a field of one of those measurements;
- each column it reads (r.x, r["x"], l.x, columns/rowKey/columnKey lists, column/valueColumn, tag: "x")
  is a tag or field of those measurements, a built-in column (_time, _value, ...), or a column the
  query itself makes (map with, record literals, set(key:));
- each literal compared with a tag that has a closed set of values (class, state, ...) is one of them.

Usage: check_queries.py [SCHEMA [DASHBOARD ...]]; it first checks itself on known-bad queries, then exits 1 and names the dashboard, panel and name on a mismatch.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

MEASUREMENT = re.compile(r'_measurement\s*==\s*"([^"]+)"')
FIELD = re.compile(r'_field\s*[!=]=\s*"([^"]+)"')
ROW_REF = re.compile(r'\b[rl]\.([A-Za-z_]\w*)|\b[rl]\["([^"]+)"\]')
TAG_LITERAL = re.compile(r'\br\.([A-Za-z]\w*)\s*[!=]=\s*"([^"$]*)"')
LISTS = re.compile(r'\b(?:columns|rowKey|columnKey)\s*:\s*\[([^\]]*)\]')
SINGLE = re.compile(r'\b(?:column|valueColumn|tag)\s*:\s*"([^"]+)"')
SET_KEY = re.compile(r'\bkey\s*:\s*"([^"]+)"')
QUOTED = re.compile(r'"([^"]+)"')


def record_literal_keys(query: str) -> set[str]:
    """Names a query creates: the keys of each `=> ({ ... })` record (including `{ r with a: ..., b: ... }`)."""
    keys: set[str] = set()
    for start in (m.end() for m in re.finditer(r'=>\s*\(\{', query)):
        depth, part, parts = 1, [], []
        for ch in query[start:]:
            if ch in '({[':
                depth += 1
            elif ch in ')}]':
                depth -= 1
                if depth == 0:
                    break
            if ch == ',' and depth == 1:
                parts.append(''.join(part))
                part = []
            else:
                part.append(ch)
        parts.append(''.join(part))
        for text in parts:
            m = re.match(r'\s*(?:\w+\s+with\s+)?([A-Za-z_]\w*)\s*:', text)
            if m:
                keys.add(m.group(1))
    return keys


def check_query(query: str, schema: dict) -> list[str]:
    measurements = schema["measurements"]
    used = set(MEASUREMENT.findall(query))
    if not used:
        return ['filters on no _measurement == "..."']
    errors = [f'unknown measurement "{m}"' for m in sorted(used - measurements.keys())]
    known = [measurements[m] for m in sorted(used & measurements.keys())]
    tags = {t for m in known for t in m["tags"]}
    fields = {f for m in known for f in m["fields"]}
    tag_values: dict[str, set[str]] = {}
    for m in known:
        for tag, values in m.get("tag_values", {}).items():
            tag_values.setdefault(tag, set()).update(values)
    made = record_literal_keys(query) | set(SET_KEY.findall(query))
    scope = f'measurement(s) {", ".join(sorted(used))}'

    errors += [f'field "{f}" is not a field of {scope}' for f in sorted(set(FIELD.findall(query)) - fields)]

    columns = {a or b for a, b in ROW_REF.findall(query)}
    for listed in LISTS.findall(query):
        columns.update(QUOTED.findall(listed))
    columns.update(SINGLE.findall(query))
    for column in sorted(columns):
        if column.startswith('_') or column in tags or column in fields or column in made:
            continue
        errors.append(f'column "{column}" is neither a tag nor a field of {scope}, nor made by the query')

    for tag, literal in TAG_LITERAL.findall(query):
        if tag in tag_values and literal not in tag_values[tag]:
            errors.append(f'tag {tag} == "{literal}": {tag} takes {sorted(tag_values[tag])}')
    return errors


def queries(node, where: str):
    """(location, query) for every string under a "query" key, with the panel or variable it belongs to."""
    if isinstance(node, dict):
        name = node.get("title") or node.get("name")
        here = f'{where} / {name}' if isinstance(name, str) and "query" in node else where
        for key, value in node.items():
            if key == "query" and isinstance(value, str):
                yield here, value
            else:
                yield from queries(value, f'{where} / {name}' if isinstance(name, str) else where)
    elif isinstance(node, list):
        for item in node:
            yield from queries(item, where)


def self_test() -> None:
    """The checker must flag each kind of mismatch it exists for (so a passing run means something)."""
    schema = {"measurements": {"beat": {"tags": {"bed": "", "class": ""}, "fields": {"rr": ""},
                                        "tag_values": {"class": ["N", "V"]}}}}
    base = 'from(bucket: "b") |> filter(fn: (r) => r._measurement == "beat" and r._field == "rr")'
    good = base + ' |> map(fn: (r) => ({ r with hr: 60.0 / r._value })) |> group(columns: ["bed"]) |> keep(columns: ["hr"])'
    assert check_query(good, schema) == [], check_query(good, schema)
    for bad, expected in [
        ('from(bucket: "b")', "no _measurement"),
        (base.replace('"beat"', '"beats"'), 'unknown measurement "beats"'),
        (base.replace('"rr"', '"hr"'), 'field "hr"'),
        (base + ' |> group(columns: ["patient"])', 'column "patient"'),
        (base + ' |> filter(fn: (r) => r["ward"] == "a")', 'column "ward"'),
        (base + ' |> filter(fn: (r) => r.class == "X")', "class takes"),
    ]:
        errors = check_query(bad, schema)
        assert any(expected in e for e in errors), (bad, errors)


def main(argv: list[str]) -> int:
    self_test()
    schema_path = Path(argv[1]) if len(argv) > 1 else HERE / "schema.json"
    boards = [Path(p) for p in argv[2:]] or sorted((HERE / "dashboards").glob("*.json"))
    schema = json.loads(schema_path.read_text())
    failures = checked = 0
    for board in boards:
        for where, query in queries(json.loads(board.read_text()), board.name):
            checked += 1
            for error in check_query(query, schema):
                failures += 1
                print(f'{where}: {error}', file=sys.stderr)
    if checked == 0:
        print("no Flux queries found", file=sys.stderr)
        return 1
    print(f'{checked} Flux queries in {len(boards)} dashboards checked against {schema_path.name}: '
          f'{failures} problem(s)')
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
