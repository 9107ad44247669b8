# ruff: noqa: RUF005 (cost lists read as the cards do: rows, then repeated figures)
"""Demo plan: Deventer, Olst-Wijhe and Raalte, *i-uitvoeringsplannen 2022–2025* (seed 004).

Taken from the project cards of the four domain plans (Bijlage 3 t/m 6) and the overview
(Bijlage 2); the score from Bijlage 1, which prints only the total: the four points below are
one choice that gives the printed total (docs/planning.md). Amounts in euros as the cards give
them, only the plan's years (the cards' 2021 column holds amounts on top of the 2021 plan);
``None`` marks a PM-post. Where the cards and the totals tables disagree: docs/planning.md.

A cost line: (municipality, kind, year, amount or None, covered[, part]); kind ``i``
incidental, ``s`` structural.
"""

from __future__ import annotations

PLAN = {
    "slug": "dowr-2022-2025",
    "title": "i-Uitvoeringsplannen 2022–2025 Deventer, Olst-Wijhe en Raalte (DOWR)",
    "source": "Nota B&W Deventer 2021-000601 (30-03-2021), bijlagen 1 t/m 6",
    "first_year": 2022,
    "last_year": 2025,
}
MUNICIPALITIES = [("D", "Deventer"), ("OW", "Olst-Wijhe"), ("R", "Raalte")]
DOWR = ("D", "OW", "R")
DOMAINS = [
    "Bedrijfsvoering",
    "Dienstverlening en participatie",
    "Fysiek, economie en openbare orde en veiligheid",
    "Sociaal",
]


def each(municipality: str, kind: str, years, amount, covered=0, part: str = "") -> list:
    """The same figure in several years, as the cards print a structural cost."""
    return [(municipality, kind, year, amount, covered, part) for year in years]


def pm(kind: str, years, municipalities=DOWR) -> list:
    return [(m, kind, year, None, 0, "") for m in municipalities for year in years]


PLAN_YEARS = range(2022, 2026)

BEDRIJFSVOERING = [
    {
        "number": 1,
        "title": "Datagedreven werken",
        "explanation": "Verhogen volwassenheidsniveau DGW: vergroten van kennis en bewustwording, "
        "doorontwikkeling van de voorzieningen voor data-analyses en investeren in datakwaliteit "
        "en dataontsluiting zodat data op een veilige manier kan worden gebruikt.",
        "goal": "De organisatie faciliteren bij datagedreven werken met kennis en adequate "
        "voorzieningen",
        "action_lines": "D",
        "benefits": "Het leveren van feiten t.b.v. onderbouwing van besluiten",
        "duration": "2021-2025",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "Alle applicaties van de gemeente",
        "costs_note": "Er wordt alleen voor 2022 geld aangevraagd gezien de onzekerheid in de "
        "raming voor de volgende jaren.",
        "financing_note": "D: incidenteel dekking aanwezig € 50.000, de overige 150.000 aanvragen "
        "bij VJN/begroting 2022. OW: aan te vragen bij kadernota 2022. R: aan te vragen bij "
        "kadernota/begroting 2022.",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (5, 5, 3, "1.5"),
        "costs": [
            ("D", "i", 2022, 200_000, 50_000),
            ("OW", "i", 2022, 35_000, 0),
            ("R", "i", 2022, 75_000, 0),
        ],
    },
    {
        "number": 2,
        "title": "Management informatie",
        "explanation": "Integratie van de verschillende management informatie dashboards en "
        "rapportages die domein- en gemeente overstijgend ontstaan",
        "goal": "Doorontwikkeling en integratie van verschillende managementinformatie (tools)",
        "action_lines": "BD",
        "benefits": "Organisatiebrede verbetering van het sturingsproces; beter gebruik van data; "
        "integraliteit tussen gemeenten en domeinen; beter inzicht in werkdruk",
        "duration": "Continue verbetering",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "2021: FMI, eHRM, BI tool. 2022–2025: alle systemen",
        "costs_note": "Gebaseerd op het realiseren van 1 (geïntegreerd) dashboard per jaar.",
        "financing_note": "Dekking nog niet aanwezig, aanvragen via VJN/Kadernota 2022.",
        "priority": "1b",
        "municipalities": DOWR,
        "score": (1, 1, 1, "2"),
        "costs": each("D", "s", PLAN_YEARS, 12_900)
        + each("OW", "s", PLAN_YEARS, 2_300)
        + each("R", "s", PLAN_YEARS, 4_800),
    },
    {
        "number": 3,
        "title": "Visie Common Ground",
        "explanation": "In 2021 vormt DOWR-i een visie op Common Ground: architectuur- en "
        "realisatieprincipes en de impact op rollen, taken en verantwoordelijkheden.",
        "goal": "Wendbaar",
        "action_lines": "ABCD",
        "benefits": "Wendbare organisatie; optimaal gebruik van data; minder afhankelijk van grote "
        "leveranciers; verbetering dienstverlening",
        "duration": "nnb",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "Alle applicaties",
        "costs_note": "nnb",
        "financing_note": "Vooralsnog wordt de realisatie van de visie binnen de reguliere "
        "middelen en formatie gerealiseerd.",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (5, 5, 3, "1.5"),
        "costs": [],
    },
    {
        "number": 4,
        "title": "Implementatie financieel systeem voor Belastingen, FA en financiële afdelingen",
        "explanation": "Per 1 januari 2023 loopt het huidige meerjarencontract af; aanbesteding "
        "in 2021, implementatie in 2022.",
        "goal": "Vervanging financieel systeem",
        "action_lines": "B",
        "benefits": "Door goede implementatie wordt de overgang van het oude naar het nieuwe "
        "systeem minder belastend voor de gebruikers.",
        "duration": "2021 - 2022",
        "organisations": "DOWR",
        "applications": "CiVision Middelen, CiVision Innen en CiVision Belastingen",
        "costs_note": "Scenario 1 (huidige leverancier): 200.000 euro. Komt er een andere "
        "leverancier uit de aanbesteding, dan 200.000 euro hoger (Deventer: 130.000 extra).",
        "financing_note": "Dekking nog niet aanwezig, aanvragen via VJN/Kadernota 2022.",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [
            ("D", "i", 2022, 129_000, 0),
            ("OW", "i", 2022, 23_000, 0),
            ("R", "i", 2022, 48_000, 0),
        ],
    },
    {
        "number": 5,
        "title": "Vervolg RPA-pilot",
        "explanation": "Na evaluatie pilot in 2021 wordt vervolg bepaald (RPA = proces robot).",
        "goal": "Optimalisatie van werkprocessen door robotisering",
        "action_lines": "B",
        "duration": "nnb",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "Nnb (CiVision zou logisch zijn)",
        "costs_note": "De benodigde middelen voor dit project blijken uit de uitkomst van de "
        "pilot.",
        "financing_note": "Nog geen kosten geraamd.",
        "priority": "2",
        "municipalities": DOWR,
        "score": (5, 3, 1, "2"),
        "costs": pm("i", [2022]),
    },
    {
        "number": 6,
        "title": "Beter sturen op digitalisering/digitaal leiderschap",
        "explanation": "Programma voor teammanagers en beter gebruik van software.",
        "goal": "Ontwikkeling van mens en organisatie door verbeteren digitaal leiderschap",
        "action_lines": "B",
        "duration": "nnb",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "costs_note": "Op dit moment wordt er geen extra geld gevraagd voor dit project.",
        "financing_note": "Op dit moment wordt er geen extra geld gevraagd voor dit project.",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (5, 5, 3, "2"),
        "costs": [],
    },
]

ESUITE = "Vervanging e-suite en Burgerzaken Modules"

DIENSTVERLENING = [
    {
        "number": 1,
        "title": "Klant interactie systeem (KISS)",
        "explanation": "Meer grip krijgen op alle klant-interacties",
        "goal": "Toegankelijkheid en Kwaliteit",
        "action_lines": "A",
        "benefits": "Hogere klantwaardering; efficiëntere klantcontact afhandeling circa 5%; "
        "betere informatievoorziening t.b.v. management en sturing; omnichannel; integraal "
        "klantbeeld",
        "duration": "2021-2022",
        "organisations": "DOWR; Deventer heeft op dit moment een trekkersrol",
        "applications": "Fase 1: SDU, Telefooncentrale/JCC Klantgeleiding/Zaaksysteem/Presence "
        "(365). Fase 2: Overige backoffice applicaties",
        "financing_note": "Deventer: incidenteel is er € 50.000 dekking aanwezig (2021). Het "
        "structurele geld zal worden aangevraagd wanneer er meer duidelijkheid over het verloop "
        "van het project is. Olst-Wijhe: aan te vragen bij kadernota 2022. Raalte: incidentele "
        "dekking vanuit krediet M705032 'Dienstverl. ICT'.",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (3, 5, 3, "1.5"),
        "costs": [("OW", "i", 2022, 12_282, 0), ("R", "i", 2022, 25_632, 25_632)]
        + each("D", "s", PLAN_YEARS, 21_578)
        + each("OW", "s", PLAN_YEARS, 3_847)
        + each("R", "s", PLAN_YEARS, 8_029),
    },
    {
        "number": 2,
        "title": "Aansluiting op MijnOverheid",
        "explanation": "Wet modernisering elektronisch bestuurlijk verkeer: koppeling tussen de "
        "e-Suite en MijnOverheid (Berichtenbox, Lopende Zaken).",
        "goal": "Toegankelijkheid",
        "action_lines": "A",
        "benefits": "Eén overheid/loket gedachte",
        "duration": "2023",
        "organisations": "Olst-Wijhe en Raalte (i.c.m. vervanging e-suite); Deventer in 2021",
        "applications": "E-Suite en opvolger e-Suite",
        "financing_note": "Als PM-post opgenomen; OW en R: aan te vragen bij kadernota/begroting "
        "2023.",
        "priority": "AO",
        "municipalities": ("OW", "R"),
        "score": None,
        "costs": pm("i", [2023], ("OW", "R")) + pm("s", [2024, 2025], ("OW", "R")),
    },
    {
        "number": 3,
        "title": "Doorontwikkeling digitale dienstverlening burgerzaken",
        "explanation": "Verbeteren kwaliteit van online dienstverlening burgerzaken",
        "goal": "Digitalisering",
        "action_lines": "A",
        "benefits": "Efficiëntere werkwijze, digitale toegang voor de klant, invulling omnichannel",
        "duration": "2022 e.v.",
        "organisations": "OWR",
        "applications": "Nog te bepalen, afhankelijk van aanbesteding Dimpact",
        "financing_note": "Dekking nog niet aanwezig, aanvragen via VJN/Kadernota 2022.",
        "priority": "1b",
        "municipalities": ("OW", "R"),
        "score": (3, 3, 3, "2"),
        "costs": [("OW", "i", 2022, 16_094, 0), ("R", "i", 2022, 17_819, 0)]
        + each("OW", "s", range(2023, 2026), 13_840)
        + each("R", "s", range(2023, 2026), 24_832),
    },
    {
        "number": 4,
        "title": "Website",
        "explanation": "Overstappen naar het nieuwe content managementsysteem (CMS) 'Open "
        "Online' van Dimpact",
        "goal": "Toegankelijkheid",
        "action_lines": "A",
        "benefits": "Meer digitale contactmomenten; omnichannel; digitale inclusie",
        "duration": "2022",
        "organisations": "DOW; Raalte voert dit project al in 2021 uit",
        "applications": "CMS, SDU Connect, E-Suite, Digitaal Loket",
        "financing_note": "Kosten nog niet bekend. Dekking nog niet aanwezig, aanvragen via VJN, "
        "kadernota 2023.",
        "priority": "1b",
        "municipalities": ("D", "OW"),
        "score": (1, 3, 3, "2"),
        "costs": pm("i", [2022], ("D", "OW")) + pm("s", [2022], ("D", "OW")),
    },
    {
        "number": 5,
        "title": "Identiteitscontrole (Oribi)",
        "explanation": "Identiteitsbewijzen digitaal kunnen controleren",
        "goal": "Digitalisering",
        "action_lines": "B",
        "benefits": "Efficiëntere werkwijze",
        "duration": "2022",
        "organisations": "Olst-Wijhe",
        "applications": "I-Burgerzaken",
        "financing_note": "Dekking nog niet aanwezig, aan te vragen bij kadernota 2022.",
        "priority": "1a",
        "municipalities": ("OW",),
        "score": (1, 3, 3, "2"),
        "costs": [("OW", "i", 2022, 9_150, 0)] + each("OW", "s", PLAN_YEARS, 2_450),
    },
    {
        "number": 6,
        "title": "Gewenste architectuur voor interactie klant-gemeente",
        "explanation": "Fase 1: In kaart brengen gewenste architectuur. Fase 2: Realisatie.",
        "goal": "Kwaliteit en Digitalisering",
        "action_lines": "AC",
        "benefits": "Verlaging administratieve last voor inwoners en ondernemers; hogere "
        "klantwaardering; efficiëntere processen",
        "duration": "2021-2025",
        "organisations": "DOWR",
        "applications": "Fase 2: alle bestaande applicaties met gegevens van inwoners en "
        "ondernemers en nog onbekende applicaties",
        "financing_note": "Voor Fase 1 zijn geen kosten begroot. De kosten voor Fase 2 zijn nog "
        "niet bekend; aan te vragen bij VJN/kadernota/begroting 2023.",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (5, 3, 3, "1.5"),
        "costs": pm("i", [2022]) + pm("s", PLAN_YEARS),
    },
    {
        "number": 7,
        "title": ESUITE,
        "explanation": "Noodzakelijk gezien het verlopen van het contract per 1 juli 2023",
        "goal": "Vervanging eSuite en Burgerzakenmodules dmv componentenstrategie",
        "action_lines": "AB",
        "duration": "2021 aanbesteding door regiebureau Dimpact; 2022 en 2023 implementatie",
        "organisations": "DOWR",
        "applications": "eSuite en Burgerzakenmodules en alle gekoppelde applicaties",
        "costs_note": "Uitgaande van de huidige leverancier voor de burgerzakenmodules; komt er "
        "een andere leverancier uit de aanbesteding, dan voor Deventer 161.250 euro extra.",
        "financing_note": "Dekking 2021 is aanwezig. 2022 en 2023 nog niet aanwezig, aan te "
        "vragen bij VJN/kadernota/begroting 2022.",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [
            ("D", "i", 2022, 88_220, 0, "aanbesteding door Dimpact"),
            ("D", "i", 2023, 33_463, 0, "aanbesteding door Dimpact"),
            ("OW", "i", 2022, 15_987, 0, "aanbesteding door Dimpact"),
            ("OW", "i", 2023, 6_064, 0, "aanbesteding door Dimpact"),
            ("R", "i", 2022, 33_032, 0, "aanbesteding door Dimpact"),
            ("R", "i", 2023, 12_529, 0, "aanbesteding door Dimpact"),
        ]
        + each("D", "i", [2022, 2023], 314_805, part="implementatie e-suite")
        + each("OW", "i", [2022, 2023], 56_128, part="implementatie e-suite")
        + each("R", "i", [2022, 2023], 117_137, part="implementatie e-suite")
        + [
            ("D", "i", 2022, 19_350, 0, "implementatie BZM's"),
            ("D", "i", 2023, 12_900, 0, "implementatie BZM's"),
            ("OW", "i", 2022, 3_450, 0, "implementatie BZM's"),
            ("OW", "i", 2023, 2_300, 0, "implementatie BZM's"),
            ("R", "i", 2022, 7_200, 0, "implementatie BZM's"),
            ("R", "i", 2023, 4_800, 0, "implementatie BZM's"),
        ],
    },
    {
        "number": 8,
        "title": "Participatieplatform",
        "explanation": "Dit platform draagt o.a. bij aan het realiseren, profileren en uitdragen "
        "van onze doelen en bevat uiteenlopende participatie-mogelijkheden en -tools.",
        "goal": "Participatie, Digitalisering",
        "action_lines": "C",
        "benefits": "Efficiëntere werkwijze; digitale toegang voor burgers; grotere doelgroep; "
        "digitale inclusie",
        "duration": "2022 - 2025",
        "organisations": "DOW",
        "financing_note": "Deventer: dekking incidentele kosten aanwezig, dekking structurele "
        "kosten aan te vragen bij VJN/begroting 2022. Olst-Wijhe: dekking nog niet aanwezig, aan "
        "te vragen bij kadernota 2022.",
        "priority": "1a",
        "municipalities": ("D", "OW"),
        "score": (3, 5, 3, "1.5"),
        "costs": [("D", "i", 2022, 2_800, 2_800), ("OW", "i", 2022, 2_800, 0)]
        + each("D", "s", PLAN_YEARS, 8_400)
        + each("OW", "s", PLAN_YEARS, 8_400),
    },
]

FYSIEK = [
    {
        "number": 1,
        "title": "Doorontwikkeling Meldingen Openbare Ruimte (MOR)",
        "explanation": "Binnen Deventer verloopt het huidige contract (Slim Melden, Civity).",
        "goal": "Verbetering dienstverlening, primair proces en stuurinformatie",
        "action_lines": "A",
        "duration": "2021-2022",
        "organisations": "Deventer",
        "applications": "Slim Melden",
        "financing_note": "Als PM-post opgenomen; kosten zijn nog niet geraamd",
        "priority": "AO",
        "municipalities": ("D",),
        "score": None,
        "costs": pm("i", [2022], ("D",)) + pm("s", [2022], ("D",)),
    },
    {
        "number": 2,
        "title": "Omgevingswet",
        "explanation": "Voldoen aan wettelijke verplichting en verbetering dienstverlening",
        "goal": "Voldoen aan wettelijke verplichting en verbetering dienstverlening",
        "action_lines": "ABCD",
        "duration": "2022-2025",
        "organisations": "Deventer, Olst-Wijhe, Raalte",
        "applications": "Meerdere, onder andere nieuw te verkrijgen plansoftware",
        "financing_note": "Gelden zijn reeds opgenomen in de begroting (reeds gereserveerd).",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [("R", "i", 2022, 41_500, 41_500), ("R", "i", 2023, 31_000, 31_000)]
        + each("R", "s", PLAN_YEARS, 17_000, 17_000),
    },
    {
        "number": 3,
        "title": "Smart City",
        "explanation": "Snel acteren op ontwikkelingen en benutten van kansen",
        "goal": "Aantrekkelijkheid van de stad vergroten en verbeteren dienstverlening",
        "action_lines": "ACD",
        "duration": "2022-2025",
        "organisations": "Deventer (Olst-Wijhe & Raalte volgen ontwikkelingen Deventer)",
        "applications": "Nog niet bekend",
        "financing_note": "Aan te vragen bij de VJN",
        "priority": "2",
        "municipalities": ("D",),
        "score": (5, 5, 3, "2"),
        "costs": each("D", "s", PLAN_YEARS, 50_000),
    },
    {
        "number": 4,
        "title": "Benutten 5G netwerk",
        "explanation": "Snel acteren op ontwikkelingen en benutten van kansen",
        "goal": "Anticiperen op nieuwe ontwikkelingen, verbetering dienstverlening",
        "action_lines": "ACD",
        "duration": "2021 en verder",
        "organisations": "Deventer (Olst-Wijhe & Raalte volgen ontwikkelingen Deventer)",
        "applications": "Nog onbekend",
        "financing_note": "Opgenomen als PM-post",
        "priority": "2",
        "municipalities": ("D",),
        "score": (5, 5, 3, "2"),
        "costs": pm("i", [2022], ("D",)) + pm("s", [2022], ("D",)),
    },
    {
        "number": 5,
        "title": "In samenhang doorontwikkelen van de basisregistraties fysieke domein "
        "(DIS-GEO, SOR, BRO)",
        "explanation": "Stelpost van €50.000 voor 2022, te verdelen over Dis-Geo, SOR en BRO.",
        "goal": "Voldoen aan wettelijke verplichtingen, verbeteren dienstverlening, verbetering "
        "bedrijfsvoering",
        "action_lines": "AB",
        "duration": "2022 en verder",
        "organisations": "Deventer, Olst-Wijhe & Raalte",
        "applications": "Nog onbekend",
        "financing_note": "Dev: aan te vragen via voorjaarsnota. OW: aan te vragen via "
        "kadernota. Raalte: gelden zijn reeds opgenomen in de begroting.",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [
            ("D", "i", 2022, 32_250, 0),
            ("OW", "i", 2022, 5_750, 0),
            ("R", "i", 2022, 12_000, 12_000),
        ]
        + pm("i", range(2023, 2026)),
    },
    {
        "number": 6,
        "title": "Aanbesteding informatievoorziening Beheer Openbare Ruimte (BOR)",
        "explanation": "In 2021 loopt het huidige contract van het BOR-beheersysteem (Obsurv) af.",
        "goal": "Voldoen aan wettelijke verplichtingen, verbeteren dienstverlening, verbetering "
        "bedrijfsvoering",
        "action_lines": "BD",
        "duration": "2022 en verder",
        "organisations": "Deventer, Olst-Wijhe, Raalte",
        "applications": "Nog onbekend",
        "financing_note": "Dev: 2022 aanvragen via Voorjaarsnota. OW: aan te vragen via "
        "kadernota. Raalte: reeds gereserveerd.",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [
            ("D", "i", 2022, 41_202, 0),
            ("OW", "i", 2022, 38_442, 0),
            ("R", "i", 2022, 38_442, 38_442),
        ]
        + each("D", "s", PLAN_YEARS, 51_850, 51_850)
        + each("OW", "s", PLAN_YEARS, 15_925, 15_925)
        + each("R", "s", PLAN_YEARS, 25_943, 25_943),
    },
    {
        "number": 7,
        "title": "Registratie en monitoringsystemen ondermijning",
        "explanation": "T.b.v. goede opvolging van signalen (domein OOV)",
        "goal": "Voldoen aan wettelijke verplichtingen, verbeteren dienstverlening, verbetering "
        "bedrijfsvoering",
        "action_lines": "AB",
        "duration": "2021",
        "organisations": "Deventer, Olst-Wijhe, Raalte",
        "applications": "Applicatie voortkomend uit aanbesteding sociaal domein",
        "costs_note": "€ 0 in alle jaren: bestaande systemen kunnen gebruikt worden.",
        "financing_note": "Voor nu wordt er van uit gegaan dat bestaande systemen gebruikt "
        "kunnen gaan worden",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (3, 3, 3, "2"),
        "costs": [],
    },
    {
        "number": 8,
        "title": "Zoeken op adres of persoon over meerdere systemen heen",
        "explanation": "Zoeken over systemen heen, met koppeling van externe openbare bronnen "
        "(domein OOV).",
        "goal": "Verbetering bedrijfsvoering",
        "action_lines": "BD",
        "duration": "2021 en verder",
        "organisations": "Deventer, Olst-Wijhe, Raalte",
        "applications": "Intern ontwikkelde applicatie voor meldingen hennepcultuur",
        "financing_note": "Als PM-post opgenomen; kosten zijn nog niet geraamd",
        "priority": "1b",
        "municipalities": DOWR,
        "score": (1, 3, 3, "2"),
        "costs": pm("i", [2022, 2023]) + pm("s", [2022, 2023]),
    },
]

SOCIAAL = [
    {
        "number": 1,
        "title": "Implementatie applicatie sociaal domein",
        "explanation": "Het zwaartepunt van de implementatie zal vallen in 2021",
        "goal": "Doel 1 en Doel 3",
        "action_lines": "ABD",
        "benefits": "Rechtmatig ingekochte dienstverlening en efficiëntere ondersteuning van het "
        "werkproces",
        "duration": "2019 – 2022",
        "organisations": "Gemeenten Deventer, Olst-Wijhe en Raalte",
        "applications": "Afhankelijk van de keuze uit de aanbesteding 2019/2020",
        "financing_note": "Reeds opgenomen in begroting",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": [],
    },
    {
        "number": 2,
        "title": "i4Sociaal",
        "explanation": "In Dimpact-verband ontwikkelen van digitale ondersteuning voor burgers "
        "in het sociaal domein.",
        "goal": "Doel 1 en 3",
        "action_lines": "ABC",
        "benefits": "Ingerichte applicaties denkend vanuit de inwoner. Integraliteit en digitale "
        "inclusie",
        "duration": "2021 e.v.",
        "organisations": "Gemeenten Deventer, Leeuwarden, Groningen, Enschede, Zaanstad, Zwolle",
        "applications": "Nieuwe applicaties",
        "financing_note": "Reeds opgenomen in begroting (Deventer programma 8, Meedoen).",
        "priority": "1a",
        "municipalities": ("D",),
        "score": (5, 5, 3, "1.5"),
        "costs": each("D", "i", PLAN_YEARS, 150_000, 150_000),
    },
    {
        "number": 3,
        "title": "Ontwikkelen digitale interactie inwoner en gemeente Sociaal Domein",
        "explanation": "Zorgen dat de interactie tussen inwoner en gemeente digitaal kan verlopen",
        "goal": "Doel 1 en 3",
        "action_lines": "AB",
        "duration": "2022 - 2024",
        "organisations": "Raalte, Olst-Wijhe en Deventer",
        "financing_note": "Aanvragen via VJN/Kadernota 2022",
        "priority": "1a",
        "municipalities": DOWR,
        "score": (3, 3, 3, "1.5"),
        "costs": [
            ("D", "i", 2022, 17_000, 17_000),
            ("D", "i", 2023, 36_000, 0),
            ("D", "i", 2024, 34_000, 0),
            ("OW", "i", 2022, 5_000, 0),
            ("OW", "i", 2023, 11_000, 0),
            ("OW", "i", 2024, 9_000, 0),
            ("R", "i", 2022, 7_000, 0),
            ("R", "i", 2023, 17_000, 0),
            ("R", "i", 2024, 15_000, 0),
        ]
        + each("D", "s", [2024, 2025], 26_000)
        + each("OW", "s", [2024, 2025], 5_000)
        + each("R", "s", [2024, 2025], 10_000),
    },
    {
        "number": 4,
        "title": "Eenmalige uitvraag van gegevens",
        "explanation": "Zorgen dat een inwoner reeds aan de overheid aangeleverde gegevens niet "
        "nogmaals moet aanleveren (eenmalig vastleggen meervoudig gebruik)",
        "goal": "Doel 1 en 3",
        "action_lines": "A",
        "benefits": "Eenmalig uitvragen en meervoudig gebruik van gegevens.",
        "duration": "2022 - 2024",
        "organisations": "Raalte, Olst-Wijhe en Deventer",
        "financing_note": "Aanvragen via VJN/Kadernota 2022",
        "priority": "1b",
        "municipalities": DOWR,
        "score": (3, 5, 3, "2"),
        "costs": [
            ("D", "i", 2022, 34_000, 34_000),
            ("D", "i", 2023, 63_000, 0),
            ("D", "i", 2024, 63_000, 0),
            ("OW", "i", 2022, 13_000, 0),
            ("OW", "i", 2023, 19_000, 0),
            ("OW", "i", 2024, 19_000, 0),
            ("R", "i", 2022, 18_000, 0),
            ("R", "i", 2023, 29_000, 0),
            ("R", "i", 2024, 29_000, 0),
        ]
        + each("D", "s", [2024, 2025], 19_000)
        + each("OW", "s", [2024, 2025], 3_000)
        + each("R", "s", [2024, 2025], 7_000),
    },
    {
        "number": 5,
        "title": "Management informatie t.b.v. sturing op inzet van ondersteuning",
        "goal": "Doel 2 en 3",
        "action_lines": "BD",
        "benefits": "Actuele, tijdige en juiste informatie ter ondersteuning van de "
        "bedrijfsvoering",
        "duration": "2023 - 2024",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "De nieuwe applicatie(s) uit de aanbesteding applicatie sociaal domein.",
        "financing_note": "Aanvragen via VJN/Kadernota 2022",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": each("D", "i", [2023, 2024], 42_000)
        + each("OW", "i", [2023, 2024], 17_000)
        + each("R", "i", [2023, 2024], 23_000),
    },
    {
        "number": 6,
        "title": "Verbeteren informatievoorziening contractmanagement zorgleveranciers",
        "explanation": "Toezien op naleving van (zorg)contracten levert meer dienstverlening naar "
        "de inwoners op.",
        "goal": "Doel 3",
        "action_lines": "B",
        "benefits": "Effectiviteit van gelden voor inwoners van wetten neemt toe: meer geld voor "
        "zorg.",
        "duration": "2023 - 2024",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "applications": "Nader te bepalen.",
        "financing_note": "Aanvragen via VJN/Kadernota 2022",
        "priority": "2",
        "municipalities": DOWR,
        "score": (3, 5, 3, "1.5"),
        "costs": [
            ("D", "i", 2023, 46_000, 0),
            ("OW", "i", 2023, 10_000, 0),
            ("R", "i", 2023, 18_000, 0),
        ]
        + each("D", "s", range(2023, 2026), 8_000)
        + each("OW", "s", range(2023, 2026), 1_000)
        + each("R", "s", range(2023, 2026), 3_000),
    },
    {
        "number": 7,
        "title": "Doorontwikkeling informatievoorziening Budget Adviesbureau Deventer (BAD)",
        "explanation": "Voor het geval er nieuwe functionaliteiten nodig zijn voor "
        "Beschermingsbewind en de eventuele vervanging van de applicatie BAD zijn genoemde "
        "bedragen als richtbedragen uitgewerkt",
        "goal": "Doel 3",
        "action_lines": "A",
        "benefits": "Soepelere bedrijfsvoering met snellere en verbreding dienstverlening",
        "duration": "2022 – 2025",
        "organisations": "Deventer (BAD)",
        "applications": "Allegro; Extendis",
        "financing_note": "Aanvragen via VJN; structureel 2025 € 67.000 gedekt.",
        "priority": "2",
        "municipalities": ("D",),
        "score": (3, 3, 3, "2"),
        "costs": each("D", "i", range(2022, 2025), 11_000)
        + [("D", "i", 2025, 191_000, 0)]
        + each("D", "s", range(2022, 2025), 5_000)
        + [("D", "s", 2025, 72_000, 67_000)],
    },
    {
        "number": 8,
        "title": "Informatievoorziening Beschermd wonen",
        "explanation": "Onderzoek naar alternatieven voor de dienstverlening van Khonraad (Wvggz)",
        "goal": "Doel 3",
        "action_lines": "B",
        "benefits": "Efficiëntere dienstverlening",
        "duration": "2022",
        "organisations": "Deventer, Olst-Wijhe en Raalte",
        "financing_note": "Als PM-post opgenomen; kosten zijn nog niet geraamd",
        "priority": "AO",
        "municipalities": DOWR,
        "score": None,
        "costs": pm("i", [2022]),
    },
]

INITIATIVES = {
    "Bedrijfsvoering": BEDRIJFSVOERING,
    "Dienstverlening en participatie": DIENSTVERLENING,
    "Fysiek, economie en openbare orde en veiligheid": FYSIEK,
    "Sociaal": SOCIAAL,
}

# The vervangingskalender (bedrijfsvoering, Bijlage 1) and the aanbestedingskalender
# (dienstverlening, 4.2): supplier, title, end date, organisation as printed, municipalities,
# total over four years, procurement route, the initiative that replaces it.
CONTRACTS = [
    ("Detron", "Serviceovereenkomst DOWR Telefonie", "2021-03-01", "DOWR-I", DOWR, 66_923,
     "aanbesteding", None),
    ("Gemalto / Kahuna", "SafeNet SAS Cloud Subscription", "2021-03-06", "DOWR-I", DOWR,
     115_709, "aanbesteding", None),
    ("Gemalto / Kahuna", "SafeNet SAS Cloud Subscription", "2021-03-06", "DOWR-I", DOWR, 9_643,
     "onderhands", None),
    ("PRLG", "CiVision Makelaar Gegevens en Gegevensmagazijn Raalte", "2021-12-31", "Raalte",
     ("R",), 108_072, "aanbesteding", None),
    ("TSA", "Elektor Verkiezingssoftware Deventer", "2022-12-31", "Deventer", ("D",), 6_500,
     "onderhands", None),
    ("TSA", "Elektor Verkiezingssoftware Olst-Wijhe", "2022-12-31", "Olst-Wijhe", ("OW",),
     2_340, "onderhands", None),
    ("TSA", "Elektor Verkiezingssoftware Raalte", "2022-12-31", "Raalte", ("R",), 2_340,
     "onderhands", None),
    ("C-Content", "My-Lex Overheid softwarelicentie", "2023-04-01",
     "Deventer; Raalte; Olst-Wijhe", DOWR, 106_080, "aanbesteding", None),
    ("Microsoft", "M365 E3 From SA, mon Subscr Per User", "2023-07-01", "DOWR-I", DOWR,
     2_277_181, "europees", None),
    ("Microsoft", "Enterprise Mobility + Security E3 & Office 365 Enterprise E3 & Intune & "
     "Office 365 E3", "2023-07-01", "DOWR-I", DOWR, 60_014, "aanbesteding", None),
    ("PRLG", "IBurgerzaken OW Pink Cipers Hosting inclusief Cipers e.d.", "2023-12-31",
     "Olst-Wijhe", ("OW",), 52_221, "aanbesteding", None),
    ("TopDesk", "TopDesk SAAS Service management Onderhoud ICT en FZ", "2025-03-31",
     "DOWR-FZ; DOWR-I", DOWR, 133_848, "aanbesteding", None),
    ("ATOS /PinkRocade", "E-Suite en Burgerzakenmodules", "2032-07-01", "DOWR", DOWR, None,
     "europees", ("Dienstverlening en participatie", 7)),
]  # fmt: skip
