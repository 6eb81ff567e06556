#!/usr/bin/env python3
"""Derive the shipped unit tree from the dvhcvn 2025-07-01 dataset (MIT).

Run once by a developer: python3 scripts/derive-units.py ../shared/data/dvhcvn-20250701
Writes src/lib/units/units-2025.json (the post-2025 province → commune tree) and
src/lib/units/old-to-new-2025.json (pre-2025 units → the new units each went to).
"""
import json, sys, os

src = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), '..', 'src', 'lib', 'units')
merges = json.load(open(os.path.join(src, 'merges.json'), encoding='utf-8'))['data']
splits = json.load(open(os.path.join(src, 'splits.json'), encoding='utf-8'))['data']

units = []
for p in merges:
    units.append({'code': p['level1_id'], 'name': p['name'], 'level': 'province', 'parent': None})
    for c in p['level2s']:
        units.append({'code': c['level2_id'], 'name': c['name'], 'level': 'commune', 'parent': p['level1_id']})

old = []
for p in splits:
    old.append({'code': p['level1_id'], 'name': p['name'], 'level': 'province', 'parent': None,
                'to': [s['new_id'] for s in p['splits']]})
    for c in p['level3s']:
        old.append({'code': c['level3_id'], 'name': c['name'], 'level': 'commune', 'parent': p['level1_id'],
                    'to': [s['new_id'] for s in c['splits']]})

with open(os.path.join(out, 'units-2025.json'), 'w', encoding='utf-8') as f:
    f.write('[\n' + ',\n'.join(json.dumps(u, ensure_ascii=False) for u in units) + '\n]\n')
with open(os.path.join(out, 'old-to-new-2025.json'), 'w', encoding='utf-8') as f:
    f.write('[\n' + ',\n'.join(json.dumps(u, ensure_ascii=False) for u in old) + '\n]\n')
print(len(units), 'units;', len(old), 'old units')
