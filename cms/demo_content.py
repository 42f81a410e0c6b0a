"""The demo site's texts (Danish, our own words; facts from the seed documents in shared/seeds).

Keyed by cohort slug as ``members.demo.cohorts`` creates them (both seed runs moved to 2027 there;
the RV Lab program keeps its seed days, 12-13 August, in 2027).
"""

from __future__ import annotations

from datetime import date

VAEKSTHUSET_SLUG = "beskaeftigelsesfaglig-masterclass-2027"
RVLAB_SLUG = "masterclass-i-relationel-velfaerd-2027"

SUS_PDF = ("Relationel Velfærd - en status på implementering (resumé)", "sus-relationel-velfaerd-status.pdf")
NTNU_PDF = ("Relasjonell velferd og mattering (noter til slides)", "ntnu-relasjonell-velferd-slides.pdf")
EPISODE_1 = ("Podcast 1: Mattering", "podcast-01-mattering.mp3")
EPISODE_2 = ("Podcast 2: Vidensmobilisering", "podcast-02-vidensmobilisering.mp3")

NEWS = [
    {
        "slug": "tilmelding-relationel-velfaerd",
        "title": "Tilmeldingen til Masterclass i Relationel Velfærd er åben",
        "date": date(2026, 11, 2),
        "lead": "To dage i Aarhus i august 2027 med tre pionerer inden for relationel velfærd. Holdet er "
                "bevidst lille, så der er tid til dialog.",
        "body": "<p>Masterclassen finder sted hos RV Lab i Aarhus den 12. og 13. august 2027. Dag 1 handler "
                "om systemskifte og mattering, dag 2 om at starte med borgeren og bevæge sig udad. Der er "
                "frivillig fællesspisning om aftenen på dag 1.</p>",
    },
    {
        "slug": "ny-vidensplatform",
        "title": "Ny vidensplatform følger hver session",
        "date": date(2026, 10, 20),
        "lead": "Deltagerne får adgang til et bibliotek med litteratur, podcasts og artikler, der er valgt "
                "til hver session, og kan stille spørgsmål til eksperterne mellem møderne.",
        "body": "<p>Biblioteket er kun for holdets deltagere. Er du forhindret i en session, kan du sende en "
                "kollega fra din organisation, som så får adgang til materialet til den session.</p>",
    },
]

COHORT_CONTENT: dict[str, dict] = {
    RVLAB_SLUG: {
        "intro": "<p>Velfærdssamfundet står i et krydspres mellem stigende behov, større forventninger og færre "
                 "hænder. Masterclassen undersøger relationel velfærd som en ny retning: at tage udgangspunkt "
                 "i borgerens liv og i oplevelsen af at betyde noget for andre.</p>",
        "for_whom": "<p>Ledere og nøglepersoner i kommuner og regioner, der vil omstille velfærdsarbejdet. "
                    "Antallet af pladser er bevidst begrænset.</p>",
        "venue_details": "RV Lab, Vestergade 43, 8000 Aarhus C",
        "catering": "Frokost og kaffe begge dage. Frivillig fællesspisning kl. 18.30 på dag 1.",
        "experts": ["jacob.storch@rvlab.example", "ottar.ness@ntnu.example", "niels.hojberg@rvlab.example"],
        "program": [
            {
                "date": "2027-08-12",
                "heading": "Systemskifte og mattering som fundament",
                "items": [
                    ("09:30", "10:00", "Velkomst & check-in",
                     "Introduktion til dagene og deltagernes perspektiver."),
                    ("10:00", "12:00", "Fra systemperspektiv til relationel tænkning",
                     "Reformdiskurser og spændingen mellem stolthed over velfærdsmodellen og dem, vi ikke når."),
                    ("12:00", "13:00", "Frokostpause", ""),
                    ("13:00", "15:00", "Mattering som tankeperspektiv",
                     "Oplevelsen af at være betydningsfuld som kompas for organisering og ledelse."),
                    ("15:15", "17:00", "Perspektivering og organisatoriske implikationer",
                     "Hvilke antagelser skal vi give slip på?"),
                    ("18:30", "", "Frivillig fællesspisning", ""),
                ],
            },
            {
                "date": "2027-08-13",
                "heading": "At starte med borgeren og bevæge sig udad",
                "items": [
                    ("08:30", "09:00", "Kaffe og fælles check-in", "Opsamling fra dag 1."),
                    ("09:00", "12:00", "At tage udgangspunkt i borgerens liv",
                     "Fra individet og udad: relationer, fællesskaber og civilsamfundets rolle."),
                    ("12:00", "12:45", "Frokostpause", ""),
                    ("12:45", "15:00", "Reorganisering i praksis",
                     "Hvad betyder det for organisering, ledelse og samarbejde?"),
                    ("15:00", "", "Tak for denne gang", "Opsamling og afsked."),
                ],
            },
        ],
        "library_intro": "<p>Læs og lyt før og mellem de to dage.</p>",
        "materials": [
            {
                "kind": "literature",
                "slug": "sus-relationel-velfaerd-status",
                "title": "Relationel Velfærd – en status på implementering",
                "teaser": "Socialt Udviklingscenters erfaringsopsamling fra Aarhus Kommunes omstilling til "
                          "relationel velfærd på 0-15-års-området.",
                "authors": "SUS – Socialt Udviklingscenter",
                "year": 2025,
                "publisher": "Aarhus Kommune, Børn, Familier og Fællesskaber",
                "summary": "<p>Rapporten gør status cirka 2,5 år inde i implementeringen, som begyndte i to "
                           "distrikter i februar 2023 og omfattede alle distrikter og 47 teams fra februar 2025. "
                           "Forældre og medarbejdere beskriver mere ligeværdige relationer og hurtigere hjælp, "
                           "men også lange veje gennem systemet for familier med komplekse problemer.</p>",
                "reading_guidance": "<p>Læs de centrale læringspunkter og overvej: hvor i jeres organisation "
                                    "ligger beslutningskraften tættest på borgeren?</p>",
                "pdf": SUS_PDF,
                "sessions": [1],
                "tags": ["relationel velfærd", "implementering"],
                "experts": ["niels.hojberg@rvlab.example"],
            },
            {
                "kind": "literature",
                "slug": "ntnu-relasjonell-velferd",
                "title": "Relasjonell velferd – slides fra NTNU",
                "teaser": "Ness og Heimburgs præsentation af relationel velfærd, mattering og ledelse i "
                          "mellemrummene.",
                "authors": "Ottar Ness og Dina von Heimburg",
                "year": 2021,
                "publisher": "NTNU, Institutt for psykisk helse",
                "link": "https://www.ntnu.no/ipl/relasjonell-velferd",
                "summary": "<p>Slides om hvorfor velfærdssamfundet må organiseres anderledes, om mattering "
                           "(at føle sig værdsat og bidrage med værdi) på samfunds-, organisations- og "
                           "praksisniveau, og om ledelse i kompleksitet med The Wigan Deal som eksempel.</p>",
                "reading_guidance": "<p>Læg mærke til de tre niveauer (makro, meso, mikro) – vi bruger dem på "
                                    "dag 1 om eftermiddagen.</p>",
                "pdf": NTNU_PDF,
                "sessions": [1],
                "tags": ["mattering", "ledelse"],
                "experts": ["ottar.ness@ntnu.example"],
            },
            {
                "kind": "podcast",
                "slug": "podcast-mattering",
                "title": "Mattering – at betyde noget for andre",
                "teaser": "En kort introduktion til mattering før masterclassens første dag.",
                "episode_number": 1,
                "duration_seconds": 8,
                "guests": "Ottar Ness",
                "audio": EPISODE_1,
                "show_notes": "<p>Mattering: at føle sig værdsat og at bidrage med værdi.</p>",
                "transcript": "Velkommen til masterclassens podcast. I dag taler vi om mattering: at føle sig "
                              "værdsat og at bidrage med værdi.",
                "sessions": [1],
                "tags": ["mattering"],
                "experts": ["ottar.ness@ntnu.example"],
            },
            {
                "kind": "article",
                "slug": "at-starte-med-borgeren",
                "title": "At starte med borgeren",
                "teaser": "Hvad betyder det for organisering og ledelse, når man tager udgangspunkt i borgerens "
                          "liv frem for i systemets ydelser?",
                "author": "Redaktionen",
                "body": [
                    ("heading", {"text": "Fra ydelse til relation", "level": "h2"}),
                    ("paragraph", {"text": "<p>Relationel velfærd flytter blikket fra den enkelte ydelse til "
                                           "borgerens relationer, fællesskaber og lokalsamfund.</p>"}),
                    ("callout", {"kind": "reflection", "title": "Før dag 2",
                                 "text": "Hvilken beslutning kunne jeres medarbejdere træffe tættere på borgeren?"}),
                ],
                "sessions": [2],
                "tags": ["relationel velfærd"],
            },
        ],
    },
    VAEKSTHUSET_SLUG: {
        "intro": "<p>Beskæftigelsesfeltet er præget af modsatrettede kræfter: helhedssyn og silotænkning, "
                 "frihedsgrader og procesregulering. I fire sessioner mødes forskning og praksis om "
                 "beskæftigelsesfaglighed og ledelse på strategisk niveau.</p>",
        "for_whom": "<p>Chefer og ledere i beskæftigelsesfaglige organisationer. Kun 15 pladser, tildelt efter "
                    "først til mølle.</p>",
        "venue_details": "Væksthuset, København. Kan en session ikke holdes fysisk, holdes den online.",
        "catering": "Kaffe og croissant, frokost og drikkevarer.",
        "experts": ["dorte.caswell@aau.example", "charlotte.liebak@vaeksthuset.example",
                    "flemming.larsen@aau.example", "leif.kongsgaard@vaeksthuset.example"],
        "program": [],
        "library_intro": "<p>Hver session suppleres med litteratur, podcasts og artikler.</p>",
        "materials": [
            {
                "kind": "podcast",
                "slug": "podcast-vidensmobilisering",
                "title": "Vidensmobilisering i jobcentret",
                "teaser": "Hvordan forskning og praksis kan spille sammen – en optakt til første session.",
                "episode_number": 2,
                "duration_seconds": 8,
                "guests": "Dorte Caswell",
                "audio": EPISODE_2,
                "show_notes": "<p>Vidensmobilisering som alternativ til vidensoverførsel.</p>",
                "transcript": "I denne episode handler det om vidensmobilisering, og om hvordan forskning og "
                              "praksis kan spille sammen i jobcentret.",
                "sessions": [1],
                "tags": ["vidensmobilisering"],
                "experts": ["dorte.caswell@aau.example"],
            },
            {
                "kind": "article",
                "slug": "bip-hvad-virker",
                "title": "Hvad BIP lærer os om vejen til job",
                "teaser": "Beskæftigelses Indikator Projektet fulgte ca. 4.000 aktivitetsparate "
                          "kontanthjælpsmodtagere gennem fire år.",
                "author": "Redaktionen",
                "body": [
                    ("paragraph", {"text": "<p>Med mere end 27.000 progressionsmålinger er BIP det mest "
                                           "omfattende studie af sin art. Resultaterne peger på organisationer "
                                           "med fokus på mening, sammenhæng og fremdrift – og på færre "
                                           "sagsbehandlerskift.</p>"}),
                    ("quote", {"quote": "Vi skal væk fra standardforløb og hen imod det, der giver mening for "
                                        "den enkelte.", "source": "Opsummering fra session 2"}),
                ],
                "sessions": [2],
                "tags": ["BIP", "progression"],
                "experts": ["charlotte.liebak@vaeksthuset.example"],
            },
            {
                "kind": "literature",
                "slug": "sus-relationel-velfaerd-status",
                "title": "Relationel Velfærd – en status på implementering",
                "teaser": "Et eksempel fra Aarhus på en omstilling i stor skala – til session 3 om "
                          "borgerinddragelse.",
                "authors": "SUS – Socialt Udviklingscenter",
                "year": 2025,
                "publisher": "Aarhus Kommune",
                "summary": "<p>Erfaringsopsamling fra 2,5 års implementering; se især afsnittet om tværfaglige "
                           "teams og ledelse tæt på praksis.</p>",
                "pdf": SUS_PDF,
                "sessions": [3],
                "tags": ["samskabelse"],
                "experts": ["flemming.larsen@aau.example"],
            },
        ],
    },
}
