"""The unit's programmes, the themes activities are tagged with, and partner facts not in partners.csv."""

import datetime

PROGRAMMES = [
    {
        "unit_area": "policing",
        "title": "Community policing",
        "title_az": "İcma polisi",
        "title_ru": "Общественная полиция",
        "description": "Community Advisory Groups in police departments (presidential order of May 2009); "
        "police-public partnership, police-media relations, crime prevention, domestic-violence prevention, "
        "gender mainstreaming.",
    },
    {
        "unit_area": "assembly",
        "title": "Public assembly management",
        "title_az": "İctimai toplantıların idarə edilməsi",
        "title_ru": "Управление публичными собраниями",
        "description": "Training for MIA Patrol Police, Special Response Units and Internal Troops in Baku, Ganja, "
        "Guba and Nakhchivan.",
    },
    {
        "unit_area": "counterterrorism",
        "title": "Counter-terrorism and organised crime",
        "title_az": "Terrorizm və mütəşəkkil cinayətkarlıqla mübarizə",
        "title_ru": "Борьба с терроризмом и организованной преступностью",
        "description": "Risk-assessment and investigation training, border management, drug smuggling, cyber crime, "
        "support for the International Bomb Data Center Working Group.",
    },
    {
        "unit_area": "trafficking",
        "title": "Combating trafficking in human beings and forced labour",
        "title_az": "İnsan alverinə və məcburi əməyə qarşı mübarizə",
        "title_ru": "Борьба с торговлей людьми и принудительным трудом",
        "description": "Capacity building for prevention, prosecution and victim protection; support to the National "
        "Action Plan and the National Referral Mechanism; co-sponsored with ILO, IOM and ICMPD.",
    },
    {
        "unit_area": "armed_forces",
        "title": "Democratic control of armed forces",
        "title_az": "Silahlı qüvvələr üzərində demokratik nəzarət",
        "title_ru": "Демократический контроль над вооружёнными силами",
        "description": "Parliamentary and civilian oversight of the armed forces, the OSCE Code of Conduct on "
        "Politico-Military Aspects of Security; Azerbaijani-language books on human rights of armed forces personnel.",
    },
]

# code, unit area ("" for all), English, Azerbaijani, Russian
THEMES = [
    ("crime-prevention", "policing", "Crime prevention", "Cinayətin qarşısının alınması", "Профилактика преступности"),
    (
        "domestic-violence",
        "policing",
        "Domestic violence prevention",
        "Məişət zorakılığının qarşısının alınması",
        "Профилактика бытового насилия",
    ),
    ("police-media", "policing", "Police-media relations", "Polis-media əlaqələri", "Взаимодействие полиции и СМИ"),
    (
        "police-public",
        "policing",
        "Police-public partnership",
        "Polis-ictimaiyyət tərəfdaşlığı",
        "Партнёрство полиции и общества",
    ),
    ("youth", "policing", "Youth", "Gənclər", "Молодёжь"),
    ("road-safety", "policing", "Road safety", "Yol təhlükəsizliyi", "Безопасность дорожного движения"),
    ("gender", "", "Gender mainstreaming", "Gender bərabərliyinin təşviqi", "Гендерная интеграция"),
    ("human-rights", "assembly", "Human rights standards", "İnsan hüquqları standartları", "Стандарты прав человека"),
    ("use-of-force", "assembly", "Proportional use of force", "Gücün mütənasib tətbiqi", "Соразмерное применение силы"),
    ("negotiation", "assembly", "Negotiation and communication", "Danışıqlar və ünsiyyət", "Переговоры и коммуникация"),
    ("crowd-dynamics", "assembly", "Crowd dynamics", "Kütlə dinamikası", "Динамика толпы"),
    (
        "risk-assessment",
        "counterterrorism",
        "Terrorism risk assessment",
        "Terror riskinin qiymətləndirilməsi",
        "Оценка террористических рисков",
    ),
    (
        "oc-investigation",
        "counterterrorism",
        "Organised-crime investigation",
        "Mütəşəkkil cinayətlərin araşdırılması",
        "Расследование организованной преступности",
    ),
    ("border-management", "counterterrorism", "Border management", "Sərhəd idarəçiliyi", "Управление границами"),
    (
        "drug-trafficking",
        "counterterrorism",
        "Drug trafficking",
        "Narkotik qaçaqmalçılığı",
        "Незаконный оборот наркотиков",
    ),
    (
        "cyber-crime",
        "counterterrorism",
        "Cyber crime and cyber security",
        "Kibercinayətkarlıq və kibertəhlükəsizlik",
        "Киберпреступность и кибербезопасность",
    ),
    (
        "explosives",
        "counterterrorism",
        "Explosives and bomb data",
        "Partlayıcı maddələr və bomba məlumatları",
        "Взрывчатые вещества и данные о взрывных устройствах",
    ),
    (
        "violent-extremism",
        "counterterrorism",
        "Preventing violent extremism",
        "Zorakı ekstremizmin qarşısının alınması",
        "Предупреждение насильственного экстремизма",
    ),
    (
        "victim-identification",
        "trafficking",
        "Victim identification",
        "Qurbanların müəyyən edilməsi",
        "Идентификация жертв",
    ),
    (
        "prosecution",
        "trafficking",
        "Investigation and prosecution",
        "İstintaq və təqib",
        "Расследование и преследование",
    ),
    (
        "victim-protection",
        "trafficking",
        "Victim protection and referral",
        "Qurbanların müdafiəsi və yönləndirilməsi",
        "Защита и перенаправление жертв",
    ),
    ("forced-labour", "trafficking", "Forced labour", "Məcburi əmək", "Принудительный труд"),
    (
        "servicemen-rights",
        "armed_forces",
        "Human rights of armed forces personnel",
        "Hərbi qulluqçuların insan hüquqları",
        "Права человека военнослужащих",
    ),
    (
        "armed-forces-oversight",
        "armed_forces",
        "Parliamentary and civilian oversight",
        "Parlament və mülki nəzarət",
        "Парламентский и гражданский контроль",
    ),
]

# Facts about partners that partners.csv states only in its notes.
PARTNER_FACTS = {
    "MNS": {"valid_to": datetime.date(2015, 12, 13), "successor": "DTX"},
    "SBS": {"valid_from": datetime.date(2002, 7, 31)},
    "IBDCWG": {"valid_from": datetime.date(2005, 1, 1)},
}
EXTRA_PARTNERS = [
    {
        "acronym": "DTX",
        "name": "State Security Service",
        "name_az": "Dövlət Təhlükəsizlik Xidməti",
        "name_ru": "Служба государственной безопасности",
        "kind": "government",
        "valid_from": datetime.date(2015, 12, 14),
        "former_names": "Ministry of National Security (MNS)",
        "notes": "Replaced the Ministry of National Security in December 2015.",
    },
]

# Names a partner went by before (PartnerFormerName), by the current record's acronym. The State Security Service
# (DTX) was the Ministry of National Security until the presidential decree of 14 December 2015.
FORMER_NAMES = {
    "DTX": [
        {
            "name": "Ministry of National Security",
            "name_az": "Milli Təhlükəsizlik Nazirliyi",
            "name_ru": "Министерство национальной безопасности",
            "acronym": "MNS",
            "valid_to": datetime.date(2015, 12, 13),
        },
    ],
}
