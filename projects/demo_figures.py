# ruff: noqa: E501 (data file: one readable line per Dutch sentence)
"""Demo figures for the Rotterdam programmes: frame decisions, milestones, risks, forecasts.

Pure data, like ``demo_data``. Dates, events and risks follow the texts in seed 000 (and the
period 2022-3 texts written for the demo); for example ADIDAS's Thomas DUP delivery moving six
months to June 2024, Sorga's last product group in April 2023 and its closing on 30 June 2023,
and RDI's €1.5 million from the Anders Werken business case. The seeds give no programme budgets
(seed 001 only has the portfolio's ICT costs, about €148 million a year), so the euro amounts are
illustrative, sized so that each forecast gives the colour the programme itself chose — except
where the figures disagree with a light, which is what the signals are for (Sorga's time: six
months past the original end of 2022 while the light is orange).

Per programme: ``decisions`` (the frame; loaded once their date has passed), ``milestones`` with
the forecast and actual date as reported in each period, ``risks`` with likelihood, impact and
state per period (a risk is in the register from the first period that lists it), and
``reports``: forecast at completion, spent to date and forecast end date per period.
"""

# (forecast, actual) per period key; None where unknown.
FIGURES = {
    "adidas": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2020-12-17",
                "decided_by": "Gemeenteraad",
                "reference": "Raadsvoorstel vervanging G4-dienstverlening (Thomas)",
                "budget": "12400000",
                "end_date": "2023-12-31",
            },
        ],
        "milestones": [
            {
                "name": "Thomas ALO en IOAW in gebruik",
                "baseline": "2021-10-01",
                "periods": {"2022-3": (None, "2021-11-15"), "2023-1": (None, "2021-11-15")},
            },
            {
                "name": "Start implementatie standaardsoftware MAAS",
                "baseline": "2023-03-01",
                "periods": {"2022-3": ("2023-03-01", None), "2023-1": (None, "2023-04-03")},
            },
            {
                "name": "Oplevering Thomas DUP",
                "baseline": "2023-12-31",
                "periods": {"2022-3": ("2024-02-29", None), "2023-1": ("2024-06-30", None)},
                "note": "Herijkte planning volgt met het nieuwe programmaplan.",
            },
            {
                "name": "RMW buiten gebruik",
                "baseline": "2023-12-31",
                "periods": {"2022-3": ("2024-03-31", None), "2023-1": ("2024-09-30", None)},
                "note": "Verlenging van de beschikbaarheid van RMW ná eind 2023 in gesprek.",
            },
        ],
        "risks": [
            {
                "title": "Verloop in het team vertraagt de ontwikkeling",
                "cause": "Hoog verloop en afhankelijkheid van inhuurcontracten.",
                "measure": "Team op volle sterkte brengen; marktverkenning naar outtasken van delen "
                "van de dienstverlening.",
                "owner": "Programmamanager ADIDAS",
                "periods": {"2022-3": (4, 4, "open"), "2023-1": (3, 4, "mitigating")},
            },
            {
                "title": "RMW niet beschikbaar na eind 2023",
                "cause": "Thomas DUP wordt later opgeleverd dan RMW beschikbaar is.",
                "measure": "Afspraken met de betrokken partijen over verlenging van RMW.",
                "owner": "Directeur IIFO",
                "periods": {"2022-3": (3, 5, "open"), "2023-1": (4, 5, "mitigating")},
            },
            {
                "title": "Meerkosten door uitloop",
                "cause": "Langer inzetten van het programmateam en langer in de lucht houden van RMW.",
                "measure": "Financiële impact in kaart brengen in het nieuwe programmaplan; "
                "dekkingsvoorstel in de begroting 2024.",
                "owner": "Ambtelijk opdrachtgevers W&I en IIFO",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (5, 3, "open")},
            },
            {
                "title": "Verschillende werkwijzen tussen projectonderdelen",
                "cause": "Onduidelijke rollen en werkwijze.",
                "measure": "Rollen en werkwijze verduidelijkt; besturing verstevigd.",
                "owner": "Programmamanager ADIDAS",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (2, 3, "mitigating")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "13100000", "spent": "7900000", "end": "2024-02-29"},
            "2023-1": {"forecast": "13890000", "spent": "9150000", "end": "2024-06-30"},
        },
    },
    "dgw": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-03-11",
                "decided_by": "College van B en W",
                "reference": "Datastrategie ‘Daden met Data’ 2021-2025, Digitaliseringsagenda",
                "budget": "4800000",
                "end_date": "2023-12-31",
            },
        ],
        "milestones": [
            {
                "name": "Datagovernance vastgesteld",
                "baseline": "2022-09-30",
                "periods": {"2022-3": (None, "2022-11-29"), "2023-1": (None, "2022-11-29")},
            },
            {
                "name": "Chief Data Officer geworven",
                "baseline": "2023-06-30",
                "periods": {"2022-3": ("2023-06-30", None), "2023-1": (None, "2023-05-25")},
            },
            {
                "name": "Voorstellen overdracht actielijnen ingediend",
                "baseline": "2023-06-30",
                "periods": {"2022-3": ("2023-06-30", None), "2023-1": ("2023-06-30", None)},
            },
            {
                "name": "Overdracht aan de lijn van BCO/IIFO, programma afgerond",
                "baseline": "2023-12-31",
                "periods": {"2022-3": ("2023-12-31", None), "2023-1": ("2023-12-31", None)},
            },
        ],
        "risks": [
            {
                "title": "Borging van de actielijnen in de lijn niet geregeld",
                "cause": "Het programma eindigt in 2023; de lijn van BCO/IIFO is nog niet ingericht.",
                "measure": "Per actielijn een voorstel voor overdracht; CDO neemt de regierol over.",
                "owner": "Directeur BCO",
                "periods": {"2022-3": (4, 4, "open"), "2023-1": (2, 4, "mitigating")},
            },
            {
                "title": "Geen structurele financiering voor DAP’R en het datafundament",
                "cause": "Voorzieningen zijn tijdelijk gefinancierd uit de Digitaliseringsagenda.",
                "measure": "Voorstellen voor structurele financiering van Data Diensten en Data "
                "Office.",
                "owner": "Directeur BCO",
                "periods": {"2022-3": (3, 4, "open"), "2023-1": (2, 3, "mitigating")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "4780000", "spent": "3350000", "end": "2023-12-31"},
            "2023-1": {"forecast": "4760000", "spent": "3900000", "end": "2023-12-31"},
        },
    },
    "digitale-stad": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-12-16",
                "decided_by": "Gemeenteraad",
                "reference": "Digitaliseringsagenda 2022-2023, inclusief toegezegde dekking 2024",
                "budget": "9600000",
                "end_date": "2024-12-31",
            },
        ],
        "milestones": [
            {
                "name": "Gunningsbesluit Open Urban Platform",
                "baseline": "2022-10-31",
                "periods": {"2022-3": (None, "2022-12-22"), "2023-1": (None, "2022-12-22")},
            },
            {
                "name": "Prototype co-creatie getest met burgers",
                "baseline": "2023-03-31",
                "periods": {"2022-3": ("2023-03-31", None), "2023-1": (None, "2023-03-24")},
            },
            {
                "name": "Eerste versie Open Urban Platform met 3D Digital Twin",
                "baseline": "2023-09-30",
                "periods": {"2022-3": ("2023-12-31", None), "2023-1": ("2023-12-31", None)},
            },
            {
                "name": "Vergunningcheck service: eerste versie (MVP)",
                "baseline": "2023-12-31",
                "periods": {"2022-3": ("2023-12-31", None), "2023-1": ("2023-12-31", None)},
            },
        ],
        "risks": [
            {
                "title": "Dekking voor 2024 niet gevonden",
                "cause": "De Digitaliseringsagenda bestrijkt 2022-2023.",
                "measure": "Agenderen in de Stuurgroep Datastrategie van 13 juni.",
                "owner": "Directeur IIFO",
                "periods": {"2022-3": (3, 4, "open"), "2023-1": (3, 4, "open")},
            },
            {
                "title": "Latere start van de realisatie van het OUP",
                "cause": "De aanbesteding heeft meer tijd gevraagd dan gepland.",
                "measure": "Planning van de volgende fasen aangepast.",
                "owner": "Programmamanager Digitale Stad",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (2, 3, "mitigating")},
            },
            {
                "title": "Afhankelijkheid van partners in het Grenzeloos Datalandschap",
                "cause": "Standaardisatie vraagt medewerking van externe partijen (Evides, Stedin).",
                "measure": "Gezamenlijke pilot SIDO; architectuur op hoofdlijnen.",
                "owner": "Programmamanager Digitale Stad",
                "periods": {"2023-1": (2, 3, "open")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "9750000", "spent": "3600000", "end": "2024-12-31"},
            "2023-1": {"forecast": "9800000", "spent": "4450000", "end": "2024-12-31"},
        },
    },
    "forza-mor": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-06-24",
                "decided_by": "College van B en W",
                "reference": "Programmaplan Forza MOR",
                "budget": "8200000",
                "end_date": "2024-12-31",
            },
        ],
        "milestones": [
            {
                "name": "MeldR stabiel en actueel",
                "baseline": "2023-03-31",
                "periods": {"2022-3": ("2023-03-31", None), "2023-1": (None, "2023-04-14")},
            },
            {
                "name": "Mid-office ingericht",
                "baseline": "2023-06-30",
                "periods": {"2022-3": ("2023-06-30", None), "2023-1": ("2023-06-30", None)},
            },
            {
                "name": "FixeR in gebruik bij Inzameling",
                "baseline": "2023-10-31",
                "periods": {"2022-3": ("2023-10-31", None), "2023-1": ("2023-10-31", None)},
            },
            {
                "name": "Meldingen Systeem Buitenruimte vervangen",
                "baseline": "2024-12-31",
                "periods": {"2022-3": ("2024-12-31", None), "2023-1": ("2024-12-31", None)},
            },
        ],
        "risks": [
            {
                "title": "IIFO kan de benodigde ICT-capaciteit niet leveren",
                "cause": "Ontwikkeling en beheer volgens common ground vragen schaarse kennis.",
                "measure": "Kennis en kunde extern verkrijgen; afspraken met IIFO over gezamenlijk "
                "ontwikkelen en beheren.",
                "owner": "Directeur Stadsbeheer",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (4, 3, "open")},
            },
            {
                "title": "Nieuwe manier van ontwikkelen niet verankerd in de organisatie",
                "cause": "Afhankelijkheid van externe ontwikkelaars.",
                "measure": "Onderzoek naar beheer van common ground software door IIFO.",
                "owner": "Programmamanager Forza MOR",
                "periods": {"2022-3": (3, 3, "open"), "2023-1": (3, 3, "open")},
            },
            {
                "title": "Achterstallig beheer van MeldR",
                "cause": "Beheer en onderhoud van MeldR waren niet up to date.",
                "measure": "MeldR stabiel en actueel gemaakt.",
                "owner": "Programmamanager Forza MOR",
                "periods": {"2022-3": (3, 2, "open"), "2023-1": (1, 2, "closed")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "8150000", "spent": "4100000", "end": "2024-12-31"},
            "2023-1": {"forecast": "8100000", "spent": "4850000", "end": "2024-12-31"},
        },
    },
    "great": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-07-08",
                "decided_by": "Gemeenteraad",
                "reference": "Raadsvoorstel vervanging systeem concernadministratie (GREAT)",
                "budget": "31500000",
                "end_date": "2024-01-01",
            },
        ],
        "milestones": [
            {
                "name": "Functionele ontwerpen afgerond",
                "baseline": "2022-10-31",
                "periods": {"2022-3": ("2023-01-31", None), "2023-1": (None, "2023-01-31")},
            },
            {
                "name": "Bouw standaardsoftware en maatwerk gereed",
                "baseline": "2023-09-01",
                "periods": {"2022-3": ("2023-09-01", None), "2023-1": ("2023-09-01", None)},
            },
            {
                "name": "Testen en training afgerond",
                "baseline": "2023-12-15",
                "periods": {"2022-3": ("2023-12-15", None), "2023-1": ("2023-12-15", None)},
            },
            {
                "name": "Livegang in de Oracle Cloud",
                "baseline": "2024-01-01",
                "periods": {"2022-3": ("2024-01-01", None), "2023-1": ("2024-01-01", None)},
            },
        ],
        "risks": [
            {
                "title": "Geen uitloopruimte meer in de planning",
                "cause": "De ‘loze’ maanden zijn benut voor de functionele ontwerpen.",
                "measure": "Strakke sturing op de breed gedragen planning.",
                "owner": "Projectmanager GREAT",
                "periods": {"2022-3": (3, 5, "open"), "2023-1": (3, 5, "open")},
            },
            {
                "title": "Kwaliteit van het eindproduct nog beperkt te controleren",
                "cause": "Er is nog geen product; functionaliteit komt gefaseerd beschikbaar.",
                "measure": "Alle mogelijke systeem- en functionaliteitstesten nu; vanaf september "
                "overige testen.",
                "owner": "Projectmanager GREAT",
                "periods": {"2023-1": (3, 4, "mitigating")},
            },
            {
                "title": "Onvoldoende betrokkenheid van de clusters",
                "cause": "6500 gebruikers en 1100 leidinggevenden krijgen met de overgang te maken.",
                "measure": "Communicatie over de impact per gebruiker; opleidingsmateriaal.",
                "owner": "Directeur BCO",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (4, 3, "mitigating")},
            },
            {
                "title": "Kosten voor interne uren lopen op",
                "cause": "Meer inzet van eigen medewerkers dan begroot.",
                "measure": "Sturen op de kosten voor interne uren.",
                "owner": "Projectmanager GREAT",
                "periods": {"2022-3": (3, 3, "open"), "2023-1": (3, 3, "open")},
            },
            {
                "title": "Sleutelfuncties met specifieke kennis niet beschikbaar",
                "cause": "Krapte op de arbeidsmarkt.",
                "measure": "Vroegtijdig werven en kennis borgen in het team.",
                "owner": "Projectmanager GREAT",
                "periods": {"2022-3": (3, 4, "open"), "2023-1": (3, 4, "open")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "33300000", "spent": "12800000", "end": "2024-01-01"},
            # Exactly 5.0 % over budget: the orange threshold, reached.
            "2023-1": {"forecast": "33075000", "spent": "17400000", "end": "2024-01-01"},
        },
    },
    "rave": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-02-04",
                "decided_by": "College van B en W",
                "reference": "Besluit vervanging e-Suite, fase 2021-2023",
                "budget": "6400000",
                "end_date": "2027-12-31",
            },
        ],
        "milestones": [
            {
                "name": "Keten voor PodiumD-formulieren technisch opgeleverd",
                "baseline": "2023-06-30",
                "periods": {"2022-3": ("2023-09-30", None), "2023-1": ("2023-06-30", None)},
            },
            {
                "name": "Eerste aanvraagformulieren omgezet",
                "baseline": "2023-09-30",
                "periods": {"2022-3": ("2023-12-31", None), "2023-1": ("2023-09-30", None)},
            },
            {
                "name": "Beproeving zaakafhandelcomponent Ritense",
                "baseline": "2023-12-31",
                "periods": {"2023-1": ("2023-12-31", None)},
            },
            {
                "name": "e-Suite buiten gebruik",
                "baseline": "2027-12-31",
                "periods": {"2022-3": ("2028-01-31", None), "2023-1": ("2027-12-31", None)},
            },
        ],
        "risks": [
            {
                "title": "Nieuwe componenten vervangen de functionaliteit van de e-Suite niet volledig",
                "cause": "Productontwikkeling bij Dimpact (PodiumD) en Beyond23 loopt nog.",
                "measure": "Directe inbreng in architectuur en strategie van Beyond23.",
                "owner": "Programmamanager RAVE",
                "periods": {"2022-3": (4, 4, "open"), "2023-1": (4, 4, "open")},
            },
            {
                "title": "Onzekere planning van de leverancier",
                "cause": "Oplevering van componenten door Dimpact en leveranciers.",
                "measure": "Nadere afspraken over de planning; betere planning vanuit de leverancier.",
                "owner": "Programmamanager RAVE",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (2, 3, "mitigating")},
            },
            {
                "title": "Geen dekking voor 2024-2027",
                "cause": "Bezuinigingen; de huidige middelen dekken de fase tot en met 2023.",
                "measure": "De ambtelijke organisatie zoekt dekking.",
                "owner": "Directeur IIFO",
                "periods": {"2022-3": (3, 4, "open"), "2023-1": (3, 4, "open")},
            },
            {
                "title": "Krapte op de arbeidsmarkt",
                "cause": "Schaarse kennis van zaakgericht werken en Common Ground.",
                "measure": "Kennis delen met Dimpact-gemeenten.",
                "owner": "Programmamanager RAVE",
                "periods": {"2023-1": (3, 3, "open")},
            },
        ],
        "reports": {
            # Exactly one month late: the orange threshold for time, reached.
            "2022-3": {"forecast": "6850000", "spent": "2300000", "end": "2028-01-31"},
            "2023-1": {"forecast": "6850000", "spent": "2900000", "end": "2027-12-31"},
        },
    },
    "rdi": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2021-05-20",
                "decided_by": "Gemeenteraad",
                "reference": "Programmaplan Rotterdamse Digitale Infrastructuur",
                "budget": "21000000",
                "end_date": "2024-12-31",
            },
            {
                "kind": "rebaseline",
                "decided_on": "2023-04-18",
                "decided_by": "College van B en W",
                "reference": "Besluit BusinessCase Anders Werken",
                "budget": "22500000",
                "note": "€ 1,5 miljoen toegevoegd vanuit de BusinessCase Anders Werken.",
            },
        ],
        "milestones": [
            {
                "name": "IAM-platform voor burgers en bedrijven in productie",
                "baseline": "2022-10-31",
                "periods": {"2022-3": (None, "2022-11-07"), "2023-1": (None, "2022-11-07")},
            },
            {
                "name": "Medewerkers over naar de Rotterdamse werkplek-hub (VMWare)",
                "baseline": "2022-12-31",
                "periods": {"2022-3": ("2023-07-31", None), "2023-1": ("2023-07-31", None)},
                "note": "Migratie uitgesteld tot medio 2023 door samenhang met andere "
                "technologische ontwikkelingen.",
            },
            {
                "name": "Hernieuwd IAM-platform voor medewerkers live",
                "baseline": "2023-04-30",
                "periods": {"2022-3": ("2023-04-30", None), "2023-1": (None, "2023-04-17")},
            },
            {
                "name": "Applicaties op oude technologie gemigreerd naar IAM",
                "baseline": "2023-06-30",
                "periods": {"2022-3": ("2023-06-30", None), "2023-1": ("2023-06-30", None)},
            },
        ],
        "risks": [
            {
                "title": "Tekort in de prognose 2023",
                "cause": "Hogere kosten van de infrastructuur en de werkomgeving.",
                "measure": "Middelen uit de BusinessCase Anders Werken; halfjaarlijkse ijking.",
                "owner": "Directeur IIFO",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (1, 3, "closed")},
            },
            {
                "title": "Vertraging van de migratie naar de werkplek-hub",
                "cause": "Samenhang tussen de technologische ontwikkelingen in de sporen.",
                "measure": "Planning van de deelprojecten op elkaar afgestemd.",
                "owner": "Programmamanager RDI",
                "periods": {"2022-3": (3, 3, "open"), "2023-1": (2, 3, "mitigating")},
            },
            {
                "title": "Clusters leveren te weinig inzet voor rolgebaseerde toegang",
                "cause": "Inrichting vraagt vooral kennis en tijd van de clusters.",
                "measure": "Pilot met Maatschappelijke Ontwikkeling als voorbeeld voor de andere "
                "clusters.",
                "owner": "Programmamanager RDI",
                "periods": {"2022-3": (3, 3, "open"), "2023-1": (3, 3, "open")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "22400000", "spent": "11200000", "end": "2024-12-31"},
            "2023-1": {"forecast": "22400000", "spent": "13600000", "end": "2024-12-31"},
        },
    },
    "sorga": {
        "decisions": [
            {
                "kind": "original",
                "decided_on": "2020-06-25",
                "decided_by": "College van B en W",
                "reference": "Besluit overname Sorga van Wigo4it",
                "budget": "6800000",
                "end_date": "2022-12-31",
            },
        ],
        "milestones": [
            {
                "name": "Productgroepen Hulpmiddelen Koop en PGB geïmplementeerd",
                "baseline": "2022-09-30",
                "periods": {"2022-3": ("2023-02-28", None), "2023-1": (None, "2023-02-08")},
            },
            {
                "name": "Laatste productgroep (Wmo-maatwerkvoorzieningen) geïmplementeerd",
                "baseline": "2022-11-30",
                "periods": {"2022-3": ("2023-04-30", None), "2023-1": (None, "2023-04-19")},
                "note": "Daarna wordt niet meer gewerkt in Socrates Zorg.",
            },
            {
                "name": "Omzetting applicatie Sorga van Wigo4it naar Gemeente Rotterdam",
                "baseline": "2022-12-31",
                "periods": {"2022-3": ("2023-05-31", None), "2023-1": (None, "2023-06-02")},
            },
            {
                "name": "Programma afgerond en overgedragen aan de lijn",
                "baseline": "2022-12-31",
                "periods": {"2022-3": ("2023-06-30", None), "2023-1": ("2023-06-30", None)},
                "note": "Werkzaamheden rond de overdracht mogelijk nog in juli.",
            },
        ],
        "risks": [
            {
                "title": "Overdracht aan de lijnorganisatie onvoldoende geregeld",
                "cause": "Veel afhankelijkheden tussen de lijnorganisatie en het programma.",
                "measure": "Overdracht wordt opgetuigd; extra aandacht in de stuurgroep.",
                "owner": "Directeur Maatschappelijke Ontwikkeling",
                "periods": {"2022-3": (3, 4, "open"), "2023-1": (3, 4, "mitigating")},
            },
            {
                "title": "Capaciteit gedeeld met het programma nieuwe inkoop Jeugdzorg",
                "cause": "Extern ingehuurde medewerkers zijn geschoven tussen de programma’s.",
                "measure": "Planning van beide programma’s afgestemd.",
                "owner": "Programmamanager Sorga",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (2, 3, "mitigating")},
            },
            {
                "title": "Geen budget gereserveerd voor 2023",
                "cause": "Het programma zou eind 2022 worden afgerond.",
                "measure": "Maandelijkse prognoses; gesprekken met de lijn over financiering.",
                "owner": "Directeur Maatschappelijke Ontwikkeling",
                "periods": {"2022-3": (4, 3, "open"), "2023-1": (4, 3, "open")},
            },
        ],
        "reports": {
            "2022-3": {"forecast": "7200000", "spent": "6500000", "end": "2023-04-30"},
            "2023-1": {"forecast": "7250000", "spent": "7050000", "end": "2023-06-30"},
        },
    },
}
