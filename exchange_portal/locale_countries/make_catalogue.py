"""Writes ``id/LC_MESSAGES/django.po``: the Indonesian names of every country, which django-countries does
not ship (it has no Indonesian catalogue, so /id/ showed every country in English).

The names come from CLDR (the Unicode Common Locale Data Repository: the names Indonesian-language
software shows) through Babel, a tool needed only to run this script, not by the portal::

    pip install babel polib   # in a scratch environment
    python exchange_portal/locale_countries/make_catalogue.py
    .venv/bin/python manage.py compilemessages --ignore=.venv

The msgids are django-countries' English names (its official and common names), so that this catalogue,
listed in LOCALE_PATHS after the site's own, translates them wherever the package shows them; a name the
site's catalogue also translates (its COUNTRIES_OVERRIDE) is translated there.
"""

from pathlib import Path

import polib
from babel import Locale
from django_countries.base import CountriesBase
from django_countries.data import COUNTRIES

# Where CLDR's standard name is longer than the name people use (CLDR's own short forms).
SHORTER = {"HK": "Hong Kong", "MO": "Makau", "MM": "Myanmar", "PS": "Palestina"}


def main():
    territories = Locale("id").territories
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Project-Id-Version": "exchange-portal",
        "Language": "id",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    names = {}
    for code, name in [*COUNTRIES.items(), *CountriesBase.COMMON_NAMES.items()]:
        names.setdefault(str(name), SHORTER.get(code) or territories[code])
    for english, indonesian in sorted(names.items()):
        catalogue.append(polib.POEntry(msgid=english, msgstr=indonesian))
    path = Path(__file__).parent / "id" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    print(f"{len(names)} names written to {path}")


if __name__ == "__main__":
    import django
    from django.conf import settings

    settings.configure()
    django.setup()
    main()
