#!/usr/bin/env python3
"""The module graph of src/ from `crate::`, `super::` and child paths (comments and `mod tests` blocks left out); prints every cycle.

Usage: python3 tools/import_cycles.py [src] [-v]   (-v lists every edge). Exits 1 when there is a cycle."""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
mods = {}
for dp, dn, fn in os.walk(root):
    for f in fn:
        if f.endswith('.rs'):
            p = os.path.join(dp, f)
            rel = os.path.relpath(p, root)[:-3]
            parts = rel.split('/')
            if parts[-1] in ('mod', 'lib', 'main'):
                parts = parts[:-1]
            mods['::'.join(parts)] = p
def strip(text):
    # drop #[cfg(test)] mod tests { ... } at end and comments
    i = text.find('#[cfg(test)]\nmod tests')
    if i >= 0: text = text[:i]
    text = re.sub(r'//[^\n]*', '', text)
    return text
def resolve(path):
    # longest prefix that is a module
    parts = path.split('::')
    for k in range(len(parts), 0, -1):
        m = '::'.join(parts[:k])
        if m in mods: return m
    return None
edges = {}
for m, p in mods.items():
    t = strip(open(p).read())
    deps = set()
    for mt in re.finditer(r'\bcrate((?:::\w+)+)', t):
        r = resolve(mt.group(1)[2:])
        if r is not None and r != m and r != '': deps.add(r)
    # use crate::{a, b::c}
    for mt in re.finditer(r'\bcrate::\{([^;]*)\}', t):
        for item in re.split(r'[,\s]+', mt.group(1)):
            item = item.strip('{} ')
            if not item: continue
            r = resolve(item.split('::{')[0])
            if r and r != m: deps.add(r)
    for mt in re.finditer(r'\bsuper((?:::\w+)+)', t):
        base = m.split('::')[:-1] if p.endswith(('mod.rs',)) is False else m.split('::')[:-1]
        r = resolve('::'.join(base + mt.group(1)[2:].split('::')))
        if r is not None and r != m: deps.add(r)
    for c in [k for k in mods if k.startswith(m + '::' if m else '') and k.count('::') == (m.count('::') + 1 if m else 0) and k != m]:
        name = c.split('::')[-1]
        if re.search(r'(?<![:\w])(self::)?' + name + r'::\w', t):
            deps.add(c)
    edges[m] = deps
# drop edges to ancestors' own names that are just parents? keep all
if '-v' in sys.argv:
    for m in sorted(edges):
        print(m or '(root)', '->', ', '.join(sorted(edges[m])))
# cycles via Tarjan SCC
idx = {}; low = {}; st = []; on = set(); sccs = []; c = [0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in edges.get(v, ()):
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: sccs.append(comp)
for v in edges:
    if v not in idx: sc(v)
for s in sccs: print('CYCLE:', ' '.join(sorted(s)))
print(len(mods), 'modules,', sum(len(e) for e in edges.values()), 'edges,', len(sccs), 'cycles')
sys.exit(1 if sccs else 0)
