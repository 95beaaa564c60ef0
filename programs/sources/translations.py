"""The registry's own Korean and Traditional Chinese translations of its records.

These are translations made by the registry, not by the sources: the sources are English documents
(the 2005–2021 table and the pages in ``fixtures/sources/``), and what they say stays verbatim in
``source_title`` / ``source_text``; a page that shows one of these texts should say that the registry
translated it and keep the source's text visible.

Keys are stable: the source table's rows by row number (``source_locator`` "row N"), everything else
by slug. Each language is keyed as modeltranslation names its fields (``ko``, ``zh_hant``), so an entry
maps onto ``title_ko`` / ``title_zh_hant`` and so on. The ``"en"`` of a program title is the English it
translates; ``tests/programs/test_translations_data.py`` checks it against the fixture so that a changed
title shows up as a translation to review.

Chinese follows Taiwan usage (課程, 研習, 公務人員, 智慧城市, 氣候變遷, 線上, 姊妹市, full-width
brackets); the terms follow ``exchange_portal/locale/GLOSSARY.md``.

The names of cities, themes, institutes and networks are also given in the five UI languages added by
issue 14 (``NAME_LANGUAGES``: Spanish, French, Russian, Arabic, Indonesian), so that those pages show
them and a search in those languages finds the programs they name (``q=El Cairo``, ``q=Транспорт``).
Indonesian is keyed ``ind``, as modeltranslation names its fields (``name_ind``: ``name_id`` would read
as a foreign key's column). Names follow the glossary's section for each language; where it has none,
the established name in that language (GeoNames alternate names, that language's Wikipedia), acronyms
in Latin letters. Titles and descriptions in those five languages are not written yet.
"""

from __future__ import annotations

import re

LANGUAGES = ("ko", "zh_hant")
# The other UI languages, for record names only (see the module's docstring).
NAME_LANGUAGES = ("es", "fr", "ru", "ar", "ind")
ALL_LANGUAGES = LANGUAGES + NAME_LANGUAGES

TABLE_DOCUMENT = "seoul-policy-training-2005-2021.txt"

PROGRAM_TITLES = {
    # The source table's rows, by row number (source_locator "row N").
    1: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    2: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    3: {
        "en": "KOICA Commissioned (Local Finance & Administration for Iraqi Civil Servants)",
        "ko": "KOICA 위탁 연수(이라크 공무원 지방재정·행정)",
        "zh_hant": "KOICA 委託研習（伊拉克公務人員地方財政與行政）",
    },
    4: {
        "en": "KOICA Commissioned (Tax Policy for Uzbek Civil Servants)",
        "ko": "KOICA 위탁 연수(우즈베키스탄 공무원 조세정책)",
        "zh_hant": "KOICA 委託研習（烏茲別克公務人員租稅政策）",
    },
    5: {
        "en": "Transportation Policy for Egyptian Civil Servants",
        "ko": "이집트 공무원 교통정책 연수",
        "zh_hant": "埃及公務人員交通政策研習",
    },
    6: {"en": "e-Government in Sister Cities", "ko": "자매도시 전자정부 연수", "zh_hant": "姊妹市電子化政府研習"},
    7: {
        "en": "KOICA Commissioned (Industrial Development for Colombian Civil Servants)",
        "ko": "KOICA 위탁 연수(콜롬비아 공무원 산업개발)",
        "zh_hant": "KOICA 委託研習（哥倫比亞公務人員產業發展）",
    },
    8: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    9: {"en": "CITYNET Member City Training", "ko": "CITYNET 회원도시 연수", "zh_hant": "CITYNET 會員城市研習"},
    10: {
        "en": "World Bank Commissioned (Transportation Policy for Bangladeshi Civil Servants)",
        "ko": "세계은행 위탁 연수(방글라데시 공무원 교통정책)",
        "zh_hant": "世界銀行委託研習（孟加拉公務人員交通政策）",
    },
    11: {
        "en": "First Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제1기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第一屆開發中國家公務人員碩士學位課程",
    },
    12: {
        "en": "KOICA Commissioned (e-Government for Guatemalan Civil Servants)",
        "ko": "KOICA 위탁 연수(과테말라 공무원 전자정부)",
        "zh_hant": "KOICA 委託研習（瓜地馬拉公務人員電子化政府）",
    },
    13: {
        "en": "Youth Culture for Bangkok Civil Servants",
        "ko": "방콕 공무원 청소년문화 연수",
        "zh_hant": "曼谷公務人員青少年文化研習",
    },
    14: {
        "en": "e-Government for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 전자정부 연수",
        "zh_hant": "姊妹市公務人員電子化政府研習",
    },
    15: {
        "en": "e-Government for Metropolis Civil Servants",
        "ko": "메트로폴리스 회원도시 공무원 전자정부 연수",
        "zh_hant": "世界大都市協會會員城市公務人員電子化政府研習",
    },
    16: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    17: {
        "en": "Urban Environment for Metropolis Civil Servants",
        "ko": "메트로폴리스 회원도시 공무원 도시환경 연수",
        "zh_hant": "世界大都市協會會員城市公務人員都市環境研習",
    },
    18: {
        "en": "Urban Transportation for Metropolis Civil Servants",
        "ko": "메트로폴리스 회원도시 공무원 도시교통 연수",
        "zh_hant": "世界大都市協會會員城市公務人員都市交通研習",
    },
    19: {
        "en": "Urban Environment for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 도시환경 연수",
        "zh_hant": "姊妹市公務人員都市環境研習",
    },
    20: {
        "en": "KOICA Commissioned (e-Government in Indonesia)",
        "ko": "KOICA 위탁 연수(인도네시아 전자정부)",
        "zh_hant": "KOICA 委託研習（印尼電子化政府）",
    },
    21: {
        "en": "Second Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제2기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第二屆開發中國家公務人員碩士學位課程",
    },
    22: {
        "en": "KOICA Commissioned (e-Government in Guatemala)",
        "ko": "KOICA 위탁 연수(과테말라 전자정부)",
        "zh_hant": "KOICA 委託研習（瓜地馬拉電子化政府）",
    },
    23: {
        "en": "KOICA Commissioned (Urban Administrative Development in Ukraine)",
        "ko": "KOICA 위탁 연수(우크라이나 도시행정 발전)",
        "zh_hant": "KOICA 委託研習（烏克蘭都市行政發展）",
    },
    24: {
        "en": "Urban Transportation Policy for Beijing Civil Servants",
        "ko": "베이징 공무원 도시교통정책 연수",
        "zh_hant": "北京公務人員都市交通政策研習",
    },
    25: {
        "en": "e-Government Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 전자정부 연수",
        "zh_hant": "姊妹市公務人員電子化政府研習",
    },
    26: {
        "en": "Urban Environment Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 도시환경정책 연수",
        "zh_hant": "姊妹市公務人員都市環境政策研習",
    },
    27: {
        "en": "Urban Transportation Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 도시교통정책 연수",
        "zh_hant": "姊妹市公務人員都市交通政策研習",
    },
    28: {
        "en": "Cultural Policy Training for Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 문화정책 연수",
        "zh_hant": "世界大都市協會會員城市文化政策研習",
    },
    29: {
        "en": "Seoul City Policy Training for Amsterdam Civil Servants",
        "ko": "암스테르담 공무원 서울시 정책 연수",
        "zh_hant": "阿姆斯特丹公務人員首爾市政策研習",
    },
    30: {
        "en": "Transportation Policy for CITYNET Member Cities",
        "ko": "CITYNET 회원도시 교통정책 연수",
        "zh_hant": "CITYNET 會員城市交通政策研習",
    },
    31: {
        "en": "Transportation Policy for Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 교통정책 연수",
        "zh_hant": "世界大都市協會會員城市交通政策研習",
    },
    32: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    33: {
        "en": "Urban Design Policy Training for Bangkok Civil Servants",
        "ko": "방콕 공무원 도시설계정책 연수",
        "zh_hant": "曼谷公務人員都市設計政策研習",
    },
    34: {
        "en": "Climate Change for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 기후변화 연수",
        "zh_hant": "世界大都市協會會員城市公務人員氣候變遷研習",
    },
    35: {
        "en": "Third Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제3기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第三屆開發中國家公務人員碩士學位課程",
    },
    36: {
        "en": "Housing Policy Training for Vietnamese Civil Servants",
        "ko": "베트남 공무원 주택정책 연수",
        "zh_hant": "越南公務人員住宅政策研習",
    },
    37: {
        "en": "Urban Transportation Policy Training for Sister Cities",
        "ko": "자매도시 도시교통정책 연수",
        "zh_hant": "姊妹市都市交通政策研習",
    },
    38: {
        "en": "Empowerment of Women Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 여성 역량강화 정책 연수",
        "zh_hant": "姊妹市公務人員婦女培力政策研習",
    },
    39: {
        "en": "KOICA Commissioned (Balanced Development in the Ukrainian Capital Area)",
        "ko": "KOICA 위탁 연수(우크라이나 수도권 균형발전)",
        "zh_hant": "KOICA 委託研習（烏克蘭首都圈均衡發展）",
    },
    40: {"en": "Mongolian e-Government Training", "ko": "몽골 전자정부 연수", "zh_hant": "蒙古電子化政府研習"},
    41: {
        "en": "IUTC Commissioned (Strategy Development for Sustainable Cities)",
        "ko": "IUTC 위탁 연수(지속가능한 도시 전략 수립)",
        "zh_hant": "IUTC 委託研習（永續城市策略規劃）",
    },
    42: {
        "en": "IUTC Commissioned (Waste Management Policy)",
        "ko": "IUTC 위탁 연수(폐기물 관리 정책)",
        "zh_hant": "IUTC 委託研習（廢棄物管理政策）",
    },
    43: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    44: {
        "en": "Empowerment of Women Policy Training for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 여성 역량강화 정책 연수",
        "zh_hant": "世界大都市協會會員城市公務人員婦女培力政策研習",
    },
    45: {
        "en": "Cultural Policies for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 문화정책 연수",
        "zh_hant": "世界大都市協會會員城市公務人員文化政策研習",
    },
    46: {
        "en": "Climate Change Training for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 기후변화 연수",
        "zh_hant": "世界大都市協會會員城市公務人員氣候變遷研習",
    },
    47: {
        "en": "Training for Civil Servants in Chinese Cities",
        "ko": "중국 도시 공무원 연수",
        "zh_hant": "中國城市公務人員研習",
    },
    48: {"en": "WeGO e-Government", "ko": "WeGO 전자정부 연수", "zh_hant": "WeGO 電子化政府研習"},
    49: {
        "en": "KOICA Commissioned (Administrative Reform & Enhanced Government Efficiency in Ukraine)",
        "ko": "KOICA 위탁 연수(우크라이나 행정개혁 및 정부 효율성 제고)",
        "zh_hant": "KOICA 委託研習（烏克蘭行政革新與提升政府效能）",
    },
    50: {
        "en": "Customized Cultural Marketing Training for Civil Servants in Chengdu",
        "ko": "청두 공무원 맞춤형 문화마케팅 연수",
        "zh_hant": "成都公務人員客製化文化行銷研習",
    },
    51: {
        "en": "Fourth Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제4기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第四屆開發中國家公務人員碩士學位課程",
    },
    52: {
        "en": "Urban Transportation Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 도시교통정책 연수",
        "zh_hant": "姊妹市公務人員都市交通政策研習",
    },
    53: {
        "en": "Urban Safety Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 도시안전정책 연수",
        "zh_hant": "姊妹市公務人員都市安全政策研習",
    },
    54: {
        "en": "Cultural Policy Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 문화정책 연수",
        "zh_hant": "姊妹市公務人員文化政策研習",
    },
    55: {
        "en": "Cultural Marketing Training for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 문화마케팅 연수",
        "zh_hant": "世界大都市協會會員城市公務人員文化行銷研習",
    },
    56: {
        "en": "Climate Change Training for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 기후변화 연수",
        "zh_hant": "世界大都市協會會員城市公務人員氣候變遷研習",
    },
    57: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    58: {
        "en": "Welfare Policy Training for Civil Servants in Metropolis Members",
        "ko": "메트로폴리스 회원도시 공무원 복지정책 연수",
        "zh_hant": "世界大都市協會會員城市公務人員社會福利政策研習",
    },
    59: {
        "en": "Welfare Graduate Program, University of Minnesota",
        "ko": "미네소타대학교 사회복지 대학원 과정",
        "zh_hant": "明尼蘇達大學社會福利研究所課程",
    },
    60: {
        "en": "First e-Government Training for WeGO Member Cities",
        "ko": "제1차 WeGO 회원도시 전자정부 연수",
        "zh_hant": "第一梯次 WeGO 會員城市電子化政府研習",
    },
    61: {
        "en": "Second e-Government Training for WeGO Member Cities",
        "ko": "제2차 WeGO 회원도시 전자정부 연수",
        "zh_hant": "第二梯次 WeGO 會員城市電子化政府研習",
    },
    62: {
        "en": "IUTC Commissioned (Urban Energy)",
        "ko": "IUTC 위탁 연수(도시에너지)",
        "zh_hant": "IUTC 委託研習（都市能源）",
    },
    63: {
        "en": "IUTC Commissioned (Waste Management)",
        "ko": "IUTC 위탁 연수(폐기물 관리)",
        "zh_hant": "IUTC 委託研習（廢棄物管理）",
    },
    64: {
        "en": "KOICA Commissioned (e-Government in Ukraine)",
        "ko": "KOICA 위탁 연수(우크라이나 전자정부)",
        "zh_hant": "KOICA 委託研習（烏克蘭電子化政府）",
    },
    65: {
        "en": "Training for Civil Servants in Chinese Cities",
        "ko": "중국 도시 공무원 연수",
        "zh_hant": "中國城市公務人員研習",
    },
    66: {
        "en": "IUTC Commissioned (Urban Planning)",
        "ko": "IUTC 위탁 연수(도시계획)",
        "zh_hant": "IUTC 委託研習（都市計畫）",
    },
    67: {
        "en": "Fifth Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제5기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第五屆開發中國家公務人員碩士學位課程",
    },
    68: {
        "en": "Customized Training Program for Mongolia",
        "ko": "몽골 맞춤형 연수 프로그램",
        "zh_hant": "蒙古客製化研習課程",
    },
    69: {
        "en": "First Game Culture & Industry Training for Civil Servants in Chengdu",
        "ko": "제1차 청두 공무원 게임 문화·산업 연수",
        "zh_hant": "第一梯次成都公務人員遊戲文化與產業研習",
    },
    70: {
        "en": "Second Game Culture & Industry Training for Civil Servants in Chengdu",
        "ko": "제2차 청두 공무원 게임 문화·산업 연수",
        "zh_hant": "第二梯次成都公務人員遊戲文化與產業研習",
    },
    71: {
        "en": "Transportation Policy for Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 교통정책 연수",
        "zh_hant": "世界大都市協會會員城市交通政策研習",
    },
    72: {
        "en": "Sharing Seoul's Policy Experience with Civil Servants in Strategic Cities in Asia",
        "ko": "아시아 전략도시 공무원과 서울 정책경험 공유",
        "zh_hant": "與亞洲策略城市公務人員分享首爾政策經驗",
    },
    73: {
        "en": "Training for Civil Servants in Sister Cities",
        "ko": "자매도시 공무원 연수",
        "zh_hant": "姊妹市公務人員研習",
    },
    74: {
        "en": "Urban Transportation Policy Training for Civil Servants in Foreign Cities",
        "ko": "해외도시 공무원 도시교통정책 연수",
        "zh_hant": "外國城市公務人員都市交通政策研習",
    },
    75: {
        "en": "Environmental Policy for Sister Cities",
        "ko": "자매도시 환경정책 연수",
        "zh_hant": "姊妹市環境政策研習",
    },
    76: {
        "en": "e-Government for Civil Servants in WeGO Member Cities",
        "ko": "WeGO 회원도시 공무원 전자정부 연수",
        "zh_hant": "WeGO 會員城市公務人員電子化政府研習",
    },
    77: {
        "en": "Climate Change Program for Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 기후변화 프로그램",
        "zh_hant": "世界大都市協會會員城市氣候變遷課程",
    },
    78: {
        "en": "Urban Management for Civil Servants in Chinese Cities",
        "ko": "중국 도시 공무원 도시관리 연수",
        "zh_hant": "中國城市公務人員都市管理研習",
    },
    79: {
        "en": "KOICA e-Government Program for Bolivian Civil Servants",
        "ko": "KOICA 볼리비아 공무원 전자정부 프로그램",
        "zh_hant": "KOICA 玻利維亞公務人員電子化政府課程",
    },
    80: {
        "en": "Training for Civil Servants in Asia (Requested by Gangwon IUTC)",
        "ko": "아시아 공무원 연수(강원 IUTC 요청)",
        "zh_hant": "亞洲公務人員研習（應江原道 IUTC 之請）",
    },
    81: {
        "en": "Urban Management Training for Civil Servants in Metropolis Member Cities",
        "ko": "메트로폴리스 회원도시 공무원 도시관리 연수",
        "zh_hant": "世界大都市協會會員城市公務人員都市管理研習",
    },
    82: {
        "en": "Sixth Master's Degree Course for Civil Servants from Developing Countries",
        "ko": "제6기 개발도상국 공무원 석사학위과정",
        "zh_hant": "第六屆開發中國家公務人員碩士學位課程",
    },
    83: {"en": "WeGO e-Government Training", "ko": "WeGO 전자정부 연수", "zh_hant": "WeGO 電子化政府研習"},
    84: {"en": "Transportation Policy Training", "ko": "교통정책 연수", "zh_hant": "交通政策研習"},
    85: {"en": "Waterworks Policy Training", "ko": "상수도정책 연수", "zh_hant": "自來水政策研習"},
    86: {"en": "e-Government Training", "ko": "전자정부 연수", "zh_hant": "電子化政府研習"},
    87: {
        "en": "Singapore CLC Urban Management Training",
        "ko": "싱가포르 CLC 도시관리 연수",
        "zh_hant": "新加坡 CLC 都市管理研習",
    },
    88: {"en": "Urban Management Training", "ko": "도시관리 연수", "zh_hant": "都市管理研習"},
    89: {
        "en": "Urban Management Training (Requested by Makati)",
        "ko": "도시관리 연수(마카티 요청)",
        "zh_hant": "都市管理研習（應馬卡蒂市之請）",
    },
    90: {
        "en": "KOICA e-Government Training for Bolivian Civil Servants",
        "ko": "KOICA 볼리비아 공무원 전자정부 연수",
        "zh_hant": "KOICA 玻利維亞公務人員電子化政府研習",
    },
    91: {"en": "Climate Change Training", "ko": "기후변화 연수", "zh_hant": "氣候變遷研習"},
    92: {
        "en": "Singapore CLC Urban Planning",
        "ko": "싱가포르 CLC 도시계획 연수",
        "zh_hant": "新加坡 CLC 都市計畫研習",
    },
    93: {"en": "Climate Change Policy", "ko": "기후변화정책", "zh_hant": "氣候變遷政策"},
    94: {"en": "e-Government Policy", "ko": "전자정부정책", "zh_hant": "電子化政府政策"},
    95: {"en": "Urban Transportation Policy", "ko": "도시교통정책", "zh_hant": "都市交通政策"},
    96: {"en": "Waterworks Policy", "ko": "상수도정책", "zh_hant": "自來水政策"},
    97: {
        "en": "e-Government for Civil Servants in WeGO Member Cities",
        "ko": "WeGO 회원도시 공무원 전자정부 연수",
        "zh_hant": "WeGO 會員城市公務人員電子化政府研習",
    },
    98: {
        "en": "Urban Transportation for Indonesian Civil Servants",
        "ko": "인도네시아 공무원 도시교통 연수",
        "zh_hant": "印尼公務人員都市交通研習",
    },
    99: {
        "en": "Urban Policy for Civil Servants in CITYNET Member Cities",
        "ko": "CITYNET 회원도시 공무원 도시정책 연수",
        "zh_hant": "CITYNET 會員城市公務人員都市政策研習",
    },
    100: {
        "en": "Urban Transportation for Civil Servants in Chinese Cities",
        "ko": "중국 도시 공무원 도시교통 연수",
        "zh_hant": "中國城市公務人員都市交通研習",
    },
    101: {
        "en": "KOICA Commissioned (e-Government for Bolivian Civil Servants)",
        "ko": "KOICA 위탁 연수(볼리비아 공무원 전자정부)",
        "zh_hant": "KOICA 委託研習（玻利維亞公務人員電子化政府）",
    },
    102: {
        "en": "Urban Policy (Participating Students)",
        "ko": "도시정책(참여 학생)",
        "zh_hant": "都市政策（參與學生）",
    },
    103: {
        "en": "Training on Bus Rapid Transit (BRT) Planning and Operations",
        "ko": "간선급행버스체계(BRT) 계획 및 운영 연수",
        "zh_hant": "公車捷運系統（BRT）規劃與營運研習",
    },
    104: {
        "en": "Transportation Policy Training Program",
        "ko": "교통정책 연수 프로그램",
        "zh_hant": "交通政策研習課程",
    },
    105: {
        "en": "Transportation Strategy Workshop for Asian Cities",
        "ko": "아시아 도시 교통전략 워크숍",
        "zh_hant": "亞洲城市交通策略工作坊",
    },
    106: {
        "en": "Climate Change Policy Training Program",
        "ko": "기후변화정책 연수 프로그램",
        "zh_hant": "氣候變遷政策研習課程",
    },
    107: {
        "en": "WeGO e-Government Training Program",
        "ko": "WeGO 전자정부 연수 프로그램",
        "zh_hant": "WeGO 電子化政府研習課程",
    },
    108: {
        "en": "Urban Management Policy Training Program",
        "ko": "도시관리정책 연수 프로그램",
        "zh_hant": "都市管理政策研習課程",
    },
    109: {
        "en": "Cultural Tourism Policy Training Program",
        "ko": "문화관광정책 연수 프로그램",
        "zh_hant": "文化觀光政策研習課程",
    },
    110: {
        "en": "e-Government Policy Training Program",
        "ko": "전자정부정책 연수 프로그램",
        "zh_hant": "電子化政府政策研習課程",
    },
    111: {
        "en": "Urban Management Policy Training Program",
        "ko": "도시관리정책 연수 프로그램",
        "zh_hant": "都市管理政策研習課程",
    },
    112: {
        "en": "Policy Training Program for Singapore's Center for Liveable Cities",
        "ko": "싱가포르 살기좋은도시센터(CLC) 정책 연수 프로그램",
        "zh_hant": "新加坡宜居城市中心（CLC）政策研習課程",
    },
    113: {
        "en": "Sustainable Mobility Workshop with UCLG-ASPAC",
        "ko": "UCLG-ASPAC과 함께하는 지속가능한 교통 워크숍",
        "zh_hant": "與 UCLG-ASPAC 合辦之永續運輸工作坊",
    },
    114: {
        "en": "Sustainable Mobility Workshop for Foreign City Officials",
        "ko": "해외도시 공무원 지속가능한 교통 워크숍",
        "zh_hant": "外國城市公務人員永續運輸工作坊",
    },
    115: {
        "en": "Water Management Training Program for Foreign City Officials",
        "ko": "해외도시 공무원 물관리 연수 프로그램",
        "zh_hant": "外國城市公務人員水資源管理研習課程",
    },
    116: {"en": "Local Workshop", "ko": "지역 워크숍", "zh_hant": "地方工作坊"},
    117: {
        "en": "WeGO Member Cities e-Government Training Program",
        "ko": "WeGO 회원도시 전자정부 연수 프로그램",
        "zh_hant": "WeGO 會員城市電子化政府研習課程",
    },
    118: {
        "en": "Singapore CLC Urban Planning Training Program",
        "ko": "싱가포르 CLC 도시계획 연수 프로그램",
        "zh_hant": "新加坡 CLC 都市計畫研習課程",
    },
    119: {
        "en": "CITYNET Member Cities Transportation Policy Training Program",
        "ko": "CITYNET 회원도시 교통정책 연수 프로그램",
        "zh_hant": "CITYNET 會員城市交通政策研習課程",
    },
    120: {
        "en": "ICLEI Member Cities Climate Change Training Program",
        "ko": "ICLEI 회원도시 기후변화 연수 프로그램",
        "zh_hant": "ICLEI 會員城市氣候變遷研習課程",
    },
    121: {
        "en": "Smart Transportation System Training Program",
        "ko": "스마트 교통체계 연수 프로그램",
        "zh_hant": "智慧交通系統研習課程",
    },
    122: {
        "en": "Urban Design and Development Training Program",
        "ko": "도시설계·개발 연수 프로그램",
        "zh_hant": "都市設計與發展研習課程",
    },
    123: {"en": "Urban Management Training Program", "ko": "도시관리 연수 프로그램", "zh_hant": "都市管理研習課程"},
    124: {
        "en": "Mongolia ITS Training Program",
        "ko": "몽골 지능형교통체계(ITS) 연수 프로그램",
        "zh_hant": "蒙古智慧運輸系統（ITS）研習課程",
    },
    125: {
        "en": "Chinese Cities e-Government Training Program",
        "ko": "중국 도시 전자정부 연수 프로그램",
        "zh_hant": "中國城市電子化政府研習課程",
    },
    126: {"en": "Urban Management Training Program", "ko": "도시관리 연수 프로그램", "zh_hant": "都市管理研習課程"},
    127: {"en": "Water Management Training Program", "ko": "물관리 연수 프로그램", "zh_hant": "水資源管理研習課程"},
    128: {
        "en": "International Cooperation Training Program",
        "ko": "국제협력 연수 프로그램",
        "zh_hant": "國際合作研習課程",
    },
    129: {
        "en": "e-Government – Local Taxes Training Program",
        "ko": "전자정부·지방세 연수 프로그램",
        "zh_hant": "電子化政府與地方稅研習課程",
    },
    130: {"en": "Urban Railroad Training Program", "ko": "도시철도 연수 프로그램", "zh_hant": "都市軌道運輸研習課程"},
    131: {"en": "Smart City Training Program", "ko": "스마트시티 연수 프로그램", "zh_hant": "智慧城市研習課程"},
    132: {
        "en": "Tashkent Water Management Training Program",
        "ko": "타슈켄트 물관리 연수 프로그램",
        "zh_hant": "塔什干水資源管理研習課程",
    },
    133: {
        "en": "WeGO Member Cities Smart City Training Program",
        "ko": "WeGO 회원도시 스마트시티 연수 프로그램",
        "zh_hant": "WeGO 會員城市智慧城市研習課程",
    },
    134: {"en": "Urban Transportation Training Program", "ko": "도시교통 연수 프로그램", "zh_hant": "都市交通研習課程"},
    135: {
        "en": "Jakarta Transportation Training Program",
        "ko": "자카르타 교통 연수 프로그램",
        "zh_hant": "雅加達交通研習課程",
    },
    136: {"en": "Urban Management Training Program", "ko": "도시관리 연수 프로그램", "zh_hant": "都市管理研習課程"},
    137: {
        "en": "Kyiv City Smart City Training Program",
        "ko": "키이우시 스마트시티 연수 프로그램",
        "zh_hant": "基輔市智慧城市研習課程",
    },
    138: {"en": "Water Management Training Program", "ko": "물관리 연수 프로그램", "zh_hant": "水資源管理研習課程"},
    139: {
        "en": "CITYNET Member Cities Transportation Policy Training Program",
        "ko": "CITYNET 회원도시 교통정책 연수 프로그램",
        "zh_hant": "CITYNET 會員城市交通政策研習課程",
    },
    140: {
        "en": "Bandung City Governance Training Program",
        "ko": "반둥시 거버넌스 연수 프로그램",
        "zh_hant": "萬隆市治理研習課程",
    },
    141: {
        "en": "Singapore CLC Urban Planning Training Program",
        "ko": "싱가포르 CLC 도시계획 연수 프로그램",
        "zh_hant": "新加坡 CLC 都市計畫研習課程",
    },
    142: {
        "en": "Chinese Cities e-Government Training Program",
        "ko": "중국 도시 전자정부 연수 프로그램",
        "zh_hant": "中國城市電子化政府研習課程",
    },
    143: {
        "en": "ICLEI Member Cities Climate Change Training Program",
        "ko": "ICLEI 회원도시 기후변화 연수 프로그램",
        "zh_hant": "ICLEI 會員城市氣候變遷研習課程",
    },
    144: {"en": "Governance Training Program", "ko": "거버넌스 연수 프로그램", "zh_hant": "治理研習課程"},
    145: {
        "en": "e-Government – Local Taxes Training Program",
        "ko": "전자정부·지방세 연수 프로그램",
        "zh_hant": "電子化政府與地方稅研習課程",
    },
    146: {
        "en": "India Delhi Waste Management & Environmental Policy Training Program",
        "ko": "인도 델리 폐기물 관리·환경정책 연수 프로그램",
        "zh_hant": "印度德里廢棄物管理與環境政策研習課程",
    },
    147: {
        "en": "WeGO Member Cities Smart City Training Program",
        "ko": "WeGO 회원도시 스마트시티 연수 프로그램",
        "zh_hant": "WeGO 會員城市智慧城市研習課程",
    },
    148: {
        "en": "CITYNET Member Cities Transportation & BRT Training Program",
        "ko": "CITYNET 회원도시 교통·간선급행버스체계(BRT) 연수 프로그램",
        "zh_hant": "CITYNET 會員城市交通與公車捷運系統（BRT）研習課程",
    },
    149: {
        "en": "St. Petersburg Urban Management Policy Training Program",
        "ko": "상트페테르부르크 도시관리정책 연수 프로그램",
        "zh_hant": "聖彼得堡都市管理政策研習課程",
    },
    150: {
        "en": "Buenos Aires e-Government Training Program",
        "ko": "부에노스아이레스 전자정부 연수 프로그램",
        "zh_hant": "布宜諾斯艾利斯電子化政府研習課程",
    },
    151: {
        "en": "China Cities Climate Change Training Program",
        "ko": "중국 도시 기후변화 연수 프로그램",
        "zh_hant": "中國城市氣候變遷研習課程",
    },
    152: {
        "en": "Iran Mashhad Smart City Training Program",
        "ko": "이란 마슈하드 스마트시티 연수 프로그램",
        "zh_hant": "伊朗馬什哈德智慧城市研習課程",
    },
    153: {"en": "Water Management Training Program", "ko": "물관리 연수 프로그램", "zh_hant": "水資源管理研習課程"},
    154: {
        "en": "Chinese Cities Culture Tourism Training Program",
        "ko": "중국 도시 문화관광 연수 프로그램",
        "zh_hant": "中國城市文化觀光研習課程",
    },
    155: {
        "en": "Singapore CLC Urban Planning Training Program",
        "ko": "싱가포르 CLC 도시계획 연수 프로그램",
        "zh_hant": "新加坡 CLC 都市計畫研習課程",
    },
    156: {
        "en": "CITYNET Member Cities Smart City Training Program",
        "ko": "CITYNET 회원도시 스마트시티 연수 프로그램",
        "zh_hant": "CITYNET 會員城市智慧城市研習課程",
    },
    157: {
        "en": "ICLEI Member Cities Climate Change Training Program",
        "ko": "ICLEI 회원도시 기후변화 연수 프로그램",
        "zh_hant": "ICLEI 會員城市氣候變遷研習課程",
    },
    158: {"en": "Urban Management Training Program", "ko": "도시관리 연수 프로그램", "zh_hant": "都市管理研習課程"},
    159: {"en": "Smart City Training Program", "ko": "스마트시티 연수 프로그램", "zh_hant": "智慧城市研習課程"},
    160: {
        "en": "GSEF Member Cities Social Economy Training Program",
        "ko": "GSEF 회원도시 사회적경제 연수 프로그램",
        "zh_hant": "GSEF 會員城市社會經濟研習課程",
    },
    161: {
        "en": "Transportation Policy Training Program",
        "ko": "교통정책 연수 프로그램",
        "zh_hant": "交通政策研習課程",
    },
    162: {"en": "Governance Training Program", "ko": "거버넌스 연수 프로그램", "zh_hant": "治理研習課程"},
    163: {
        "en": "Addis Ababa Transportation (ITS) Training Program",
        "ko": "아디스아바바 교통(ITS) 연수 프로그램",
        "zh_hant": "阿迪斯阿貝巴交通（ITS）研習課程",
    },
    164: {
        "en": "Bangkok City Human Resource Development (HRD) Training Program (Online)",
        "ko": "방콕시 인적자원개발(HRD) 연수 프로그램(온라인)",
        "zh_hant": "曼谷市人力資源發展（HRD）研習課程（線上）",
    },
    165: {
        "en": "Cairo Smart City Training Program (Online)",
        "ko": "카이로 스마트시티 연수 프로그램(온라인)",
        "zh_hant": "開羅智慧城市研習課程（線上）",
    },
    166: {
        "en": "Mexico City Smart City Training Program (Online)",
        "ko": "멕시코시티 스마트시티 연수 프로그램(온라인)",
        "zh_hant": "墨西哥城智慧城市研習課程（線上）",
    },
    167: {
        "en": "Bandung City Officials Smart City Training Program (Online)",
        "ko": "반둥시 공무원 스마트시티 연수 프로그램(온라인)",
        "zh_hant": "萬隆市公務人員智慧城市研習課程（線上）",
    },
    168: {
        "en": "ICLEI China Member City Officials Climate Change Training Program (Online)",
        "ko": "ICLEI 중국 회원도시 공무원 기후변화 연수 프로그램(온라인)",
        "zh_hant": "ICLEI 中國會員城市公務人員氣候變遷研習課程（線上）",
    },
    169: {
        "en": "Maputo City Officials Transportation Policy Training Program (Online)",
        "ko": "마푸투시 공무원 교통정책 연수 프로그램(온라인)",
        "zh_hant": "馬布多市公務人員交通政策研習課程（線上）",
    },
    170: {
        "en": "CITYNET Member City Officials Housing Policy Training Program (Online)",
        "ko": "CITYNET 회원도시 공무원 주택정책 연수 프로그램(온라인)",
        "zh_hant": "CITYNET 會員城市公務人員住宅政策研習課程（線上）",
    },
    171: {
        "en": "GSEF Member City Officials Social Economy Training Program (Online)",
        "ko": "GSEF 회원도시 공무원 사회적경제 연수 프로그램(온라인)",
        "zh_hant": "GSEF 會員城市公務人員社會經濟研習課程（線上）",
    },
    172: {
        "en": "Cairo Smart City Training Program (Online)",
        "ko": "카이로 스마트시티 연수 프로그램(온라인)",
        "zh_hant": "開羅智慧城市研習課程（線上）",
    },
    173: {
        "en": "UCLG-Metropolis Member Cities Urban Management Training Program (Online)",
        "ko": "UCLG·메트로폴리스 회원도시 도시관리 연수 프로그램(온라인)",
        "zh_hant": "UCLG 與世界大都市協會會員城市都市管理研習課程（線上）",
    },
    174: {
        "en": "WeGO Member Cities Smart City Training Program (Online)",
        "ko": "WeGO 회원도시 스마트시티 연수 프로그램(온라인)",
        "zh_hant": "WeGO 會員城市智慧城市研習課程（線上）",
    },
    175: {
        "en": "Mexico City Urban Safety Training Program (Online)",
        "ko": "멕시코시티 도시안전 연수 프로그램(온라인)",
        "zh_hant": "墨西哥城都市安全研習課程（線上）",
    },
    # The programs stated by the other documents (reference.DOCUMENT_PROGRAMS), by slug.
    "2016-e-government-training-for-local-officials-jeju": {
        "en": "E-Government and Smart City Training for Local Officials",
        "ko": "지방공무원 전자정부·스마트시티 연수",
        "zh_hant": "地方公務人員電子化政府與智慧城市研習",
    },
    "2017-taipei-civil-servants-exchange-training-in-gyeonggi": {
        "en": "Civil Servants Exchange Training: Taipei Officials in Gyeonggi",
        "ko": "공무원 교류연수: 타이베이시 공무원의 경기도 연수",
        "zh_hant": "公務人員交流研習：臺北市公務人員赴京畿道",
    },
    "2018-gyeonggi-civil-servants-exchange-training-in-taipei": {
        "en": "Civil Servants Exchange Training: Gyeonggi Officials in Taipei",
        "ko": "공무원 교류연수: 경기도 공무원의 타이베이시 연수",
        "zh_hant": "公務人員交流研習：京畿道公務人員赴臺北市",
    },
    "2011-city-administration-learning-sessions": {
        "en": "City Administration Learning Sessions for International Urban Civil Servants",
        "ko": "해외도시 공무원 초청 시정 연수",
        "zh_hant": "外國城市公務人員市政研習",
    },
    "2012-city-administration-learning-sessions": {
        "en": "City Administration Learning Sessions for International Urban Civil Servants",
        "ko": "해외도시 공무원 초청 시정 연수",
        "zh_hant": "外國城市公務人員市政研習",
    },
    "2020-taipei-municipal-symposium-public-centered-e-services": {
        "en": "Long-Term Management Shifts Municipal Symposium: Designing Public-Centered Municipal E-Services",
        "ko": "장기 관리 혁신 시정 심포지엄: 시민 중심의 시정 전자서비스 설계",
        "zh_hant": "長期管理轉型市政研討會：以民為本的市政電子化服務設計",
    },
}

# Program descriptions and headcount notes: only the programs stated by the other documents have them
# (by slug). "en" is the English translated, as for the titles. headcount_note is not a translated field
# yet (programs/translation.py); HEADCOUNT_NOTES is ready for when it is.
PROGRAM_DESCRIPTIONS = {
    "2016-e-government-training-for-local-officials-jeju": {
        "en": "Korea's Ministry of the Interior, with ADB and WeGO, invited local officials in charge of "
        "e-government from cities around the world to Jeju. It was the first time local officials were invited "
        "to Korea on this scale to learn about e-government. Topics: e-government and smart city policy, best "
        "practices, smart technology at the municipal level, infrastructure and cyber security. The source "
        "names ten of the 24 countries.",
        "ko": "대한민국 행정자치부가 ADB, WeGO와 함께 세계 여러 도시의 전자정부 담당 지방공무원을 제주로 "
        "초청했습니다. 지방공무원을 이런 규모로 한국에 초청해 전자정부를 배우게 한 것은 처음이었습니다. "
        "주제: 전자정부·스마트시티 정책, 우수 사례, 지방자치단체 차원의 스마트 기술, 인프라, 사이버 보안. "
        "출처는 24개국 가운데 10개국을 밝히고 있습니다.",
        "zh_hant": "韓國行政自治部與 ADB、WeGO 合作，邀請世界各城市負責電子化政府業務的地方公務人員前往濟州。"
        "這是韓國首次以此規模邀請地方公務人員來韓學習電子化政府。主題：電子化政府與智慧城市政策、最佳實務、"
        "市政層級的智慧科技、基礎建設與資訊安全。來源列出 24 國中的 10 國。",
    },
    "2017-taipei-civil-servants-exchange-training-in-gyeonggi": {
        "en": "The first exchange group under the Civil Servants Exchange and Training MOU: civil servants of the "
        "Taipei City Government observe Gyeonggi's municipal administration for two weeks at the Gyeonggi "
        "Provincial Human Resource Development Institute.",
        "ko": "공무원 교류·연수 양해각서(MOU)에 따른 첫 교류단: 타이베이시 공무원이 경기도인재개발원에서 2주간 "
        "경기도의 시정을 살펴봅니다.",
        "zh_hant": "依公務人員交流研習合作備忘錄（MOU）派出的第一批交流團：臺北市政府公務人員於京畿道人才開發院"
        "觀摩京畿道市政兩週。",
    },
    "2018-gyeonggi-civil-servants-exchange-training-in-taipei": {
        "en": "The second exchange under the MOU: Gyeonggi Province sends trainees to Taipei's Department of Civil "
        "Servant Development.",
        "ko": "양해각서(MOU)에 따른 두 번째 교류: 경기도가 타이베이시 공무원훈련처에 연수생을 보냅니다.",
        "zh_hant": "依備忘錄（MOU）進行的第二次交流：京畿道派遣學員赴臺北市政府公務人員訓練處。",
    },
    "2011-city-administration-learning-sessions": {
        "en": "Special training sessions for civil servants of Seoul's sister cities, held to promote exchange "
        "between cities and share Seoul's experience of city administration. Since the program began in 2001 it "
        "had offered 16 sessions to 179 civil servants from 48 cities, adding Chinese cities in 2008 and other "
        "Asian strategic cities in 2010.",
        "ko": "서울시 자매도시 공무원을 위한 특별 연수로, 도시 간 교류를 넓히고 서울의 시정 경험을 나누려고 "
        "열었습니다. 2001년 시작한 뒤로 48개 도시 공무원 179명에게 16차례 연수를 제공했으며, 2008년에는 중국 "
        "도시, 2010년에는 그 밖의 아시아 전략도시를 대상에 더했습니다.",
        "zh_hant": "為首爾姊妹市公務人員辦理的專題研習，旨在促進城市交流並分享首爾的市政經驗。自 2001 年開辦以來，"
        "已為 48 個城市的 179 名公務人員辦理 16 梯次研習，2008 年納入中國城市，2010 年再納入其他亞洲策略城市。",
    },
    "2012-city-administration-learning-sessions": {
        "en": "Three sessions planned for 2012: in May for eight Asian strategic cities (among them Singapore, New "
        "Delhi, Osaka, Istanbul and Hong Kong), in October for Seoul's sister cities, and in early November for "
        "strategic cities in China. Focus on tourism, public transport and the environment, with visits to "
        "resource recovery facilities, the Cheonggyecheon Museum, TOPIS and Namsan Hanok Village.",
        "ko": "2012년에 계획된 세 차례 연수: 5월에는 아시아 전략도시 8곳(싱가포르, 뉴델리, 오사카, 이스탄불, 홍콩 "
        "등), 10월에는 서울 자매도시, 11월 초에는 중국 전략도시가 대상입니다. 관광, 대중교통, 환경을 중심으로 "
        "자원회수시설, 청계천박물관, 서울교통정보센터(TOPIS), 남산골한옥마을을 방문합니다.",
        "zh_hant": "2012 年規劃的三梯次研習：5 月為亞洲 8 個策略城市（包括新加坡、新德里、大阪、伊斯坦堡與香港），"
        "10 月為首爾姊妹市，11 月初為中國策略城市。以觀光、大眾運輸與環境為重點，並參訪資源回收設施、清溪川博物館、"
        "首爾交通資訊中心（TOPIS）及南山谷韓屋村。",
    },
    "2020-taipei-municipal-symposium-public-centered-e-services": {
        "en": "A symposium of the Civil Service Training Office for Taipei's own managers, moderated by Associate "
        "Professor Nai-Yi Hsiao of National Chengchi University. A case film on Taipei's social housing "
        "management service cloud opened a discussion with companies, residents and system operators on "
        "designing e-services around their users.",
        "ko": "타이베이시 공무원훈련처가 시 관리자들을 대상으로 연 심포지엄으로, 국립정치대학교 샤오나이이(蕭乃沂) "
        "부교수가 사회를 맡았습니다. 타이베이시 사회주택 관리 서비스 클라우드를 다룬 사례 영상을 시작으로 기업, "
        "주민, 시스템 운영자와 함께 이용자 중심의 전자서비스 설계를 논의했습니다.",
        "zh_hant": "臺北市政府公務人員訓練處為本府管理人員舉辦的研討會，由國立政治大學公共行政學系蕭乃沂副教授主持。"
        "以臺北市社會住宅管理服務雲的個案影片開場，與業者、住戶及系統營運商討論以使用者為中心的電子化服務設計。",
    },
}

HEADCOUNT_NOTES = {
    "2016-e-government-training-for-local-officials-jeju": {
        "en": "Over 60 participants, including representatives of ADB, officials from 24 countries and "
        "e-government experts.",
        "ko": "ADB 관계자, 24개국 공무원, 전자정부 전문가를 포함해 60명 이상.",
        "zh_hant": "逾 60 名參加者，包括 ADB 代表、24 國公務人員及電子化政府專家。",
    },
    "2017-taipei-civil-servants-exchange-training-in-gyeonggi": {
        "en": "15 civil servants announced at the signing of the MOU.",
        "ko": "양해각서(MOU) 체결 때 공무원 15명으로 발표됨.",
        "zh_hant": "簽署備忘錄（MOU）時宣布派遣 15 名公務人員。",
    },
    "2018-gyeonggi-civil-servants-exchange-training-in-taipei": {
        "en": "Not stated.",
        "ko": "출처에 나오지 않음.",
        "zh_hant": "來源未載明。",
    },
    "2011-city-administration-learning-sessions": {
        "en": "34 civil servants from 26 cities (stated by the source); not counted in totals because the "
        "table's 2011 sister-city and Chinese-city rows may be the same sessions.",
        "ko": "26개 도시 공무원 34명(출처에 나옴). 표의 2011년 자매도시·중국 도시 연수 행과 같은 연수일 수 있어 "
        "합계에 넣지 않았습니다.",
        "zh_hant": "26 個城市的 34 名公務人員（來源所載）；因可能與表格中 2011 年姊妹市及中國城市研習為同一批研習，"
        "未計入總數。",
    },
    "2012-city-administration-learning-sessions": {
        "en": "57 civil servants from 50 cities planned; not counted in totals because the table's 2012 "
        "sister-city and Chinese-city rows may be the same sessions.",
        "ko": "50개 도시 공무원 57명 계획. 표의 2012년 자매도시·중국 도시 연수 행과 같은 연수일 수 있어 합계에 "
        "넣지 않았습니다.",
        "zh_hant": "規劃 50 個城市的 57 名公務人員；因可能與表格中 2012 年姊妹市及中國城市研習為同一批研習，"
        "未計入總數。",
    },
    "2020-taipei-municipal-symposium-public-centered-e-services": {
        "en": "Nearly 150 trainees from the department's supervisory and management classes.",
        "ko": "공무원훈련처 감독자·관리자 과정 연수생 150명 가까이.",
        "zh_hant": "公務人員訓練處主管及管理班次學員近 150 名。",
    },
}

# cities.Network, by slug: the full name (the short name, e.g. "WeGO", is not translated). Names that are
# themselves an acronym or a brand (CITYNET, Metropolis) stay as the network writes them.
NETWORK_NAMES = {
    "wego": {
        "ko": "세계스마트시티기구",
        "zh_hant": "世界智慧永續城市組織",
        "es": "Organización Mundial de Ciudades Inteligentes y Sostenibles",
        "fr": "Organisation mondiale des villes intelligentes et durables",
        "ru": "Всемирная организация умных и устойчивых городов",
        "ar": "المنظمة العالمية للمدن الذكية المستدامة",
        "ind": "Organisasi Kota Cerdas Berkelanjutan Dunia",
    },
    "citynet": {
        "ko": "아시아태평양 도시 간 협력기구",
        "zh_hant": "亞太城市網絡",
        "es": "CITYNET",
        "fr": "CITYNET",
        "ru": "CITYNET",
        "ar": "CITYNET",
        "ind": "CITYNET",
    },
    "metropolis": {
        "ko": "세계대도시협의회",
        "zh_hant": "世界大都市協會",
        "es": "Metropolis",
        "fr": "Metropolis",
        "ru": "Всемирная ассоциация крупных метрополий «Метрополис»",
        "ar": "الرابطة العالمية للمدن الكبرى",
        "ind": "Metropolis",
    },
    "uclg": {
        "ko": "세계지방정부연합",
        "zh_hant": "世界城市暨地方政府組織",
        "es": "Ciudades y Gobiernos Locales Unidos",
        "fr": "Cités et Gouvernements Locaux Unis",
        "ru": "Объединенные города и местные власти",
        "ar": "منظمة المدن المتحدة والحكومات المحلية",
        "ind": "Persatuan Kota dan Pemerintah Daerah Sedunia",
    },
    "uclg-aspac": {
        "ko": "세계지방정부연합 아시아태평양지부",
        "zh_hant": "世界城市暨地方政府組織亞太分會",
        "es": "CGLU Asia-Pacífico",
        "fr": "CGLU Asie-Pacifique",
        "ru": "UCLG — Азиатско-Тихоокеанское отделение",
        "ar": "فرع آسيا والمحيط الهادئ لمنظمة المدن المتحدة والحكومات المحلية",
        "ind": "UCLG Asia-Pasifik",
    },
    "iclei": {
        "ko": "이클레이 – 지속가능성을 위한 세계지방정부",
        "zh_hant": "地方政府永續發展理事會",
        "es": "ICLEI – Gobiernos Locales por la Sustentabilidad",
        "fr": "ICLEI – Gouvernements locaux pour le développement durable",
        "ru": "ICLEI – Местные органы власти за устойчивое развитие",
        "ar": "ICLEI – الحكومات المحلية من أجل الاستدامة",
        "ind": "ICLEI – Pemerintah Daerah untuk Keberlanjutan",
    },
    "gsef": {
        "ko": "국제사회적경제협의체",
        "zh_hant": "全球社會經濟論壇",
        "es": "Foro Global de Economía Social",
        "fr": "Forum mondial de l’économie sociale",
        "ru": "Глобальный форум социальной экономики",
        "ar": "المنتدى العالمي للاقتصاد الاجتماعي",
        "ind": "Forum Ekonomi Sosial Global",
    },
    "koica": {
        "ko": "한국국제협력단",
        "zh_hant": "韓國國際協力團",
        "es": "Agencia de Cooperación Internacional de Corea",
        "fr": "Agence coréenne de coopération internationale",
        "ru": "Корейское агентство международного сотрудничества",
        "ar": "الوكالة الكورية للتعاون الدولي",
        "ind": "Badan Kerja Sama Internasional Korea",
    },
    "world-bank": {
        "ko": "세계은행",
        "zh_hant": "世界銀行",
        "es": "Banco Mundial",
        "fr": "Banque mondiale",
        "ru": "Всемирный банк",
        "ar": "البنك الدولي",
        "ind": "Bank Dunia",
    },
    "adb": {
        "ko": "아시아개발은행",
        "zh_hant": "亞洲開發銀行",
        "es": "Banco Asiático de Desarrollo",
        "fr": "Banque asiatique de développement",
        "ru": "Азиатский банк развития",
        "ar": "بنك التنمية الآسيوي",
        "ind": "Bank Pembangunan Asia",
    },
    "iutc": {
        "ko": "국제도시훈련센터",
        "zh_hant": "國際都市訓練中心",
        "es": "Centro Internacional de Capacitación Urbana",
        "fr": "Centre international de formation urbaine",
        "ru": "Международный центр подготовки по вопросам городского развития",
        "ar": "المركز الدولي للتدريب الحضري",
        "ind": "Pusat Pelatihan Perkotaan Internasional",
    },
    "clc": {
        "ko": "싱가포르 살기좋은도시센터",
        "zh_hant": "新加坡宜居城市中心",
        "es": "Centro para Ciudades Habitables",
        "fr": "Centre pour des villes vivables",
        "ru": "Центр городов, комфортных для жизни",
        "ar": "مركز المدن الصالحة للعيش",
        "ind": "Pusat Kota Layak Huni",
    },
    "korea-ministry-of-the-interior": {
        "ko": "행정자치부(대한민국)",
        "zh_hant": "行政自治部（韓國）",
        "es": "Ministerio del Interior (República de Corea)",
        "fr": "Ministère de l’Intérieur (République de Corée)",
        "ru": "Министерство внутренних дел (Республика Корея)",
        "ar": "وزارة الداخلية (جمهورية كوريا)",
        "ind": "Kementerian Dalam Negeri (Republik Korea)",
    },
}

# cities.Network descriptions, for the networks that have one.
NETWORK_DESCRIPTIONS = {
    "wego": {
        "ko": "전자정부와 스마트시티를 위한 도시 협의체로, 세계도시전자정부협의체로 출범했습니다.",
        "zh_hant": "推動電子化政府與智慧城市的城市組織，前身為世界電子化政府城市組織。",
    },
    "citynet": {
        "ko": "아시아태평양 지역 지방정부와 도시 분야 이해관계자의 지역 네트워크.",
        "zh_hant": "亞太地區地方政府與城市相關利害關係人的區域網絡。",
    },
    "metropolis": {
        "ko": "세계 주요 대도시의 협의체로, 세계지방정부연합(UCLG)의 대도시 분과입니다.",
        "zh_hant": "世界主要大都市的協會，為世界城市暨地方政府組織（UCLG）的大都市分會。",
    },
    "uclg": {"ko": "지방정부와 광역정부의 세계 기구.", "zh_hant": "地方與區域政府的世界組織。"},
    "uclg-aspac": {
        "ko": "세계지방정부연합의 아시아태평양 지부.",
        "zh_hant": "世界城市暨地方政府組織的亞太分會。",
    },
    "iclei": {
        "ko": "지속가능발전에 힘쓰는 지방정부의 세계 네트워크.",
        "zh_hant": "致力於永續發展的地方政府全球網絡。",
    },
    "gsef": {
        "ko": "지방정부와 사회적경제 조직의 국제 네트워크.",
        "zh_hant": "地方政府與社會經濟組織的國際網絡。",
    },
    "koica": {"ko": "대한민국의 개발협력 전담 기관.", "zh_hant": "韓國的發展合作機構。"},
    "iutc": {
        "ko": "대한민국 강원도에 있는 아시아태평양 지방정부 공무원 연수기관.",
        "zh_hant": "位於韓國江原道，為亞太地區地方政府公務人員辦理訓練的機構。",
    },
    "clc": {
        "ko": "살기 좋은 도시에 관한 연구와 연수를 맡은 싱가포르 정부 기관.",
        "zh_hant": "新加坡政府負責宜居城市研究與訓練的中心。",
    },
    "korea-ministry-of-the-interior": {
        "ko": "지방자치와 전자정부를 맡은 대한민국 정부 부처.",
        "zh_hant": "韓國主管地方政府與電子化政府的部會。",
    },
}

# cities.Agreement, by slug.
AGREEMENT_TITLES = {
    "taipei-gyeonggi-friendship-mou-2000": {
        "ko": "타이베이시–경기도 우호교류 양해각서(MOU)",
        "zh_hant": "臺北市與京畿道友好交流備忘錄（MOU）",
    },
    "taipei-gyeonggi-civil-servants-exchange-training-mou-2017": {
        "ko": "공무원 교류·연수 양해각서(MOU)",
        "zh_hant": "公務人員交流研習合作備忘錄（MOU）",
    },
}

AGREEMENT_SUMMARIES = {
    "taipei-gyeonggi-friendship-mou-2000": {
        "ko": "타이베이시와 경기도는 2000년 6월 우호 양해각서(MOU)를 체결한 뒤로 파트너 관계를 이어 왔습니다. "
        "출처에는 체결한 달만 나오고 날짜와 서명자는 나오지 않습니다.",
        "zh_hant": "臺北市與京畿道自 2000 年 6 月簽署友好備忘錄（MOU）以來即為夥伴城市。"
        "來源僅載明簽署月份，未載明日期與簽署人。",
    },
    "taipei-gyeonggi-civil-servants-exchange-training-mou-2017": {
        "ko": "양측은 해마다 번갈아 공무원을 보내 상대 도시의 시정을 살펴보고 보고 배운 것을 공유합니다. "
        "먼저 타이베이시가 2017년 말 공무원 15명을 경기도에 보내 2주간 연수하고, 이듬해에는 경기도가 "
        "타이베이시에 연수생을 보내며, 이후에도 번갈아 교류합니다.",
        "zh_hant": "雙方每年輪流派遣公務人員觀摩對方市政，並分享所見所學。首先由臺北市於 2017 年底派遣 "
        "15 名公務人員赴京畿道研習兩週；次年由京畿道派遣學員赴臺北市，此後雙方輪流交流。",
    },
}

# programs.Institute names, by slug. The Korean and Chinese are the official names (the glossary's
# table), as reference.INSTITUTES has them; SHRDC's full form was corrected in issue 14 and its short
# form is in INSTITUTE_SHORT_NAMES. The other languages: the glossary's names where it has them.
INSTITUTE_NAMES = {
    "shrdc": {
        "ko": "서울특별시인재개발원",
        "zh_hant": "首爾特別市人才開發院",
        "es": "Centro de Desarrollo de Recursos Humanos de Seúl",
        "fr": "Centre de développement des ressources humaines de Séoul",
        "ru": "Сеульский центр развития человеческих ресурсов",
        "ar": "مركز سيول لتنمية الموارد البشرية",
        "ind": "Pusat Pengembangan Sumber Daya Manusia Seoul",
    },
    "korea-university": {
        "ko": "고려대학교",
        "zh_hant": "高麗大學",
        "es": "Universidad de Corea",
        "fr": "Université de Corée",
        "ru": "Университет Коре",
        "ar": "جامعة كوريا",
        "ind": "Universitas Korea",
    },
    "university-of-seoul": {
        "ko": "서울시립대학교",
        "zh_hant": "首爾市立大學",
        "es": "Universidad de Seúl",
        "fr": "Université de Séoul",
        "ru": "Сеульский городской университет",
        "ar": "جامعة سيول",
        "ind": "Universitas Seoul",
    },
    "gyeonggi-hrd": {
        "ko": "경기도인재개발원",
        "zh_hant": "京畿道人才開發院",
        "es": "Instituto de Desarrollo de Recursos Humanos de la Provincia de Gyeonggi",
        "fr": "Institut de développement des ressources humaines de la province de Gyeonggi",
        "ru": "Институт развития человеческих ресурсов провинции Кенгидо",
        "ar": "معهد مقاطعة غيونغي لتنمية الموارد البشرية",
        "ind": "Lembaga Pengembangan Sumber Daya Manusia Provinsi Gyeonggi",
    },
    "taipei-dcsd": {
        "ko": "타이베이시 공무원훈련처",
        "zh_hant": "臺北市政府公務人員訓練處",
        "es": "Departamento de Desarrollo de Funcionarios Públicos de Taipéi",
        "fr": "Département du développement des fonctionnaires de Taipei",
        "ru": "Департамент развития государственных служащих Тайбэя",
        "ar": "إدارة تنمية الموظفين الحكوميين في تايبيه",
        "ind": "Dinas Pengembangan Aparatur Sipil Kota Taipei",
    },
    "nia-egov-academy": {
        "ko": "한국정보화진흥원 전자정부 글로벌 아카데미",
        "zh_hant": "韓國國家資訊社會振興院電子化政府全球學院",
        "es": "Agencia Nacional de la Sociedad de la Información – Academia Global de Gobierno Electrónico",
        "fr": "Agence nationale de la société de l’information – Académie mondiale de l’administration électronique",
        "ru": "Национальное агентство информационного общества – Глобальная академия электронного правительства",
        "ar": "الوكالة الوطنية لمجتمع المعلومات – الأكاديمية العالمية للحكومة الإلكترونية",
        "ind": "Badan Nasional Masyarakat Informasi – Akademi Global Pemerintahan Elektronik",
    },
}

INSTITUTE_SHORT_NAMES = {
    "shrdc": {"ko": "서울시인재개발원", "zh_hant": "首爾市人才開發院"},
}

INSTITUTE_DESCRIPTIONS = {
    "shrdc": {
        "ko": "서울특별시의 공무원 연수기관. 해외 도시 공무원을 5~10일간의 국제 연수 프로그램에 초청해 강의, "
        "참가 도시의 정책 발표, 현장 방문, 토론을 진행합니다. 2020년부터는 온라인 프로그램도 운영합니다.",
        "zh_hant": "首爾特別市政府的公務人員訓練機構。邀請外國城市公務人員參加為期五至十天的國際研習課程，"
        "內容包括講座、參訓城市的政策簡報、實地參訪與討論。自 2020 年起亦辦理線上課程。",
    },
    "korea-university": {
        "ko": "출처의 표에 개발도상국 공무원 석사학위과정 제1~4기의 장소로 나오는 대학.",
        "zh_hant": "來源表格將其列為第一至第四屆開發中國家公務人員碩士學位課程的地點。",
    },
    "university-of-seoul": {
        "ko": "해마다 개발도상국 공무원을 위한 도시행정·계획 석사과정을 운영합니다. 출처에 따르면 여섯 차례의 "
        "과정에서 졸업생 73명을 배출했습니다.",
        "zh_hant": "每年為開發中國家公務人員開設都市行政與規劃碩士課程。依來源所載，六屆課程共培育 73 名畢業生。",
    },
    "gyeonggi-hrd": {
        "ko": "경기도의 공무원 연수기관. 2001년부터 중국, 아프가니스탄, 이라크, 캄보디아, 페루의 연수단과 "
        "교류연수를 운영해 왔습니다.",
        "zh_hant": "京畿道的公務人員訓練機構，自 2001 年起與中國、阿富汗、伊拉克、柬埔寨及秘魯的研習團辦理交流研習。",
    },
    "taipei-dcsd": {
        "ko": "타이베이시 정부에서 공무원 교육훈련을 맡은 부서(공무원훈련처).",
        "zh_hant": "臺北市政府負責公務人員訓練的機關（公務人員訓練處）。",
    },
    "nia-egov-academy": {
        "ko": "한국정보화진흥원이 제주도에서 운영하는 전자정부 글로벌 아카데미.",
        "zh_hant": "韓國國家資訊社會振興院於濟州島辦理的電子化政府全球學院。",
    },
}

# programs.Theme descriptions, by slug (the names are in reference.THEMES already).
THEME_DESCRIPTIONS = {
    "e-government": {
        "ko": "디지털 공공서비스, 전자행정, 정부 정보시스템.",
        "zh_hant": "數位公共服務、電子化行政與政府資訊系統。",
    },
    "smart-city": {
        "ko": "지능형교통체계(ITS)를 비롯해 도시 서비스에 데이터와 기술을 활용하는 분야.",
        "zh_hant": "將數據與科技運用於城市服務，包括智慧運輸系統（ITS）。",
    },
    "transportation": {
        "ko": "도시교통정책, 대중교통, 간선급행버스체계(BRT), 철도, 모빌리티.",
        "zh_hant": "都市交通政策、大眾運輸、公車捷運系統（BRT）、軌道運輸與移動服務。",
    },
    "climate-change": {
        "ko": "도시의 기후정책, 온실가스 감축과 기후변화 적응.",
        "zh_hant": "城市的氣候政策、減緩與調適。",
    },
    "environment": {"ko": "도시환경, 폐기물 관리, 에너지.", "zh_hant": "都市環境、廢棄物管理與能源。"},
    "water": {"ko": "상수도, 급수, 물관리.", "zh_hant": "自來水事業、供水與水資源管理。"},
    "urban-planning": {
        "ko": "도시계획, 도시설계, 지속가능한 도시개발.",
        "zh_hant": "都市計畫、都市設計與永續都市發展。",
    },
    "urban-management": {
        "ko": "도시행정 석사과정을 비롯한 시정 운영과 도시정책.",
        "zh_hant": "市政管理與都市政策，包括都市行政碩士課程。",
    },
    "culture-and-tourism": {
        "ko": "문화정책, 문화마케팅, 창조산업, 관광.",
        "zh_hant": "文化政策、文化行銷、創意產業與觀光。",
    },
    "welfare": {"ko": "사회복지, 보건, 여성 역량강화.", "zh_hant": "社會福利、衛生與婦女培力。"},
    "governance": {"ko": "거버넌스, 행정개혁, 국제협력.", "zh_hant": "治理、行政革新與國際合作。"},
    "housing": {"ko": "주택정책.", "zh_hant": "住宅政策。"},
    "urban-safety": {"ko": "공공안전과 재난관리.", "zh_hant": "公共安全與災害防救。"},
    "social-economy": {"ko": "사회적기업, 협동조합, 사회적경제.", "zh_hant": "社會企業、合作社與社會經濟。"},
    "local-finance": {"ko": "지방재정과 지방세.", "zh_hant": "地方財政與稅務。"},
    "economic-development": {"ko": "산업 및 지역 경제개발.", "zh_hant": "產業與區域經濟發展。"},
    "human-resources": {"ko": "공무원 교육훈련과 역량개발.", "zh_hant": "公務人員訓練與培育。"},
    "city-administration": {
        "ko": "제목에 특정 주제가 없이 한 도시의 시정 전반을 다루는 종합 프로그램.",
        "zh_hant": "以城市市政整體為內容、標題未標示單一主題的綜合課程。",
    },
}

# programs.Theme names in the other UI languages, by slug (Korean and Chinese: reference.THEMES). Spanish,
# Arabic and Indonesian as the glossary's theme tables have them; French and Russian written here and
# added to the glossary.
THEME_NAMES = {
    "e-government": {
        "es": "Gobierno electrónico",
        "fr": "Administration électronique",
        "ru": "Электронное правительство",
        "ar": "الحكومة الإلكترونية",
        "ind": "Pemerintahan elektronik",
    },
    "smart-city": {
        "es": "Ciudad inteligente",
        "fr": "Ville intelligente",
        "ru": "Умный город",
        "ar": "المدينة الذكية",
        "ind": "Kota cerdas",
    },
    "transportation": {
        "es": "Transporte",
        "fr": "Transport",
        "ru": "Транспорт",
        "ar": "النقل",
        "ind": "Transportasi",
    },
    "climate-change": {
        "es": "Cambio climático",
        "fr": "Changement climatique",
        "ru": "Изменение климата",
        "ar": "تغير المناخ",
        "ind": "Perubahan iklim",
    },
    "environment": {
        "es": "Medio ambiente y energía",
        "fr": "Environnement et énergie",
        "ru": "Окружающая среда и энергетика",
        "ar": "البيئة والطاقة",
        "ind": "Lingkungan hidup dan energi",
    },
    "water": {
        "es": "Agua",
        "fr": "Eau",
        "ru": "Водоснабжение и водные ресурсы",
        "ar": "المياه",
        "ind": "Air",
    },
    "urban-planning": {
        "es": "Planificación y diseño urbano",
        "fr": "Urbanisme et conception urbaine",
        "ru": "Градостроительство и городской дизайн",
        "ar": "التخطيط والتصميم الحضري",
        "ind": "Perencanaan dan desain kota",
    },
    "urban-management": {
        "es": "Gestión urbana",
        "fr": "Gestion urbaine",
        "ru": "Городское управление",
        "ar": "الإدارة الحضرية",
        "ind": "Manajemen perkotaan",
    },
    "culture-and-tourism": {
        "es": "Cultura y turismo",
        "fr": "Culture et tourisme",
        "ru": "Культура и туризм",
        "ar": "الثقافة والسياحة",
        "ind": "Kebudayaan dan pariwisata",
    },
    "welfare": {
        "es": "Bienestar social",
        "fr": "Protection sociale",
        "ru": "Социальное обеспечение",
        "ar": "الرعاية الاجتماعية",
        "ind": "Kesejahteraan sosial",
    },
    "governance": {
        "es": "Gobernanza",
        "fr": "Gouvernance",
        "ru": "Государственное управление",
        "ar": "الحوكمة",
        "ind": "Tata kelola pemerintahan",
    },
    "housing": {
        "es": "Vivienda",
        "fr": "Logement",
        "ru": "Жилищная политика",
        "ar": "الإسكان",
        "ind": "Perumahan",
    },
    "urban-safety": {
        "es": "Seguridad urbana",
        "fr": "Sécurité urbaine",
        "ru": "Городская безопасность",
        "ar": "السلامة الحضرية",
        "ind": "Keselamatan perkotaan",
    },
    "social-economy": {
        "es": "Economía social",
        "fr": "Économie sociale",
        "ru": "Социальная экономика",
        "ar": "الاقتصاد الاجتماعي",
        "ind": "Ekonomi sosial",
    },
    "local-finance": {
        "es": "Finanzas e impuestos locales",
        "fr": "Finances et fiscalité locales",
        "ru": "Местные финансы и налоги",
        "ar": "المالية المحلية والضرائب",
        "ind": "Keuangan dan pajak daerah",
    },
    "economic-development": {
        "es": "Desarrollo económico",
        "fr": "Développement économique",
        "ru": "Экономическое развитие",
        "ar": "التنمية الاقتصادية",
        "ind": "Pembangunan ekonomi",
    },
    "human-resources": {
        "es": "Desarrollo de recursos humanos",
        "fr": "Développement des ressources humaines",
        "ru": "Развитие кадрового потенциала",
        "ar": "تنمية الموارد البشرية",
        "ind": "Pengembangan sumber daya manusia",
    },
    "city-administration": {
        "es": "Administración municipal (general)",
        "fr": "Administration municipale (générale)",
        "ru": "Муниципальное управление (в целом)",
        "ar": "الإدارة البلدية العامة",
        "ind": "Administrasi pemerintahan kota (umum)",
    },
}

# cities.City names in the other UI languages, by slug (Korean and Chinese: reference.CITIES): the form
# GeoNames' alternate names and that language's Wikipedia use; the table is in the glossary.
CITY_NAMES = {
    "seoul": {"es": "Seúl", "fr": "Séoul", "ru": "Сеул", "ar": "سيول", "ind": "Seoul"},
    "gyeonggi": {
        "es": "Provincia de Gyeonggi",
        "fr": "Province de Gyeonggi",
        "ru": "Провинция Кенгидо",
        "ar": "مقاطعة غيونغي",
        "ind": "Provinsi Gyeonggi",
    },
    "jeju": {"es": "Jeju", "fr": "Jeju", "ru": "Чеджу", "ar": "جيجو", "ind": "Jeju"},
    "taipei": {"es": "Taipéi", "fr": "Taipei", "ru": "Тайбэй", "ar": "تايبيه", "ind": "Taipei"},
    "beijing": {"es": "Pekín", "fr": "Pékin", "ru": "Пекин", "ar": "بكين", "ind": "Beijing"},
    "chengdu": {"es": "Chengdú", "fr": "Chengdu", "ru": "Чэнду", "ar": "تشنغدو", "ind": "Chengdu"},
    "hong-kong": {"es": "Hong Kong", "fr": "Hong Kong", "ru": "Гонконг", "ar": "هونغ كونغ", "ind": "Hong Kong"},
    "osaka": {"es": "Osaka", "fr": "Osaka", "ru": "Осака", "ar": "أوساكا", "ind": "Osaka"},
    "singapore": {"es": "Singapur", "fr": "Singapour", "ru": "Сингапур", "ar": "سنغافورة", "ind": "Singapura"},
    "bangkok": {"es": "Bangkok", "fr": "Bangkok", "ru": "Бангкок", "ar": "بانكوك", "ind": "Bangkok"},
    "jakarta": {"es": "Yakarta", "fr": "Jakarta", "ru": "Джакарта", "ar": "جاكرتا", "ind": "Jakarta"},
    "bandung": {"es": "Bandung", "fr": "Bandung", "ru": "Бандунг", "ar": "باندونغ", "ind": "Bandung"},
    "makati": {"es": "Makati", "fr": "Makati", "ru": "Макати", "ar": "ماكاتي", "ind": "Makati"},
    "delhi": {"es": "Delhi", "fr": "Delhi", "ru": "Дели", "ar": "دلهي", "ind": "Delhi"},
    "new-delhi": {"es": "Nueva Delhi", "fr": "New Delhi", "ru": "Нью-Дели", "ar": "نيودلهي", "ind": "New Delhi"},
    "tashkent": {"es": "Taskent", "fr": "Tachkent", "ru": "Ташкент", "ar": "طشقند", "ind": "Tashkent"},
    "mashhad": {"es": "Mashhad", "fr": "Mechhed", "ru": "Мешхед", "ar": "مشهد", "ind": "Masyhad"},
    "istanbul": {"es": "Estambul", "fr": "Istanbul", "ru": "Стамбул", "ar": "إسطنبول", "ind": "Istanbul"},
    "kyiv": {"es": "Kiev", "fr": "Kyiv", "ru": "Киев", "ar": "كييف", "ind": "Kyiv"},
    "saint-petersburg": {
        "es": "San Petersburgo",
        "fr": "Saint-Pétersbourg",
        "ru": "Санкт-Петербург",
        "ar": "سانت بطرسبرغ",
        "ind": "Sankt-Peterburg",
    },
    "amsterdam": {"es": "Ámsterdam", "fr": "Amsterdam", "ru": "Амстердам", "ar": "أمستردام", "ind": "Amsterdam"},
    "cairo": {"es": "El Cairo", "fr": "Le Caire", "ru": "Каир", "ar": "القاهرة", "ind": "Kairo"},
    "addis-ababa": {
        "es": "Adís Abeba",
        "fr": "Addis-Abeba",
        "ru": "Аддис-Абеба",
        "ar": "أديس أبابا",
        "ind": "Addis Ababa",
    },
    "maputo": {"es": "Maputo", "fr": "Maputo", "ru": "Мапуту", "ar": "مابوتو", "ind": "Maputo"},
    "buenos-aires": {
        "es": "Buenos Aires",
        "fr": "Buenos Aires",
        "ru": "Буэнос-Айрес",
        "ar": "بوينس آيرس",
        "ind": "Buenos Aires",
    },
    "mexico-city": {
        "es": "Ciudad de México",
        "fr": "Mexico",
        "ru": "Мехико",
        "ar": "مكسيكو سيتي",
        "ind": "Kota Meksiko",
    },
}

# Data-quality notes (programs.DataQualityFlag.message). The import writes most of them from a
# template (rules.clean_title, source_table.parse_period, importer.import_table): FLAG_MESSAGE_PATTERNS
# reads the English back and fills in the translation. The notes written out in reference.py are
# translated whole in FLAG_MESSAGES, keyed by their English text. Text quoted from the source (“…”)
# stays as the source wrote it.
COSMETIC_SLIPS = {
    "a space before a bracketed acronym": {"ko": "괄호로 묶은 약어 앞의 띄어쓰기", "zh_hant": "括號內縮寫前的空格"},
    "“CITYNET” as the network writes its name": {
        "ko": "네트워크가 쓰는 대로 “CITYNET” 표기",
        "zh_hant": "依該組織寫法改為「CITYNET」",
    },
    "“(Online)” as the table's other rows write it": {
        "ko": "표의 다른 행과 같이 “(Online)” 표기",
        "zh_hant": "依表格其他列寫法改為「(Online)」",
    },
}

FLAG_MESSAGE_PATTERNS = [
    (
        re.compile(r"The source's title carries a piece of HTML markup; it is left out of the title\."),
        {
            "ko": "출처의 제목에 HTML 태그 조각이 남아 있어 제목에서 뺐습니다.",
            "zh_hant": "來源標題夾帶一段 HTML 標記，已自標題中刪除。",
        },
    ),
    (
        re.compile(r"The source writes “(?P<wrong>[^”]+)”; the title says “(?P<right>[^”]+)”\."),
        {
            "ko": "출처의 철자를 바로잡았습니다. 출처: “{wrong}” → 제목: “{right}”.",
            "zh_hant": "來源寫作「{wrong}」，標題改為「{right}」。",
        },
    ),
    (
        re.compile(r"The title corrects a slip of spacing or capitalisation in the source's: (?P<slips>.+)\."),
        {
            "ko": "출처 제목의 띄어쓰기·대소문자 실수를 바로잡았습니다: {slips}.",
            "zh_hant": "標題修正了來源的空格或大小寫疏失：{slips}。",
        },
    ),
    (
        re.compile(
            r"In (?P<year>\d{4}) the table groups rows by format \(“(?P<label>[^”]+)”\) instead of naming "
            r"the location; the host is taken to be SHRDC, which hosts every other short program in the table\."
        ),
        {
            "ko": "{year}년 표는 장소 대신 형식(“{label}”)별로 행을 묶었습니다. 표의 다른 단기 프로그램을 모두 "
            "주관하는 서울특별시인재개발원(SHRDC)을 주관 기관으로 보았습니다.",
            "zh_hant": "{year} 年的表格依形式（「{label}」）而非地點分組；表中其他短期課程皆由首爾特別市人才開發院"
            "（SHRDC）主辦，故推定其為主辦機關。",
        },
    ),
    (
        re.compile(
            r"The period “(?P<text>[^”]+)” ends \((?P<end>[\d-]+)\) before it starts \((?P<start>[\d-]+)\); "
            r"no dates are stored until someone checks which part is wrong\."
        ),
        {
            "ko": "기간 “{text}”의 종료일({end})이 시작일({start})보다 앞섭니다. 어느 쪽이 틀렸는지 확인할 때까지 "
            "날짜를 저장하지 않습니다.",
            "zh_hant": "期間「{text}」的結束日（{end}）早於開始日（{start}）；在確認何者有誤之前，不儲存日期。",
        },
    ),
    (
        re.compile(r"The period “(?P<text>[^”]+)” is not in a form the import can read; no dates are stored\."),
        {
            "ko": "가져오기에서 읽을 수 없는 기간 표기입니다: “{text}”. 날짜를 저장하지 않았습니다.",
            "zh_hant": "匯入程序無法判讀期間「{text}」，未儲存日期。",
        },
    ),
    (
        re.compile(r"The period starts in (?P<start_year>\d{4}) but the row is listed under (?P<year>\d{4})\."),
        {
            "ko": "기간은 {start_year}년에 시작하지만 표에는 {year}년 항목으로 올라 있습니다.",
            "zh_hant": "期間始於 {start_year} 年，但該列列於 {year} 年之下。",
        },
    ),
]

FLAG_MESSAGES = {
    "The source says “over 60 participants”, counting ADB staff and experts, so no exact headcount is recorded.": {
        "ko": "출처에는 ADB 직원과 전문가를 포함해 “60명 이상”이 참가했다고만 되어 있어 정확한 참가 인원을 "
        "기록하지 않았습니다.",
        "zh_hant": "來源僅稱「逾 60 名參加者」，且包含 ADB 人員與專家，因此未記錄確切人數。",
    },
    "The table lists “WeGO e-Government Training Program” (row 107, 2016.5.22~5.29, 16 participants) in "
    "the same week; WeGO co-organised both, so some participants may appear in both records. They are "
    "kept apart: the hosts (SHRDC in Seoul, NIA on Jeju) and the dates differ.": {
        "ko": "같은 주에 표의 “WeGO 전자정부 연수 프로그램”(107행, 2016.5.22~5.29, 16명)이 있습니다. 두 "
        "프로그램 모두 WeGO가 공동 주최해 일부 참가자가 두 기록에 모두 들어 있을 수 있습니다. 주관 기관"
        "(서울의 SHRDC, 제주의 NIA)과 날짜가 달라 별개의 기록으로 둡니다.",
        "zh_hant": "同一週表格列有「WeGO 電子化政府研習課程」（第 107 列，2016.5.22~5.29，16 人）；兩者皆由 "
        "WeGO 合辦，部分參訓人員可能同時出現在兩筆紀錄中。由於主辦機關（首爾的 SHRDC、濟州的 NIA）與日期"
        "不同，仍分列為兩筆紀錄。",
    },
    "The source announces this program and its 15 participants in advance; it does not confirm that it took place.": {
        "ko": "출처는 이 프로그램과 참가자 15명을 미리 알렸을 뿐, 실제로 열렸는지는 확인해 주지 않습니다.",
        "zh_hant": "來源僅事先公告此課程及其 15 名參訓人員，未確認是否實際舉辦。",
    },
    "The source, from 2017, announces this exchange for the following year; it does not confirm that it took place.": {
        "ko": "2017년의 출처가 이듬해의 교류를 예고했을 뿐, 실제로 열렸는지는 확인해 주지 않습니다.",
        "zh_hant": "此來源撰於 2017 年，僅預告次年的交流，未確認是否實際舉辦。",
    },
    "The table lists “Training for Civil Servants in Sister Cities” (2011.9.19-9.25) and “Training for "
    "Civil Servants in Chinese Cities” (2011.11.7-11.11); these may be the sessions this record "
    "describes.": {
        "ko": "표에 “자매도시 공무원 연수”(2011.9.19-9.25)와 “중국 도시 공무원 연수”(2011.11.7-11.11)가 "
        "있으며, 이 기록이 말하는 연수와 같은 것일 수 있습니다.",
        "zh_hant": "表格列有「姊妹市公務人員研習」（2011.9.19-9.25）與「中國城市公務人員研習」"
        "（2011.11.7-11.11），可能即為本筆紀錄所述的研習。",
    },
    "The source names the Seoul Metropolitan Government, not the institute; SHRDC is the city's training "
    "centre for such programs.": {
        "ko": "출처에는 인재개발원이 아니라 서울특별시가 나옵니다. 이런 프로그램을 맡는 서울시의 연수기관은 "
        "서울특별시인재개발원(SHRDC)입니다.",
        "zh_hant": "來源所載為首爾特別市政府，而非該機構；首爾特別市人才開發院（SHRDC）是首爾市辦理此類課程的"
        "訓練機構。",
    },
    "The source announces the 2012 sessions in advance; it does not confirm them.": {
        "ko": "출처는 2012년 연수를 미리 알렸을 뿐, 실제로 열렸는지는 확인해 주지 않습니다.",
        "zh_hant": "來源僅事先公告 2012 年的研習，未確認是否實際舉辦。",
    },
    "The table lists “Training for Civil Servants in Sister Cities” (2012.10.8-10.14) and “Training for "
    "Civil Servants in Chinese Cities” (2012.11.5-11.9), which match the October and November sessions "
    "announced here.": {
        "ko": "표의 “자매도시 공무원 연수”(2012.10.8-10.14)와 “중국 도시 공무원 연수”(2012.11.5-11.9)는 "
        "여기서 예고한 10월·11월 연수와 일치합니다.",
        "zh_hant": "表格所列「姊妹市公務人員研習」（2012.10.8-10.14）與「中國城市公務人員研習」"
        "（2012.11.5-11.9），與此處預告的 10 月及 11 月研習相符。",
    },
    "The source says “nearly 150 trainees”, so no exact headcount is recorded.": {
        "ko": "출처에는 “150명 가까운 연수생”이라고만 되어 있어 정확한 참가 인원을 기록하지 않았습니다.",
        "zh_hant": "來源僅稱「近 150 名學員」，因此未記錄確切人數。",
    },
    "The source names the Civil Service Training Office, not the department; it is taken to be the "
    "Taipei Department of Civil Servant Development, whose training office holds such classes.": {
        "ko": "출처에는 부서가 아니라 “Civil Service Training Office”가 나옵니다. 이런 과정을 "
        "여는 훈련 조직이 속한 타이베이시 공무원훈련처로 보았습니다.",
        "zh_hant": "來源所載為「Civil Service Training Office」而非該機關；此類班次由其訓練單位開辦，故推定為"
        "臺北市政府公務人員訓練處。",
    },
}

# Source locators (source_locator): where in the source a record rests.
LOCATOR_PATTERNS = [
    (re.compile(r"row (?P<n>\d+)"), {"ko": "{n}행", "zh_hant": "第 {n} 列"}),
    (re.compile(r"geonameid (?P<n>\d+)"), {"ko": "GeoNames ID {n}", "zh_hant": "GeoNames ID {n}"}),
]

SOURCE_LOCATORS = {
    "paragraph 2": {"ko": "2번째 문단", "zh_hant": "第 2 段"},
    "paragraph 3": {"ko": "3번째 문단", "zh_hant": "第 3 段"},
    "paragraph 4": {"ko": "4번째 문단", "zh_hant": "第 4 段"},
    "paragraphs 2–3": {"ko": "2–3번째 문단", "zh_hant": "第 2–3 段"},
    "paragraphs 1–3": {"ko": "1–3번째 문단", "zh_hant": "第 1–3 段"},
    "paragraphs 1–3 and 6": {"ko": "1–3번째, 6번째 문단", "zh_hant": "第 1–3、6 段"},
    "paragraphs 1, 2 and 5": {"ko": "1, 2, 5번째 문단", "zh_hant": "第 1、2、5 段"},
    "paragraphs 1, 3 and 4": {"ko": "1, 3, 4번째 문단", "zh_hant": "第 1、3、4 段"},
    "paragraphs 2 and 7": {"ko": "2, 7번째 문단", "zh_hant": "第 2、7 段"},
    "paragraph 5, first sentence": {"ko": "5번째 문단 첫째 문장", "zh_hant": "第 5 段第一句"},
    "paragraph 5, second sentence": {"ko": "5번째 문단 둘째 문장", "zh_hant": "第 5 段第二句"},
    "introduction, paragraphs 4–5": {"ko": "머리말 4–5번째 문단", "zh_hant": "前言第 4–5 段"},
    "section “Masters degree program”": {
        "ko": "“Masters degree program” 절",
        "zh_hant": "「Masters degree program」一節",
    },
    "table, location column, 2008–2011": {"ko": "표의 장소 열, 2008–2011년", "zh_hant": "表格地點欄，2008–2011 年"},
}


def _from_patterns(text: str, patterns, language: str, convert=None) -> str | None:
    for pattern, templates in patterns:
        if match := pattern.fullmatch(text):
            values = match.groupdict()
            if convert:
                values = convert(values, language)
            return templates[language].format(**values)
    return None


def _cosmetic_slips(values: dict, language: str) -> dict:
    if "slips" not in values:
        return values
    separator = ", " if language == "ko" else "；"
    slips = [COSMETIC_SLIPS.get(slip, {}).get(language, slip) for slip in values["slips"].split("; ")]
    return values | {"slips": separator.join(slips)}


def flag_message(message: str, language: str) -> str | None:
    """The data-quality note ``message`` in ``language`` ("ko", "zh_hant"), or None when not translated."""
    if message in FLAG_MESSAGES:
        return FLAG_MESSAGES[message][language]
    return _from_patterns(message, FLAG_MESSAGE_PATTERNS, language, _cosmetic_slips)


def source_locator(locator: str, language: str) -> str | None:
    """The source locator (``"row 172"``) in ``language``, or None when not translated."""
    if locator in SOURCE_LOCATORS:
        return SOURCE_LOCATORS[locator][language]
    return _from_patterns(locator, LOCATOR_PATTERNS, language)


def translated_fields(table: dict, key, field: str) -> dict[str, str]:
    """``{"title_ko": …, "title_zh_hant": …}`` for ``table[key]``, to merge into an import's values: one
    field per language the entry has (``name_es``, ``name_ind``, … too); empty when the table has no
    entry for ``key`` (the English stays the only version)."""
    entry = table.get(key) or {}
    return {f"{field}_{language}": entry[language] for language in ALL_LANGUAGES if language in entry}


def program_key(source_document: str, source_locator: str, slug: str) -> int | str:
    """The key of a program in PROGRAM_TITLES: its row number for a table row, else its slug."""
    if source_document == TABLE_DOCUMENT and (match := re.fullmatch(r"row (\d+)", source_locator)):
        return int(match.group(1))
    return slug


# Where these are applied: programs/sources/importer.py writes PROGRAM_TITLES, PROGRAM_DESCRIPTIONS,
# NETWORK_NAMES / NETWORK_DESCRIPTIONS, AGREEMENT_TITLES / AGREEMENT_SUMMARIES, INSTITUTE_NAMES, THEME_NAMES
# and CITY_NAMES into the records (translated_fields()); INSTITUTE_DESCRIPTIONS and THEME_DESCRIPTIONS are
# not written yet, nor HEADCOUNT_NOTES (no translated field). flag_message() and source_locator() are
# called at display time (programs/languages.py): DataQualityFlag.message and source_locator
# are not modeltranslation fields.
