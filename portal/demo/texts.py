"""Text fragments for the demo reflections (see ``portal.demo_stories``).

Sentences are templates with slots that ``demo_stories`` fills: ``{who}``/``{Who}`` (the statushouder on
first mention, always generic: "een jonge vader uit Eritrea"), ``{ref}``/``{Ref}`` (later
mentions: "de vader"), ``{hij}``/``{Hij}``, ``{zijn}``/``{Zijn}``, ``{hem}``, ``{land}``,
``{gemeenschap}``, ``{taal}``, ``{werkplek}``, ``{partner}``, ``{dag}``, ``{tijd}``, ``{weken}``,
``{beroep}``. Fictional people only: no names, no numbers that identify anyone."""

from __future__ import annotations

import random

# (first mention, later mention, gender m/v)
WHO = (
    ("een jonge vader", "de vader", "m"),
    ("een alleenstaande moeder", "de moeder", "v"),
    ("een jonge man", "de jongeman", "m"),
    ("een jonge vrouw", "de jonge vrouw", "v"),
    ("een man van middelbare leeftijd", "de man", "m"),
    ("een vrouw van middelbare leeftijd", "de vrouw", "v"),
    ("een oudere man", "de oudere man", "m"),
    ("een grootmoeder", "de grootmoeder", "v"),
    ("een vader van vier kinderen", "de vader", "m"),
    ("een moeder van een tweeling", "de moeder", "v"),
    ("een alleenstaande jongen van negentien", "de jongen", "m"),
    ("een meisje van net achttien", "het meisje", "v"),
    ("een statushouder", "de statushouder", "m"),
    ("een inburgeraar", "de inburgeraar", "v"),
    ("een klant", "mijn klant", "m"),
    ("een nieuwe klant", "mijn klant", "v"),
)

# (country, adjective for the community, language for an interpreter)
ORIGIN = (
    ("Eritrea", "Eritrese", "Tigrinya"),
    ("Syrië", "Syrische", "Arabisch"),
    ("Afghanistan", "Afghaanse", "Dari"),
    ("Somalië", "Somalische", "Somalisch"),
    ("Jemen", "Jemenitische", "Arabisch"),
    ("Irak", "Iraakse", "Arabisch"),
    ("Iran", "Iraanse", "Farsi"),
    ("Turkije", "Turkse", "Turks"),
    ("Ethiopië", "Ethiopische", "Amhaars"),
    ("Soedan", "Soedanese", "Arabisch"),
)

WHO_EXTRA = (
    "die net uit het AZC kwam",
    "die sinds een paar maanden in de gemeente woont",
    "die via gezinshereniging naar Nederland kwam",
    "die al bijna twee jaar in Nederland is",
    "die nog maar kort een eigen woning heeft",
    "die in het AZC al een beetje Nederlands had geleerd",
)

BEROEP = (
    "verpleegkundige", "elektricien", "leraar", "boekhouder", "kapper", "vrachtwagenchauffeur",
    "kleermaker", "automonteur", "bakker", "apotheker", "timmerman", "boer",
)  # fmt: skip

WERKPLEK = (
    "de bakkerij", "de fietsenmaker", "een zorginstelling", "de kwekerij", "een garage",
    "de supermarkt", "een schoonmaakbedrijf", "het distributiecentrum", "een bouwbedrijf",
    "het restaurant om de hoek", "de kringloopwinkel", "een metaalbedrijf",
)  # fmt: skip

PARTNER = (
    "VluchtelingenWerk", "het COA", "de taalaanbieder", "het werkbedrijf", "de huisarts",
    "het Taalhuis", "de schuldhulpverlening", "het wijkteam", "de school van de kinderen",
    "een maatje van de vrijwilligerscentrale", "de woningcorporatie", "de praktijkondersteuner",
)  # fmt: skip

DAG = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
TIJD = ("9.00 uur", "9.30 uur", "10.15 uur", "11.00 uur", "13.30 uur", "14.30 uur", "15.45 uur")
WEKEN = ("twee weken", "drie weken", "een maand", "zes weken", "een paar maanden")

OPENINGS = {
    "azc": (
        "Deze week had ik op het AZC een eerste kennismaking met {who}.",
        "Samen met een medewerker van het COA zocht ik {who} op in het AZC.",
        "Op {dag} om {tijd} zat ik op het AZC tegenover {who}, met een tolk {taal} aan de telefoon.",
        "Mijn eerste gesprek met {who} vond plaats in een klein kamertje op het AZC.",
        "Het COA had {who} aan onze gemeente gekoppeld, dus ging ik op kennismaking.",
        "Ik ging naar het AZC om {who} te ontmoeten, nog voordat de verhuizing rond was.",
    ),
    "intake": (
        "Er kwam veel meer op tafel dan ik had verwacht tijdens de brede intake met {who}.",
        "Op {dag} had ik de brede intake met {who}.",
        "Bijna twee uur duurde de brede intake met {who}.",
        "Zoals altijd begon ik met de taaltoets, dit keer bij de brede intake van {who}.",
        "Ik had een tolk {taal} geregeld voor de brede intake met {who}.",
        "Al snel merkte ik dat mijn vragenlijst tekortschoot, bij de brede intake met {who}.",
    ),
    "plan": (
        "Deze week schreef ik samen aan het ondersteuningsplan met {who}.",
        "Vandaag zou ik het ondersteuningsplan tekenen met {who}.",
        "Ik besprak de doelen voor het ondersteuningsplan met {who}.",
        "Ik wilde het concept-ondersteuningsplan samen doorlopen met {who}.",
        "Anders dan gepland liep het gesprek over het ondersteuningsplan met {who}.",
    ),
    "tailored": (
        "{Who} zit nu een paar maanden in een duale route bij de taalaanbieder.",
        "Ik sprak {who} over de proefplaats bij {werkplek}.",
        "Sinds {weken} volgt {who} een maatwerktraject met taal en werkervaring.",
        "Op {dag} belde de taalaanbieder me over {who}.",
        "Het maatwerktraject van {who} loopt nu {weken}.",
        "Vandaag had ik een driegesprek met {who} en de begeleider van {werkplek}.",
    ),
    "monitoring": (
        "In het voortgangsgesprek met {who} keken we terug op het afgelopen half jaar.",
        "Ik had al {weken} niets gehoord van {who}, dus ging ik op huisbezoek.",
        "Bij de evaluatie van het ondersteuningsplan van {who} zaten ook twee ketenpartners aan tafel.",
        "Op {dag} had ik een voortgangsgesprek met {who}.",
        "Als spin in het web houd ik contact met {who} en alle instanties eromheen.",
        "Tijdens een kort telefoontje met {who} hoorde ik dat er iets was veranderd.",
    ),
}

BACKGROUND = (
    "In {land} werkte {hij} als {beroep}.",
    "{Hij} was in {land} {beroep} en wil dat hier graag weer worden.",
    "{Zijn} familie woont nog grotendeels in {land}.",
    "{Hij} heeft een lange en zware reis achter de rug.",
    "{Hij} spreekt naast {taal} al aardig wat Engels.",
    "Thuis wordt vooral {taal} gesproken.",
    "{Hij} heeft in {land} nauwelijks onderwijs kunnen volgen.",
)

FOCUS = {
    "work": (
        "{Hij} wil zo snel mogelijk aan het werk, het liefst weer als {beroep}.",
        "Via het werkbedrijf kwam een proefplaats bij {werkplek} in beeld.",
        "We spraken over wat werken in Nederland vraagt: op tijd komen, afmelden als je ziek bent.",
        "{Zijn} diploma uit {land} wordt hier niet zomaar erkend, en dat viel {hem} zwaar.",
        "De werkgever bij {werkplek} was positief, maar vond de taal nog een drempel.",
        "Ik merkte dat de druk om aan het werk te gaan vooral van ons kwam en minder van {hem}.",
        "{Hij} vroeg of vrijwilligerswerk ook telt, omdat {hij} nu de hele dag thuis zit.",
        "Werk betekent voor {hem} vooral: weer iemand zijn, niet alleen een uitkering hebben.",
        "We keken samen naar vacatures en {hij} wist precies wat {hij} wel en niet wilde.",
    ),
    "integration": (
        "De taaltoets viel lager uit dan {hij} zelf had gehoopt.",
        "{Hij} volgt nu acht dagdelen per week les, maar de voortgang gaat langzaam.",
        "Het examen KNM zat {hem} hoog, vooral de vragen over regels die {hij} nog nooit had gehoord.",
        "Lezen en schrijven in het Latijnse schrift is voor {hem} helemaal nieuw.",
        "Op de taalles is {hij} stil, maar bij het Taalhuis durft {hij} wel te praten.",
        "We hadden het over welke inburgeringsroute past: de B1-route of toch de Z-route.",
        "{Hij} oefent elke avond met de kinderen, die de taal veel sneller leren.",
        "De participatieverklaring riep vragen op die we rustig hebben besproken.",
        "Het verschil tussen de les en de praktijk bleek groot: bij de bakker verstond {hij} niemand.",
    ),
    "social": (
        "Al snel bleek dat er schulden waren waar {hij} zich erg voor schaamde.",
        "{Hij} slaapt slecht en maakt zich voortdurend zorgen over familie in {land}.",
        "De post stapelde zich op; brieven van de Belastingdienst en de zorgverzekeraar lagen ongeopend.",
        "{Hij} voelt zich eenzaam in de nieuwe woonwijk en kent nog bijna niemand.",
        "Er speelden gezondheidsklachten die eerst aandacht nodig hadden, voor taal of werk.",
        "De kinderen hadden moeite op school en dat nam alle energie van {hem} in beslag.",
        "Het huis was nog bijna leeg: geen gordijnen, één matras, geen wasmachine.",
        "{Hij} vertelde over wat er onderweg was gebeurd, en ik liet het gesprek daar ook over gaan.",
        "Ik heb vooral geholpen met praktische zaken: de toeslagen, de huur, de verzekering.",
    ),
}

MECHANISM = {
    "bond": (
        "Ik heb vooral de tijd genomen om te luisteren, zonder meteen over verplichtingen te beginnen.",
        "Pas toen ik iets over mezelf vertelde, ontstond er vertrouwen.",
        "Ontmoeten in plaats van moeten: ik liet de agenda een keer los.",
        "We dronken thee en praatten eerst over de kinderen en over {land}.",
        "{Hij} zei aan het eind dat {hij} zich voor het eerst echt gehoord voelde.",
        "Het hielp dat ik dezelfde klantmanager bleef; {hij} hoefde het verhaal niet opnieuw te doen.",
        "Ik merkte dat een persoonlijke band meer opende dan al mijn formulieren.",
    ),
    "agreements": (
        "We hebben samen een paar concrete afspraken opgeschreven, in eenvoudige taal.",
        "Ik heb duidelijk uitgelegd wat we van {hem} verwachten en wat {hij} van mij mag verwachten.",
        "Ik legde uit waar de grenzen liggen, ook wat er gebeurt als afspraken niet worden nagekomen.",
        "Met een tekening op een vel papier maakte ik de stappen van de klantreis zichtbaar.",
        "We spraken af dat {hij} zelf de eerstvolgende afspraak zou maken en dat lukte.",
        "Ik vroeg {hem} om in eigen woorden te herhalen wat we hadden afgesproken.",
    ),
    "partners": (
        "Een sleutelpersoon uit de {gemeenschap} gemeenschap ging mee naar het gesprek.",
        "Ik heb {partner} en de taalaanbieder samen aan tafel gezet.",
        "Door kort te schakelen met {partner} was er binnen een week een oplossing.",
        "Een vrijwilliger van {partner} helpt nu elke week met de administratie.",
        "Samen met {partner} maakten we één plan in plaats van drie losse trajecten.",
        "De sleutelpersoon kon dingen uitleggen die ik als klantmanager niet goed kon overbrengen.",
        "Ik belde {partner} en hoorde dat zij al maanden met hetzelfde bezig waren.",
    ),
}

AFSPRAKEN = (
    "elke {dag} naar het Taalhuis",
    "zelf de huisarts bellen voor een afspraak",
    "een cv maken met hulp van een vrijwilliger",
    "de post meenemen naar het volgende gesprek",
    "een keer meelopen bij {werkplek}",
    "samen de toeslagen nakijken",
    "over {weken} een nieuw gesprek",
    "zich aanmelden bij de bibliotheek",
    "navragen welke sportclub er in de buurt is",
    "de lesrooster-app op de telefoon zetten",
)

CULTURE = (
    "Het duurde even voor ik begreep dat 'ja' vooral beleefdheid was, en geen instemming.",
    "Dat een vrouwelijke tolk het gesprek vertaalde, was voor {hem} duidelijk wennen.",
    "In {land} regel je zulke dingen via de familie, niet via een instantie; dat moest ik leren zien.",
    "Over psychische klachten praten ligt gevoelig; de sleutelpersoon hielp die brug te slaan.",
    "Mijn eigen westerse bril zat me hier in de weg, merkte ik achteraf.",
    "Afspraken op de minuut zijn voor {hem} minder vanzelfsprekend dan voor ons.",
)

QUOTES = (
    "Ik wil niet alleen maar thuis zitten.",
    "In mijn land was ik iemand. Hier moet ik opnieuw beginnen.",
    "Jullie vragen zoveel, maar wat mag ik zelf kiezen?",
    "Als mijn kinderen het goed hebben, heb ik het ook goed.",
    "Ik wil eerst de taal goed leren, dan kan ik werken.",
    "U bent de eerste die vraagt hoe het met mij gaat.",
    "Ik begrijp de brieven niet, dus ik open ze niet meer.",
)

OUTCOME = {
    "positive": (
        "Aan het eind van het gesprek was er een glimlach en een stevige handdruk.",
        "Twee weken later had {hij} zelf een volgende stap gezet, zonder dat ik erom vroeg.",
        "Ik ging met een goed gevoel de deur uit.",
        "Het voelde alsof er iets in beweging kwam.",
        "{Hij} vertelde trots dat het gelukt was.",
    ),
    "mixed": (
        "Het is nog zoekend, maar er is een begin.",
        "Niet alles is opgelost, maar we weten nu wel waar we aan toe zijn.",
        "Ik twijfel nog of dit de goede route is.",
        "Een deel van de afspraken kwam {hij} na, een ander deel niet.",
        "Het blijft schipperen tussen wat de wet vraagt en wat {hij} nu aankan.",
    ),
    "negative": (
        "Ik ging met een knoop in mijn maag naar huis.",
        "Bij het volgende gesprek kwam {hij} niet opdagen.",
        "Ik had het gevoel dat ik vooral aan het controleren was in plaats van te helpen.",
        "Uiteindelijk moest ik een maatregel overwegen, en dat voelde niet goed.",
        "We bleven langs elkaar heen praten, ook met de tolk erbij.",
    ),
}

REFLECT = (
    "Wat ik hiervan meeneem: eerst de mens zien, dan het traject.",
    "Achteraf had ik eerder de ketenpartners moeten betrekken.",
    "Ik wil dit graag in de intervisie bespreken.",
    "Het laat zien hoe dun de lijn is tussen begeleiden naar werk en maatschappelijke hulp.",
    "Ik vraag me af of {hij} het plan echt als het eigen plan ziet.",
    "Misschien verwachten we te snel dat iemand eigen regie neemt.",
    "Voor mij bevestigt dit hoe belangrijk tijd en vertrouwen zijn.",
    "Ik merk dat ik zelf ook moet leren schakelen tussen regels en maatwerk.",
)

TITLES = {
    "azc": ("Kennismaking op het AZC", "Een eerste ontmoeting", "Voordat de verhuizing rond was"),
    "intake": ("De brede intake die anders liep", "Meer dan een vragenlijst", "Twee uur intake"),
    "plan": ("Wiens plan is het?", "Tekenen voor het ondersteuningsplan", "Doelen op papier"),
    "tailored": ("De proefplaats", "Halverwege de duale route", "Taal en werk tegelijk"),
    "monitoring": ("Terugkijken en vooruitkijken", "Het huisbezoek", "Spin in het web"),
    "work": ("Weer iemand zijn", "Een diploma dat niet telt", "Aan de slag bij {werkplek}"),
    "integration": ("Acht dagdelen taal", "De taaltoets", "Het Latijnse schrift"),
    "social": ("De stapel post", "Eerst rust", "Een leeg huis", "Zorgen om familie in {land}"),
    "bond": ("Ontmoeten in plaats van moeten", "Thee en tijd", "Vertrouwen kost tijd"),
    "agreements": ("Heldere afspraken", "Wat verwachten we van elkaar?", "Grenzen uitleggen"),
    "partners": ("Een sleutelpersoon aan tafel", "Eén plan in plaats van drie", "Kort schakelen"),
}

TITLE_SUFFIX = (
    " met {who}",
    " — {who}",
    ": een verhaal over {who}",
)

LESSONS = {
    "bond": (
        "Dat tijd nemen voor de persoon achter de statushouder zich terugbetaalt.",
        "Vertrouwen opbouwen gaat voor het afvinken van het plan.",
        "Ik wil vaker beginnen met luisteren in plaats van met uitleggen.",
    ),
    "agreements": (
        "Heldere afspraken geven rust, aan beide kanten.",
        "Uitleggen wat we verwachten is niet streng, het is eerlijk.",
        "Ik ga vaker checken of mijn uitleg echt is overgekomen.",
    ),
    "partners": (
        "Ik sta er niet alleen voor: de keten helpt als ik hem benut.",
        "Sleutelpersonen kunnen een brug slaan die ik niet kan slaan.",
        "Eerder schakelen met ketenpartners scheelt weken.",
    ),
    "any": (
        "Dat eigen regie niet vanzelf komt, ook niet als ik er veel aandacht aan geef.",
        "Ik neem mee dat ik de balans tussen werk en hulp bewuster wil kiezen.",
        "Het herinnert me eraan waarom ik dit werk doe.",
        "Ik wil hier in het team verder over praten.",
        "Dat motivatie groeit als iemand zelf mag kiezen.",
        "Dat ik mijn eigen culturele bril vaker moet afzetten.",
        "Ik heb geleerd om kleine stappen ook als vooruitgang te zien.",
    ),
}


# --- composing a story ---------------------------------------------------------------------


def _slots(rng: random.Random, phase: str) -> tuple[dict[str, str], str]:
    """Values for the template slots, and a short description of the statushouder for titles."""
    who, ref, gender = rng.choice(WHO)
    country, adjective, language = rng.choice(ORIGIN)
    short = f"{who} uit {country}"
    intro = short
    if phase in ("intake", "plan") and rng.random() < 0.4:
        intro = f"{short} {rng.choice(WHO_EXTRA)}"
    hij, zijn, hem = ("hij", "zijn", "hem") if gender == "m" else ("ze", "haar", "haar")
    slots = {
        "who": intro,
        "ref": ref,
        "hij": hij,
        "zijn": zijn,
        "hem": hem,
        "land": country,
        "gemeenschap": adjective,
        "taal": language,
        "werkplek": rng.choice(WERKPLEK),
        "partner": rng.choice(PARTNER),
        "dag": rng.choice(DAG),
        "tijd": rng.choice(TIJD),
        "weken": rng.choice(WEKEN),
        "beroep": rng.choice(BEROEP),
    }
    for key in ("who", "ref", "hij", "zijn"):  # {Who}, {Ref}, ... start a sentence
        slots[key[0].upper() + key[1:]] = slots[key][0].upper() + slots[key][1:]
    return slots, short


def compose(
    rng: random.Random, *, phase: str, focus: str, mechanism: str, outcome: str, culture: bool
) -> tuple[str, str, str]:
    """Title, Markdown body and the "what does it mean to me" answer for one demo story, written
    from its scenario: the phase of the klantreis (``azc``, ``intake``, ``plan``, ``tailored``,
    ``monitoring``), the focus (``work``, ``integration``, ``social``), what worked (``bond``,
    ``agreements``, ``partners``), the outcome (``positive``, ``mixed``, ``negative``) and whether
    cultural differences played a part. Sentences within a story never repeat."""
    slots, short = _slots(rng, phase)

    def fill(templates: list[str]) -> str:
        return " ".join(t.format(**slots) for t in templates)

    opening = [rng.choice(OPENINGS[phase])]
    if rng.random() < 0.6:
        opening.append(rng.choice(BACKGROUND))
    paragraphs = [
        fill(opening),
        fill(rng.sample(FOCUS[focus], rng.randint(1, 3))),
        fill(
            rng.sample(MECHANISM[mechanism], rng.randint(1, 2))
            + ([rng.choice(CULTURE)] if culture and rng.random() < 0.8 else [])
        ),
        fill(
            rng.sample(OUTCOME[outcome], rng.choice((1, 1, 2)))
            + ([rng.choice(REFLECT)] if rng.random() < 0.5 else [])
        ),
    ]
    for i in range(len(paragraphs) - 1, 0, -1):  # short stories run paragraphs together
        if rng.random() < 0.35:
            paragraphs[i - 1] += " " + paragraphs.pop(i)
    if (mechanism == "agreements" and rng.random() < 0.6) or rng.random() < 0.06:
        items = [item.format(**slots) for item in rng.sample(AFSPRAKEN, rng.randint(2, 4))]
        at = rng.randint(1, len(paragraphs))
        paragraphs.insert(at, "We spraken af:\n\n" + "\n".join(f"- {item}" for item in items))
    if rng.random() < 0.25:
        quote = rng.choice(QUOTES)
        paragraphs.insert(
            rng.randint(1, len(paragraphs)), f'{slots["Ref"]} zei het zo:\n\n> "{quote}"'
        )
    if rng.random() < 0.2 and "\n" not in paragraphs[-1]:  # an afterthought in italics
        paragraphs[-1] = f"*{paragraphs[-1]}*"

    title = rng.choice(TITLES[phase] + TITLES[focus] + TITLES[mechanism])
    if rng.random() < 0.3:
        title += rng.choice(TITLE_SUFFIX).replace("{who}", short)
    lessons = rng.sample(LESSONS[mechanism] + LESSONS["any"], rng.choice((1, 1, 2)))
    return title.format(**slots), "\n\n".join(paragraphs), " ".join(lessons).format(**slots)
