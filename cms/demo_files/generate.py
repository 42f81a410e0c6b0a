"""Make the demo library's files: two small PDFs and two short Danish podcast episodes.

Run once by a developer (the outputs are committed next to this script):

    apt-get install -y espeak-ng lame     # speech synthesis and MP3 encoding
    .venv/bin/python cms/demo_files/generate.py

The PDFs are written by hand (a minimal valid PDF 1.4 with one Helvetica text page each);
the audio is espeak-ng's Danish voice encoded as 24 kbit/s mono MP3. The texts are our own
summaries of the seed documents.
"""

from __future__ import annotations

import subprocess
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent

PDFS = {
    "sus-relationel-velfaerd-status.pdf": (
        "Relationel Velfærd - en status på implementering",
        [
            "Resumé udarbejdet til masterclassens bibliotek (egne ord).",
            "",
            "Socialt Udviklingscenter (SUS) har fulgt Aarhus Kommunes omstilling til Relationel",
            "Velfærd på 0-15-års-området i Børn, Familier og Fællesskaber. Rapporten fra september",
            "2025 gør status cirka 2,5 år efter, at de første to distrikter begyndte i februar 2023.",
            "",
            "Udrulning: 2 distrikter i februar 2023, 11 i august 2023, 22 i 2024 og de sidste 12 i",
            "februar 2025 - i alt 47 teams. Datagrundlaget er kvalitative interviews med forældre,",
            "medarbejdere og ledere, heriblandt 29 forældreinterviews.",
            "",
            "Hovedpointer:",
            "- Forældre og medarbejdere oplever arbejdet som meningsfuldt og relationerne som",
            "  mere ligeværdige.",
            "- Tillid kræver tid, tilgængelighed og kontinuitet.",
            "- Beslutningskraft tæt på familien virker, men kalder på klarere fælles rammer.",
            "- Tidlig opsporing kan styrkes, især når mistrivsel først viser sig i hjemmet.",
            "- Tværfaglige teams lykkes bedst med tydelige roller og en faciliterende ledelse.",
            "- Arbejdspres og forskellig praksis mellem teams udfordrer forankringen.",
            "",
            "Rapporten er et læringsredskab, ikke en afsluttende evaluering.",
        ],
    ),
    "ntnu-relasjonell-velferd-slides.pdf": (
        "Relasjonell velferd og mattering (Ness & Heimburg)",
        [
            "Noter til NTNU-præsentationen, skrevet til masterclassens bibliotek (egne ord).",
            "",
            "Baggrund: udenforskab, voksende sociale forskelle og et velfærdssamfund under pres",
            "kalder på en anden måde at organisere velfærd på.",
            "",
            "Relationel velfærd (Ness & Heimburg, 2020): en menneskecentreret, samarbejds- og",
            "deltagelsesbaseret tilgang, hvor velfærd er noget, mennesker skaber sammen.",
            "",
            "Mattering: at føle sig værdsat og at bidrage med værdi - 'being valued and adding",
            "value' (Prilleltensky, 2020). Tre niveauer: samfund (makro), organisation (meso) og",
            "praksis (mikro).",
            "",
            "Ledelse i mellemrummene: tillid, dialog og samarbejde på tværs af fag og sektorer,",
            "og modet til at gøre tingene anderledes. Eksempel: The Wigan Deal.",
            "",
            "Læs mere: https://www.ntnu.no/ipl/relasjonell-velferd",
        ],
    ),
}

EPISODES = {
    "podcast-01-mattering.mp3": (
        "Velkommen til masterclassens podcast. I dag taler vi om mattering: "
        "at føle sig værdsat og at bidrage med værdi."
    ),
    "podcast-02-vidensmobilisering.mp3": (
        "I denne episode handler det om vidensmobilisering, "
        "og om hvordan forskning og praksis kan spille sammen i jobcentret."
    ),
}


def _pdf_escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def minimal_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with a title and body lines in Helvetica (WinAnsi covers æ, ø, å)."""
    content = [b"BT /F2 16 Tf 56 780 Td (" + _pdf_escape(title) + b") Tj ET"]
    y = 750
    for line in lines:
        for part in textwrap.wrap(line, 95) or [""]:
            content.append(b"BT /F1 10 Tf 56 %d Td (" % y + _pdf_escape(part) + b") Tj ET")
            y -= 15
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _pdf_escape(title) + b") /Producer (Masterclass demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref
    )
    return bytes(out)


def speech_mp3(text: str, target: Path) -> None:
    """Danish speech (espeak-ng) encoded as a small mono MP3 (lame, 24 kbit/s)."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        # Fixed tools and our own texts: no untrusted input reaches these commands.
        subprocess.run(["espeak-ng", "-v", "da", "-s", "150", "-w", str(wav), text], check=True)  # noqa: S603, S607
        subprocess.run(  # noqa: S603
            ["lame", "--quiet", "-m", "m", "-b", "24", "--resample", "22.05", str(wav), str(target)],  # noqa: S607
            check=True,
        )


def main() -> None:
    for name, (title, lines) in PDFS.items():
        (HERE / name).write_bytes(minimal_pdf(title, lines))
    for name, text in EPISODES.items():
        speech_mp3(text, HERE / name)
    for path in sorted(HERE.iterdir()):
        if path.suffix in {".pdf", ".mp3"}:
            print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
