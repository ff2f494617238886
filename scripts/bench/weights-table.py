#!/usr/bin/env python3
"""Prints a Markdown table of the generated weights (runtime/src/weights/*.rs): each call's
ref_time at the given component values including its database reads and writes
(the runtime's DbWeight, read from paritydb_weights.rs), the proof size, and how many such calls fit in
the normal share (75%) of a 2-second block once every signed extrinsic's fixed cost is added:
the benchmarked extrinsic base weight (extrinsic_weights.rs) and the benchmarked weights of
the runtime's transaction extensions (frame_system_extensions.rs, pallet_transaction_payment.rs).

    scripts/bench/weights-table.py [name=a:1,c:10 ...] [--pallets pallet_balances,...]

Without --pallets it lists Tributary's four pallets.
"""
import re
import sys

WEIGHTS = 'runtime/src/weights'


def db_weight():
    """The runtime's DbWeight: paritydb_weights.rs, measured by scripts/bench/storage-weights.sh."""
    text = open(f'{WEIGHTS}/paritydb_weights.rs').read()
    ns = lambda field: int(re.search(rf"{field}: ([\d_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text).group(1).replace('_', ''))
    return ns('read') * 1000, ns('write') * 1000


READ, WRITE = db_weight()  # picoseconds
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

def base_extrinsic():
    """ExtrinsicBaseWeight in picoseconds, from the overhead benchmark's file."""
    text = open(f'{WEIGHTS}/extrinsic_weights.rs').read()
    ns = re.search(r"WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\(([\d_]+)\)", text).group(1)
    return int(ns.replace('_', '')) * 1000

def extensions():
    """Weight of the runtime's transaction extensions for one signed, mortal extrinsic."""
    system = {e[0]: total(e, {}) for e in parse(f'{WEIGHTS}/frame_system_extensions.rs')}
    payment = {e[0]: total(e, {}) for e in parse(f'{WEIGHTS}/pallet_transaction_payment.rs')}
    used = ['check_non_zero_sender', 'check_spec_version', 'check_tx_version', 'check_genesis',
            'check_mortality_mortal_transaction', 'check_nonce', 'check_weight', 'weight_reclaim']
    return sum(system[name] for name in used) + payment['charge_transaction_payment']

pallets = ['pallet_attribution', 'pallet_datanets', 'pallet_models', 'pallet_revenue']
args = sys.argv[1:]
if '--pallets' in args:
    at = args.index('--pallets')
    pallets = args[at + 1].split(',')
    args = args[:at] + args[at + 2:]
FIXED = base_extrinsic() + extensions()

points = {}
for arg in args:
    name, spec = arg.split('=')
    points.setdefault(name, []).append({k: int(v) for k, v in (kv.split(':') for kv in spec.split(','))})

print('| pallet | call | components | ref time (µs, incl. DB) | reads / writes | proof (bytes) | per block (1.5 s normal budget) |')
print('| --- | --- | --- | --- | --- | --- | --- |')
for pallet in pallets:
    for entry in parse(f'{WEIGHTS}/{pallet}.rs'):
        name, comps = entry[0], entry[1]
        for values in points.get(name, [{c: 0 for c in comps}]):
            t = total(entry, values)
            label = ', '.join(f'{k}={v}' for k, v in values.items()) or '—'
            rw = f"{entry[5]} / {entry[6]}" + (' + per component' if entry[7] or entry[8] else '')
            print(f'| {pallet} | {name} | {label} | {t / 1e6:,.1f} | {rw} | {entry[3]:,} | {NORMAL_BLOCK // (t + FIXED):,} |')
print()
print(f'Fixed cost of every signed extrinsic: {FIXED / 1e6:,.1f} µs (base {base_extrinsic() / 1e6:,.1f} + extensions {extensions() / 1e6:,.1f}).')
