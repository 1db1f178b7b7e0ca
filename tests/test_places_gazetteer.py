"""The gazetteer index: contents, name folding, and its load cost (under a second and 200 MB)."""

from __future__ import annotations

import json
import subprocess
import sys

from newsevents.knowledge.gazetteer import fold, load_gazetteer


def test_fold():
    assert fold("Bāzārak") == "bazarak"
    assert fold("U.S.") == "us"
    assert fold("Winston-Salem") == "winston salem"
    assert fold("Côte d’Ivoire") == "cote d'ivoire"


def test_countries_divisions_and_cities():
    g = load_gazetteer()
    (us,) = [e for e, _ in g.lookup("U.S.") if e.feature == "country"]
    assert us.geonameid == 6252001 and us.country_code == "US"
    assert abs(us.lat - 39.76) < 0.01  # GeoNames' own point for the United States
    panjshir = [e for e, _ in g.lookup("Panjshir") if e.feature == "admin1"]
    assert [e.geonameid for e in panjshir] == [6957555]
    assert panjshir[0].lat is not None  # a division takes coordinates from its GeoNames cities
    kabul = {e.geonameid: e for e, _ in g.lookup("Kabul")}
    assert kabul[1138958].feature == "city" and kabul[1138958].capital
    assert kabul[1138957].feature == "admin1"
    assert any(e.feature == "admin2" for e, _ in g.lookup("Laurel County"))
    assert g.country("AF").geonameid == 1149361
    assert g.by_geonameid(1138958).name == "Kabul"
    assert len(g) > 250_000


def test_load_cost_in_a_fresh_process():
    code = (
        "import json, time\n"
        "from newsevents.knowledge import gazetteer\n"
        "import numpy\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
        "gazetteer.ensure_index()\n"
        "before = rss()\n"
        "t = time.perf_counter(); g = gazetteer.Gazetteer(); g.lookup('Kabul')\n"
        "secs = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': secs, 'mb': rss() - before}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    cost = json.loads(out.stdout.strip().splitlines()[-1])
    assert 5 < cost["mb"] < 200, cost  # measured about 30 MB
    assert cost["seconds"] < 1.0, cost  # measured about 0.15 s
