#!/usr/bin/env python3
"""Prints a Markdown table of the generated weights (runtime/src/weights/*.rs): each call's
ref_time at the given component values including its database reads and writes
(ParityDbWeight: 8 us a read, 50 us a write), the proof size, and how many such calls fit in
the normal share (75%) of a 2-second block after the 108,157 ns extrinsic base weight.

    scripts/bench/weights-table.py [name=a:1,c:10 ...]
"""
import glob
import re
import sys

READ, WRITE = 8_000_000, 50_000_000  # picoseconds
BASE_EXTRINSIC = 108_157_000
NORMAL_BLOCK = 1_500_000_000_000  # 75% of 2 s in picoseconds

def parse(path):
    text = open(path).read()
    for m in re.finditer(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", text, re.S):
        name, params, body = m.group(1), m.group(2), m.group(3)
        comps = [p.split(':')[0].strip().lstrip('_') for p in params.split(',') if p.strip()]
        base = int(re.search(r"Weight::from_parts\(([\d_]+), 0\)", body).group(1).replace('_', ''))
        proof = int(re.search(r"Weight::from_parts\(0, ([\d_]+)\)\)", body).group(1).replace('_', ''))
        slopes = {c: int(v.replace('_', '')) for v, c in re.findall(r"Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into\(\)\)", body)}
        reads = int((re.search(r"reads\((\d+)_?u?\d*\)\)", body) or re.search(r"reads\((\d+)\)", body) or [0, 0])[1]) if 'reads(' in body else 0
        writes = int((re.search(r"writes\((\d+)\)\)", body) or [0, 0])[1]) if re.search(r"writes\((\d+)\)\)", body) else 0
        read_slopes = {c: int(v) for v, c in re.findall(r"reads\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into\(\)\)\)", body)}
        write_slopes = {c: int(v) for v, c in re.findall(r"writes\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into\(\)\)\)", body)}
        yield name, comps, base, proof, slopes, reads, writes, read_slopes, write_slopes

def total(entry, values):
    name, comps, base, proof, slopes, reads, writes, rs, ws = entry
    t = base + reads * READ + writes * WRITE
    for c in comps:
        v = values.get(c, 0)
        t += slopes.get(c, 0) * v + rs.get(c, 0) * v * READ + ws.get(c, 0) * v * WRITE
    return t

points = {}
for arg in sys.argv[1:]:
    name, spec = arg.split('=')
    points.setdefault(name, []).append({k: int(v) for k, v in (kv.split(':') for kv in spec.split(','))})

print('| pallet | call | components | ref time (µs, incl. DB) | reads / writes | proof (bytes) | per 6 s block |')
print('| --- | --- | --- | --- | --- | --- | --- |')
for path in sorted(glob.glob('runtime/src/weights/pallet_*.rs')):
    pallet = path.split('/')[-1][:-3]
    for entry in parse(path):
        name, comps = entry[0], entry[1]
        for values in points.get(name, [{c: 0 for c in comps}]):
            t = total(entry, values)
            label = ', '.join(f'{k}={v}' for k, v in values.items()) or '—'
            rw = f"{entry[5]} / {entry[6]}" + (' + per component' if entry[7] or entry[8] else '')
            print(f'| {pallet} | {name} | {label} | {t / 1e6:,.1f} | {rw} | {entry[3]:,} | {NORMAL_BLOCK // (t + BASE_EXTRINSIC):,} |')
