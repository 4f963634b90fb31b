"""Issue 17.11: GDELT geo columns carry FIPS 10-4 country codes, and ADM1 as GDELT writes it
(FIPS country + admin1 code) where the place is a GeoNames city."""
from __future__ import annotations

from dataclasses import replace

from orbit.export.gdelt import COLUMNS, gdelt_row
from orbit.model import Place


def test_action_geo_uses_fips_country_and_adm1_codes(code):
    (event, *_) = [e for e in code("Germany condemned Turkey on Monday.") if e.asserted]
    col = {name: i for i, name in enumerate(COLUMNS)}
    berlin = Place(text="Berlin", span=(0, 6), name="Berlin", country="DEU", lat=52.52, lon=13.41, geonameid=2950159,
                   admin1="Berlin", kind="city")
    row = gdelt_row(replace(event, place=berlin), 1)
    assert row[col["ActionGeo_CountryCode"]] == "GM"  # ISO would be DE
    assert row[col["ActionGeo_ADM1Code"]] == "GM16"  # GeoNames' admin1 code of Berlin
    london = replace(berlin, name="London", country="GBR", geonameid=2643743, admin1="England")
    row = gdelt_row(replace(event, place=london), 1)
    assert row[col["ActionGeo_CountryCode"]] == "UK" and row[col["ActionGeo_ADM1Code"]] == "UKENG"
    # a country place has no ADM1
    row = gdelt_row(replace(event, place=replace(berlin, kind="country", geonameid=2921044)), 1)
    assert row[col["ActionGeo_CountryCode"]] == "GM" and row[col["ActionGeo_ADM1Code"]] == ""
