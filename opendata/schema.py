"""The tables of the open-data package: every field with its type, Dutch and English description,
and the codes a field may hold. One definition that the CSV, the spreadsheet's *Toelichting*
sheet, the Table Schema in ``datapackage.json`` and the import (``importopendata``) all read.

Values a person reads are Dutch (``groen``, ``oranje``, ``rood``); each coded field lists its
codes with their meaning in both languages, so the package explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from projects.choices import Aspect, Rating

# Dutch codes for the stored English ones, with their meaning (NL, EN).
COLOURS = {
    Rating.GREEN: ("groen", "geen bijsturing nodig", "green: no steering needed"),
    Rating.ORANGE: ("oranje", "bijsturing nog mogelijk", "orange: steering still possible"),
    Rating.RED: ("rood", "aandacht/maatregelen nodig", "red: attention/measures needed"),
}
ASPECTS = {
    Aspect.QUALITY: ("kwaliteit", "kwaliteit", "quality"),
    Aspect.MONEY: ("geld", "geld", "money"),
    Aspect.TIME: ("tijd", "tijd", "time"),
    Aspect.RISK: ("risico's", "risico's", "risks"),
}
KINDS = {
    "programme": ("programma", "programma", "programme"),
    "project": ("project", "project", "project"),
    "track": ("spoor", "spoor (deelproject) van een programma", "track of a programme"),
}
PUBLICATION = {
    "published": ("gepubliceerd", "met eigen rapportage gepubliceerd", "published with a report"),
    "excluded": ("uitgesloten", "niet gepubliceerd, met reden", "left out, with the reason"),
    "within": ("binnen programma", "gerapporteerd binnen het programma", "reported in programme"),
}
DECISION_KINDS = {
    "original": ("oorspronkelijk", "oorspronkelijk kader", "original baseline"),
    "rebaseline": ("herijking", "herijking van het kader", "re-baseline"),
}
FRAMES = {
    "original": ("oorspronkelijk", "tegen het oorspronkelijke kader", "against the original"),
    "current": ("huidig", "tegen het huidige kader (laatste herijking)", "against the current"),
}
UNITS = {
    "percent": ("procent", "afwijking in procenten van het budget", "percent of the budget"),
    "months": ("maanden", "afwijking in maanden van de einddatum", "months past the end date"),
}
MILESTONE_STATES = {
    "achieved": ("behaald", "behaald", "achieved"),
    "achieved_late": ("later behaald", "behaald, later dan gepland", "achieved late"),
    "late": ("verwacht later", "nog niet behaald, verwacht later", "expected late"),
    "on_track": ("op schema", "nog niet behaald, op schema", "on schedule"),
}
RISK_STATES = {
    "open": ("open", "open", "open"),
    "mitigating": ("maatregelen lopen", "maatregelen lopen", "measures in progress"),
    "closed": ("gesloten", "gesloten", "closed"),
}
RISK_LEVELS = {
    "high": ("hoog", "hoog (score 15–25)", "high (score 15–25)"),
    "medium": ("middel", "middel (score 6–12)", "medium (score 6–12)"),
    "low": ("laag", "laag (score 1–5)", "low (score 1–5)"),
}


def dutch(codes: dict, key) -> str:
    """The Dutch value for a stored code; empty for none."""
    return codes[key][0] if key else ""


def stored(codes: dict, value: str):
    """The stored code for a Dutch value (the import); None for an empty cell."""
    if not value:
        return None
    return next(key for key, (word, *_meaning) in codes.items() if word == value)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema: string, integer, number, date, datetime, boolean
    nl: str
    en: str
    codes: dict | None = None
    required: bool = False

    def descriptor(self) -> dict:
        """The Table Schema field: Dutch description, English beside it, codes as an enum."""
        found = {
            "name": self.name,
            "type": self.type,
            "title": self.nl.split(".")[0],
            "description": self.nl + self._codes_text(1),
            "description_en": self.en + self._codes_text(2),
        }
        if self.type == "number":
            found["decimalChar"] = "."
        constraints = {"required": True} if self.required else {}
        if self.codes:
            constraints["enum"] = [word for word, *_meaning in self.codes.values()]
        if constraints:
            found["constraints"] = constraints
        return found

    def _codes_text(self, language: int) -> str:
        if not self.codes:
            return ""
        words = "; ".join(f"{item[0]} = {item[language]}" for item in self.codes.values())
        return f" ({words})"


@dataclass(frozen=True)
class Table:
    name: str
    nl: str
    en: str
    fields: list[Field] = field(default_factory=list)
    key: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def schema(self) -> dict:
        schema = {"fields": [f.descriptor() for f in self.fields], "missingValues": [""]}
        if self.key:
            schema["primaryKey"] = self.key
        return schema


PERIOD = Field("periode", "string", "Webadres (slug) van de rapportageperiode.", "Period slug.")
PROGRAMME = Field(
    "programma", "string", "Webadres (slug) van het programma zoals gepubliceerd.",
    "Programme slug as published.", required=True,
)  # fmt: skip


def _s(name: str, nl: str, en: str, **kw) -> Field:
    return Field(name, "string", nl, en, **kw)


def _n(name: str, nl: str, en: str) -> Field:
    return Field(name, "number", nl, en)


def _d(name: str, nl: str, en: str) -> Field:
    return Field(name, "date", nl, en)


# fmt: off
TABLES = [
    Table("periode", "De rapportageperiode en de teksten die de raad las.",
          "The reporting period and the texts the council read.", [
        _s("periode", "Webadres (slug) van de periode.", "Period slug.", required=True),
        _s("naam", "Naam van de periode.", "Label of the period."),
        _d("begin", "Eerste dag van de periode.", "First day of the period."),
        _d("einde", "Laatste dag van de periode.", "Last day of the period."),
        Field("gepubliceerd_op", "datetime", "Moment van publicatie (UTC).",
              "Moment of publication (UTC)."),
        _s("inleiding", "Inleiding: wat de monitor is.", "Introduction."),
        _s("verantwoordelijkheid", "Wie verantwoordelijk is voor de inhoud.", "Responsibility."),
        _s("selectiecriteria", "Welke programma's in de monitor staan.", "Inclusion criteria."),
        _s("omschrijving_indicatoren", "Hoe programma's beoordeeld worden.",
           "How programmes are rated."),
        _s("definitie_groen", "Wat groen in deze periode betekent.", "Definition of green."),
        _s("definitie_oranje", "Wat oranje in deze periode betekent.", "Definition of orange."),
        _s("definitie_rood", "Wat rood in deze periode betekent.", "Definition of red."),
        _s("toelichting_cijfers", "Toelichting bij de cijfers (bijv. dat bedragen illustratief "
           "zijn).", "Note on the figures (e.g. that amounts are illustrative)."),
    ], ["periode"]),
    Table("programmas", "Programma's, projecten en sporen zoals gepubliceerd, met uitsluitingen.",
          "Programmes, projects and tracks as published, with exclusions.", [
        PERIOD, PROGRAMME,
        _s("naam", "Naam van het programma.", "Name of the programme."),
        _s("korte_naam", "Korte naam.", "Short name."),
        _s("soort", "Soort.", "Kind.", codes=KINDS),
        _s("onderdeel_van", "Slug van het programma waarvan dit een spoor is.",
           "Slug of the programme this is a track of."),
        Field("positie", "integer", "Volgorde in de monitor, laagste eerst.",
              "Order, lowest first."),
        _s("doel", "Doel/omschrijving.", "Goal/description."),
        _s("opdrachtgever", "Ambtelijk opdrachtgever.", "Sponsor."),
        _s("organisatieonderdeel", "Cluster of domein dat eigenaar is.", "Organisation unit."),
        _s("organisatieonderdeel_kort", "Korte naam van het organisatieonderdeel.",
           "Short name of the unit."),
        _s("portefeuillehouder", "Verantwoordelijk wethouder.", "Portfolio holder."),
        _s("portefeuille", "Portefeuille van de wethouder.", "Portfolio."),
        _s("publicatie", "Of het programma met een eigen rapportage is gepubliceerd.",
           "Whether the programme was published with its own report.", codes=PUBLICATION),
        _s("reden_uitsluiting", "Waarom het programma niet is gepubliceerd (de raad leest dit).",
           "Why it was left out (the council reads this)."),
        _s("ontwikkelingen", "Relevante actuele ontwikkelingen en korte vooruitblik.",
           "Developments and outlook."),
    ], ["periode", "programma"]),
    Table("lichten", "De vier lichten per programma, nu en in de vorige gepubliceerde periode.",
          "The four lights per programme, now and in the previous published period.", [
        PERIOD, PROGRAMME,
        _s("aspect", "Beheersaspect.", "Aspect.", codes=ASPECTS, required=True),
        _s("kleur", "Het licht in deze periode.", "The light in this period.", codes=COLOURS),
        _s("toelichting", "Toelichting bij het licht.", "Explanation of the light."),
        _s("reden_groener_dan_signaal", "Waarom het licht groener is dan het signaal uit de "
           "cijfers (alleen geld en tijd).", "Why the light is greener than the figures' signal."),
        _s("vorige_kleur", "Het licht in de vorige gepubliceerde periode.",
           "The light in the previous published period.", codes=COLOURS),
        _s("vorige_periode", "Slug van die vorige periode.", "Slug of that previous period."),
    ], ["periode", "programma", "aspect"]),
    Table("cijfers", "Geld en tijd zoals gepubliceerd.", "Money and time as published.", [
        PERIOD, PROGRAMME,
        _d("peildatum", "Datum waarop de cijfers zijn vastgelegd.",
           "Reference date of the figures."),
        _n("oorspronkelijk_budget", "Oorspronkelijk budget in euro.", "Original budget (EUR)."),
        _n("huidig_budget", "Budget na de laatste herijking, in euro.", "Current budget (EUR)."),
        _n("prognose_bij_afronding", "Verwachte totale kosten bij afronding, in euro.",
           "Forecast at completion (EUR)."),
        _n("besteed_tot_nu", "Tot de peildatum besteed, in euro.", "Spent to date (EUR)."),
        _d("oorspronkelijke_einddatum", "Oorspronkelijke einddatum.", "Original end date."),
        _d("huidige_einddatum", "Einddatum na de laatste herijking.", "Current end date."),
        _d("prognose_einddatum", "Verwachte einddatum.", "Forecast end date."),
    ], ["periode", "programma"]),
    Table("kaderbesluiten", "Elk besluit over het kader: het oorspronkelijke en elke herijking.",
          "Every decision on the frame: the original and each re-baseline.", [
        PERIOD, PROGRAMME,
        Field("volgnummer", "integer", "Volgorde van de besluiten, 1 eerst.", "Order, 1 first."),
        _s("soort", "Soort besluit.", "Kind of decision.", codes=DECISION_KINDS),
        _d("besloten_op", "Datum van het besluit.", "Date of the decision."),
        _s("besloten_door", "Wie besloot (bijv. gemeenteraad).", "Who decided."),
        _s("kenmerk", "Kenmerk, bijv. nummer van het raadsbesluit.", "Reference."),
        _n("budget", "Totaal budget na dit besluit, in euro; leeg als ongewijzigd.",
           "Total budget after it (EUR); empty if unchanged."),
        _n("budgetwijziging", "Verandering van het budget door dit besluit, in euro.",
           "Change of the budget (EUR)."),
        _d("einddatum", "Einddatum na dit besluit; leeg als ongewijzigd.",
           "End date after it; empty if unchanged."),
        _s("reden", "Toelichting en reden van het besluit.", "Note and reason."),
    ], ["periode", "programma", "volgnummer"]),
    Table("signalen", "Signalen uit de cijfers en de drempels waarmee ze berekend zijn.",
          "Signals from the figures and the thresholds they were computed with.", [
        PERIOD, PROGRAMME,
        _s("aspect", "Beheersaspect.", "Aspect.", codes=ASPECTS, required=True),
        _s("kader", "Gemeten tegen welk kader.", "Measured against which frame.", codes=FRAMES,
           required=True),
        _n("afwijking", "Afwijking van de prognose ten opzichte van het kader.",
           "Deviation of the forecast from the frame."),
        _s("eenheid", "Eenheid van de afwijking.", "Unit of the deviation.", codes=UNITS),
        _s("signaal", "Kleur die de cijfers suggereren.", "Colour the figures suggest.",
           codes=COLOURS),
        _s("opmerking", "Waarom er geen signaal is, als dat zo is.", "Why there is no signal."),
        _n("drempel_oranje", "Oranje vanaf deze afwijking.", "Orange from this deviation."),
        _n("drempel_rood", "Rood vanaf deze afwijking.", "Red from this deviation."),
        Field("drempels_bij_publicatie", "boolean", "Waar: de drempels zijn bij publicatie "
              "vastgelegd; onwaar: de standaarddrempels van deze installatie.",
              "True: thresholds recorded at publication; false: this installation's."),
    ], ["periode", "programma", "aspect", "kader"]),
    Table("mijlpalen", "Mijlpalen zoals gepubliceerd.", "Milestones as published.", [
        PERIOD, PROGRAMME,
        Field("volgnummer", "integer", "Volgorde, 1 eerst.", "Order, 1 first."),
        _s("mijlpaal", "Naam van de mijlpaal.", "Milestone."),
        _d("basisdatum", "Geplande datum volgens het kader.", "Baseline date."),
        _d("prognosedatum", "Verwachte datum.", "Forecast date."),
        _d("werkelijke_datum", "Datum waarop behaald.", "Actual date."),
        _s("status", "Stand van de mijlpaal.", "State.", codes=MILESTONE_STATES),
        _s("toelichting", "Toelichting.", "Note."),
    ], ["periode", "programma", "volgnummer"]),
    Table("risicos", "Risico's zoals gepubliceerd.", "Risks as published.", [
        PERIOD, PROGRAMME,
        Field("volgnummer", "integer", "Volgorde, 1 eerst.", "Order, 1 first."),
        _s("risico", "Het risico.", "The risk."),
        _s("oorzaak", "Oorzaak.", "Cause."),
        Field("kans", "integer", "Kans, 1 (zeer onwaarschijnlijk) tot 5 (vrijwel zeker).",
              "Likelihood, 1 to 5."),
        Field("impact", "integer", "Impact, 1 (zeer klein) tot 5 (zeer groot).", "Impact, 1 to 5."),
        Field("score", "integer", "Kans maal impact.", "Likelihood times impact."),
        _s("niveau", "Niveau van de score.", "Level of the score.", codes=RISK_LEVELS),
        _s("status", "Stand van het risico.", "State of the risk.", codes=RISK_STATES),
        _s("maatregel", "Beheersmaatregel.", "Measure."),
        _s("eigenaar", "Eigenaar van het risico.", "Owner."),
    ], ["periode", "programma", "volgnummer"]),
    Table("errata", "Correcties op gepubliceerde rapportages, in volgorde.",
          "Corrections to published reports, in order.", [
        PERIOD, PROGRAMME,
        Field("toegevoegd_op", "datetime", "Moment van de correctie (UTC).", "When (UTC)."),
        _s("correctie", "De correctie.", "The correction."),
    ]),
]
# fmt: on

BY_NAME = {table.name: table for table in TABLES}
