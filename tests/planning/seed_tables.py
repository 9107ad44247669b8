"""Seed 004's printed figures: the score table (Bijlage 1) and Deventer's totals (Tabel 1).

Copied from ``/work/shared/seeds/004_67ea0fb870c62966.txt`` as printed; the tests compare the
demo data with them. Amounts in thousands of euros, as the seed prints them.
"""

# (name in the seed's score table, score as printed, title of the demo initiative)
SCORES = [
    ("Visie common ground", "8,7", "Visie Common Ground"),
    ("Datagedreven werken", "8,7", "Datagedreven werken"),
    ("Beter sturen op digitalisering/ digitaal leiderschap", "6,5",
     "Beter sturen op digitalisering/digitaal leiderschap"),
    ("Management informatie", "1,5", "Management informatie"),
    ("Vervolg RPA-pilot", "4,5", "Vervolg RPA-pilot"),
    ("Gewenste architectuur voor interactie klant-gemeente", "7,3",
     "Gewenste architectuur voor interactie klant-gemeente"),
    ("KISS (Klant Interactie Service Systeem)", "7,3", "Klant interactie systeem (KISS)"),
    ("Identiteitscontrole (Oribi)", "3,5", "Identiteitscontrole (Oribi)"),
    ("Website", "3,5", "Website"),
    ("Doorontwikkeling digitale dienstverlening burgerzaken", "4,5",
     "Doorontwikkeling digitale dienstverlening burgerzaken"),
    ("Participatieplatform", "7,3", "Participatieplatform"),
    ("i4Sociaal", "8,7", "i4Sociaal"),
    ("Ontwikkelen digitale interactie inwoner en gemeente Sociaal Domein", "6,0",
     "Ontwikkelen digitale interactie inwoner en gemeente Sociaal Domein"),
    ("Eenmalige uitvraag van gegevens", "5,5", "Eenmalige uitvraag van gegevens"),
    ("Verbeteren informatievoorziening contractmanagement zorgleveranciers", "7,3",
     "Verbeteren informatievoorziening contractmanagement zorgleveranciers"),
    ("Doorontwikkeling informatievoorziening Budget Adviesbureau Deventer (BAD)", "4,5",
     "Doorontwikkeling informatievoorziening Budget Adviesbureau Deventer (BAD)"),
    ("Smart City", "6,5", "Smart City"),
    ("Benutten 5G netwerk", "6,5", "Benutten 5G netwerk"),
    ("registratie en monitoringsysteem zoeken op persoon en adres (over systemen heen)", "4,5",
     "Registratie en monitoringsystemen ondermijning"),
    ("(OOV, 1b, name left blank in the seed)", "3,5",
     "Zoeken op adres of persoon over meerdere systemen heen"),
]  # fmt: skip

DOMAIN_NAMES = {
    "Bedrijfsvoering": "Bedrijfsvoering",
    "Dienstverlening": "Dienstverlening en participatie",
    "Fysiek, openbare orde en veiligheid": "Fysiek, economie en openbare orde en veiligheid",
    "Sociaal": "Sociaal",
}

# Deventer, bedragen x € 1.000: row -> (needed 2022–2025, to request 2022–2025)
DEVENTER = {
    ("incidental", "domain"): {
        "Bedrijfsvoering": ((329, 65, 65, 65), (279, 0, 0, 0)),
        "Dienstverlening": ((425, 361, 0, 0), (422, 361, 0, 0)),
        "Fysiek, openbare orde en veiligheid": ((138, 0, 0, 0), (73, 0, 0, 0)),
        "Sociaal": ((206, 304, 302, 230), (5, 154, 152, 13)),
        "Totaal": ((1098, 730, 367, 295), (780, 515, 152, 13)),
    },
    ("structural", "domain"): {
        "Bedrijfsvoering": ((13, 377, 377, 377), (13, 13, 13, 13)),
        "Dienstverlening": ((30, 30, 30, 30), (8, 8, 8, 8)),
        "Fysiek, openbare orde en veiligheid": ((102, 102, 102, 102), (50, 50, 50, 50)),
        "Sociaal": ((11, 57, 56, 236), (11, 57, 56, 236)),
        "Totaal": ((156, 566, 565, 745), (82, 128, 127, 307)),
    },
    ("incidental", "priority"): {
        "AO": ((689, 403, 42, 0), (625, 403, 42, 0)),
        "1a": ((370, 251, 249, 215), (150, 36, 34, 0)),
        "1b": ((34, 63, 63, 0), (0, 63, 63, 0)),
        "2": ((5, 13, 13, 80), (5, 13, 13, 13)),
        "Totaal": ((1098, 730, 367, 295), (780, 515, 152, 13)),
    },
    ("structural", "priority"): {
        "AO": ((52, 52, 52, 52), (0, 0, 0, 0)),
        "1a": ((30, 394, 420, 420), (8, 8, 34, 34)),
        "1b": ((13, 13, 32, 32), (13, 13, 32, 32)),
        "2": ((61, 107, 61, 241), (61, 107, 61, 241)),
        "Totaal": ((156, 566, 565, 745), (82, 128, 127, 307)),
    },
}
