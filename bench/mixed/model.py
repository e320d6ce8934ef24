# A model of bench/mixed/Mixed.java's request stream with the service's invalidation rules
# (CacheEvent: a profile write drops the profile and dashboard, an application write the user's
# applications, dashboard and stats, a skill write the dashboard, a posting write that posting and
# every search). It starts with an empty cache, as the benchmark does, and ignores TTL expiry (the
# shortest TTL, 2 min, is longer than a 75 s run), concurrency and the near cache's 3 s age, so it
# gives the hit ratios that cold starts and writes alone explain.
#
#   python3 bench/mixed/model.py                 # the benchmark's figures: 2164 req/s, 15 s + 60 s
#   W=0.02 L=10 python3 bench/mixed/model.py     # 2 % writes, ten times as long before the window
# W: share of writes, PW: share of writes that change a posting, L: run length factor.
import bisect, random, itertools
random.seed(7)
def zipf(n, s=1.0):
    w = [1 / (r + 1) ** s for r in range(n)]; tot = sum(w); c = list(itertools.accumulate(x / tot for x in w))
    perm = list(range(n)); random.shuffle(perm)
    return lambda: perm[min(n - 1, bisect.bisect_left(c, random.random()))]
U, P, Q = 10000, 1000, 508
uz, pz, qz = zipf(U), zipf(P), zipf(Q)
import os
W = float(os.environ.get("W", "0.10")); PW = float(os.environ.get("PW", "0.01")); L = float(os.environ.get("L", "1"))
ops = int(2164 * 75 / 1.1 * L); start = ops - int(2164 * 60 / 1.1)
cache = set(); searchgen = 0
hits = {}; gets = {}
def read(cat, key, measured):
    k = (cat,) + key
    h = k in cache
    cache.add(k)
    if measured:
        gets[cat] = gets.get(cat, 0) + 1; hits[cat] = hits.get(cat, 0) + h
for i in range(ops):
    m = i >= start
    u = uz()
    if random.random() < W:
        kind = random.random()
        if kind < PW:
            n = pz(); cache.discard(('job-postings', n)); searchgen += 1  # every search dropped
            read('job-postings', (n,), False)  # read-back (left out of the ratios, as "w/o rb")
        elif kind < 0.40:
            cache.discard(('profile', u)); cache.discard(('dashboard', u)); read('profile', (u,), False)
        elif kind < 0.70:
            a = random.randrange(2)
            for x in (0, 1): cache.discard(('applications', u, x))
            cache.discard(('dashboard', u)); cache.discard(('user-stats', u)); read('applications', (u, a), False)
        else:
            cache.discard(('dashboard', u))
        continue
    r = random.random()
    if r < 0.5:
        d = random.random()
        if d < 0.3: read('profile', (u,), m)
        elif d < 0.5: read('resumes', (u,), m)
        elif d < 0.7: read('applications', (u, random.randrange(2)), m)
        else: read('job-postings', (pz(),), m)
    elif r < 0.75:
        read('dashboard' if random.random() < 0.6 else 'user-stats', (u,), m)
    else:
        read('job-search', (qz(), searchgen), m)
groups = {'details': ['profile', 'resumes', 'applications', 'job-postings'], 'dashboards': ['dashboard', 'user-stats'], 'searches': ['job-search']}
for c in sorted(gets): print(f"{c:14s} {100 * hits[c] / gets[c]:5.1f} %")
for g, cs in groups.items():
    print(f"group {g:10s} {100 * sum(hits[c] for c in cs) / sum(gets[c] for c in cs):5.1f} %")
