"""The first consent and privacy notice, in the three UI languages, so that /privacy/ has a text from
the start. Later versions are added in the admin."""

import datetime

from django.db import migrations

VERSION = "2026-1"

TITLE = {
    "en": "Privacy notice: participants of international training programs",
    "ko": "개인정보 처리방침: 국제 연수 프로그램 참가자",
    "zh_hant": "隱私權聲明：國際研修計畫參加者",
}

TEXT = {
    "en": """\
The International Training Registry records the international training programs that host institutes run for civil servants, and who took part in them. This notice says which personal data the registry holds about participants, why, for how long, and what you may ask for.

What we hold: your name, position, organisation, home city and country, email address and telephone number; the programs you took part in and your role in them; the legal basis on which you are recorded, the version of this notice you were shown, and when you gave or withdrew consent.

Why: to run the programs and keep a record of who took part, to contact alumni about later programs, and to report the number of participants per program. Public pages, downloads and the open data API show only program-level figures (headcounts); no name, address or number of an individual is ever published.

Legal basis: your consent, or the host institute's public task or contract with you, as recorded with your data. Giving your data is voluntary; if you refuse, you can still take part in a program, but the registry will not record you.

Who sees it: the staff of the host institute that registered you, and the registry's editors. Staff of other institutes whose programs you attended see your record with email and telephone masked.

How long: until the end of the year of your latest program plus the retention period stated on this page. Then, or as soon as you withdraw consent, your record is anonymised: your name and contact details are removed from the registry and from its change history, and only the anonymous count of participants remains.

Your rights: you may ask for a copy of everything the registry holds about you, for a correction, for erasure, and you may withdraw consent at any time. Write to the host institute that registered you; it forwards the request to the registry's privacy officer, who answers within 30 days.""",
    "ko": """\
국제 연수 등록부는 각 주관 기관이 공무원을 대상으로 운영하는 국제 연수 프로그램과 그 참가자를 기록합니다. 이 방침은 등록부가 참가자에 관하여 어떤 개인정보를, 왜, 얼마 동안 보유하는지와 참가자가 요청할 수 있는 사항을 안내합니다.

보유하는 항목: 성명, 직위, 소속 기관, 거주 도시와 국가, 이메일 주소와 전화번호, 참가한 프로그램과 그 역할, 기록의 법적 근거, 안내받은 이 방침의 버전, 동의 또는 동의 철회 일시.

처리 목적: 프로그램 운영과 참가 기록 보존, 이후 프로그램에 관한 수료생 연락, 프로그램별 참가자 수 집계. 공개 페이지, 내려받기 파일과 공개 데이터 API에는 프로그램 단위의 수치(참가 인원)만 나타나며 개인의 성명, 주소, 번호는 공개되지 않습니다.

법적 근거: 귀하의 동의, 또는 주관 기관의 공적 업무나 귀하와의 계약으로서 귀하의 정보와 함께 기록된 근거. 정보 제공은 자유이며, 동의를 거부하더라도 프로그램에는 참가할 수 있으나 등록부에는 기록되지 않습니다.

열람 범위: 귀하를 등록한 주관 기관의 직원과 등록부 편집자. 귀하가 참가한 프로그램을 주관한 다른 기관의 직원에게는 이메일과 전화번호가 가려진 채로 표시됩니다.

보유 기간: 마지막으로 참가한 프로그램 연도의 말일부터 이 페이지에 적힌 보유 기간까지. 그 후 또는 동의를 철회하는 즉시 기록은 익명 처리됩니다. 성명과 연락처는 등록부와 변경 이력에서 삭제되고 익명의 참가자 수만 남습니다.

귀하의 권리: 등록부가 보유한 귀하에 관한 모든 정보의 사본, 정정, 삭제를 요청할 수 있으며 언제든지 동의를 철회할 수 있습니다. 귀하를 등록한 주관 기관에 요청하시면 등록부의 개인정보 보호책임자에게 전달되며, 30일 이내에 답변합니다.""",
    "zh_hant": """\
國際研修登錄系統記錄各主辦機構為公務人員舉辦的國際研修計畫及其參加者。本聲明說明登錄系統持有參加者的哪些個人資料、目的為何、保存多久，以及您可以提出哪些請求。

持有的資料：您的姓名、職稱、服務機關、居住城市與國家、電子郵件地址與電話號碼；您參加的計畫及擔任的角色；記錄您的法律依據、您所閱覽的本聲明版本，以及您同意或撤回同意的時間。

目的：辦理計畫並保存參加紀錄、就日後的計畫聯繫結業學員，以及統計各計畫的參加人數。公開網頁、下載檔案與開放資料 API 只顯示計畫層級的數字（參加人數），絕不公開個人的姓名、地址或電話。

法律依據：您的同意，或主辦機構的公務執行或與您的契約，並與您的資料一併記錄。提供資料出於自願；您若拒絕，仍可參加計畫，但登錄系統不會記錄您。

可檢視者：登錄您的主辦機構職員及登錄系統的編輯。您所參加計畫的其他主辦機構職員，看到的紀錄會遮蔽電子郵件與電話。

保存期間：自您最近一次參加計畫之年度結束起，至本頁所載的保存期間屆滿為止。屆時，或於您撤回同意時，您的紀錄即予匿名化：姓名與聯絡方式自登錄系統及其變更紀錄中刪除，僅保留匿名的參加人數。

您的權利：您可以請求取得登錄系統所持有關於您的一切資料的副本、更正或刪除，並可隨時撤回同意。請向登錄您的主辦機構提出，該機構會轉交登錄系統的個人資料保護負責人，於 30 日內答覆。""",
}


def add_notice(apps, schema_editor):
    ConsentNotice = apps.get_model("participants", "ConsentNotice")
    if ConsentNotice.objects.filter(version=VERSION).exists():
        return
    fields = {"title": TITLE["en"], "text": TEXT["en"]}
    for language in TITLE:
        fields[f"title_{language}"] = TITLE[language]
        fields[f"text_{language}"] = TEXT[language]
    ConsentNotice.objects.create(version=VERSION, effective_from=datetime.date(2026, 1, 1), **fields)


def remove_notice(apps, schema_editor):
    apps.get_model("participants", "ConsentNotice").objects.filter(version=VERSION, participants=None).delete()


class Migration(migrations.Migration):
    dependencies = [("participants", "0004_privacy")]

    operations = [migrations.RunPython(add_notice, remove_notice)]
