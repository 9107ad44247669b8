"""Demo data from Rotterdam's Monitor ICT Projecten, February–May 2023 (seed 000)."""

# Pure data: no Django imports. Texts of period "2023-1" (februari t/m mei 2023) are copied from
# seed 000 with only PDF noise removed (hyphenation, line breaks, navigation links, page footers).
# Period "2022-3" is not in the seed: its texts are written to be consistent with what the
# 2023-1 texts say about "de vorige MIP". Ratings are inferred from the headings of the seed
# ("Toelichting afwijking <aspect>" = deviation; a plain "Toelichting <aspect>" = green), because
# the lights themselves are images in the PDF.
#
# Text conventions: paragraphs are separated by a blank line ("\n\n"); a sub-heading or list
# item starts its own line ("\n"); list items start with "• " (sub-items with "  - ").

MUNICIPALITY = "Gemeente Rotterdam"

INTRODUCTION = {
    "purpose": (
        "Voor u ligt de Monitor ICT Projecten (MIP) over de periode februari tot en met mei 2023. "
        "De MIP geeft inzicht in de voortgang van de grootste en meest risicovolle "
        "ICT-programma’s & -projecten."
    ),
    "responsibility": (
        "Grote ICT-programma’s/-projecten hebben als bestuurlijk opdrachtgever de wethouder die "
        "verantwoordelijk is voor het beleidsveld waarbinnen het ICT-programma/-project zich "
        "afspeelt. De Wethouder Organisatie is daarom veelal opdrachtgever voor concernbrede "
        "ICT-programma’s/-projecten, andere wethouders voor clusterspecifieke "
        "ICT-programma’s/-projecten. De Wethouder Organisatie is tevens stelselverantwoordelijk "
        "voor ICT-programma’s/-projecten, inclusief de Monitor."
    ),
    "inclusion_criteria": (
        "De selectie van programma’s/projecten is gebaseerd op het classificatiemodel welke "
        "binnen het concern wordt gehanteerd. Conform het classificatiemodel wordt bij zware "
        "programma’s en projecten een projectcontroller toegewezen en wordt deze opgenomen in "
        "de MIP."
    ),
    "contents": (
        "De rapportage bevat per programma/project:\n"
        "• Een korte omschrijving van het doel van het programma/project.\n"
        "• Stand van zaken: actuele ontwikkelingen en vooruitblik vanuit de "
        "programma-/projectmanager.\n"
        "• Inzicht in de indicatoren geld, tijd, kwaliteit en risico’s met een toelichting bij "
        "een eventuele afwijking."
    ),
    "colours": {
        "green": "Bijsturing is niet noodzakelijk, ingezette aanpak handhaven.",
        "orange": (
            "Actieve bijsturing is noodzakelijk om binnen gestelde kaders te blijven, of er is "
            "sprake van een zodanig risicoprofiel dat bijsturing op korte termijn aannemelijk is."
        ),
        "red": (
            "Ingezette aanpak leidt niet tot uitvoering binnen gestelde kaders. Aanpassing van "
            "oorspronkelijke kaders wordt voorzien."
        ),
    },
}

# Optional extras from the seed's intro and legend (not required by the importer).
INDICATORS_TEXT = (
    "De programma’s en projecten zijn beoordeeld op de aspecten: tijd, geld, risico’s en "
    "kwaliteit. Deze beheersaspecten worden beoordeeld met de kleuren groen, oranje en rood:"
)
RATING_LABELS = {  # the short legend beside "Situatie vorige rapportage"
    "green": "Bijsturing is niet noodzakelijk",
    "orange": "Bijsturing nog mogelijk",
    "red": "Aandacht/maatregelen noodzakelijk",
}
ASPECT_LABELS = {"quality": "Kwaliteit", "money": "Geld", "time": "Tijd", "risk": "Risico’s"}

PERIODS = [  # oldest first
    {
        "key": "2022-3",
        "label": "oktober 2022 t/m januari 2023",
        "start": "2022-10-01",
        "end": "2023-01-31",
        "state": "published",
        "published_on": "2023-03-15",
    },
    {
        "key": "2023-1",
        "label": "februari t/m mei 2023",
        "start": "2023-02-01",
        "end": "2023-05-31",
        "state": "published",
        "published_on": "2023-07-03",
    },
    {
        "key": "2023-2",
        "label": "juni t/m september 2023",
        "start": "2023-06-01",
        "end": "2023-09-30",
        "state": "open",
        "published_on": None,
    },
]

# Rotterdam's clusters as named in the seeds (IIFO is spelled out as in seed 000's DGW and RDI
# pages; the Forza MOR page expands it as "Informatievoorziening, Innovatie, Facilitair en
# Ondersteuning").
UNITS = [
    {"name": "Werk en Inkomen", "short_name": "W&I"},
    {"name": "Maatschappelijke Ontwikkeling", "short_name": "MO"},
    {"name": "Stadsontwikkeling", "short_name": "SO"},
    {"name": "Stadsbeheer", "short_name": "SB"},
    {"name": "Dienstverlening", "short_name": "DV"},
    {"name": "Bestuurs- en Concernondersteuning", "short_name": "BCO"},
    {"name": "Informatie, Innovatievoorziening, Facilitair en Onderzoek", "short_name": "IIFO"},
]

# Role titles, no person names (the seed names none). Seed 000: "De Wethouder Organisatie is
# daarom veelal opdrachtgever voor concernbrede ICT-programma’s/-projecten, andere wethouders
# voor clusterspecifieke ICT-programma’s/-projecten."
PORTFOLIO_HOLDERS = [
    {
        "name": "Wethouder Organisatie",
        "portfolio": "Organisatie, dienstverlening en digitalisering; stelselverantwoordelijk "
        "voor ICT-programma’s/-projecten, inclusief de Monitor",
    },
    {"name": "Wethouder Werk en Inkomen", "portfolio": "Werk, inkomen en participatie"},
    {"name": "Wethouder Zorg", "portfolio": "Zorg, Wmo en jeugdzorg"},
    {"name": "Wethouder Buitenruimte", "portfolio": "Beheer van de openbare ruimte"},
    {"name": "Wethouder Financiën", "portfolio": "Financiën, inkoop en concernadministratie"},
]


# --------------------------------------------------------------------------------------------
# Texts shared between a programme's developments (2023-1) and the goals of its tracks.
# --------------------------------------------------------------------------------------------

_DS_SPOOR_1 = (
    "• OUP. Op 22 december 2022 is het gunningsbesluit genomen. Momenteel wordt de verdere "
    "ontwikkeling en realisatie van het OUP opgepakt. Daarnaast zijn er nog steeds diverse "
    "(internationale) verzoeken om onze bevindingen te delen.\n"
    "• Grenzeloos Datalandschap (GDL): Er is een start gemaakt met het uitwerken van een "
    "architectuur op hoofdlijnen, het communicatieplan en de pilotprojecten. Rotterdam is via "
    "het GDL op dit moment betrokken bij het pilotproject: Standaardisatie In De Ondergrond "
    "(SIDO). Er gebeurt veel, zowel boven de grond als onder de grond. De organisaties die "
    "werkzaamheden uitvoeren in de ondergrond verzamelen op hun eigen manier data. Met deze "
    "pilot wil men hier verandering in brengen door te werken aan een standaardisatiemodel "
    "waardoor onderlinge samenwerken beter kan. De clusters Stadsontwikkeling "
    "Informatiebeheer, Stadsbeheer, Beheer en Inkomen en de bedrijven Evides en Stedin werken "
    "hier momenteel aan."
)

_DS_SPOOR_2 = (
    "• Co-creatie: Er is een prototype opgeleverd waarbij er diverse pilots in de praktijk met "
    "burgers zijn uitgevoerd. De ervaringen worden meegenomen naar de volgende fase de eerste "
    "versie van het uiteindelijke product (Minimal Viable Product, ook wel MVP)\n"
    "• Vergunningen check service: Het Plan van Aanpak voor de 3de fase de realisatie van de "
    "eerste versie van de vergunning check service Mimimal Viable Product is opgesteld, en "
    "wordt uitgevoerd\n"
    "• SAFE 3D R’dam Het prototype van het informatietool voor het verbeteren van de "
    "informatiepositie van de veiligheidsdiensten voor tijdens en na incidenten door het "
    "ontwikkelen waarin verschillende aspecten van 3D gecombineerd worden met relevante "
    "realtime is afgerond.\n"
    "• Nieuwbouwplannen app: Het prototype is gereed. Op dit moment is er geen opdrachtgever "
    "om de MVP-fase op te starten.\n"
    "• Digital Twin Duurzaamheid: het prototype voor de Digital Twin-viewer is opgeleverd. Met "
    "de volgende fase, de bouw van een MVP, wordt gestart.\n"
    "• Generieke databronnen: Bepalen van het zonnepotentieel gaat niet alleen over het "
    "potentieel op het dak maar ook over de gevel. Hiervoor is een pilot in uitvoering, in "
    "nauwe samenwerking met de afdeling Duurzaamheid. Doel van de pilot is om het "
    "zonnepotentieel van een gevel met behulp van het 3D-model per pand te kunnen bepalen.\n"
    "• Digital Twin Onderwater: hierbij wordt onderzocht of er meerwaarde zit in het met "
    "elkaar samenwerken en delen van data m.b.t. allerlei aspecten in de onderwaterwereld. "
    "Voor politie, Min. van Defensie en Veiligheidsregio betreft dit gezonken auto’s, drugs, "
    "lijken, algemene veiligheid etc, voor gemeente en Havenbedrijf Rotterdam, vooral "
    "onderhoud en baggering. De proof of concept fase is inmiddels afgerond. De volgende fase: "
    "prototype is in voorbereiding."
)

_DS_SPOOR_3 = (
    "• Onderzoekstraject OUP: In de afgelopen periode heeft het doorlopende onderzoekstraject "
    "met Rotterdam School of Management van de EUR er onder andere voor gezorgd dat er weer "
    "studenten zijn afgestudeerd op de onderzoeksvragen die binnen het innovatieprogramma "
    "Digitale Stad zijn opgekomen. Verder is het netwerk verbreed met de deelname van de Hoge "
    "School Rotterdam en TU Delft.\n"
    "• Kennistrajecten: meerdere, waaronder met Erasmus Universiteit gericht op het "
    "Ecosysteem, OUP, Governance, vertrouwen en Center for BOLD Studies: Responsible AI in an "
    "urban context.\n"
    "• Kennissessies: tot nu toe zijn er 3 kennissessies georganiseerd over de Metaverse & de "
    "stad, de laatste onlangs in mei. De komende periode wordt ingezet op het opzetten van een "
    "structureel kennisnetwerk/ecosysteem onder de tijdelijke titel ‘Rotterdam & de "
    "Metaverse’, omdat we voorzien dat deze ontwikkeling mogelijk grote impact gaat hebben op "
    "onze samenleving. Door met elkaar vroegtijdig hierin samen te werken en inzicht te "
    "krijgen in de mogelijke impact en waarde van deze ontwikkeling voor de stad Rotterdam en "
    "voor de gemeente Rotterdam, kunnen we hier zelf mede invulling aan geven.\n"
    "• Communicatie: geen verdere aanpassingen, het communicatieplan is nog steeds leidend\n"
    "• Samenwerkingen: Diverse samenwerkingsverbanden met collega’s, internationale en "
    "nationale steden en instellingen zoals Erasmus Center for Data Analytics (ECDA), binnen "
    "gemeente Rotterdam (programma’s Data Gedreven Werken, Smart City, Totaal 3D!), OASC (Open "
    "Agile &Smart Cities een international netwerk), Eurocities, Hogeschool Rotterdam, centre "
    "for BOLD cities ( BOLD staat voor Big, Open and Linked Data), VNG (vereniging voor "
    "nederlandse gemeenten, IPO( Interprovinciaal Overleg), Europese Unie om kennis te delen, "
    "te vergaren en te creëren. De nieuwe samenwerking met de politie voor "
    "crowdsafetymanagement op basis van de Digitale Twin is nog steeds actueel.\n"
    "• De Dutch Societal Innovation Hub (DSIH) is een publieke hub. Daarin proberen 3 publieke "
    "koplopers in Nederland samen te werken aan innovatie en uitwisseling van kennis op het "
    "gebied van data infrastructuur, -interoperabiliteit, -governance, platformontwikkeling, "
    "Digital Twin. Ook betrokken zijn VNG en IPO, hun rol zal voornamelijk bestaan uit het "
    "verder uitdragen van deze kennis naar andere gemeenten en provincies in Nederland. "
    "Partners zijn UDI Eindhoven, gemeente Eindhoven en Helmond, provincie Utrecht, UU, "
    "Hogeschool Utrecht, gemeente Amersfoort, TU Delft, GDL, Brightlands\n"
    "• ICLEI (lokale overheden voor duurzaamheid via gebruik van data) en het zorgen voor een "
    "rechtvaardigere verdeling van energielasten. Door het gebruik van gedetailleerde Bouw "
    "Informatie Modellen (BIM) en Artifical Intelligence (AI) wordt inzicht verkregen in de "
    "werkelijke staat en verduurzamingsmogelijkheden van individuele gebouwen, zoals "
    "gebruikte materialen, zoninval en glasoppervlak. Door bewoners hierbij nadrukkelijk te "
    "betrekken en te laten participeren, wordt vertrouwen en draagvlak bevorderd en de "
    "onderliggende data door de gebruikers geverifieerd en aangevuld."
)

_RDI_IAM = (
    "• Het IAM-platform voor burgers/bedrijven is begin november in productie gegaan en zijn "
    "nieuwe applicaties, zoals R’dam-pas en scholingsfonds, via de nieuwe beveiligde "
    "technologie aangesloten. De applicaties die via de oude technologie zijn aangesloten "
    "zullen in het tweede kwartaal van 2023 worden gemigreerd naar het nieuwe platform IAM "
    "voor burgers/bedrijven. Hiermee is de technische voorziening gereed en werkend "
    "gerealiseerd, waarmee burgers en bedrijven via Digi-D en E-herkenning zaken kunnen "
    "aanvragen, waarbij de toegang voldoet aan de aangescherpte security eisen en wet- & "
    "regelgeving.\n"
    "• De hernieuwde versie van het IAM-platform voor medewerkers is in april 2023 live "
    "gegaan, in Q2 zullen aanvullende functionaliteiten aan het platform worden toegevoegd. "
    "Met het IAM-platform kan Rol Gebaseerde Toegang voor een cluster worden ingericht, "
    "waardoor er in de nabije toekomst beter aan de security en privacy eisen voldaan kan "
    "worden. Hierbij gaat het om wie toegang heeft tot welke data en applicaties. Voor de "
    "inrichting van Rol Gebaseerde toegang, is inzet van vooral de clusters benodigd. Het "
    "cluster Informatie, Innovatievoorziening, Facilitair en Onderzoek (IIFO) ondersteunt om "
    "het technische IAM-platform te vullen. Er loopt een pilot met het cluster "
    "Maatschappelijke Ontwikkeling om dit mogelijk te maken en om als voorbeeld voor de "
    "overige clusters te dienen."
)

_RDI_DWO = (
    "De deelprojecten/restpunten van de doorontwikkeling DWO worden onder regie van het "
    "programma RDI ten uitvoer gebracht. De medewerkers van Rotterdam hebben in de laatste "
    "maanden een aantal veranderingen gemerkt m.b.t. hun digitale werkplek en die "
    "veranderingen zullen zij ook nog merken in de komende maanden. Dit om het “Anders Werken” "
    "en de nieuwe behoefte in het digitale (samen)werken nog beter te kunnen ondersteunen.\n"
    "• In Q1 2023 is er tempo gemaakt met het migreren van de mailboxen naar Exchange Online. "
    "Bij het overgrote deel van de gebruikers ging de mailmigratie probleemloos, specifieke "
    "mailgebruikers ondervonden hinder na de migratie, om dit probleem op te lossen is de "
    "migratie tijdelijk stilgelegd. Er wordt een extra component aan de mail infrastructuur "
    "toegevoegd, zodat de migratie In de loop van Q2 2023 vervolgd kan worden. De migratie zal "
    "vanwege de grote hoeveelheid mailboxen en de omvang daarvan een doorlooptijd van c.a. "
    "1-1,5 jaar bedragen\n"
    "• De afgelopen periode zijn niet alleen de gebruikers, maar ook de applicaties omgezet "
    "naar de Multi Factor Authenticatie oplossing via de Authenticator van Microsoft.\n"
    "• Inmiddels zijn bijna alle medewerkers voorzien van een Laptop van de Toekomst. Aan het "
    "einde van Q2 2023 verwachten we dat alle medewerkers een Laptop van de Toekomst in het "
    "bezit hebben.\n"
    "• Het streven was om de medewerkers in Q4 van 2022 over te zetten naar de Rotterdamse "
    "werkplek-hub via de technologie van VMWare: een online portaal dat toegang biedt tot "
    "vrijwel alle programma’s waarmee de medewerker werkt. Door samenhang van de diverse "
    "technologische ontwikkelingen is besloten om het moment van migratie uit te stellen tot "
    "medio 2023. De verwachting is dat we na uitvoeren van een succesvolle pilot met een groep "
    "medewerkers, dit vanaf eind Q2 gaan uitvoeren. Alle collega’s loggen vanaf dan niet meer "
    "in via Citrix maar via het portaal van VMWare.\n\n"
    "Alle bovenstaande genoemde functionaliteiten geven de medewerkers een optimale nieuwe "
    "werkplek om tijd en plaats onafhankelijke manier te kunnen werken. Omdat het aantal "
    "veranderingen omvangrijk is, wordt de communicatie naar de gebruiker centraal ingevuld."
)

_RDI_HIP = (
    "• Het hybride integratie platform zal bestaan uit meerdere integratiemiddelen welke "
    "tezamen het HIP vormen. Het meest gevraagde integratiemiddel is de API-ESB gateway. Dit "
    "middel wordt onder andere gebruikt voor het koppelen van GREAT. Zowel de clusters als "
    "partners van gemeente Rotterdam kunnen dan koppelen met andere applicaties en systemen en "
    "data op een veilige eenvoudige manier met elkaar delen. De API-ESB gateway is inmiddels "
    "in productie. Hiermee is ook een praktische invulling van de common ground principes "
    "gegeven.\n"
    "• De architectuur principes en use-cases voor het integratiemiddel Internet of Things "
    "(IoT) gateway zijn inmiddels uitgewerkt. Dit is een integratie middel dat de diverse "
    "sensoren en IoT-modules met applicaties verbindt. Op dit moment wordt er gewerkt aan een "
    "advies waarin wordt aangegeven of de noodzaak bestaat om een IoT gateway op korte termijn "
    "centraal in te zetten."
)

_RDI_DC = (
    "• Onderzoek heeft uitgewezen dat het eerdere gekozen scenario van een migratie naar de "
    "cloud praktisch onhaalbaar is in de Nederlandse markt, hierdoor is na consultatie van "
    "Gartner het scenario gewijzigd.\n"
    "• Het project is bezig met de voorbereiding van de aanbesteding van een "
    "mantelovereenkomst voor adviseur/migratie partner naar de gewenste cloudoplossing om de "
    "migratie te realiseren.\n\n"
    "De noodzaak voor het traject ligt in het aflopende contract van één van de eigen fysieke "
    "datacenters in de stad."
)


PROGRAMMES = [
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "ADIDAS",
        "name": "ADIDAS",
        "slug": "adidas",
        "kind": "programme",
        "parent": None,
        "unit": "W&I",
        "portfolio_holder": "Wethouder Werk en Inkomen",
        # Seed: "het ambtelijk opdrachtgeverschap bij zowel W&I als IIFO neer te leggen".
        "sponsor": (
            "Directeur Werk en Inkomen en directeur IIFO (gedeeld ambtelijk opdrachtgeverschap)"
        ),
        "goal": (
            "In 2020 is besloten de G4 samenwerking ten behoeve van de IT-dienstverlening voor "
            "onder meer de domeinen Werk en Klantinteractie te stoppen. Voor beide domeinen is "
            "binnen Rotterdam besloten de IT-dienstverlening te vervangen door een applicatie "
            "genaamd Thomas. Thomas is de digitale basisvoorziening voor de kwetsbare "
            "Rotterdammer en de professional. Met Thomas stellen we onder meer de applicaties "
            "Edison en RMW buiten gebruik en bouwen we een modern burger- en professional "
            "portaal. Dit is een complexe en omvangrijke opgave met een innovatief karakter, "
            "waarbij we als stad voorop lopen in deze ontwikkeling.\n\n"
            "Door Thomas kunnen we onze digitale dienstverlening op het gebied van de aanvraag "
            "levensonderhoud (ALO) en de uitkering voor oudere en gedeeltelijk "
            "arbeidsongeschikte werkzoekenden (IOAW), en duurzame uitstroom naar werk en "
            "begeleide participatie (DUP) nog beter afstemmen op de specifieke situatie van de "
            "Rotterdammer. De komende periode richten we ons op de realisatie van de "
            "basisvoorziening voor Duurzame Uitstroom en Participatie: Thomas DUP. Dit vraagt "
            "ook om een omslag van systeemdenken naar mensgericht denken en werken. Het "
            "programma ADIDAS (Allen Doen mee door Innovatieve Dienstverlening Als een Service) "
            "geeft integraal vorm aan deze transitie: de realisatie van de benodigde "
            "IT-ondersteuning, de inrichting van de onderliggende processen, de implementatie "
            "hiervan en de begeleiding in het anders werken door professionals zijn allen "
            "randvoorwaardelijk voor een succesvolle transitie.\n\n"
            "Met het opleveren van Thomas DUP dragen we bij aan de mate van de digitale "
            "ondersteuning bij het stimuleren en begeleiden van Rotterdammers naar werk en/of "
            "onderwijs of verdergaande participatie vanuit de basis van een uitkering en "
            "ondersteuning. Hierdoor ontstaat meer ruimte voor de professional voor de "
            "dienstverlening aan Rotterdammers die meer ondersteuning nodig hebben, kunnen we "
            "instrumenten efficiënter inzetten en zijn ontwikkelstappen van Rotterdammers beter "
            "inzichtelijk te maken."
        ),
        "reports": {
            "2023-1": {
                "ratings": {"quality": "green", "money": "red", "time": "red", "risk": "orange"},
                "explanations": {
                    "quality": (
                        "In de afgelopen tijd is extra aandacht en tijd besteed aan het correct "
                        "toepassen van architectuur kaders binnen het ontwikkelteam Thomas DUP. "
                        "De ontwikkelde en geplande functionaliteit ligt dan ook in lijn met de "
                        "architectuurkaders Thomas DUP en beoogde gebruikerswensen. Het herijken "
                        "van het programmaplan en de wijzigingen in de planning, financiën en "
                        "governance draagt bij aan het bestendigen van de kwaliteit van het "
                        "programma."
                    ),
                    "money": (
                        "Nu er meer duidelijkheid is over de nieuwe tijdslijnen van het "
                        "programma, wordt in de komende rapportage periode van de MIP de "
                        "financiële impact in kaart gebracht. Deze kosten bestaan uit het langer "
                        "inzetten van het programmateam, kosten voor het langer in de lucht "
                        "houden van RMW en versteviging van het programmateam. De nieuwe "
                        "tijdslijnen en inclusief benodigd budget zullen worden opgenomen in het "
                        "nieuwe vast te stellen programmaplan. Op basis van het programmaplan "
                        "zal ook een voorstel gemaakt voor de dekking van de extra kosten. Deze "
                        "uitwerking volgt de P&C cyclus voor de begroting 2024."
                    ),
                    "time": (
                        "Zoals in de vorige MIP aangegeven zal het programma uitlopen in tijd. "
                        "Het eerdere hoge verloop binnen het team en verschillende werkwijzen "
                        "tussen projectonderdelen hebben een negatieve impact gehad op het "
                        "ontwikkeltempo. Hoewel we de aangekondigde vertraging niet hebben "
                        "kunnen inlopen, zijn er wel belangrijke stappen gezet om verdere "
                        "uitloop te voorkomen. De realisatie van Thomas DUP loopt een half jaar "
                        "uit en zal naar verwachting in juni 2024 worden opgeleverd. Met de "
                        "uitloop van de planning zullen de baten later worden gerealiseerd. Na "
                        "vaststelling van het nieuwe programmaplan zal de herijkte planning "
                        "leidend worden."
                    ),
                    "risk": (
                        "Op basis van eerder extern ingewonnen advies en risicomanagement hebben "
                        "we in de afgelopen periode maatregelen kunnen treffen om de impact op "
                        "tijd, geld en kwaliteit te beperken. Risico’s blijven we actief "
                        "monitoren en bijsturen. Aanvullend hierop zijn in het kader van "
                        "risicomanagement zoveel mogelijk programma brede risico’s "
                        "geïnventariseerd in de Risicolog Thomas DUP. Deze dienen nader "
                        "uitgewerkt te worden en verder ondergebracht te worden in de "
                        "programmasturing."
                    ),
                },
                "developments": (
                    "De afgelopen periode heeft de focus gelegen op het vergroten van de "
                    "voorspelbaarheid van de softwareontwikkeling. We hebben geïnvesteerd in het "
                    "team en is nu bijna op volle sterkte. De rollen en de werkwijze zijn "
                    "verduidelijkt, waardoor het ontwikkeltempo omhoog is gegaan. De besturing "
                    "van het programma hebben we begin dit jaar verstevigd door het ambtelijk "
                    "opdrachtgeverschap bij zowel W&I als IIFO neer te leggen en we zetten "
                    "stappen in het verder verstevigen van de (be)sturing.\n\n"
                    "We zijn gestart met de implementatie van de standaard software (MAAS) die we "
                    "hebben aangeschaft, om Rotterdammers in de bijstand betere adviezen te "
                    "kunnen geven over hun (arbeids)ontwikkeling en de inzet van "
                    "ontwikkelinstrumenten. Om de continuïteit van dienstverlening te kunnen "
                    "waarborgen, zijn we in gesprek met de betrokken partijen om de "
                    "beschikbaarheid van RMW ná eind 2023 te kunnen verlengen.\n\n"
                    "Parallel starten we binnenkort een marktverkenning naar de mogelijkheden om "
                    "delen van de dienstverlening te kunnen outtasken aan een marktpartij, om de "
                    "afhankelijkheid van inhuurcontracten te kunnen beperken en afspraken te "
                    "maken betreft continuïteit en inzetbaarheid."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "orange",
                    "money": "orange",
                    "time": "orange",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": (
                        "Door het hoge verloop binnen het ontwikkelteam en verschillende "
                        "werkwijzen tussen projectonderdelen staat de kwaliteit van de "
                        "opgeleverde functionaliteit onder druk. We besteden extra aandacht aan "
                        "het correct toepassen van de architectuurkaders binnen het "
                        "ontwikkelteam Thomas DUP."
                    ),
                    "money": (
                        "De verwachte uitloop in tijd heeft financiële gevolgen, onder meer door "
                        "het langer inzetten van het programmateam en het langer in de lucht "
                        "houden van RMW. De omvang hiervan is nog niet bekend en wordt in kaart "
                        "gebracht zodra de nieuwe tijdslijnen duidelijk zijn."
                    ),
                    "time": (
                        "Het hoge verloop binnen het team en verschillende werkwijzen tussen "
                        "projectonderdelen hebben het ontwikkeltempo verlaagd. Het programma zal "
                        "daardoor uitlopen in tijd. We onderzoeken hoe we de vertraging kunnen "
                        "beperken en stellen een herziene planning op."
                    ),
                    "risk": (
                        "Op basis van extern ingewonnen advies werken we aan maatregelen om de "
                        "impact van de risico’s op tijd, geld en kwaliteit te beperken, "
                        "waaronder het versterken van het team en de besturing van het "
                        "programma."
                    ),
                },
                "developments": (
                    "De afgelopen periode stond in het teken van de realisatie van Thomas DUP en "
                    "het versterken van het ontwikkelteam. Het hoge verloop binnen het team heeft "
                    "het ontwikkeltempo negatief beïnvloed. We hebben extern advies ingewonnen "
                    "over de besturing en de risico’s van het programma en werken de "
                    "aanbevelingen uit.\n\n"
                    "De komende periode verduidelijken we de rollen en de werkwijze binnen het "
                    "team en verstevigen we de besturing van het programma. Daarnaast bereiden we "
                    "de implementatie voor van standaard software waarmee we Rotterdammers in de "
                    "bijstand betere adviezen kunnen geven over hun (arbeids)ontwikkeling."
                ),
            },
        },
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "DGW",
        "name": "Datagedreven werken (DGW)",
        "slug": "dgw",
        "kind": "programme",
        "parent": None,
        "unit": "BCO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur BCO",
        "goal": (
            "Het programma Datagedreven Werken (DGW) heeft als doel om samen met de clusters "
            "Bestuurs- en Concernondersteuning en Informatie, Innovatievoorziening, Facilitair "
            "en Onderzoek (BCO/IIFO) te zorgen dat de gemeente Rotterdam een datagedreven "
            "organisatie wordt. We willen data gebruiken als ‘grondstof’ voor de bouw van "
            "slimme informatieproducten. Deze informatieproducten helpen ons om actuele "
            "vraagstukken effectiever en efficiënter aan te pakken en zelfs realtime aan te "
            "sturen. Voorbeelden van deze informatieproducten vind je binnen de volgende cases: "
            "Dataplattegrond. Hierbij wordt data op wijkniveau op de kaart gezet, dashboard "
            "contractmanagement; een project van het cluster Stadsbeheer, dashboard "
            "Maatschappelijke Voorzieningen en Factorenmodel Jeugd; een project van het cluster "
            "Maatschappelijke Ontwikkeling, textmining producten en dienstencatalogus; een "
            "project van het cluster Dienstverlening, voorspellen van instroom en doorstroom "
            "van uitkeringsgerechtigden; een project van het cluster Werk & Inkomen en "
            "Rotterdam Aardgasvrij Model en de WAT-kaart; een project van het clustercluster "
            "Stadsontwikkeling. Zo bouwen we transparant aan een leefbare stad en een betere "
            "dienstverlening. Het programma DGW richt zich op de generieke voorzieningen en het "
            "ondersteunen van de organisatorische transformaties die nodig zijn om deze cases "
            "te realiseren."
        ),
        "reports": {
            "2023-1": {
                # The seed has no "Toelichting per beheeraspect" page for DGW: no deviations.
                "ratings": {"quality": "green", "money": "green", "time": "green", "risk": "green"},
                "explanations": {"quality": "", "money": "", "time": "", "risk": ""},
                "developments": (
                    "Resultaten: Er wordt uitvoering gegeven aan de Rotterdamse Datastrategie "
                    "‘Daden met Data’ 2021- 2025. Er zijn samen met de clusters 4 actielijnen "
                    "geprioriteerd waaraan in samenwerking met BCO/IIFO en de clusters de "
                    "uitvoering van de Datastrategie geïntensiveerd is. Deze actielijnen zijn; 1) "
                    "Technisch fundament in de vorm van het Data en Analyse Platform Rotterdam "
                    "(DAPR), 2) het Datafundament, 3) Datakwaliteit en 4) Privacy, compliance en "
                    "ethiek.\n\n"
                    "Het jaar 2023 staat in het teken van de afronding van het programma DGW en "
                    "de overdracht aan leidinggevenden van de organisatie. Voor elk van de "
                    "genoemde actielijnen zijn voorstellen opgesteld om deze activiteiten over te "
                    "dragen naar de lijn van BCO/IIFO.\n\n"
                    "In 2022 is de Datagovernance vastgesteld en zijn voorstellen vastgesteld "
                    "voor de structurele financiering van Data Diensten en de Data Office. In de "
                    "Datagovernance is vastgelegd hoe invulling wordt gegeven aan eigenaarschap "
                    "en sturing met betrekking tot data, op concernniveau en binnen de clusters. "
                    "De Data Office geeft hier invulling aan op strategisch niveau en team Data "
                    "Diensten op tactisch en operationeel niveau. In mei 2023 is de Chief Data "
                    "Officer (CDO) geworven, deze start per 1 september 2023. Deze functionaris "
                    "zal de concernbrede en regisserende rol overnemen van de programmamanager "
                    "van DGW. Deze rol is gericht op de bewustwording en realisatie van de "
                    "datastrategie. In maart 2023 is besloten om een algoritme expert in te "
                    "schakelen.\n\n"
                    "In juni 2023 worden voorstellen ingediend voor de structurele financiering "
                    "van het DAP’R, datafundament, datakwaliteit van webservices, data academie, "
                    "agile portfoliomanagement. Naast deze voorstellen voor borging in de lijn, "
                    "zal ook aandacht zijn voor een overall strategisch plan voor de langere "
                    "termijn.\n\n"
                    "De activiteiten van het programma DGW lopen in 2023 door. In mei 2023 wordt "
                    "het privacy framework door de Concern Directie vastgesteld. Per juli start "
                    "het PlatformOPS voor DAP’R, dit dedicated team gaat DAP’R verder ontwikkelen "
                    "en beheren. DAP’R voldoet daarmee aan alle compliance voorwaarden en wordt "
                    "beschikbaar gesteld voor breed gebruik binnen de organisatie. Ook hebben we "
                    "veel ingezet op communicatie. In mei 2023 is de 5e editie van het magazine "
                    "Data010 uitgekomen. Daarnaast blijven we de Data academie doorontwikkelen "
                    "voor bewustwording, basiskennis en voor de specialisten. We blijven de "
                    "clusters begeleiden met het werken in de Data en Analyse Competentie "
                    "Centra. Tot slot lopen pilots op het gebied van datamanagement."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "green",
                    "time": "green",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": "",
                    "money": "",
                    "time": "",
                    "risk": (
                        "Het programma DGW wordt in 2023 afgerond. De borging van de actielijnen "
                        "in de lijn van BCO/IIFO is nog niet geregeld en voor een aantal "
                        "voorzieningen, waaronder DAP’R en het datafundament, is nog geen "
                        "structurele financiering. Zonder tijdige overdracht bestaat het risico "
                        "dat de opgebouwde voorzieningen en kennis niet worden behouden. In de "
                        "komende periode worden per actielijn voorstellen voor overdracht "
                        "opgesteld."
                    ),
                },
                "developments": (
                    "In 2022 is de Datagovernance vastgesteld en zijn voorstellen vastgesteld "
                    "voor de structurele financiering van Data Diensten en de Data Office. "
                    "Samen met de clusters en BCO/IIFO is de uitvoering van de Rotterdamse "
                    "Datastrategie ‘Daden met Data’ geïntensiveerd langs vier actielijnen: het "
                    "Data en Analyse Platform Rotterdam (DAP’R), het Datafundament, "
                    "Datakwaliteit en Privacy, compliance en ethiek.\n\n"
                    "De komende periode staat in het teken van de voorbereiding van de afronding "
                    "van het programma in 2023: per actielijn worden voorstellen opgesteld voor "
                    "de overdracht naar de lijn en de werving van een Chief Data Officer wordt "
                    "gestart."
                ),
            },
        },
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "Digitale Stad",
        "name": "Digitale Stad",
        "slug": "digitale-stad",
        "kind": "programme",
        "parent": None,
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": (
            "Het doorlopen van een innovatietraject waarin allerlei datastromen op "
            "gestandaardiseerde wijze ontsloten en zichtbaar gemaakt worden door middel van een "
            "Open Urban Platform met 3D Digital Twin en datamarktplaats. Een Open Urban Platform "
            "biedt alle partijen (inclusief burgers) binnen Rotterdam de mogelijkheid op een "
            "veilige, verantwoorde en transparante manier data, toepassingen en services met "
            "elkaar te kunnen gebruiken en delen (datamarktplaats). De daarbij aangeboden data "
            "zullen zich richten op een 3D Digital Twin van de stad: een gemeenschappelijk en "
            "deelbaar digitaal beeld van de actuele fysieke werkelijkheid buiten. Ofwel: we "
            "bouwen met alle partijen in de stad gezamenlijk aan een deelbaar beeld van de "
            "werkelijkheid, dat een basis biedt voor allerlei vormen van gebruik: van actueel "
            "inzicht in de bezetting van een parkeerplaats en of een vuilnisbak vol is tot aan "
            "het met relevante stakeholders opstellen van integrale scenario’s mbt de grote "
            "opgaven, zoals energietransitie, woningbouw en klimaatverandering.\n\n"
            "Hierbij onderzoeken we de mogelijke rol(len) van de overheid en hoe zij anderen "
            "kunnen stimuleren om samen mogelijkheden te ontdekken. Op een innovatieve wijze "
            "gaan we de nieuwe realiteit tegemoet en leren voortdurend van het "
            "innovatietraject."
        ),
        "reports": {
            "2023-1": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "green",
                    "risk": "green",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "Oranje heeft betrekking op het feit dat de Digitaliseringsagenda de "
                        "periode 2022-2023 bestrijkt. Hierdoor valt 2024 buiten de huidige "
                        "periode van de Digitaliseringsagenda. Het vinden van de toegezegde "
                        "dekking voor de financiële middelen voor 2024 staat voor komende "
                        "Stuurgroep Datastrategie (13 juni) op de agenda."
                    ),
                    "time": "",
                    "risk": "",
                },
                "developments": (
                    "Spoor 1: Ontwikkeling van een Open Urban Platform met 3D Digital Twin (OUP)\n"
                    + _DS_SPOOR_1
                    + "\n\nSpoor 2: Ontwikkeling van nieuwe toepassingen gericht op de "
                    "Digital Twin\n"
                    + _DS_SPOOR_2
                    + "\n\nSpoor 3: Kennistrajecten en programma ondersteuning (communicatie, "
                    "organisatie, financiën)\n" + _DS_SPOOR_3
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "orange",
                    "risk": "green",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "De Digitaliseringsagenda bestrijkt de periode 2022-2023. Voor de "
                        "voortzetting van het programma in 2024 is de dekking van de financiële "
                        "middelen nog niet gevonden. Dit wordt besproken in de Stuurgroep "
                        "Datastrategie."
                    ),
                    "time": (
                        "De aanbesteding van het Open Urban Platform heeft meer tijd gevraagd dan "
                        "gepland. Het gunningsbesluit is op 22 december 2022 genomen, waardoor de "
                        "realisatie van het OUP later start. De planning van de volgende fasen "
                        "wordt hierop aangepast."
                    ),
                    "risk": "",
                },
                "developments": (
                    "Spoor 1: Op 22 december 2022 is het gunningsbesluit voor het Open Urban "
                    "Platform genomen. Via het Grenzeloos Datalandschap (GDL) bereiden we de "
                    "deelname aan het pilotproject Standaardisatie In De Ondergrond (SIDO) "
                    "voor.\n\n"
                    "Spoor 2: Voor co-creatie, de vergunningen check service, SAFE 3D R’dam en "
                    "Digital Twin Duurzaamheid worden prototypes ontwikkeld en in de praktijk "
                    "beproefd. Voor Digital Twin Onderwater loopt de proof of concept fase.\n\n"
                    "Spoor 3: Het onderzoekstraject met Rotterdam School of Management van de EUR "
                    "loopt door. Er is een eerste kennissessie georganiseerd over de Metaverse & "
                    "de stad."
                ),
            },
        },
    },
    {
        "short_name": "Spoor 1",
        "name": "Ontwikkeling van een Open Urban Platform met 3D Digital Twin (OUP)",
        "slug": "digitale-stad-spoor-1",
        "kind": "track",
        "parent": "digitale-stad",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _DS_SPOOR_1,
        "reports": {},
    },
    {
        "short_name": "Spoor 2",
        "name": "Ontwikkeling van nieuwe toepassingen gericht op de Digital Twin",
        "slug": "digitale-stad-spoor-2",
        "kind": "track",
        "parent": "digitale-stad",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _DS_SPOOR_2,
        "reports": {},
    },
    {
        "short_name": "Spoor 3",
        "name": "Kennistrajecten en programma ondersteuning (communicatie, organisatie, financiën)",
        "slug": "digitale-stad-spoor-3",
        "kind": "track",
        "parent": "digitale-stad",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _DS_SPOOR_3,
        "reports": {},
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "Forza MOR",
        "name": "Forza MOR",
        "slug": "forza-mor",
        "kind": "programme",
        "parent": None,
        "unit": "SB",
        "portfolio_holder": "Wethouder Buitenruimte",
        "sponsor": "Directeur Stadsbeheer",
        "goal": (
            "Het programma Forza MOR heeft als doel om de dienstverlengingsketen Meldingen "
            "Openbare Ruimte te verbeteren. Dat houdt in dat er verbeterde en nieuwe "
            "dienstverleningsconcepten worden ontwikkeld voor de Rotterdammer die zaken in de "
            "openbare ruimte wil melden en oplossen. Evenals de wijze waarop de verschillende "
            "afdelingen van Stadsbeheer (SB) dit als een keten kunnen uitvoeren.\n\n"
            "Het programma zet niet alleen in op techniek, maar ook op de verandering van mens "
            "en organisatie. Naast de gefaseerde vervanging van het Meldingen Systeem "
            "Buitenruimte is er aandacht voor uniformering en vastlegging van processen, de "
            "organisatorische veranderingen en voor het opleiden en begeleiden van "
            "eindgebruikers. Deze samenhang vormt de aanpak van het programma."
        ),
        "reports": {
            "2023-1": {
                # Only a plain "Toelichting risico’s" in the seed: no aspect deviates.
                "ratings": {"quality": "green", "money": "green", "time": "green", "risk": "green"},
                "explanations": {
                    "quality": "",
                    "money": "",
                    "time": "",
                    "risk": (
                        "Een van de speerpunten van het programma ForzaMOR is een nauwere "
                        "samenwerking tussen SB en IIFO (Informatievoorziening, Innovatie, "
                        "Facilitair en Ondersteuning) waarin de opgave centraal staat en er "
                        "gedeeld eigenaarschap is. Dit gedeelde eigenaarschap vertaalt zich in "
                        "een werkwijze waarin nieuwe producten en diensten gezamenlijk "
                        "ontwikkeld en beheerd worden.\n\n"
                        "We zijn aan het onderzoeken of het mogelijk is om software die common "
                        "ground ontwikkeld is (dat wil zeggen volgens een aantal moderne "
                        "architectuur- en ontwikkelprincipes, waar de gemeente zich aan "
                        "gecommitteerd heeft) onderhouden kan worden door IIFO.\n\n"
                        "De benodigde ICT-capaciteit, voor zowel de nieuwe ontwikkeling als het "
                        "beheer, kan niet geleverd worden door IIFO waardoor we genoodzaakt zijn "
                        "om deze kennis en kunde extern te verkrijgen. Hierdoor ontbreekt er een "
                        "verankering van deze nieuwe manier van ontwikkelen binnen de "
                        "organisatie. Daarnaast komt het speerpunt samenwerken onder druk te "
                        "staan; in de praktijk betekent het dat Stadsbeheer aan het pionieren is "
                        "met een nieuwe manier van ontwikkelen waar de ICT-organisatie (nu nog) "
                        "niet op kan aanhaken."
                    ),
                },
                "developments": (
                    "MeldR voor het doen van meldingen\n"
                    "Het beheer en onderhoud van de MeldR applicaties bleek niet up to date te "
                    "zijn met als gevolg dat de afgelopen periode veel inzet is gepleegd aan het "
                    "stabiel en actueel krijgen van MeldR. Dit is namelijk rand voorwaardelijk om "
                    "de verbetering van de dienstverleningsketen rond meldingen openbare ruimte "
                    "te realiseren.\n\n"
                    "Mid-Office voor meer regie en coördinatie van meldingen\n"
                    "Het behandelen van meldingen blijft mensenwerk en om de uitvoering zo "
                    "effectief mogelijk in te zetten, is er een mid–office ingericht met als doel "
                    "om de regie en coördinatie van meldingen te verbeteren. De mid-office is een "
                    "organisatorische interventie en bestaat uit een groep medewerkers die het "
                    "integraal en wijkgericht behandelen van meldingen binnen Stadsbeheer moet "
                    "bevorderen. Daar waar het procesmatig en technisch mogelijk is, worden "
                    "meldingen direct door de uitvoering opgepakt en in geval een melding over "
                    "meerdere Stadsbeheer-disciplines heengaat, zorgt de mid-office voor de regie "
                    "en coördinatie van deze meldingen. De komende periode wordt gewerkt aan het "
                    "installeren en opleiden van de medewerkers evenals het ondersteunen van de "
                    "mid-office door middel van techniek. De formatie is gevonden binnen de "
                    "huidige formatie van Stadsbeheer door onder meer medewerkers te "
                    "(her)positioneren.\n\n"
                    "FixeR voor het behandelen van meldingen\n"
                    "De contouren van het nieuwe behandelsysteem voor de Stadsbeheer "
                    "professionals zijn zichtbaar. Nadat we samen met de afdeling Inzameling de "
                    "basis hebben ontworpen, hebben we een uitstapje gemaakt naar de afdeling "
                    "Begraven en Cremeren om het daar verder te ontwikkelen. Deze afdeling was "
                    "nog helemaal niet aangesloten op de digitale keten Meldingen Openbare "
                    "Ruimte, maar verwerkte alle binnengekomen meldingen vanaf papier. Voor ons "
                    "een heel interessante proeftuin. We konden namelijk met een beperkt team van "
                    "betrokkenen, in een overzichtelijke, letterlijk omheinde, omgeving met een "
                    "te overzien hoeveelheid meldingen aan de slag. We gaven de totale "
                    "dienstverleningsketen van 1.) meldingen ontvangen, 2.) deze beoordelen en "
                    "eventueel verduidelijken/verrijken, 3) uitzetten naar de juiste "
                    "medewerkers, door hen laten afhandelen en het reageren naar de melder "
                    "vormgeven via een nieuwe set functionaliteiten/ applicaties. Deze hebben we "
                    "ontworpen en getest met de betrokken medewerkers. In juni gaan we deze "
                    "onlinedienstverlening uitrollen en daarmee is het eerste proces en afdeling "
                    "die de nieuwe MOR tools in gebruik heeft een feit.\n\n"
                    "De geleerde lessen passen we toe bij het verbeteren en ontsluiten van de "
                    "volgende processen en van afdelingen. Het volgende proces is al in beeld. De "
                    "komende tijd gaan we aan de slag met het ondersteunen van de "
                    "dienstverlening aan Containeradoptanten en passen de tools wederom op maat "
                    "aan."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "orange",
                    "money": "green",
                    "time": "green",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": (
                        "Het beheer en onderhoud van de MeldR applicaties blijkt niet up to date "
                        "te zijn. Dit heeft gevolgen voor de stabiliteit van MeldR, terwijl een "
                        "stabiele en actuele MeldR randvoorwaardelijk is voor de verbetering van "
                        "de dienstverleningsketen. De komende periode zetten we extra in op het "
                        "stabiel en actueel krijgen van MeldR."
                    ),
                    "money": "",
                    "time": "",
                    "risk": (
                        "De benodigde ICT-capaciteit voor de ontwikkeling en het beheer van de "
                        "nieuwe, volgens common ground ontwikkelde software kan niet door IIFO "
                        "worden geleverd. We verkrijgen deze kennis en kunde extern, waardoor de "
                        "verankering binnen de organisatie nog ontbreekt. Met IIFO maken we "
                        "afspraken over gezamenlijke ontwikkeling en beheer."
                    ),
                },
                "developments": (
                    "Samen met de afdeling Inzameling is de basis ontworpen van FixeR, het nieuwe "
                    "behandelsysteem voor de Stadsbeheer professionals. Als volgende proeftuin "
                    "is gekozen voor de afdeling Begraven en Cremeren, die nog niet was "
                    "aangesloten op de digitale keten Meldingen Openbare Ruimte.\n\n"
                    "Daarnaast is gestart met de inrichting van een mid-office die de regie en "
                    "coördinatie van meldingen binnen Stadsbeheer moet verbeteren. De komende "
                    "periode ligt de focus ook op het stabiel en actueel krijgen van MeldR."
                ),
            },
        },
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "GREAT",
        "name": "GREAT",
        "slug": "great",
        "kind": "project",
        "parent": None,
        "unit": "BCO",
        "portfolio_holder": "Wethouder Financiën",
        "sponsor": "Directeur BCO",
        "goal": (
            "De implementatie van een nieuw, toekomstbestendig en gebruiksvriendelijk "
            "standaardsysteem in de cloud voor de concernadministratie en de ondersteunende "
            "financiën en inkoopprocessen.\n\n"
            "GREAT is een groot en complex project met impact door de hele gemeente. Het gaat "
            "namelijk over zowel het vervangen van een ICT-systeem, als over concern brede "
            "uitvoerings- en procesvragen."
        ),
        "reports": {
            "2023-1": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "green",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": (
                        "De beoogde functionaliteit is duidelijk, deze is ook vastgelegd in "
                        "zogenaamde functionele ontwerpen. Die worden op dit moment gebouwd.\n\n"
                        "Het projectteam heeft een aantal wisselingen ondergaan en er is op "
                        "verschillende posities versterking gekomen. Goed personeel vinden, "
                        "houden en niet overbelasten, blijft wel een uitdaging. Dit geldt zeker "
                        "voor een aantal functies waar hele specifieke kennis en ervaring voor "
                        "nodig is.\n\n"
                        "De start van de brede communicatie heeft een goed bereik. De webinar was "
                        "een van de best bekeken webinars met ruim 1100 live kijkers. En dit is "
                        "nog los van de groepen die hebben gekeken en de collega’s die het terug "
                        "hebben gekeken. Daarnaast merken we aan de vragen vanuit de "
                        "verschillende teams en gebruikers dat de boodschap overkomt. "
                        "Tegelijkertijd zien we no-shows bij bijeenkomsten en ‘zorgen’ die wel "
                        "geuit worden maar niet concreet worden gemaakt. We moeten dus constant "
                        "in de gaten houden of we daadwerkelijk iedereen bereiken en ‘verstaan’."
                    ),
                    "money": (
                        "In de afgelopen periode zijn er beperkte meerkosten gekomen op de "
                        "functionaliteit, dit is in lijn met de verwachting aangezien er geen "
                        "grote wijzigingen meer zijn in de functionaliteit.\n\n"
                        "Daarnaast zijn de gemeente en het consortium het eens geworden over een "
                        "sponsoraanbod vanuit Oracle. Doordat Rotterdam als eerste publieke "
                        "organisatie in de Oracle Cloud gaat heeft Oracle gekeken wat er extra "
                        "mogelijk is om het project succesvol te maken. Zij hebben daarom voor "
                        "extra dekking gezorgd voor het bouwen van Rotterdam specifiek "
                        "maatwerk.\n\n"
                        "Er zijn op dit moment geen openstaande inhoudelijke vraagstukken en er "
                        "is dekking voor wat nu in scope is. Tegelijkertijd zijn er diverse "
                        "risico’s en zit er enerzijds spanning op het meenemen van collega’s en "
                        "anderzijds het sturen op de kosten voor interne uren. Voor beiden geldt "
                        "dat wanneer het niet lukt hier voldoende op te sturen er financiële "
                        "consequenties zijn."
                    ),
                    "time": (
                        "Er is een breed gedragen planning, die gaat uit van een livegang op 1 "
                        "januari 2024. Hierbij ronden we alle activiteiten voor 2023 af in het "
                        "huidige systeem en starten alle activiteiten voor 2024 op in het nieuwe "
                        "systeem. Dit gaat gefaseerd, er is dus niet een overgang van één dag. Op "
                        "deze planning zit spanning en er zijn risico’s, maar op dit moment "
                        "maakt dat een ander live-gang moment niet nodig. Een ander moment zal "
                        "ook weer nadelen hebben. Denk hierbij aan een gebroken boekjaar en "
                        "kosten voor uitloop. Ook dan zal er spanning komen op bepaalde "
                        "activiteiten en sleutelfuncties. Eén van de verschillen ten opzichte van "
                        "de vorige planning is dat er geen ‘loze’ maanden meer zijn die kunnen "
                        "worden ingezet voor uitloopt. Daar staat tegenover dat de periode tot "
                        "live-gang ook korter is geworden."
                    ),
                    "risk": (
                        "De reden dat risico’s oranje zijn, is dat er een aantal flinke risico’s "
                        "zijn, maar dat die op dit moment niet tot afwijking ten opzichte van de "
                        "kaders leiden. Kort gezegd: als alles loopt zoals nu helder is, halen "
                        "we de beoogde kwaliteit binnen de gestelde tijd en het budget.\n\n"
                        "Tegelijkertijd is het bij projecten als deze te verwachten dat niet "
                        "alles loopt zoals verwacht. De belangrijkste risico’s, inclusief "
                        "maatregelen, zijn:\n\n"
                        "Kwaliteit\n"
                        "Op dit moment is er consensus over wat er gebouwd moet worden. De "
                        "uitkomst hiervan is alleen nog niet beschikbaar, er is nog geen "
                        "product. Daarmee is de controle op de kwaliteit van het eindproduct "
                        "beperkt mogelijk. Er komt steeds meer functionaliteit beschikbaar en 1 "
                        "september moet alles gebouwd zijn. Tot die tijd voeren we alle systeem- "
                        "en functionaliteitstesten uit die mogelijk zijn, vanaf september gaan we "
                        "ook overige testen uitvoeren.\n\n"
                        "Geld\n"
                        "Uit de testperiode kunnen extra werkzaamheden komen. Deels zijn die "
                        "voorzien, deels kunnen die ook tot extra kosten leiden. De verwachting "
                        "is dat dit niet om substantiële bedragen gaat. De interne uren van "
                        "Rotterdam lopen ook op, net als kosten voor verandermanagement. Het is "
                        "de verwachting dat hier dekking voor te vinden is, in ieder geval vinden "
                        "wij het meenemen van collega’s dusdanig belangrijk dat we hier niet een "
                        "stop op zetten.\n\n"
                        "Tijd\n"
                        "Uitval en onvoldoende personele capaciteit, tegenvallers in het bouwen "
                        "of de opgeleverde functionaliteit, te beperkte betrokkenheid en "
                        "beschikbaarheid voor het opleiden de eindgebruikers verhogen de druk op "
                        "de planning. Deze risico’s zijn voor dit soort projecten niet "
                        "uitzonderlijk en veel van deze risico’s zijn, afhankelijk van het moment "
                        "en de oorzaak en grootte, nog op te vangen in de planning. Dit kan "
                        "leiden tot aanpassingen in delen van het project, maar het is niet de "
                        "verwachting dat deze de live-gang zullen blokkeren. Op de planning wordt "
                        "strak gestuurd."
                    ),
                },
                "developments": (
                    "Het project is in de periode februari tot mei in een andere fase gekomen. De "
                    "technische vertaling van het ‘wat willen we bereiken’ naar ‘hoe gaan we dat "
                    "doen’ is bijna geheel afgerond. Daarmee is de focus verschoven naar "
                    "enerzijds het daadwerkelijk bouwen van het ‘Rotterdamse systeem’ en "
                    "anderzijds de implementatie van dit systeem in de organisatie.\n\n"
                    "Het bouwen bestaat uit twee delen: 1. het inrichten van de standaard "
                    "software en 2. het bouwen van het maatwerk. Dit verschilt sterk in "
                    "complexiteit en daarmee ook in snelheid waarmee stukken software gereed "
                    "zijn. Hier wordt strak op gestuurd door middel van een breed gedragen "
                    "planning. Het is de verwachting dat het bouwen 1 september 2023 klaar is. "
                    "Daarna volgt het testen, de training en de overgang naar het nieuwe systeem "
                    "per 1 januari 2024.\n\n"
                    "De implementatie in de organisatie gaat in de huidige fase vooral over het "
                    "informeren over wat er wanneer gaat gebeuren, welke impact dit heeft en wat "
                    "er van de verschillende clusters en medewerkers gevraagd wordt. Er zijn zo’n "
                    "6500 gebruikers van de systemen en 1100 leidinggevenden met collega’s in hun "
                    "team die een van de systemen gebruiken. In deze fase gaat de communicatie "
                    "met name nog over de algemene ontwikkelingen. Vanaf deze periode kunnen we "
                    "steeds specifieker communiceren over de impact per gebruiker.\n\n"
                    "Tot slot is, nu het Rotterdamse systeem steeds duidelijker wordt, gestart "
                    "met het maken van het opleidingsmateriaal voor trainers, testers en "
                    "eindgebruikers. Het zwaartepunt van de trainingen zal liggen in november en "
                    "december 2023. Hierbij zoeken we, samen met clusters, naar mogelijkheden die "
                    "de impact op het reguliere werk zo klein mogelijk te houden."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "orange",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": (
                        "De beoogde functionaliteit wordt vastgelegd in functionele ontwerpen. "
                        "Het projectteam is op verschillende posities versterkt."
                    ),
                    "money": (
                        "Wijzigingen in de gevraagde functionaliteit en het Rotterdam specifieke "
                        "maatwerk leiden tot meerkosten. Met het consortium en Oracle zijn we in "
                        "gesprek over de dekking hiervan. Daarnaast lopen de kosten voor interne "
                        "uren op."
                    ),
                    "time": (
                        "Het afronden van de functionele ontwerpen heeft meer tijd gekost dan "
                        "gepland. Er wordt een nieuwe, breed gedragen planning opgesteld met een "
                        "livegang op 1 januari 2024. Daarmee wordt de uitloopruimte in de "
                        "planning volledig benut."
                    ),
                    "risk": (
                        "Er zijn een aantal flinke risico’s, onder meer op de beschikbaarheid "
                        "van personeel met specifieke kennis en ervaring, de omvang van het "
                        "maatwerk en de betrokkenheid van de clusters bij de implementatie. Deze "
                        "risico’s worden actief gemonitord en van maatregelen voorzien."
                    ),
                },
                "developments": (
                    "In de afgelopen periode is gewerkt aan de technische vertaling van het ‘wat "
                    "willen we bereiken’ naar ‘hoe gaan we dat doen’, vastgelegd in functionele "
                    "ontwerpen. Het inrichten van de standaard software is gestart.\n\n"
                    "De komende periode verschuift de focus naar het bouwen van het ‘Rotterdamse "
                    "systeem’ en de start van de brede communicatie richting de zo’n 6500 "
                    "gebruikers van de systemen."
                ),
            },
        },
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "RAVE",
        "name": "RAVE (Rotterdamse Aanpak Vervanging e-Suite)",
        "slug": "rave",
        "kind": "programme",
        "parent": None,
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": (
            "Aanleiding\n"
            "In 2017 is het huidige zaaksysteem, e-Suite – leverancier Atos, in gebruik genomen. "
            "Het uitgangspunt destijds was dat gemeente Rotterdam van allerlei maatwerk "
            "overstapte naar één generiek systeem. Inmiddels werken veel afdelingen en alle "
            "clusters met dit systeem en worden er ongeveer 170 processen met ongeveer evenveel "
            "ingerichte zaaktypen in de e-Suite ondersteund. De e-Suite is nog constant in "
            "ontwikkeling en breidt nog steeds uit binnen de gemeente Rotterdam.\n\n"
            "Een andere belangrijke ontwikkeling is dat de huidige samenleving een "
            "transparantere overheid met een klantgerichtere dienstverlening verwacht, waarin "
            "burger en bedrijf actief participeren. Om deze uitdaging aan te kunnen is open, "
            "flexibele en betaalbare IT nodig. De Common Ground beweging vanuit de Vereniging "
            "van Nederlandse Gemeenten biedt de informatiekundige visie op de moderne IT. Hierin "
            "passen begrippen als een open, gelaagde architectuur, “open source software” en "
            "“IT on demand uit de cloud”. Dit heeft geleid tot het besluit voor de vervanging "
            "van de e-Suite.\n\n"
            "Doel\n"
            "Het doel van het programma is samengevat in de volgende zin;\n"
            "“De ingebruikname, door de gebruikers- en beheerders organisatie, van het nieuwe "
            "zaakplatform… …dat snel en soepel inspeelt op actuele behoefte van de burger en de "
            "organisatie, waarbij;\n"
            "• de overgang functioneel en technisch soepel verloopt\n"
            "• de huidige functionaliteit minimaal gewaarborgd blijft\n"
            "• leverancier onafhankelijkheid maximaal ondersteund is.”\n\n"
            "Resultaat\n"
            "Het beoogde resultaat van dit programma is de implementatie van een nieuw "
            "zaakplatform gebaseerd op Common Ground dat in ieder geval de huidige e-Suite "
            "vervangt in haar functionaliteiten.\n\n"
            "Implementeren betreft het in gebruik nemen van een nieuw zaakplatform met "
            "verschillende componenten, techniek en functionaliteit. De componenten zijn hetzij "
            "ontwikkeld in opdracht van Dimpact, danwel elders.\n\n"
            "Het programma draagt zorg voor het testen, accepteren en de ingebruikname van de "
            "componenten door de bestaande beheer- en gebruikersgroepen. De huidige gewenste "
            "functionaliteiten zijn minimaal mogelijk geborgd in het nieuwe platform. Daar waar "
            "aanvullende functionaliteiten, die bovenop de huidige situatie van de e-Suite "
            "komen, zijn inbegrepen in de nieuw ontwikkelde componenten zullen deze in de "
            "implementatie meegenomen worden. Dit is mits deze functionaliteiten volgens de "
            "Common Ground principes zijn ontwikkeld, binnen de scope van het programma vallen "
            "en ook daadwerkelijk een positieve business case hebben. Waar nodig wordt dit "
            "besluit in de stuurgroep genomen.\n\n"
            "Het programma draagt zorg voor de implementatie van de processen (nu 169) die op het "
            "moment van de start van de transitie in de e-Suite zijn opgenomen. Daar waar nieuwe "
            "processen moeten worden toegevoegd zal het programma i.s.m. het Expertisecentrum "
            "Zaakgewijs Werken (EZW) bepalen in welk systeem het betreffende proces moet worden "
            "opgenomen.\n\n"
            "Het platform, inclusief alle daarbij horende koppelingen en ingerichte processen, "
            "zal worden opgeleverd aan de bestaande lijnorganisatie, zijnde EZW. Tijdens de "
            "ontwikkelingen wordt de klantorganisatie meegenomen om de techniek zo goed mogelijk "
            "aan te laten sluiten op gewenste dienstverleningsniveaus."
        ),
        "reports": {
            "2023-1": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "green",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "De ambtelijke organisatie zoekt nog naar dekking voor de periode 2024 - "
                        "2027. Ook de bezuinigingen en de krapte op de arbeidsmarkt kunnen een "
                        "negatieve uitwerking hebben op de beschikbare en noodzakelijke "
                        "financiële middelen."
                    ),
                    "time": "",
                    "risk": (
                        "Hoewel er een aantal risico’s qua kans en impact kleiner zijn geworden, "
                        "denk aan een betere planning vanuit de leverancier, een sterkere focus "
                        "op productrealisatie conform visie en een sterkere rolerkenning en "
                        "rolacceptatie, blijven er met name risico’s over op het gebied van "
                        "functionaliteiten. Krijgen we nog steeds wat we nodig hebben om de "
                        "eSuite te vervangen met gelijkblijvende functionaliteit en is er "
                        "voldoende tijd en geld om dit te realiseren? De komende periode zal "
                        "vanuit het programma dan ook gestuurd worden op een reductie van deze "
                        "risico’s in kans en impact."
                    ),
                },
                "developments": (
                    "In de afgelopen periode heeft RAVE, na goedkeuring van de stuurgroep, haar "
                    "inzet gericht op het neerzetten van een ketenomgeving waarin het "
                    "zaakafhandelcomponent van Ritense beproeft kan worden door gemeente "
                    "Rotterdam. Deze beproeving komt op een later moment mooi samen met de lijn "
                    "van Beyond23. Dit is de programmanaam van Dimpact, de vereniging waar "
                    "Rotterdam lid van is en waar Rotterdam haar zaaksysteem bij afneemt. Hierin "
                    "ronden zij het onderzoek en advies over strategie, vervolgstappen en "
                    "positionering van de doorontwikkeling en uitbreiding van PodiumD zaak voor "
                    "de specifieke processen af. PodiumD zaak is de nieuwe productnaam van "
                    "Dimpact voor het zaakafhandeldeel van de huidige eSuite.\n\n"
                    "Daarnaast hebben we de samenwerking met het Beyond23-programma omgebogen "
                    "naar een directere input om te komen tot een platform ter vervanging van de "
                    "e-Suite. RAVE-programmaleden denken nu proactief mee in de architectuur, "
                    "strategie, integratie en toekomstgerichtheid van de verschillende "
                    "componenten en het platform als geheel.\n\n"
                    "Het technisch opleveren van de keten, nodig voor de omzetting van de "
                    "aanvraagformulieren (door Dimpact als productnaam PodiumD-formulieren "
                    "genoemd), wordt naar verwachting en conform planning in Q2 2023 afgerond. "
                    "Inmiddels is het implementatie deel van de omzetting gestart en voorzien we "
                    "dat we in Q3 2023 de eerste aanvraagformulieren ook daadwerkelijk omzetten."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "orange",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "Voor de periode na 2023 is nog geen dekking gevonden voor de vervanging "
                        "van de e-Suite. De ambtelijke organisatie zoekt naar dekking."
                    ),
                    "time": (
                        "De planning van de leverancier voor de oplevering van de componenten van "
                        "het nieuwe zaakplatform is onzeker. Daardoor staat de planning van de "
                        "omzetting van de processen uit de e-Suite onder druk. Met Dimpact maken "
                        "we nadere afspraken over de planning."
                    ),
                    "risk": (
                        "Er zijn risico’s op het gebied van de planning van de leverancier, de "
                        "rolverdeling tussen Rotterdam, Dimpact en het Beyond23-programma, en de "
                        "vraag of de nieuwe componenten de huidige functionaliteit van de "
                        "e-Suite volledig kunnen vervangen."
                    ),
                },
                "developments": (
                    "In de afgelopen periode is met Dimpact en het Beyond23-programma gesproken "
                    "over de positionering van de doorontwikkeling van het zaakafhandeldeel van "
                    "de huidige e-Suite. De stuurgroep heeft ingestemd met een voorstel om een "
                    "ketenomgeving in te richten waarin het zaakafhandelcomponent van Ritense "
                    "door gemeente Rotterdam beproefd kan worden.\n\n"
                    "De komende periode richten we ons op het technisch opleveren van de keten "
                    "voor de omzetting van de aanvraagformulieren."
                ),
            },
        },
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "RDI",
        "name": "Rotterdamse Digitale Infrastructuur (RDI)",
        "slug": "rdi",
        "kind": "programme",
        "parent": None,
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": (
            "Om ervoor te zorgen dat medewerkers, burgers en bedrijven flexibel, digitaal en met "
            "de juiste competenties kunnen (samen)werken en informatie met elkaar kunnen delen, "
            "en om te kunnen voorzien in de digitale ambities van de clusters, is een toekomst "
            "vaste en schaalbare IT-infrastructuur nodig. Hierin wordt gefaciliteerd door het "
            "programma Rotterdamse Digitale Infrastructuur (RDI) om die veranderingen teweeg te "
            "brengen via een viertal projectsporen op het gebied van toegang tot systemen, de "
            "digitale werkomgeving, de integratie van data en werkomgevingen en de IT "
            "infrastructuur. Uiteindelijk zullen zowel medewerkers van gemeente Rotterdam als "
            "burgers, bedrijven en ketenpartners hiervan profiteren."
        ),
        "reports": {
            "2023-1": {
                # Only a plain "Toelichting geld" in the seed: no aspect deviates.
                "ratings": {"quality": "green", "money": "green", "time": "green", "risk": "green"},
                "explanations": {
                    "quality": "",
                    "money": (
                        "Vanuit BusinessCase Anders Werken is er 1,5 miljoen aan het programma "
                        "toegevoegd, hiermee is het eerdere tekort in de prognose van 2023 "
                        "opgelost. In juli van dit jaar worden de prognoses opnieuw tegen het "
                        "licht gehouden voor de halfjaarlijkse ijking."
                    ),
                    "time": "",
                    "risk": "",
                },
                "developments": (
                    "Hierbij de actuele ontwikkelingen en vooruitblik van de 4 RDI projectsporen "
                    "van het programma in volgorde van de Pyramidelagen:\n\n"
                    "Identity Accesmanagement (IAM):\n" + _RDI_IAM + "\n\n"
                    "Doorontwikkeling Werkomgeving (DWO):\n" + _RDI_DWO + "\n\n"
                    "Hybride Integratie Platform (HIP):\n" + _RDI_HIP + "\n\n"
                    "Datacenter (DC):\n" + _RDI_DC
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "orange",
                    "risk": "green",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "De prognose voor 2023 laat een tekort zien. Er wordt onderzocht of "
                        "middelen vanuit de BusinessCase Anders Werken aan het programma kunnen "
                        "worden toegevoegd om dit tekort op te lossen."
                    ),
                    "time": (
                        "Het streven was om de medewerkers in Q4 van 2022 over te zetten naar de "
                        "Rotterdamse werkplek-hub via de technologie van VMWare. Door samenhang "
                        "van de diverse technologische ontwikkelingen is besloten het moment van "
                        "migratie uit te stellen tot medio 2023. De planning van de overige "
                        "deelprojecten wordt hierop afgestemd."
                    ),
                    "risk": "",
                },
                "developments": (
                    "Het IAM-platform voor burgers/bedrijven is begin november in productie "
                    "gegaan; nieuwe applicaties zoals R’dam-pas en scholingsfonds zijn via de "
                    "nieuwe beveiligde technologie aangesloten. De hernieuwde versie van het "
                    "IAM-platform voor medewerkers wordt voorbereid.\n\n"
                    "Binnen de doorontwikkeling van de werkomgeving is gestart met de migratie "
                    "van de mailboxen naar Exchange Online en de uitrol van de Laptop van de "
                    "Toekomst. De API-ESB gateway van het Hybride Integratie Platform wordt "
                    "gereedgemaakt voor productie, onder andere voor het koppelen van GREAT. "
                    "Voor het datacenter wordt het scenario van een migratie naar de cloud "
                    "onderzocht."
                ),
            },
        },
    },
    {
        "short_name": "IAM",
        "name": "Identity Accesmanagement (IAM)",
        "slug": "rdi-iam",
        "kind": "track",
        "parent": "rdi",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _RDI_IAM,
        "reports": {},
    },
    {
        "short_name": "DWO",
        "name": "Doorontwikkeling Werkomgeving (DWO)",
        "slug": "rdi-dwo",
        "kind": "track",
        "parent": "rdi",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _RDI_DWO,
        "reports": {},
    },
    {
        "short_name": "HIP",
        "name": "Hybride Integratie Platform (HIP)",
        "slug": "rdi-hip",
        "kind": "track",
        "parent": "rdi",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _RDI_HIP,
        "reports": {},
    },
    {
        "short_name": "DC",
        "name": "Datacenter (DC)",
        "slug": "rdi-dc",
        "kind": "track",
        "parent": "rdi",
        "unit": "IIFO",
        "portfolio_holder": "Wethouder Organisatie",
        "sponsor": "Directeur IIFO",
        "goal": _RDI_DC,
        "reports": {},
    },
    # ----------------------------------------------------------------------------------------
    {
        "short_name": "Sorga",
        "name": "Sorga",
        "slug": "sorga",
        "kind": "programme",
        "parent": None,
        "unit": "MO",
        "portfolio_holder": "Wethouder Zorg",
        "sponsor": "Directeur Maatschappelijke Ontwikkeling",
        "goal": (
            "Eind 2019 heeft de Algemene Deelnemers Vergadering van Wigo4it besloten om de "
            "G4-samenwerking (grootste vier gemeenten: Amsterdam, Den Haag, Utrecht en "
            "Rotterdam) op het gebied van de IT-dienstverlening voor de domeinen "
            "Klantinteractie, Werk en Zorg te stoppen. Van de huidige drie gebruikers van "
            "Socrates Zorg hebben Utrecht en Den Haag aangegeven niet verder te gaan met "
            "Wigo4it. Rotterdam heeft het besluit genomen wel door te gaan met de verdere "
            "ontwikkeling van de applicatie Sorga, het overnemen van de applicatie en het "
            "ondersteunende ontwikkelteam.\n\n"
            "Om dit te kunnen realiseren is het Programma Sorga in het leven geroepen. Vanuit "
            "het programma richten wij ons op:\n"
            "1. De transitie van W4 (WiGo4It) naar G1 Rotterdam:\n"
            "  - Personeel (HR)\n"
            "  - Technische transitie Sorga in Rotterdam (IIFO)\n"
            "  - Juridische borging (JD/HR)\n"
            "  - Financiën\n"
            "  - Communicatie\n"
            "2. Ontvlechten en doorontwikkelen van Sorga\n"
            "3. Ontwikkelen Inkoop WMO module\n"
            "4. Implementatie Sorga in Rotterdam"
        ),
        "reports": {
            "2023-1": {
                "ratings": {
                    "quality": "orange",
                    "money": "orange",
                    "time": "orange",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": (
                        "Er zijn nog een aantal restpunten vanuit het programma welke verder "
                        "opgepakt dienen te worden. Hierdoor werkt de nieuwe IT-keten nog niet "
                        "optimaal."
                    ),
                    "money": (
                        "Maandelijks worden de financiële prognoses bijgewerkt. Omdat het "
                        "programma initieel niet door zou lopen in 2023 is er als zodanig geen "
                        "budget gereserveerd voor 2023. Er vinden gesprekken plaats met de lijn "
                        "over financiering."
                    ),
                    "time": (
                        "Door samenloop van het programma ontvlechting Socrates Zorg en "
                        "programma nieuwe inkoop Jeugdzorg was het noodzakelijk om extern "
                        "ingehuurde medewerkers te schuiven. Dit heeft ervoor gezorgd dat de "
                        "ontwikkelsnelheid aan de kant van het programma ontvlechting Socrates "
                        "zorg omlaag is gegaan. Dit effect is zoals eerder voorspeld niet "
                        "ingelopen waardoor de omzetting van de laatste productgroep is "
                        "verschoven naar april 2023. De laatste mijlpaal, de omzetting van de "
                        "applicatie Sorga van Wigo4it naar Gemeente Rotterdam, is inmiddels "
                        "behaald. Het programma wordt op 30 juni afgerond, mogelijke "
                        "werkzaamheden rondom de overdacht vinden mogelijk nog in juli plaats."
                    ),
                    "risk": (
                        "Het programmateam heeft de risico’s en impact van doorgaan volgens de "
                        "huidige koers in kaart gebracht. Er bestaan veel afhankelijkheden "
                        "tussen de lijnorganisatie en het programma. De overdracht van het "
                        "programma naar de lijnorganisatie moet goed worden geregeld, dit wordt "
                        "momenteel opgetuigd maar behoeft nog enige aandacht."
                    ),
                },
                "developments": (
                    "Op 8 februari 2023 zijn de productgroepen Hulpmiddelen Koop en PGB "
                    "(persoonsgebonden budget) succesvol geïmplementeerd. Vervolgens is de "
                    "laatste productgroep, WMO-maatwerkvoorzieningen (Wet maatschappelijke "
                    "ondersteuning), geïmplementeerd op 19 april 2023. Na deze implementatie "
                    "wordt er niet meer gewerkt in de applicatie Socrates Zorg en zijn alle "
                    "productgroepen over gegaan.\n\n"
                    "De omzetting van de door Wigo4it gebouwde applicatie Sorga naar Gemeente "
                    "Rotterdam vond plaats op 1 en 2 juni 2023 Daarna wordt overgegaan tot "
                    "afronden en overdragen van het programma aan de lijnorganisatie. De "
                    "volgende MIP zal hiermee de laatste zijn waarin het programma Sorga is "
                    "opgenomen."
                ),
            },
            "2022-3": {
                "ratings": {
                    "quality": "green",
                    "money": "orange",
                    "time": "orange",
                    "risk": "orange",
                },
                "explanations": {
                    "quality": "",
                    "money": (
                        "Het programma zou initieel eind 2022 worden afgerond. Door de uitloop "
                        "loopt het programma door in 2023, waarvoor geen budget is "
                        "gereserveerd. Maandelijks worden de financiële prognoses bijgewerkt en "
                        "met de lijn wordt gesproken over de financiering."
                    ),
                    "time": (
                        "Door samenloop van het programma ontvlechting Socrates Zorg en het "
                        "programma nieuwe inkoop Jeugdzorg zijn extern ingehuurde medewerkers "
                        "geschoven. Hierdoor is de ontwikkelsnelheid omlaag gegaan. De "
                        "verwachting is dat dit effect niet wordt ingelopen en dat de omzetting "
                        "van de laatste productgroepen verschuift naar het voorjaar van 2023."
                    ),
                    "risk": (
                        "Er bestaan veel afhankelijkheden tussen de lijnorganisatie en het "
                        "programma en met het programma nieuwe inkoop Jeugdzorg. Het "
                        "programmateam brengt de risico’s en impact van doorgaan volgens de "
                        "huidige koers in kaart."
                    ),
                },
                "developments": (
                    "In de afgelopen periode is de implementatie van de productgroepen "
                    "Hulpmiddelen Koop en PGB (persoonsgebonden budget) voorbereid; deze staat "
                    "gepland voor 8 februari 2023. De laatste productgroep, "
                    "WMO-maatwerkvoorzieningen, volgt in april 2023.\n\n"
                    "Daarna volgen de omzetting van de applicatie Sorga van Wigo4it naar Gemeente "
                    "Rotterdam en de overdracht van het programma aan de lijnorganisatie."
                ),
            },
        },
    },
]


# --------------------------------------------------------------------------------------------
# Self-check: python projects/demo_data.py
# --------------------------------------------------------------------------------------------

ASPECTS = ("quality", "money", "time", "risk")
RATINGS = ("green", "orange", "red")
KINDS = ("programme", "project", "track")


def _check() -> None:
    period_keys = [p["key"] for p in PERIODS]
    assert len(period_keys) == len(set(period_keys)), "period keys must be unique"
    assert [p["start"] for p in PERIODS] == sorted(p["start"] for p in PERIODS), "oldest first"
    for p in PERIODS:
        assert p["end"] > p["start"], p["key"]
        assert (p["state"] == "published") == (p["published_on"] is not None), p["key"]

    unit_names = [u["short_name"] for u in UNITS]
    assert len(unit_names) == len(set(unit_names)), "unit short names must be unique"
    holder_names = [h["name"] for h in PORTFOLIO_HOLDERS]
    assert len(holder_names) == len(set(holder_names)), "portfolio holders must be unique"

    slugs = [p["slug"] for p in PROGRAMMES]
    assert len(slugs) == len(set(slugs)), "slugs must be unique"
    by_slug = {p["slug"]: p for p in PROGRAMMES}

    for prog in PROGRAMMES:
        where = prog["slug"]
        assert prog["kind"] in KINDS, where
        assert prog["unit"] in unit_names, f"{where}: unknown unit {prog['unit']}"
        assert prog["portfolio_holder"] in holder_names, f"{where}: unknown portfolio holder"
        assert prog["name"] and prog["short_name"] and prog["goal"].strip(), where
        if prog["kind"] == "track":
            assert prog["parent"] in by_slug, f"{where}: unknown parent {prog['parent']}"
            assert by_slug[prog["parent"]]["parent"] is None, f"{where}: nested track"
        else:
            assert prog["parent"] is None, f"{where}: only tracks have a parent"
        for key, report in prog["reports"].items():
            assert key in period_keys, f"{where}: unknown period {key}"
            assert set(report["ratings"]) == set(ASPECTS), f"{where} {key}: ratings keys"
            assert set(report["explanations"]) == set(ASPECTS), f"{where} {key}: explanation keys"
            for aspect in ASPECTS:
                rating = report["ratings"][aspect]
                assert rating in RATINGS, f"{where} {key} {aspect}: bad rating {rating!r}"
                if rating != "green":
                    assert report["explanations"][aspect].strip(), (
                        f"{where} {key} {aspect}: {rating} needs an explanation"
                    )
            assert report["developments"].strip(), f"{where} {key}: developments missing"

    for parent in ("rdi", "digitale-stad"):
        assert parent in by_slug, parent
    assert sum(p["parent"] == "rdi" for p in PROGRAMMES) == 4, "RDI has four tracks"
    assert sum(p["parent"] == "digitale-stad" for p in PROGRAMMES) == 3, "Digitale Stad: 3 sporen"
    top = [p for p in PROGRAMMES if p["parent"] is None]
    assert len(top) == 8, "eight programmes"
    assert all("2023-1" in p["reports"] and "2022-3" in p["reports"] for p in top)


if __name__ == "__main__":
    _check()
    n_reports = sum(len(p["reports"]) for p in PROGRAMMES)
    print(f"demo_data OK: {len(PROGRAMMES)} programmes/tracks, {n_reports} reports")
